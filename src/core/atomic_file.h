// Reports are written to a temporary file beside the target and renamed over it, so
// a failed or interrupted run never leaves a half-written report.
#pragma once

#include <string>
#include <string_view>

namespace faaslint {

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

// The same for a source file that exists: keeps its permission bits, and writes the file
// a symlink points at instead of replacing the link.
bool ReplaceFileAtomically(const std::string& path, std::string_view content, std::string* error);

}  // namespace faaslint
