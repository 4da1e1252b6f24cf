#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL601", "invalid-json", Severity::kError,
    "vercel.json is not strict JSON (syntax error, comment, trailing comma, duplicate key)",
    R"md(## What it does
Reads `vercel.json` as the strict JSON that Vercel reads, and reports every place
where it is not: syntax errors, comments (`//`, `/* */`, `#`), trailing commas,
duplicate keys, a byte order mark, an empty file. Each report carries the line and
column, and the rest of the file is still checked by the other rules.

## Why it fails on serverless
Vercel parses `vercel.json` with a strict JSON parser before it builds anything. A
single comment or trailing comma — both accepted by many editors and by JSON5 —
fails the whole deployment, and the error names neither line nor column. A
duplicate key is worse: the parser keeps the last value silently, so the setting
you read first is not the one that applies.

## Example
```json
{
  // run the API on Python
  "functions": {
    "api/index.py": { "maxDuration": 30, },
  },
}
```

## Instead
```json
{
  "functions": {
    "api/index.py": { "maxDuration": 30 }
  }
}
```
Keep notes in a README: a `"_comment"` key is no way out, since Vercel rejects
unknown properties (FL602).
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config) {
    // A vercel.json that cannot be read (permissions, a broken index entry) would fail
    // the deploy just the same.
    if (TargetsVercel(cx) && !cx.project.vercel_read_error().empty()) {
      out.Report(Location{"vercel.json", Range{{1, 1}, {1, 1}}},
                 fmt::format("cannot read {}", cx.project.vercel_read_error()), "");
    }
    return;
  }
  for (const vercel::JsonDiagnostic& error : config->document.errors) {
    out.Report(Location{config->path, error.range}, error.message, error.help);
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
