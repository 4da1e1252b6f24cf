// Finding and opening the repository faaslint runs in, the way git itself would.
#pragma once

#include <optional>
#include <string>

#include "core/file_descriptor.h"
#include "git/handles.h"

namespace faaslint::git {

enum class OpenResult { kOpened, kNotARepository, kFailed };

// An open repository. `index_copy` holds an index libgit2 reads from memory
// (git/index_file.h); declared first, it outlives the repository that may re-read it.
struct Repository {
  std::optional<FileDescriptor> index_copy;
  RepositoryHandle handle;
};

// Opens the repository containing `start_dir` (searching upwards), honouring the
// environment git sets for hooks: GIT_DIR (linked worktrees), GIT_INDEX_FILE (the
// temporary index of `git commit -a` / `git commit PATH`), GIT_WORK_TREE,
// GIT_CEILING_DIRECTORIES. A bare repository is kFailed: there is no work tree to check.
// An index git wrote without a checksum (index.skipHash) is read too. On kOpened, *root
// is the absolute work tree root without a trailing '/'.
OpenResult OpenRepository(const std::string& start_dir, Repository* repo, std::string* root,
                          std::string* error);

}  // namespace faaslint::git
