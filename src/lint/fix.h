// `check --fix` and `--diff`: the fixes rules attached to findings, applied per file.
// Only findings that survived filtering (changed lines, noqa, ignores) carry fixes
// here, so a diff-aware run fixes only what it reports.
#pragma once

#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"
#include "lint/lint.h"

namespace faaslint::lint {

struct FileFix {
  std::string path;    // root-relative
  std::string before;  // the content the findings were computed from
  std::string after;
  std::vector<const Finding*> fixed;
  std::vector<const Finding*> skipped;  // their edits overlap a fix applied before them
};

// Files whose findings have fixes, with the fixes applied to the snapshot's content,
// in path order. A file that cannot be read is left out with a fatal problem.
std::vector<FileFix> PlanFixes(const std::vector<Finding>& findings, const Snapshot& snapshot,
                               std::vector<Problem>* problems);

// Writes every planned file below `root`, atomically, keeping permissions. First checks
// that each file on disk still holds what was checked and writes nothing when one does
// not: with `staged` such a file has unstaged changes, which a fix must not destroy.
bool WriteFixes(const std::vector<FileFix>& fixes, const std::string& root, bool staged, std::string* error);

}  // namespace faaslint::lint
