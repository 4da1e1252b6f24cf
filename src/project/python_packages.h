// What the import statements of function code need installed: the standard library,
// which distribution provides an import name (yaml -> PyYAML), what a declared package
// brings along (Flask -> Werkzeug), and PEP 503 name normalisation.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::project {

// `top_level_module` is the first component of an import ("os" for `import os.path`).
bool IsStandardLibrary(std::string_view top_level_module);

// PEP 503: lower case, every run of `-`, `_`, `.` becomes one `-` ("Flask_Cors" -> "flask-cors").
std::string NormalizePackageName(std::string_view name);

// The normalised distribution names that provide `top_level_module`; by default the
// module's own normalised name ("flask_cors" -> "flask-cors"), plus the known cases
// where they differ ("yaml" -> "pyyaml", "PIL" -> "pillow"). The first is the one to
// suggest.
std::vector<std::string> PackagesProviding(std::string_view top_level_module);

// The distribution to tell the user to add, as PyPI spells it ("PyYAML" for yaml).
std::string SuggestedPackage(std::string_view top_level_module);

// Normalised names of the packages that `package` (normalised) installs as its own
// dependencies, for the common frameworks and clients: importing them is fine when
// `package` is declared.
std::span<const std::string_view> InstalledWith(std::string_view package);

}  // namespace faaslint::project
