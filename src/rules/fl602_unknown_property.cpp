#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/schema.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL602", "unknown-property", Severity::kError,
    "vercel.json property that Vercel's schema does not know",
    R"md(## What it does
Reports every property of `vercel.json` that Vercel's configuration schema does not
define — at the top level and inside `functions`, `crons`, `rewrites`, `redirects`,
`headers`, `routes`, `images`, `git`, `github` — and suggests the property you most
likely meant.

## Why it fails on serverless
Vercel validates `vercel.json` against a closed schema and refuses the deployment on
the first property it does not know. A misspelt key (`maxduration`, `rewrite`) is
never silently ignored: the deploy fails. At the top level the Vercel CLI lets
unknown keys such as `public` or `_comment` pass, but the deployment API rejects
them, so faaslint follows the deployment API (the stricter of the two).

## Example
```json
{
  "_comment": "Flask app",
  "functions": { "api/index.py": { "maxduration": 30 } }
}
```

## Instead
```json
{
  "functions": { "api/index.py": { "maxDuration": 30 } }
}
```
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->document.root) return;
  for (const vercel::SchemaIssue& issue : vercel::ValidateSchema(*config->document.root)) {
    if (issue.kind != vercel::SchemaIssueKind::kUnknownProperty) continue;
    out.Report(Location{config->path, issue.range}, issue.message, issue.help);
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
