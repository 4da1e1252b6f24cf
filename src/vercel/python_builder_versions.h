// The published versions of Vercel's Python builder, for a `builds[].use` or a
// function `runtime` that pins one: npm refuses a version that was never published, and
// the deployment fails at its build step ("No matching version found for
// @vercel/python@4.1.2").
#pragma once

#include <string_view>

namespace faaslint::vercel {

enum class BuilderVersion { kPublished, kNeverPublished, kUnknown };

// `version`: what follows `@vercel/python@`. Exact versions (1.2.3) only: a range, a tag
// or a version newer than the newest this table knows is kUnknown, never an error.
BuilderVersion PythonBuilderVersion(std::string_view version);

// The newest version this table knows, for the help text.
std::string_view NewestPythonBuilderVersion();

}  // namespace faaslint::vercel
