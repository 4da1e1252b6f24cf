// Reports are written to a temporary file beside the target and renamed over it, so
// a failed or interrupted run never leaves a half-written report.
#pragma once

#include <string>
#include <string_view>

namespace faaslint {

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

}  // namespace faaslint
