// The pipeline: change set -> files to read -> parse -> rules -> findings -> filter by
// changed lines and suppressions. Emitters take it from there; nothing here prints.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"
#include "core/settings.h"
#include "python/parser.h"
#include "rules/registry.h"

namespace faaslint::lint {

// Which rules run, and where. Filled from the configuration and the command line.
struct RuleFilter {
  std::function<bool(std::string_view code)> enabled = [](std::string_view) { return true; };
  std::function<bool(std::string_view code, std::string_view path)> ignored_for_path =
      [](std::string_view, std::string_view) { return false; };
  std::function<bool(std::string_view path)> excluded = [](std::string_view) { return false; };
};

struct LintOptions {
  // Root-relative files or folders to narrow the checked set to; empty = everything.
  std::vector<std::string> paths;
  unsigned jobs = 1;
  // Per file; over it the file is skipped with a note (python/parser.h says why).
  std::chrono::microseconds parse_time_limit = python::kParseTimeLimit;
  Settings settings;
  RuleFilter filter;
  // Per rule code: option name -> value (from the configuration).
  std::map<std::string, std::map<std::string, std::string>> rule_options;
};

// Something that stopped a file from being checked. `fatal` problems make the run
// exit 2 (an unreadable file); the others are notes (a binary file named .py).
struct Problem {
  std::string path;
  std::string message;
  bool fatal = false;
  uint32_t line = 0;  // 1-based; 0 when the problem is the whole file's
  // Python will not import the file (a syntax, indentation or invisible-character error):
  // the deployment fails on it as surely as on an error finding, so the run fails too.
  bool unimportable = false;
  uint32_t refused_line = 0;  // unimportable: the line Python stops at (the message names it too)
};

// "path: message", or "path:line: message" when the problem has a line.
std::string ProblemText(const Problem& problem);

struct LintResult {
  std::vector<Finding> findings;  // sorted by FindingLess
  std::vector<Problem> problems;
  size_t files_checked = 0;
};

LintResult Lint(const ChangeSet& changes, const LintOptions& options, const rules::Registry& registry);

// Files larger than this are not parsed (a note says so): generated code, data.
constexpr size_t kMaxPythonFileBytes = 16u << 20;

}  // namespace faaslint::lint
