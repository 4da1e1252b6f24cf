// A project held in memory, checked with the real pipeline as `faaslint --all` would.
#pragma once

#include <map>
#include <string>

#include "lint/fix.h"
#include "lint/lint.h"

namespace faaslint::fuzz {

// root-relative path -> content
using Files = std::map<std::string, std::string, std::less<>>;

// A diff run's changed lines, by file: a file not named did not change.
using ChangedLines = std::map<std::string, LineSet, std::less<>>;

// `changed`: the lines a diff run would keep; null keeps all (`--all`).
lint::LintResult LintFiles(const Files& files, unsigned jobs = 1, const ChangedLines* changed = nullptr);

// `check --fix` planned on the same files: the fixes of `result`'s findings applied in
// memory (a file that cannot be read is a problem).
std::vector<lint::FileFix> PlanFixes(const lint::LintResult& result, const Files& files,
                                     std::vector<lint::Problem>* problems);

// "" when every finding points into a file of the project at a line and column that
// exist (1-based; the column may be one past the end of its line); else what is wrong.
std::string CheckFindingLocations(const lint::LintResult& result, const Files& files);

}  // namespace faaslint::fuzz
