#include <fmt/format.h>

#include <set>

#include "project/cron_routes.h"
#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL704", "unprotected-cron-endpoint", Severity::kWarning,
    "cron endpoint that does not check the CRON_SECRET bearer token",
    R"md(## What it does
Finds the handler each cron job of `vercel.json` calls (see FL703) and warns when
neither the handler, nor a function of its module it calls, nor its decorators, nor a
`before_request` hook of its module, nor the app's HTTP middleware (`@app.middleware("http")`,
a `BaseHTTPMiddleware`'s `dispatch`), nor a FastAPI dependency of the route look at
`CRON_SECRET`. A dependency counts wherever FastAPI takes it from: the route's
`dependencies=[Depends(f)]`, a parameter's `Depends(f)` (also inside `Annotated[...]`)
or `Security(f)`, the `dependencies=` of its `APIRouter`, of `include_router`, or of the
`FastAPI` app — and what such a function itself depends on.

## Why it fails on serverless
A cron endpoint is an ordinary public URL: anyone who finds `/api/cron/cleanup` can run
your nightly job as often as they like, spending your function hours and your database
quota. When the project has a `CRON_SECRET` environment variable, Vercel sends it with
every cron invocation as `Authorization: Bearer <CRON_SECRET>`; the endpoint should
refuse any request without it.

## Example
```python
@app.get("/api/cron/cleanup")
def cleanup():
    delete_expired_sessions()
    return "ok"
```

## Instead
```python
import hmac, os
from flask import abort, request

@app.get("/api/cron/cleanup")
def cleanup():
    expected = f"Bearer {os.environ['CRON_SECRET']}"
    if not hmac.compare_digest(request.headers.get("Authorization", ""), expected):
        abort(401)
    delete_expired_sessions()
    return "ok"
```
With FastAPI, the check can be a dependency of the route (or of its router):
```python
def verify_cron(authorization: str = Header("")):
    if not hmac.compare_digest(authorization, f"Bearer {os.environ['CRON_SECRET']}"):
        raise HTTPException(status_code=401)

@app.get("/api/cron/cleanup", dependencies=[Depends(verify_cron)])
def cleanup(): ...
```
)md"};

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  std::set<std::pair<std::string, int>> reported;  // one report per handler
  for (const vercel::JsonValue& cron : crons->items) {
    const vercel::JsonValue* path = cron.Get("path");
    if (!path || !path->is_string()) continue;
    const project::CronRoute& route = cx.project.CronRouteOf(path->text);
    if (route.kind != project::CronRoute::Kind::kFound) continue;
    for (const project::CronHandler& handler : route.handlers) {
      if (project::ChecksCronSecret(handler) || !reported.insert({handler.file, handler.function}).second) continue;
      // Every function where a check would count, whole: deleting the check from any of
      // them is what this finding is about; editing another handler is not.
      std::vector<Dependency> depends_on = RoutingDependencies(*config, route);
      for (int function : project::CronSecretScope(handler)) {
        depends_on.push_back(project::FunctionDefinition(handler.file, *handler.module, function));
      }
      out.Report(Location{handler.file, handler.route->range},
                 fmt::format("cron endpoint for \"{}\" does not check CRON_SECRET: anyone can call it", path->text),
                 "compare the Authorization header with f\"Bearer {os.environ['CRON_SECRET']}\" and return 401 "
                 "otherwise",
                 {Location{config->path, path->range}}, std::move(depends_on));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
