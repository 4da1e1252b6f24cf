#include "core/read_below.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>
#include <vector>

#include "core/file_descriptor.h"

namespace faaslint {
namespace {

// Splits a root-relative path into its components; false for anything that could
// leave the root or is not a plain relative path.
bool SplitRelative(std::string_view relative, std::vector<std::string>* parts) {
  if (relative.empty() || relative.front() == '/') return false;
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = relative.find('/', start);
    if (slash == std::string_view::npos) slash = relative.size();
    std::string_view part = relative.substr(start, slash - start);
    if (part.empty() || part == "." || part == "..") return false;
    parts->emplace_back(part);
    start = slash + 1;
  }
  return true;
}

}  // namespace

bool ReadFileBelow(const std::string& root, std::string_view relative, size_t max_bytes,
                   std::string* content, std::string* error) {
  std::vector<std::string> parts;
  if (!SplitRelative(relative, &parts)) {
    *error = "not a relative path inside the project";
    return false;
  }
  FileDescriptor dir(open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (dir.get() < 0) {
    *error = root + ": " + std::strerror(errno);
    return false;
  }
  // Walk down one component at a time with O_NOFOLLOW: the kernel refuses a symbolic
  // link at every step instead of only at the last one.
  std::vector<std::unique_ptr<FileDescriptor>> held;
  int parent = dir.get();
  for (size_t i = 0; i + 1 < parts.size(); ++i) {
    int fd = openat(parent, parts[i].c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) {
      *error = errno == ELOOP || errno == ENOTDIR ? "a folder on the path is a symbolic link or not a folder"
                                                  : std::strerror(errno);
      return false;
    }
    held.push_back(std::make_unique<FileDescriptor>(fd));
    parent = fd;
  }
  FileDescriptor file(openat(parent, parts.back().c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK));
  if (file.get() < 0) {
    *error = errno == ELOOP ? "is a symbolic link" : std::strerror(errno);
    return false;
  }
  struct stat info;
  if (fstat(file.get(), &info) != 0 || !S_ISREG(info.st_mode)) {
    *error = "not a regular file";  // FIFOs and devices would block or never end
    return false;
  }
  content->clear();
  content->reserve(std::min(static_cast<size_t>(info.st_size), max_bytes));
  char buffer[65536];
  while (content->size() < max_bytes) {
    ssize_t n = read(file.get(), buffer, std::min(sizeof buffer, max_bytes - content->size()));
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    content->append(buffer, static_cast<size_t>(n));
  }
  return true;
}

}  // namespace faaslint
