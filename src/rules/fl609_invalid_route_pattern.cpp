#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/routes.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL609", "invalid-route-pattern", Severity::kError,
    "route regex or path pattern Vercel cannot compile, or a destination parameter the source does not bind",
    R"md(## What it does
Compiles every route the way Vercel does before a deploy: a `routes[].src` as a
JavaScript regular expression; a `rewrites`/`redirects`/`headers` `source` as a
regular expression *and* as a path pattern (`/blog/:slug`, `/api/(.*)`, `/:path*`).
It reports patterns that do not compile, and a `destination` that uses a parameter
(`:id`) which neither the `source` nor a `has` condition defines. It also checks the
phase rules of `routes` (`handle: hit` / `handle: miss`).

## Why it fails on serverless
Vercel refuses the whole deployment on the first route it cannot compile, naming only
its index. An unbound `:id` in a destination is refused the same way: Vercel cannot
know what to put there.

## Example
```json
{
  "rewrites": [
    { "source": "/api/*", "destination": "/api/index.py" },
    { "source": "/users/:id", "destination": "/api/users.py?user=:user" }
  ]
}
```

## Instead
```json
{
  "rewrites": [
    { "source": "/api/(.*)", "destination": "/api/index.py" },
    { "source": "/users/:id", "destination": "/api/users.py?user=:id" }
  ]
}
```
In a `source`, `*` alone repeats the character before it; a wildcard is `(.*)` or a
named `:path*`.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->root()) return;
  for (const vercel::ConfigIssue& issue : vercel::CheckRoutePatterns(*config->root())) {
    out.Report(Location{config->path, issue.range}, issue.message, issue.help);
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
