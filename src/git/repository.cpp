#include "git/repository.h"

#include <git2/sys/repository.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

#include "git/index_file.h"

namespace faaslint::git {
namespace {

const char* EnvOrNull(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : nullptr;
}

// libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV rejects GIT_WORK_TREE ("unimplemented"),
// refuses a GIT_INDEX_FILE without a checksum (git/index_file.h) and reads any other
// GIT_INDEX_FILE at once. In those cases the environment is applied by hand: the git dir
// (GIT_DIR or discovered, within GIT_CEILING_DIRECTORIES and
// GIT_DISCOVERY_ACROSS_FILESYSTEM) and the work tree here, the index later (AttachIndex).
int OpenByHand(const std::string& start_dir, const char* work_tree, RepositoryHandle* repo) {
  const char* git_dir = EnvOrNull("GIT_DIR");
  unsigned int flags = git_dir != nullptr ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0;
  int across = 0;
  if (const char* value = EnvOrNull("GIT_DISCOVERY_ACROSS_FILESYSTEM");
      value != nullptr && git_config_parse_bool(&across, value) == 0 && across) {
    flags |= GIT_REPOSITORY_OPEN_CROSS_FS;
  }
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, git_dir != nullptr ? git_dir : start_dir.c_str(), flags,
                                   EnvOrNull("GIT_CEILING_DIRECTORIES"));
  repo->reset(raw);
  if (rc < 0 || work_tree == nullptr) return rc;
  return git_repository_set_workdir(raw, work_tree, /*update_gitlink=*/0);
}

// libgit2 1.5 refuses a repository that declares a format extension it does not know
// ("unsupported extension name extensions.objectformat", libgit2 src/libgit2/repository.c).
// The two git makes are named, with what they mean.
std::string WithRepositoryRemedy(std::string message) {
  if (message.find("extensions.objectformat") != std::string::npos) {
    message += "; the repository names its objects by SHA-256 (git init --object-format=sha256), which "
               "libgit2 1.5, the git library faaslint reads repositories with, cannot read";
  } else if (message.find("extensions.refstorage") != std::string::npos) {
    message += "; the repository keeps its refs in a reftable (git init --ref-format=reftable), which "
               "libgit2 1.5, the git library faaslint reads repositories with, cannot read";
  }
  return message;
}

// True when there is no file at `path` (a repository without an index yet) or a regular
// one. Anything else in the index's place (a FIFO, a device) would block or never end
// libgit2's read of it; *error then names it.
bool NoneOrRegularFile(const std::string& path, std::string* error) {
  struct stat info;
  if (stat(path.c_str(), &info) != 0 || S_ISREG(info.st_mode)) return true;
  *error = path + ": cannot read the index: not a regular file";
  return false;
}

}  // namespace

OpenResult OpenRepository(const std::string& start_dir, Repository* repo, std::string* root,
                          std::string* error) {
  const std::string start = start_dir.empty() ? "." : start_dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(start, ec)) {
    *error = start + ": not a directory";
    return OpenResult::kFailed;
  }
  const char* work_tree = EnvOrNull("GIT_WORK_TREE");
  const char* index_file = EnvOrNull("GIT_INDEX_FILE");
  // Before libgit2's FROM_ENV below reads it.
  if (index_file != nullptr && !NoneOrRegularFile(index_file, error)) return OpenResult::kFailed;
  // libgit2's FROM_ENV reads a GIT_INDEX_FILE whole as it opens the repository, which
  // --staged avoids (git/index_content.h); git sets GIT_INDEX_FILE for every commit
  // hook. It is still used for the object folders only it applies from the environment.
  const bool objects_from_env =
      EnvOrNull("GIT_OBJECT_DIRECTORY") != nullptr || EnvOrNull("GIT_ALTERNATE_OBJECT_DIRECTORIES") != nullptr;
  const bool by_hand = work_tree != nullptr ||
                       (index_file != nullptr && (!objects_from_env || IndexHasNoChecksum(index_file)));
  int rc = 0;
  if (by_hand) {
    rc = OpenByHand(start, work_tree, &repo->handle);
  } else {
    // FROM_ENV reads GIT_DIR only when no start path is given (then relative to the
    // process's working directory, as git does); it always reads GIT_INDEX_FILE.
    git_repository* raw = nullptr;
    rc = git_repository_open_ext(&raw, EnvOrNull("GIT_DIR") != nullptr ? nullptr : start.c_str(),
                                 GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
    repo->handle.reset(raw);
  }
  if (rc == GIT_ENOTFOUND && EnvOrNull("GIT_DIR") != nullptr) {
    *error = std::string("GIT_DIR=") + EnvOrNull("GIT_DIR") + ": not a git repository";
    return OpenResult::kFailed;
  }
  if (rc == GIT_ENOTFOUND) {
    *error = start + ": not a git repository";
    return OpenResult::kNotARepository;
  }
  if (rc < 0) {
    *error = start + ": cannot open the git repository: " + WithRepositoryRemedy(LastGitError(rc));
    return OpenResult::kFailed;
  }
  git_repository* raw = repo->handle.get();
  const char* workdir = git_repository_workdir(raw);
  if (git_repository_is_bare(raw) || workdir == nullptr) {
    *error = std::string(git_repository_path(raw)) +
             ": bare repository has no work tree to check; run faaslint in a checkout";
    return OpenResult::kFailed;
  }
  // The index, where libgit2 would not read it itself: named by GIT_INDEX_FILE on the
  // by-hand path, or the repository's own written without a checksum.
  if (index_file != nullptr) {
    repo->index_path = index_file;
    repo->index_hand_over = by_hand ? Repository::IndexHandOver::kAlways : Repository::IndexHandOver::kNone;
  } else {
    repo->index_path = std::string(git_repository_path(raw)) + "index";
    if (!NoneOrRegularFile(repo->index_path, error)) return OpenResult::kFailed;
    // Whether it has a checksum is asked only by a mode that needs libgit2 to read it.
    repo->index_hand_over = Repository::IndexHandOver::kWithoutChecksum;
  }
  *root = workdir;
  while (root->size() > 1 && root->back() == '/') root->pop_back();
  return OpenResult::kOpened;
}

bool AttachIndex(Repository* repo, std::string* error) {
  const Repository::IndexHandOver hand_over = repo->index_hand_over;
  repo->index_hand_over = Repository::IndexHandOver::kNone;
  if (hand_over == Repository::IndexHandOver::kNone ||
      (hand_over == Repository::IndexHandOver::kWithoutChecksum && !IndexHasNoChecksum(repo->index_path))) {
    return true;  // libgit2 reads it itself
  }
  IndexHandle index;
  int rc = OpenIndexFile(repo->index_path, &repo->index_copy, &index);
  if (rc < 0) {
    *error = repo->index_path + ": cannot read the index: " + WithIndexRemedy(LastGitError(rc));
    return false;
  }
  git_repository_set_index(repo->handle.get(), index.get());  // takes its own reference
  return true;
}

}  // namespace faaslint::git
