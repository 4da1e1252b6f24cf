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

// What an import is installed by, named: the longest package of the module that the
// table of import names knows ("google.oauth2" for google.oauth2.service_account, whose
// namespace `google` many distributions share), else its top-level name ("yaml").
std::string ImportedDistributionName(std::string_view module);

// The normalised distribution names that provide `name` (ImportedDistributionName); by
// default the top-level name normalised ("flask_cors" -> "flask-cors"), plus the known
// cases where they differ ("yaml" -> "pyyaml", "PIL" -> "pillow", "google.oauth2" ->
// "google-auth"). The first is the one to suggest.
std::vector<std::string> PackagesProviding(std::string_view name);

// Whether the table of import names knows `name` (ImportedDistributionName), so that
// PackagesProviding is a fact rather than the import's own name.
bool KnowsImportName(std::string_view name);

// For an import the table does not know: whether declared package `package` may well
// provide it though its name differs, because it contains the import's name, separators
// and case aside (`linebot` in line-bot-sdk, `socks` in PySocks, `whois` in python-whois,
// `azure` in azure-storage-blob, `apscheduler` in Flask-APScheduler, which installs it).
// Names under 4 letters never match. A guess that errs toward silence: a missing
// requirement is an error, and naming a declared package as missing is the worst one.
bool MayProvide(std::string_view package, std::string_view name);

// The distribution to tell the user to add, as PyPI spells it ("PyYAML" for yaml).
std::string SuggestedPackage(std::string_view name);

// Normalised names of the packages that `package` (normalised) installs as its own
// direct dependencies, for the common frameworks and clients: importing them is fine
// when `package` is declared. Follow the result again for what those install.
std::span<const std::string_view> InstalledWith(std::string_view package);

// Normalised names of the packages that extra `extra` of `package` (both normalised)
// installs besides `package`: the table's for popular extras (fastapi[standard] installs
// uvicorn), and the extra's own name, since extras are usually named after what they
// install (promplate[openai], celery[redis]). Follow InstalledWith for what those install.
std::vector<std::string> InstalledWithExtra(std::string_view package, std::string_view extra);

}  // namespace faaslint::project
