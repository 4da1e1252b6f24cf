// A registry for config tests, built from test-only RuleInfos: the real rules live in
// other files and change; these tests are about validation, not about them. Codes and
// names follow DESIGN §2; the options are made up to cover each option type.
#pragma once

#include <vector>

#include "core/rule_info.h"
#include "rules/registry.h"

namespace faaslint::config::testing {

inline const rules::Registry& TestRegistry() {
  static constexpr RuleOption kSleepOptions[] = {{"max-seconds", "10", "longest allowed sleep"}};
  static constexpr RuleOption kTimeoutOptions[] = {
      {"default-seconds", "10", "suggested timeout"},
      {"check-httpx", "true", "also check httpx"},
      {"client", "requests", "which HTTP client the hint names"}};
  static constexpr RuleInfo kInfos[] = {
      {"FL101", "background-thread", Severity::kError, "", ""},
      {"FL102", "background-process", Severity::kError, "", ""},
      {"FL103", "import-time-background-work", Severity::kError, "", ""},
      {"FL104", "in-process-scheduler", Severity::kError, "", ""},
      {"FL105", "fire-and-forget-task", Severity::kWarning, "", ""},
      {"FL106", "infinite-loop", Severity::kWarning, "", ""},
      {"FL201", "write-outside-tmp", Severity::kError, "", ""},
      {"FL205", "cwd-relative-path", Severity::kNote, "", ""},
      {"FL301", "global-mutable-state", Severity::kWarning, "", ""},
      {"FL401", "unguarded-server-start", Severity::kError, "", ""},
      {"FL402", "long-sleep", Severity::kWarning, "", "", kSleepOptions},
      {"FL403", "missing-timeout", Severity::kWarning, "", "", kTimeoutOptions},
      {"FL601", "invalid-json", Severity::kError, "", ""},
      {"FL701", "invalid-cron", Severity::kError, "", ""},
  };
  static const rules::Registry registry = [] {
    std::vector<rules::Rule> rules;
    for (const RuleInfo& info : kInfos) rules.push_back(rules::Rule{&info, nullptr, nullptr});
    return rules::Registry(std::move(rules));
  }();
  return registry;
}

}  // namespace faaslint::config::testing
