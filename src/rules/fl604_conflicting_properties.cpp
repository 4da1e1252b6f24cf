#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/routes.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL604", "conflicting-properties", Severity::kError,
    "vercel.json properties that Vercel refuses to combine",
    R"md(## What it does
Reports combinations of `vercel.json` properties that Vercel rejects even though each
is valid alone: `functions` with `builds`, `proxy` with `builds`, the services
properties with each other or with `builds`, a route that sets both `src` and
`source` (or `dest` and `destination`, `status` and `statusCode`), a redirect that
sets both `permanent` and `statusCode`.

## Why it fails on serverless
`builds` is the legacy way to declare functions; `functions` is the current one. Vercel
will not guess which one you meant and fails the deployment. The aliased route
properties are the same setting spelt twice, and a redirect cannot be both
permanent (308) and some other status.

## Example
```json
{
  "builds": [{ "src": "api/index.py", "use": "@vercel/python" }],
  "functions": { "api/index.py": { "maxDuration": 30 } }
}
```

## Instead
```json
{
  "functions": { "api/index.py": { "maxDuration": 30 } }
}
```
Vercel finds `api/index.py` by itself; `functions` only configures it.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->root()) return;
  for (const vercel::ConfigIssue& issue : vercel::FindConflicts(*config->root())) {
    out.Report(Location{config->path, issue.range}, issue.message, issue.help);
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
