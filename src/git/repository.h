// Finding and opening the repository faaslint runs in, the way git itself would.
#pragma once

#include <string>

#include "git/handles.h"

namespace faaslint::git {

enum class OpenResult { kOpened, kNotARepository, kFailed };

// Opens the repository containing `start_dir` (searching upwards), honouring the
// environment git sets for hooks: GIT_DIR (linked worktrees), GIT_INDEX_FILE (the
// temporary index of `git commit -a` / `git commit PATH`), GIT_WORK_TREE,
// GIT_CEILING_DIRECTORIES. A bare repository is kFailed: there is no work tree to check.
// On kOpened, *root is the absolute work tree root without a trailing '/'.
OpenResult OpenRepository(const std::string& start_dir, RepositoryHandle* repo, std::string* root,
                          std::string* error);

}  // namespace faaslint::git
