#include "rules/rule_doc.h"

#include <fmt/format.h>

#include "rules/registry.h"

namespace faaslint::rules {

std::string RenderRuleDoc(const RuleInfo& info) {
  std::string page = fmt::format("# {} {}\n\nSeverity: **{}**. {}.\n\n{}\n", info.code, info.name,
                                 SeverityName(info.severity), info.summary, info.explanation);
  if (!info.options.empty()) {
    page += "\n## Options\n\n";
    for (const RuleOption& option : info.options) {
      page += fmt::format("- `{}` (default `{}`): {}\n", option.name, option.default_value, option.description);
    }
  }
  page += fmt::format("\nSuppress one finding with `# noqa: {}` on its line, or turn the rule off with "
                      "`ignore: [{}]` in `.faaslint.yaml`.\n",
                      info.code, info.code);
  return page;
}

std::string RenderRuleIndex(const Registry& registry) {
  std::string page =
      "# Rules\n\nGenerated from the rules' own documentation (`faaslint rule CODE` prints the same text).\n\n"
      "| code | name | severity | finds |\n|---|---|---|---|\n";
  for (const Rule& rule : registry.all()) {
    const RuleInfo& info = *rule.info;
    page += fmt::format("| [{0}]({0}.md) | {1} | {2} | {3} |\n", info.code, info.name, SeverityName(info.severity),
                        info.summary);
  }
  return page;
}

}  // namespace faaslint::rules
