// `check --pre-commit`: what the pre-commit hooks run. pre-commit calls a hook the same
// way however it was started, with the file names it chose as arguments; which lines to
// check depends on how it was started.
//
// - `git commit` (and `pre-commit run`): pre-commit passes exactly the staged files and
//   stashes the unstaged changes; the staged lines are checked (`--staged`).
// - `pre-commit run --all-files` or `--files F` (pre-commit.ci, a CI job): the named
//   files have nothing staged, and checking staged lines would pass them in silence
//   ("All checks passed"); they are checked whole, as on disk (`--all` on the names).
// - `pre-commit run --from-ref A --to-ref B` and the pre-push stage: pre-commit exports
//   PRE_COMMIT_FROM_REF and PRE_COMMIT_TO_REF (pre_commit/commands/run.py); the lines
//   changed since A are checked (`--base A`).
#pragma once

#include <string>
#include <vector>

#include "core/change_set.h"
#include "git/changes.h"

namespace faaslint::cli {

// The mode to start with: --base PRE_COMMIT_FROM_REF when pre-commit set both refs,
// else --staged.
void StartPreCommitMode(git::DiffMode* mode, std::string* base_ref);

// After a --staged read: whether pre-commit named a file (root-relative `paths`) that
// the staged change does not touch, which `git commit` never does: then the run
// switches to checking the named files whole.
bool NamesUnstagedFile(const std::vector<std::string>& paths, const ChangeSet& staged);

}  // namespace faaslint::cli
