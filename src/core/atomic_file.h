// Reports are written to a temporary file beside the target and renamed over it, so
// a failed or interrupted run never leaves a half-written report.
#pragma once

#include <string>
#include <string_view>

namespace faaslint {

// An existing regular file is replaced the same way (ReplaceFileAtomically); a device,
// a pipe or a socket (/dev/null, /dev/stdout, a FIFO) is written into, like a shell
// redirect, since renaming over it would replace the device itself.
bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error);

// The same for a source file that exists: keeps its permission bits, and writes the file
// a symlink points at instead of replacing the link.
bool ReplaceFileAtomically(const std::string& path, std::string_view content, std::string* error);

}  // namespace faaslint
