// Which paths the index changes against HEAD, found the way git finds them: a folder
// whose cache-tree entry is still valid and names HEAD's tree for it is skipped whole,
// so the cost follows the change, not the repository. libgit2 is then asked to diff
// only these paths (git/changes.cpp).
#pragma once

#include <string>
#include <vector>

#include "git/handles.h"
#include "git/index_content.h"

namespace faaslint::git {

struct StagedPaths {
  std::vector<std::string> paths;  // added, modified, deleted or retyped; sorted
  std::vector<size_t> entries;     // the index entries among them (positions in IndexContent::entries)
  size_t folders_compared = 0;     // folders of HEAD read and compared entry by entry
};

// Replaces each folder entry of a sparse index (IndexContent::sparse) with the files of
// its tree, as git's own `ensure_full_index` does, so the index lists every file again.
bool ExpandSparseFolders(git_repository* repo, IndexContent* index, std::string* error);

// `head` is HEAD's tree. Over-inclusion is harmless (the diff of a path that did not
// change is empty); a path left out would be a change never checked, so any folder the
// cache-tree does not vouch for is compared entry by entry. Returns false with *error
// when a tree of HEAD cannot be read.
bool FindStagedPaths(git_repository* repo, git_tree* head, const IndexContent& index, StagedPaths* out,
                     std::string* error);

}  // namespace faaslint::git
