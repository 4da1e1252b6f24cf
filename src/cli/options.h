// The command line, parsed: what main.cpp hands to the commands.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "git/changes.h"

namespace faaslint::cli {

struct OutputSpec {
  std::string format;  // a format name (validated by the parser)
  std::string file;    // empty: standard output
};

struct CheckOptions {
  std::vector<std::string> paths;
  git::DiffMode mode = git::DiffMode::kWorkingTree;
  std::string base_ref;
  bool pre_commit = false;  // --pre-commit: the mode follows how pre-commit ran (pre_commit_mode.h)
  std::vector<OutputSpec> outputs;
  std::string config_file;
  bool no_config = false;
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::string platform;  // empty: from the configuration, else vercel
  std::string plan;
  std::string fail_on;
  bool exit_zero = false;
  unsigned jobs = 0;     // 0: one per core
  bool quiet = false;
  std::string color = "auto";
  bool fix = false;   // apply the rules' fixes, then report what remains
  bool diff = false;  // print the fixes as a unified diff; change nothing
};

// Exit codes of DESIGN §1.
constexpr int kExitClean = 0;
constexpr int kExitFindings = 1;
constexpr int kExitError = 2;

int RunCheck(const CheckOptions& options);
int RunRules();
int RunRule(const std::string& code_or_name);
int RunInit(const std::string& dir);

}  // namespace faaslint::cli
