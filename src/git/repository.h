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
  // Who hands libgit2 the index when a mode needs it (AttachIndex).
  enum class IndexHandOver {
    kNone,             // libgit2 has it already, or has been given it
    kAlways,           // a GIT_INDEX_FILE applied by faaslint, not libgit2
    kWithoutChecksum,  // the repository's own: libgit2 reads it, unless git wrote no checksum
  };
  std::optional<FileDescriptor> index_copy;
  RepositoryHandle handle;
  std::string index_path;  // the index git uses: GIT_INDEX_FILE, else GIT_DIR/index
  IndexHandOver index_hand_over = IndexHandOver::kNone;
};

// Opens the repository containing `start_dir` (searching upwards), honouring the
// environment git sets for hooks: GIT_DIR (linked worktrees), GIT_INDEX_FILE (the
// temporary index of `git commit -a` / `git commit PATH`), GIT_WORK_TREE,
// GIT_CEILING_DIRECTORIES. A bare repository is kFailed: there is no work tree to check.
// On kOpened, *root is the absolute work tree root without a trailing '/'. The index is
// not read yet: --staged may read it itself (git/index_content.h), and every other use
// must call AttachIndex first.
OpenResult OpenRepository(const std::string& start_dir, Repository* repo, std::string* root,
                          std::string* error);

// Hands libgit2 the index at repo->index_path where it would not read it itself: a
// GIT_INDEX_FILE, or an index git wrote without a checksum (index.skipHash). Call before
// any libgit2 call that reads the index. False, with *error naming the index and the
// cause, when it cannot be read.
bool AttachIndex(Repository* repo, std::string* error);

}  // namespace faaslint::git
