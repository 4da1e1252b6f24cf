// Interim: command-line settings only; the configuration file joins with config/.
#include "cli/run_settings.h"

#include <fmt/format.h>

#include <memory>

namespace faaslint::cli {
namespace {

bool MatchesAny(std::string_view code, const std::vector<std::string>& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& prefix) { return code.starts_with(prefix); });
}

}  // namespace

bool ResolveRunSettings(const CheckOptions& options, const std::string& cwd, const rules::Registry& registry,
                        RunSettings* out, std::string* error) {
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const std::string& code : *list) {
      if (!registry.IsKnownPrefix(code)) {
        *error = fmt::format("unknown rule code '{}' (faaslint rules lists them)", code);
        return false;
      }
    }
  }
  if (!options.platform.empty()) out->lint.settings.platform = *ParsePlatform(options.platform);
  if (!options.plan.empty()) out->lint.settings.plan = *ParsePlan(options.plan);
  if (!options.fail_on.empty()) out->fail_on = *ParseSeverity(options.fail_on);
  auto select = std::make_shared<std::vector<std::string>>(options.select);
  auto ignore = std::make_shared<std::vector<std::string>>(options.ignore);
  out->lint.filter.enabled = [select, ignore](std::string_view code) {
    return (select->empty() || MatchesAny(code, *select)) && !MatchesAny(code, *ignore);
  };
  return true;
}

}  // namespace faaslint::cli
