#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace faaslint {
namespace {

// All of `content` to `fd`, through short writes and interruptions; false with errno set.
bool WriteAll(int fd, std::string_view content) {
  size_t written = 0;
  while (written < content.size()) {
    ssize_t n = write(fd, content.data() + written, content.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    written += static_cast<size_t>(n);
  }
  return true;
}

bool WriteWithMode(const std::string& path, std::string_view content, mode_t mode, std::string* error) {
  namespace fs = std::filesystem;
  fs::path target(path);
  fs::path dir = target.parent_path().empty() ? fs::path(".") : target.parent_path();
  std::string temp = (dir / ("." + target.filename().string() + ".faaslint-XXXXXX")).string();
  int fd = mkstemp(temp.data());
  if (fd < 0) {
    *error = path + ": cannot create a temporary file: " + std::strerror(errno);
    return false;
  }
  auto fail = [&](const char* what) {
    *error = path + ": " + what + ": " + std::strerror(errno);
    close(fd);
    unlink(temp.c_str());
    return false;
  };
  if (!WriteAll(fd, content)) return fail("write failed");
  // mkstemp creates 0600.
  if (fchmod(fd, mode) != 0) return fail("chmod failed");
  if (fsync(fd) != 0) return fail("fsync failed");
  if (close(fd) != 0) {
    unlink(temp.c_str());
    *error = path + ": close failed: " + std::strerror(errno);
    return false;
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    *error = path + ": cannot replace: " + std::strerror(errno);
    unlink(temp.c_str());
    return false;
  }
  return true;
}

// A device, a pipe or a socket has no content to replace: it is written into, as a
// shell redirect would. Renaming a temporary file over it would put a regular file in
// its place: `--format sarif:/dev/null`, run as root, replaced the system's /dev/null
// with a regular file (before this existed; seen with a device node made for a test).
bool WriteInto(const std::string& path, std::string_view content, std::string* error) {
  int fd = open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  if (!WriteAll(fd, content)) {
    *error = path + ": write failed: " + std::strerror(errno);
    close(fd);
    return false;
  }
  if (close(fd) != 0) {
    *error = path + ": close failed: " + std::strerror(errno);
    return false;
  }
  return true;
}

// /dev/stdout, /dev/fd/3, /proc/self/fd/1: names of an open descriptor, whatever it
// points at (a regular file too, when the shell redirected it).
bool NamesADescriptorOrDevice(const std::string& path) {
  return path.starts_with("/dev/") || path.starts_with("/proc/");
}

}  // namespace

bool WriteFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  struct stat info {};
  if (stat(path.c_str(), &info) != 0) {
    return WriteWithMode(path, content, 0644, error);  // a new report is an ordinary file
  }
  if (S_ISDIR(info.st_mode)) {
    *error = path + ": is a directory";
    return false;
  }
  if (!S_ISREG(info.st_mode) || NamesADescriptorOrDevice(path)) return WriteInto(path, content, error);
  return ReplaceFileAtomically(path, content, error);  // through a symlink, keeping the mode
}

bool ReplaceFileAtomically(const std::string& path, std::string_view content, std::string* error) {
  std::error_code ec;
  // A symlink stays a symlink: the file it points at is replaced.
  std::string target = std::filesystem::canonical(path, ec).string();
  struct stat info {};
  if (ec || stat(target.c_str(), &info) != 0) {
    *error = path + ": cannot read its permissions: " + (ec ? ec.message() : std::strerror(errno));
    return false;
  }
  return WriteWithMode(target, content, info.st_mode & 07777, error);
}

}  // namespace faaslint
