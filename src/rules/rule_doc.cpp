#include "rules/rule_doc.h"

#include <fmt/format.h>

#include "rules/registry.h"

namespace faaslint::rules {
namespace {

// A `# noqa` comment works only where comments do: vercel.json is strict JSON, and a
// comment there is an error of its own (FL601), so its findings are suppressed by file.
std::string SuppressionAdvice(const RuleInfo& info) {
  if (info.findings_in == FindingsIn::kVercelJson) {
    return fmt::format("\nThis rule's findings are in vercel.json, which takes no comments (a `# noqa` there is "
                       "itself an FL601 error): suppress them in `.faaslint.yaml` with `per-file-ignores: "
                       "{{\"vercel.json\": [{0}]}}`, or turn the rule off with `ignore: [{0}]`.\n",
                       info.code);
  }
  return fmt::format("\nSuppress one finding with `# noqa: {0}` on its line, or turn the rule off with "
                     "`ignore: [{0}]` in `.faaslint.yaml`.\n",
                     info.code);
}

}  // namespace

std::string RenderRuleDoc(const RuleInfo& info) {
  std::string page = fmt::format("# {} {}\n\nSeverity: **{}**. {}.\n\n{}\n", info.code, info.name,
                                 SeverityName(info.severity), info.summary, info.explanation);
  if (!info.options.empty()) {
    page += "\n## Options\n\n";
    for (const RuleOption& option : info.options) {
      page += fmt::format("- `{}` (default `{}`): {}\n", option.name, option.default_value, option.description);
    }
  }
  page += SuppressionAdvice(info);
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
  page +=
      "\n## Code the platform does not run\n\n"
      "The Python rules leave out code under a guard such as `if __name__ == \"__main__\":` or\n"
      "`if not os.environ.get(\"VERCEL\"):`, and the functions that only such code calls. Where the\n"
      "Vercel project is found (so that it is known which modules deploy), callers in the\n"
      "project's other modules count (for FL104, FL106 and FL402 always): a function that only\n"
      "guarded code, other such functions or modules no function deploys (a script run by hand,\n"
      "a test) call is left out, but one that code on the platform calls in any deployed module\n"
      "runs there, however its own module calls it (`save_report()` of report.py, called under its `__main__` guard and from a route\n"
      "of api/index.py). A finding in such a function names that call as related, and a diff run\n"
      "that adds the call reports it.\n";
  return page;
}

}  // namespace faaslint::rules
