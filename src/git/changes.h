// Which files and lines a run looks at (DESIGN §1, "Which lines count").
#pragma once

#include <string>

#include "core/change_set.h"

namespace faaslint::git {

enum class DiffMode { kWorkingTree, kStaged, kBase, kAll };

struct ChangeOptions {
  std::string start_dir;  // where faaslint runs (may be a subdirectory of the work tree)
  DiffMode mode = DiffMode::kWorkingTree;
  std::string base_ref;   // kBase only
};

bool ComputeChanges(const ChangeOptions& options, ChangeSet* out, std::string* error);

}  // namespace faaslint::git
