#include "git/repository.h"

#include <git2/sys/repository.h>

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace faaslint::git {
namespace {

const char* EnvOrNull(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr && value[0] != '\0' ? value : nullptr;
}

// libgit2 1.5's GIT_REPOSITORY_OPEN_FROM_ENV rejects GIT_WORK_TREE ("unimplemented"), so
// with it set the environment is applied by hand: the git dir (GIT_DIR or discovered),
// the work tree, and GIT_INDEX_FILE.
int OpenWithWorkTree(const std::string& start_dir, const char* work_tree, RepositoryHandle* repo) {
  const char* git_dir = EnvOrNull("GIT_DIR");
  git_repository* raw = nullptr;
  int rc = git_repository_open_ext(&raw, git_dir != nullptr ? git_dir : start_dir.c_str(),
                                   git_dir != nullptr ? GIT_REPOSITORY_OPEN_NO_SEARCH : 0,
                                   EnvOrNull("GIT_CEILING_DIRECTORIES"));
  repo->reset(raw);
  if (rc < 0) return rc;
  if ((rc = git_repository_set_workdir(raw, work_tree, /*update_gitlink=*/0)) < 0) return rc;
  if (const char* index_file = EnvOrNull("GIT_INDEX_FILE")) {
    git_index* index_raw = nullptr;
    rc = git_index_open(&index_raw, index_file);
    IndexHandle index(index_raw);
    if (rc < 0) return rc;
    git_repository_set_index(raw, index.get());  // the repository takes its own reference
  }
  return 0;
}

}  // namespace

OpenResult OpenRepository(const std::string& start_dir, RepositoryHandle* repo, std::string* root,
                          std::string* error) {
  const std::string start = start_dir.empty() ? "." : start_dir;
  std::error_code ec;
  if (!std::filesystem::is_directory(start, ec)) {
    *error = start + ": not a directory";
    return OpenResult::kFailed;
  }
  int rc = 0;
  if (const char* work_tree = EnvOrNull("GIT_WORK_TREE")) {
    rc = OpenWithWorkTree(start, work_tree, repo);
  } else {
    // FROM_ENV reads GIT_DIR only when no start path is given (then relative to the
    // process's working directory, as git does); it always reads GIT_INDEX_FILE.
    git_repository* raw = nullptr;
    rc = git_repository_open_ext(&raw, EnvOrNull("GIT_DIR") != nullptr ? nullptr : start.c_str(),
                                 GIT_REPOSITORY_OPEN_FROM_ENV, nullptr);
    repo->reset(raw);
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
    *error = start + ": cannot open the git repository: " + LastGitError(rc);
    return OpenResult::kFailed;
  }
  const char* workdir = git_repository_workdir(repo->get());
  if (git_repository_is_bare(repo->get()) || workdir == nullptr) {
    *error = std::string(git_repository_path(repo->get())) +
             ": bare repository has no work tree to check; run faaslint in a checkout";
    return OpenResult::kFailed;
  }
  *root = workdir;
  while (root->size() > 1 && root->back() == '/') root->pop_back();
  return OpenResult::kOpened;
}

}  // namespace faaslint::git
