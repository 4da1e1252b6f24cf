// The user's configuration: .faaslint.yaml (or .faaslint.yml), or [tool.faaslint] in
// pyproject.toml. Reading it never executes anything: no plugins, no shell, YAML tags
// are ignored. docs/configuration.md documents the format.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "core/finding.h"
#include "core/settings.h"
#include "rules/registry.h"

namespace faaslint::config {

struct Config {
  std::string source;  // the file it was read from ("" = defaults)
  std::optional<Platform> platform;
  std::optional<Plan> plan;
  // Code prefixes ("FL", "FL1", "FL101"), upper case; rule names are turned into codes.
  // Empty = every rule (the file may not say `select: []`).
  std::vector<std::string> select;
  std::vector<std::string> ignore;
  std::vector<std::string> exclude;  // globs over root-relative paths (core/glob.h)
  // glob -> code prefixes, in file order
  std::vector<std::pair<std::string, std::vector<std::string>>> per_file_ignores;
  std::optional<Severity> fail_on;
  // "FL402" -> {"max-seconds": "5"}: full codes, option names of that rule's RuleInfo.
  std::map<std::string, std::map<std::string, std::string>> rule_options;
};

// Walks up from start_dir to stop_dir (the repository root, inclusive; the filesystem
// root when stop_dir is empty or not above start_dir) and returns the first
// .faaslint.yaml, .faaslint.yml or pyproject.toml with a [tool.faaslint] table, in that
// order within a folder; nullopt when there is none. Anything named .faaslint.yaml
// counts, even a folder, so that Load reports it instead of it being silently skipped.
std::optional<std::string> Discover(const std::string& start_dir, const std::string& stop_dir);

// Reads and validates `path` (YAML, or pyproject.toml by that name). On failure returns
// false with a one-line *error: "path:line:col: message", or "path: message" when the
// problem is the file itself (missing, a folder, too large). Rule codes and option
// names are checked against `registry`.
bool Load(const std::string& path, const rules::Registry& registry, Config* out,
          std::string* error);

}  // namespace faaslint::config
