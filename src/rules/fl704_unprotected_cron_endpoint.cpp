#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <vector>

#include "core/message_text.h"
#include "project/cron_secret.h"
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
neither the handler, nor a function it calls, nor its decorators, nor a `before_request`
hook of its module, nor the app's HTTP middleware (`@app.middleware("http")`, a
`BaseHTTPMiddleware`'s `dispatch`), nor a FastAPI dependency of the route look at
`CRON_SECRET` — by that name in any case (a pydantic settings field `cron_secret`) or
through a module-level name bound to it (`SECRET = os.getenv("CRON_SECRET")`). A called
function or a decorator counts in the handler's module or in another module of the
project it imports (`@require_cron_secret` after
`from lib.auth import require_cron_secret`, `if not security.is_authorized(request)`),
and so do the functions it calls in turn, three calls deep. A dependency counts wherever
FastAPI takes it from: the route's `dependencies=[Depends(f)]`, a parameter's
`Depends(f)` (also inside `Annotated[...]`) or `Security(f)`, the `dependencies=` of its
`APIRouter`, of `include_router`, or of the `FastAPI` app — and what such a function
itself depends on. A handler that compares the Authorization header with a secret of
another name instead (`f"Bearer {os.environ['CRON_TOKEN']}"`) is not open, but Vercel's
calls pass it only where `CRON_SECRET` has the same value: that is what it reports then.

It also reports two checks that refuse every call Vercel makes:
- one that compares the Authorization header with the bare secret (no `Bearer `, no
  `split` of the header). Werkzeug's `request.authorization.token` (Flask, Werkzeug 2.3
  and later) is the token without its scheme: comparing it with the bare secret is right;
- one that compares `CRON_SECRET` with a header other than Authorization
  (`request.headers.get("X-Cron-Secret")`, a FastAPI `x_cron_secret: str = Header()`) or
  with a query parameter (`request.args.get("key")`, `request.query_params["key"]`, a
  FastAPI `key: str` or `Query()` parameter), and refuses the request when they differ
  (`abort`, `raise`, a 401 or 403), in the `if` itself or in a helper that returns the
  comparison (`if not authorized(): abort(403)`). It is reported only when that is the
  only way in: not when anything where a check counts reads the Authorization header, a
  Bearer scheme or Vercel's `vercel-cron` user agent, nor when the comparison sits inside
  another `if` or after one that may let the call through. A test that the secret is
  unset (`if not secret: return True`) lets nothing through where the project sets it.
  A query parameter is not judged when the cron path of `vercel.json` carries a query
  (`/api/cron?key=...`): Vercel calls it as written. A handler that never reads
  `CRON_SECRET` but checks another secret that way (`request.headers.get("X-Token") !=
  os.environ["JOB_TOKEN"]`) is reported as such, not as one anyone can call.

And it warns when the secret is read with a literal default
(`os.environ.get("CRON_SECRET", "dev-secret")`, `os.getenv("CRON_SECRET", "changeme")`)
in a function where the check counts or at module level of its module: where the
deployment does not set the variable, the endpoint takes a secret anyone who reads the
source knows. A default of `""` or `None`, or one that is not a literal, is not reported.

## Why it fails on serverless
A cron endpoint is an ordinary public URL: anyone who finds `/api/cron/cleanup` can run
your nightly job as often as they like, spending your function hours and your database
quota. When the project has a `CRON_SECRET` environment variable, Vercel sends it with
every cron invocation as `Authorization: Bearer <CRON_SECRET>`; the endpoint should
refuse any request without it. Compared with the secret alone, that header never
matches; and Vercel passes the secret in no other header and in no query string: a
check on those finds nothing. Every cron call gets 401 or 403, and the job silently never
runs.

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

// A cron job, the handler it calls, and where a check counts for that handler.
struct CronCall {
  const project::VercelConfig& config;
  const vercel::JsonValue& path;
  const project::CronRoute& route;
  const project::CronHandler& handler;
  std::vector<project::ModuleFunction> scope;  // project::CronSecretScope
};

// Every function where a check would count, whole, in whichever module it is (a helper
// of lib/auth.py too): deleting the check from any of them is what a finding about the
// handler is about; editing another handler is not.
std::vector<Dependency> HandlerDependencies(const CronCall& cron) {
  std::vector<Dependency> depends_on = RoutingDependencies(cron.config, cron.route);
  for (const project::ModuleFunction& function : cron.scope) {
    depends_on.push_back(project::FunctionDefinition(function.module->path(), *function.module, function.function));
  }
  return depends_on;
}

void Report(const CronCall& cron, Location where, std::string message, std::string help, Sink& out,
            std::vector<Dependency> more_dependencies = {}) {
  std::vector<Dependency> depends_on = HandlerDependencies(cron);
  depends_on.insert(depends_on.end(), more_dependencies.begin(), more_dependencies.end());
  out.Report(std::move(where), std::move(message), std::move(help), {Location{cron.config.path, cron.path.range}},
             std::move(depends_on));
}

// A check that can never pass for Vercel's own calls: the job never runs, and nothing
// says so but the 401s in the function's log.
void ReportBareComparison(const project::Project& project, const CronCall& cron, Sink& out) {
  std::optional<Location> bare = project::FindBareSecretComparison(project, cron.handler);
  if (!bare) return;
  Report(cron, std::move(*bare),
         fmt::format("the cron endpoint for \"{}\" compares the Authorization header with CRON_SECRET itself, but "
                     "Vercel sends `Bearer <CRON_SECRET>`: every cron call is refused and the job never runs",
                     cron.path.text),
         "compare it with f\"Bearer {os.environ['CRON_SECRET']}\"", out);
}

// A check on a header or query parameter Vercel never sends fails the same way, whether
// it compares CRON_SECRET or (`kind`) another secret.
bool ReportMisplacedSecret(const project::Project& project, const CronCall& cron, project::SecretKind kind,
                           Sink& out) {
  const bool path_has_query = cron.path.text.find('?') != std::string::npos;
  std::optional<project::MisplacedSecret> misplaced =
      project::FindMisplacedSecretComparison(project, cron.handler, cron.scope, path_has_query, kind);
  if (!misplaced) return false;
  const bool cron_secret = kind == project::SecretKind::kCronSecret;
  Report(cron, std::move(misplaced->where),
         fmt::format("the cron endpoint for \"{}\" compares {} with {}, which Vercel's cron calls never carry: every "
                     "cron call is refused and the job never runs",
                     cron.path.text, cron_secret ? "CRON_SECRET" : "a secret", misplaced->compared),
         fmt::format("Vercel sends only `Authorization: Bearer <CRON_SECRET>`: {}compare that header with "
                     "f\"Bearer {{os.environ['CRON_SECRET']}}\"",
                     cron_secret ? "" : "set CRON_SECRET in the project's environment variables and "),
         out);
  return true;
}

// A literal default opens the endpoint wherever the deployment lacks the variable. One
// report per call, whichever cron handlers read the secret through it.
void ReportLiteralDefaults(const CronCall& cron, std::vector<Location>& reported, Sink& out) {
  for (project::LiteralSecretDefault& fallback : project::FindLiteralSecretDefaults(cron.scope)) {
    if (std::find(reported.begin(), reported.end(), fallback.where) != reported.end()) continue;
    reported.push_back(fallback.where);
    Dependency call = Dependency::LinesOf(fallback.where.path, fallback.where.range);  // at module level
    Report(cron, std::move(fallback.where),
           fmt::format("CRON_SECRET falls back to the literal \"{}\" when the deployment does not set it: anyone who "
                       "reads the source can call the cron endpoint for \"{}\"",
                       EscapeControlCharacters(fallback.literal), cron.path.text),
           "read it without a default (os.environ[\"CRON_SECRET\"]) so a missing secret fails instead of opening "
           "the endpoint",
           out, {std::move(call)});
  }
}

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  std::set<std::pair<std::string, int>> reported;  // one report per handler
  std::vector<Location> reported_defaults;
  for (const vercel::JsonValue& cron : crons->items) {
    const vercel::JsonValue* path = cron.Get("path");
    if (!path || !path->is_string()) continue;
    const project::CronRoute& route = cx.project.CronRouteOf(path->text);
    if (route.kind != project::CronRoute::Kind::kFound) continue;
    // Vercel calls with GET: the routes of other methods on the path (a handler class's
    // do_OPTIONS, an @app.post beside the @app.get) are not what it calls. FL705 reports
    // a path with no GET route.
    const bool get_served = project::AnyAcceptsGet(route.handlers);
    for (const project::CronHandler& handler : route.handlers) {
      if (get_served && !project::AcceptsGet(*handler.route)) continue;
      if (!reported.insert({handler.file, handler.function}).second) continue;
      const CronCall call{*config, *path, route, handler, project::CronSecretScope(cx.project, handler)};
      if (project::ChecksCronSecret(call.scope)) {
        ReportBareComparison(cx.project, call, out);
        ReportMisplacedSecret(cx.project, call, project::SecretKind::kCronSecret, out);
        ReportLiteralDefaults(call, reported_defaults, out);
        continue;
      }
      // Another secret in the Authorization header is a check, though Vercel's calls pass
      // it only where CRON_SECRET has its value. In another header or the query, no cron
      // call passes. Either way the endpoint is not open.
      if (project::ComparesAuthorizationWithASecret(cx.project, handler, call.scope)) {
        Report(call, Location{handler.file, handler.route->range},
               fmt::format("the cron endpoint for \"{}\" compares the Authorization header with a secret other than "
                           "CRON_SECRET: Vercel's cron calls carry `Bearer <CRON_SECRET>` and pass only where "
                           "CRON_SECRET has the same value",
                           path->text),
               "compare it with f\"Bearer {os.environ['CRON_SECRET']}\"", out);
        continue;
      }
      if (ReportMisplacedSecret(cx.project, call, project::SecretKind::kAnySecret, out)) continue;
      Report(call, Location{handler.file, handler.route->range},
             fmt::format("cron endpoint for \"{}\" does not check CRON_SECRET: anyone can call it", path->text),
             "compare the Authorization header with f\"Bearer {os.environ['CRON_SECRET']}\" and return 401 otherwise",
             out);
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
