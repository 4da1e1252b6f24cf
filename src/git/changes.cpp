// Interim: --all over a folder. The libgit2 modes land with the diff-aware work.
#include "git/changes.h"

namespace faaslint::git {

bool ComputeChanges(const ChangeOptions& options, ChangeSet* out, std::string* error) {
  if (options.mode != DiffMode::kAll) {
    *error = "only --all is available in this build";
    return false;
  }
  out->snapshot = MakeFolderSnapshot(options.start_dir, error);
  if (!out->snapshot) return false;
  for (const std::string& file : out->snapshot->files()) out->changed.emplace(file, LineSet::All());
  return true;
}

}  // namespace faaslint::git
