// `faaslint rules` and `faaslint rule CODE`: the rule documentation, from RuleInfo.
#include <fmt/format.h>

#include <cstdio>

#include "cli/options.h"
#include "rules/registry.h"
#include "rules/rule_doc.h"

namespace faaslint::cli {

int RunRules() {
  for (const rules::Rule& rule : rules::Registry::Get().all()) {
    const RuleInfo& info = *rule.info;
    fmt::print("{}  {:<32} {:<8} {}\n", info.code, info.name, SeverityName(info.severity), info.summary);
  }
  return kExitClean;
}

int RunRule(const std::string& code_or_name) {
  const rules::Rule* rule = rules::Registry::Get().Find(code_or_name);
  if (rule == nullptr) {
    std::fprintf(stderr, "faaslint: unknown rule '%s' (faaslint rules lists them)\n", code_or_name.c_str());
    return kExitError;
  }
  fmt::print("{}", rules::RenderRuleDoc(*rule->info));
  return kExitClean;
}

}  // namespace faaslint::cli
