// The old side of a diff: HEAD's tree, or the merge-base of --base REF and HEAD.
#pragma once

#include <string>

#include "git/handles.h"

namespace faaslint::git {

// HEAD's tree; a null tree (and true) on an unborn branch, where everything is new.
bool HeadTree(git_repository* repo, TreeHandle* tree, std::string* error);

// The tree of merge-base(ref, HEAD). Unknown refs, an unborn HEAD and missing history
// are errors; in a shallow clone the error says how to fetch the history, because a
// missing merge-base must never read as "nothing changed".
bool MergeBaseTree(git_repository* repo, const std::string& ref, TreeHandle* tree, std::string* error);

}  // namespace faaslint::git
