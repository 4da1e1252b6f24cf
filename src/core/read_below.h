// Reading a file of the checked tree without leaving it. Both the git work tree and a
// plain folder are read this way, so a pull request's symbolic link to /etc/passwd, a
// FIFO named app.py or an unreadable file gives the same clear error in either.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace faaslint {

// Reads at most `max_bytes` of `relative` below `root` without following a symbolic
// link at any path component, so a link in the tree (to /etc/passwd, or a folder
// outside the repository) is never read through. Paths with "." or ".." are refused;
// so is anything but a regular file (a FIFO would block, a device never end). On
// failure `error` is the cause ("Permission denied", "is a symbolic link").
bool ReadFileBelow(const std::string& root, std::string_view relative, size_t max_bytes, std::string* content,
                   std::string* error);

}  // namespace faaslint
