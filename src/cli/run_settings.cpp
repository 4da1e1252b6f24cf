// The configuration file merged with the command line: the command line wins.
#include "cli/run_settings.h"

#include <fmt/format.h>

#include <filesystem>
#include <memory>

#include "config/config.h"
#include "config/selection.h"
#include "config/selector.h"

namespace faaslint::cli {
namespace {

namespace fs = std::filesystem;

// The work tree root above `dir` (a folder holding `.git`, a folder or a worktree's
// file), or "" outside a repository: where configuration discovery stops.
std::string RepositoryRoot(const std::string& dir) {
  std::error_code ec;
  for (fs::path at = fs::absolute(dir, ec); !at.empty(); at = at.parent_path()) {
    if (fs::exists(at / ".git", ec)) return at.string();
    if (at == at.root_path()) break;
  }
  return {};
}

// Shown in errors as the user would type it: relative to where faaslint runs.
std::string DisplayPath(const std::string& path, const std::string& cwd) {
  fs::path relative = fs::path(path).lexically_relative(cwd);
  std::string text = relative.generic_string();
  return relative.empty() || text.starts_with("..") ? path : text;
}

bool ParseSelectors(const std::vector<std::string>& values, const rules::Registry& registry,
                    std::vector<std::string>* out, std::string* error) {
  for (const std::string& value : values) {
    if (!config::ParseSelectorList(value, registry, out, error)) return false;
  }
  return true;
}

}  // namespace

bool ResolveRunSettings(const CheckOptions& options, const std::string& cwd, const rules::Registry& registry,
                        RunSettings* out, std::string* error) {
  config::Config file_config;
  if (!options.no_config) {
    std::optional<std::string> path;
    if (!options.config_file.empty()) {
      path = options.config_file;
    } else if (auto found = config::Discover(cwd, RepositoryRoot(cwd))) {
      path = DisplayPath(*found, cwd);
    }
    if (path && !config::Load(*path, registry, &file_config, error)) return false;
  }

  config::CliSelection cli;
  if (!options.select.empty()) {
    cli.select.emplace();
    if (!ParseSelectors(options.select, registry, &*cli.select, error)) return false;
    // `--select "$RULES"` with RULES unset would otherwise turn every rule off and pass.
    if (cli.select->empty()) {
      *error = "--select names no rule (leave it out to select every rule)";
      return false;
    }
  }
  if (!ParseSelectors(options.ignore, registry, &cli.ignore, error)) return false;

  Settings& settings = out->lint.settings;
  settings.platform = file_config.platform.value_or(Platform::kVercel);
  settings.plan = file_config.plan.value_or(Plan::kHobby);
  if (!options.platform.empty()) settings.platform = *ParsePlatform(options.platform);
  if (!options.plan.empty()) settings.plan = *ParsePlan(options.plan);
  out->fail_on = file_config.fail_on.value_or(Severity::kWarning);
  if (!options.fail_on.empty()) out->fail_on = *ParseSeverity(options.fail_on);
  out->lint.rule_options = file_config.rule_options;

  auto selection = std::make_shared<const config::Selection>(file_config, cli);
  out->lint.filter.enabled = [selection](std::string_view code) { return selection->IsEnabled(code); };
  out->lint.filter.excluded = [selection](std::string_view path) { return selection->IsExcluded(path); };
  out->lint.filter.ignored_for_path = [selection](std::string_view code, std::string_view path) {
    return selection->IsIgnoredForPath(code, path);
  };
  return true;
}

}  // namespace faaslint::cli
