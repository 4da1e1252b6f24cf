// Turns a libgit2 diff (old side -> new side) into the files of the new side and the
// new-side lines each one changed.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "git/handles.h"

namespace faaslint::git {

struct NewSideFile {
  std::string path;
  git_oid id;  // the blob id when the new side is the index; zero for work tree files
};

struct DiffScan {
  std::vector<NewSideFile> files;  // every regular file of the new side (not links, not submodules)
  std::map<std::string, LineSet, std::less<>> changed;
  std::map<std::string, LineSet, std::less<>> removed_after;  // see ChangeSet::removed_after
  std::set<std::string, std::less<>> touched;  // see ChangeSet::touched
  std::vector<std::string> notes;  // files with an unresolved merge conflict, and what was done
};

enum class LineDetail {
  kChangedLines,  // hunks of modified and renamed files; added files are all new
  kEveryLine,     // --all: every file maps to LineSet::All()
};

// Decides whether an added or modified file is binary by reading the start of its new
// side (a NUL byte in the first 8000, git's rule); the diff itself is forced to text.
using BinaryProbe = std::function<bool(const git_diff_file& file, bool* binary, std::string* error)>;

// The diff must list unmodified files too (GIT_DIFF_INCLUDE_UNMODIFIED) so that `files`
// is the whole new side, and must have rename detection already applied.
bool ScanDiff(git_diff* diff, LineDetail detail, const BinaryProbe& probe, DiffScan* out, std::string* error);

}  // namespace faaslint::git
