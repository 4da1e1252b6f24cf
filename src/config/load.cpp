#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "config/tree.h"
#include "core/file_descriptor.h"
#include "core/message_text.h"
#include "core/utf8.h"

namespace faaslint::config {
namespace {

// A config is a few dozen lines; anything this large is not one, and is not worth
// parsing.
constexpr off_t kMaxConfigBytes = 1 << 20;

bool ReadConfigFile(const std::string& path, std::string* content, std::string* error) {
  // O_NONBLOCK: opening a FIFO named .faaslint.yaml must not wait for a writer.
  FileDescriptor file(open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY));
  if (file.get() < 0) {
    *error = path + ": cannot open: " + std::strerror(errno);
    return false;
  }
  struct stat info;
  if (fstat(file.get(), &info) != 0) {
    *error = path + ": cannot read: " + std::strerror(errno);
    return false;
  }
  if (S_ISDIR(info.st_mode)) {
    *error = path + ": is a directory, not a config file";
    return false;
  }
  if (!S_ISREG(info.st_mode)) {
    *error = path + ": is not a regular file";
    return false;
  }
  if (info.st_size > kMaxConfigBytes) {
    *error = path + ": is larger than 1 MiB, too large for a config file";
    return false;
  }
  content->clear();
  char buffer[16384];
  for (;;) {
    ssize_t n = read(file.get(), buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      *error = path + ": cannot read: " + std::strerror(errno);
      return false;
    }
    if (n == 0) break;
    content->append(buffer, static_cast<size_t>(n));
    if (content->size() > static_cast<size_t>(kMaxConfigBytes)) {  // it grew while we read
      *error = path + ": is larger than 1 MiB, too large for a config file";
      return false;
    }
  }
  return true;
}

std::string Format(const std::string& path, const Problem& problem) {
  return path + ":" + std::to_string(problem.position.line) + ":" +
         std::to_string(problem.position.column) + ": " + problem.message;
}

bool LoadChecked(const std::string& path, const rules::Registry& registry, Config* out,
                 std::string* error) {
  std::string text;
  if (!ReadConfigFile(path, &text, error)) return false;
  if (std::optional<Position> bad = FindInvalidUtf8(text)) {
    *error = Format(path, Problem{*bad, "invalid UTF-8 (a config file must be UTF-8 text)"});
    return false;
  }
  Value root;
  Problem problem;
  const std::string name = std::filesystem::path(path).filename().string();
  if (name == "pyproject.toml") {
    bool found = false;
    if (!ParsePyproject(text, &root, &found, &problem)) {
      *error = Format(path, problem);
      return false;
    }
    if (!found) {
      *error = path + ": has no [tool.faaslint] table";
      return false;
    }
  } else if (std::filesystem::path(path).extension() == ".toml") {
    *error = path + ": a TOML config must be pyproject.toml with a [tool.faaslint] table";
    return false;
  } else if (!ParseYaml(text, &root, &problem)) {
    *error = Format(path, problem);
    return false;
  }
  Config config;
  config.source = path;
  if (!Interpret(root, registry, &config, &problem)) {
    *error = Format(path, problem);
    return false;
  }
  *out = std::move(config);
  return true;
}

}  // namespace

bool Load(const std::string& path, const rules::Registry& registry, Config* out, std::string* error) {
  if (LoadChecked(path, registry, out, error)) return true;
  // A path (or a parser's message) may hold a newline; the error stays one line.
  *error = EscapeControlCharacters(*error);
  return false;
}

}  // namespace faaslint::config
