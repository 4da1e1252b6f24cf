// Whether a runtime tag is a version, as @vercel/fs-detectors checks a function's
// `runtime` (`name@1.2.3`): node-semver's `valid()` in strict mode — MAJOR.MINOR.PATCH
// without leading zeros, optional -prerelease and +build, optional leading `v`/`=`.
#pragma once

#include <string_view>

namespace faaslint::vercel {

bool IsSemver(std::string_view tag);

}  // namespace faaslint::vercel
