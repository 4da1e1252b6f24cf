#include "cli/pre_commit_mode.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace faaslint::cli {
namespace {

namespace fs = std::filesystem;

std::string Env(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? value : "";
}

}  // namespace

void StartPreCommitMode(git::DiffMode* mode, std::string* base_ref) {
  const std::string from = Env("PRE_COMMIT_FROM_REF"), to = Env("PRE_COMMIT_TO_REF");
  if (!from.empty() && !to.empty()) {
    *mode = git::DiffMode::kBase;
    *base_ref = from;
    return;
  }
  *mode = git::DiffMode::kStaged;
}

bool NamesUnstagedFile(const std::vector<std::string>& paths, const ChangeSet& staged) {
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& path) {
    // A staged file: what `git commit` passes (on a commit every name stops here, with
    // no file system call).
    if (staged.touched.count(path) != 0) return false;
    // Untracked, or tracked with nothing staged; but a folder from the hook's `args` is
    // not a file name pre-commit chose.
    std::error_code ec;
    return !path.empty() && !fs::is_directory(fs::path(staged.snapshot->root()) / path, ec);
  });
}

}  // namespace faaslint::cli
