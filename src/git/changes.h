// Which lines a run looks at (DESIGN §1 "Which lines count"): the new side of a change
// read through libgit2, and per file the new-side lines that changed.
#pragma once

#include <string>

#include "core/change_set.h"

namespace faaslint::git {

enum class DiffMode {
  kWorkingTree,  // HEAD vs the work tree; untracked non-ignored files are all new
  kStaged,       // HEAD vs the index; content is the staged blobs (what a commit records)
  kBase,         // merge-base(base_ref, HEAD) vs the work tree
  kAll,          // every tracked + untracked non-ignored file, every line; also outside a repository
};

struct ChangeOptions {
  std::string start_dir;  // where faaslint runs (may be a subdirectory of the work tree); "" = "."
  DiffMode mode = DiffMode::kWorkingTree;
  std::string base_ref;  // kBase only
};

// Fills *out: snapshot->root() is the work tree root (the folder itself for kAll outside
// a repository), paths are root-relative. Added and untracked text files map to
// LineSet::All(); deleted files, binary files, symbolic links and submodules are absent
// from `changed`. On failure returns false and sets *error to one line naming the cause.
bool ComputeChanges(const ChangeOptions& options, ChangeSet* out, std::string* error);

}  // namespace faaslint::git
