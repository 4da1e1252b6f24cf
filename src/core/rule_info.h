// What every rule declares about itself. The explanation is the rule's documentation:
// `faaslint rule`, SARIF `help` and docs/rules/ all print it.
#pragma once

#include <span>
#include <string_view>

#include "core/finding.h"

namespace faaslint {

struct RuleOption {
  std::string_view name;           // kebab-case, as written in .faaslint.yaml
  std::string_view default_value;  // as it would be written in YAML
  std::string_view description;
};

// Where a rule's findings are, which decides how one is suppressed: a `# noqa` comment
// on its line in a Python file; a configuration entry for vercel.json, which is strict
// JSON (a comment there is itself an error, FL601).
enum class FindingsIn : unsigned char { kPythonFile, kVercelJson };

struct RuleInfo {
  std::string_view code;      // "FL101"
  std::string_view name;      // "background-thread"
  Severity severity;          // the default severity
  std::string_view summary;   // one line, for `faaslint rules`
  // Markdown with the headings "## What it does", "## Why it fails on serverless",
  // "## Example", "## Instead" (and "## Options" when the rule has options).
  std::string_view explanation;
  std::span<const RuleOption> options = {};
  FindingsIn findings_in = FindingsIn::kPythonFile;
  // A Python rule that judges a file by the packages the project declares (FL607): a diff
  // run that touches requirements.txt, pyproject.toml or Pipfile checks every function
  // file for it, though the file's own lines did not change.
  bool reads_declared_packages = false;
  // A Python rule whose findings depend on the module-level containers of the modules a
  // file imports (FL301: `from state import SESSIONS`): a diff run that edits the lines
  // defining one also checks the function files that name it, though their own lines did
  // not change.
  bool reads_imported_containers = false;
  // A Python rule that asks itself who calls a function, in other modules too (FL106: a
  // loop in a function that a request handler of another module calls, and whether that
  // handler spawns it): it is given PyContext::callers and sees the module as parsed. Every
  // other Python rule counts those callers too, without asking: where a function that its
  // module runs only under a guard is called by platform code elsewhere, the linter checks
  // a copy of the module marked with that function on the platform (lint.cpp,
  // RecheckRunElsewhere). Either way a diff run that edits such a call also checks the
  // files of the functions whose verdict rests on it (project/module_callers.h).
  bool reads_callers_elsewhere = false;
};

}  // namespace faaslint
