#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "core/change_set.h"
#include "core/read_below.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;

// Folders that are never project source: VCS data, virtualenvs, dependency caches.
bool IsSkippedFolder(const std::string& name) {
  static constexpr std::string_view kSkipped[] = {
      ".git", ".hg", ".svn", ".venv", "venv", "node_modules", "__pycache__",
      ".mypy_cache", ".pytest_cache", ".ruff_cache", ".tox", ".vercel", ".nox"};
  return std::find(std::begin(kSkipped), std::end(kSkipped), name) != std::end(kSkipped);
}

class FolderSnapshot final : public Snapshot {
 public:
  FolderSnapshot(std::string root, std::vector<std::string> files)
      : root_(std::move(root)), files_(std::move(files)) {}
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return files_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    return ReadFileBelow(root_, path, static_cast<size_t>(-1), content, error);
  }

 private:
  std::string root_;
  std::vector<std::string> files_;
};

}  // namespace

std::unique_ptr<Snapshot> MakeFolderSnapshot(const std::string& root, std::string* error) {
  std::error_code ec;
  fs::path base = fs::canonical(root, ec);
  if (ec || !fs::is_directory(base, ec)) {
    *error = root + ": not a directory";
    return nullptr;
  }
  std::vector<std::string> files;
  const size_t base_prefix = base.generic_string().size() + (base == base.root_path() ? 0 : 1);
  // Symlinks are not followed: a link out of the project is not project source,
  // and a link loop must not hang the walk.
  fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code status_ec;
    if (entry.is_symlink(status_ec)) continue;
    if (entry.is_directory(status_ec)) {
      if (IsSkippedFolder(entry.path().filename().string())) {
        it.disable_recursion_pending();
      } else if (access(entry.path().c_str(), R_OK | X_OK) != 0) {
        // Like an unreadable file: its files would otherwise pass unchecked.
        *error = entry.path().generic_string().substr(base_prefix) + ": cannot read the folder: " +
                 std::strerror(errno);
        return nullptr;
      }
      continue;
    }
    if (!entry.is_regular_file(status_ec)) continue;
    // The iterator builds each path as `base` + '/' + the names below it, so the prefix
    // is cut off as text; fs::relative resolves both paths through the file system
    // (readlink calls), which took most of the listing's time in a large folder.
    files.push_back(entry.path().generic_string().substr(base_prefix));
  }
  if (ec) {
    *error = root + ": " + ec.message();
    return nullptr;
  }
  std::sort(files.begin(), files.end());
  return std::make_unique<FolderSnapshot>(base.string(), std::move(files));
}

}  // namespace faaslint
