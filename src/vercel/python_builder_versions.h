// The published versions of Vercel's Python builder, for a `builds[].use` or a
// function `runtime` that pins one: npm refuses a version that was never published, and
// the deployment fails at its build step ("No matching version found for
// @vercel/python@4.1.2").
#pragma once

#include <string_view>

namespace faaslint::vercel {

enum class BuilderVersion { kPublished, kNeverPublished, kUnknown };

// `version`: what follows `@vercel/python@`. An exact version (1.2.3), or a partial one
// (3, 3.9: no operator), which npm reads as the range 3.x or 3.9.x and which is
// kNeverPublished when no published release is in that range. A tag, any other range,
// or a version newer than the newest this table knows is kUnknown, never an error: the
// vercel CLI installs no builder for a tag (importBuilders, packages/cli
// src/util/build/import-builders.ts: "TODO: handle parsed.type === 'tag'") but uses
// the one it bundles.
BuilderVersion PythonBuilderVersion(std::string_view version);

// Whether `version` is partial (3, 3.9): npm's range 3.x or 3.9.x, not one version.
bool IsPartialVersion(std::string_view version);

// Whether `version` reads as a Python version rather than the builder's: 3.2 to 3.99,
// partial or exact (the builder's own 3.x releases are all 3.0.x and 3.1.x).
bool LooksLikePythonVersion(std::string_view version);

// Where Vercel takes the Python version from, for a Python version written as the
// builder's (vercel.com/docs/functions/runtimes/python: "The Python runtime will respect
// the Python version requirements of any pyproject.toml, .python-version or Pipfile.lock
// at the root of your project").
inline constexpr std::string_view kPythonVersionSource =
    "the Python version comes from `.python-version` or pyproject.toml's `requires-python`";

// Whether the builder `version` installs (exact, or the newest release of a partial
// one) is older than 6.28.0. Before 6.28.0 the runtime served a module's `handler` (else
// `Handler`) whenever it had one and only then its `app`; 6.28.0 serves the name the
// build found (@vercel/python CHANGELOG 6.28.0, vercel/vercel#15635: "Simplify python
// runtime by always passing in app variable").
bool PythonBuilderServesHandlerBeforeApp(std::string_view version);

// The newest version this table knows, for the help text.
std::string_view NewestPythonBuilderVersion();

}  // namespace faaslint::vercel
