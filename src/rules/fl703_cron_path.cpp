#include <fmt/format.h>

#include <algorithm>

#include "project/cron_routes.h"
#include "project/project.h"
#include "python/module.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL703", "cron-path", Severity::kError,
    "cron job path that does not start with `/` or reaches no route of the app",
    R"md(## What it does
Checks the `path` of every entry of `crons` in `vercel.json`: it must start with `/`,
and it must reach a handler of the app, without a redirect. faaslint routes the path as
Vercel does — the redirects of `trailingSlash` and `redirects`, then legacy `routes`,
then the function files under `api/` (`api/cron.py` serves `/api/cron`), then
`rewrites`, then the zero-configuration app — and then looks for a Flask/FastAPI/
Starlette route of that function (in its file or the local modules it imports) or its
`handler` class. A route of a blueprint or router is served under its prefixes: the
blueprint's `url_prefix=` (or the one `register_blueprint` gives it), the router's
`prefix=` after the one `include_router` gives it, a `mount` path, and those of the
blueprints and routers it is attached to. A prefix computed at run time may be
anything, so a route behind one matches only when no route matches otherwise. With
the legacy `builds`, only the files its entries name are deployed: a path that only an
api/ file left out of `builds` would serve reaches nothing, and the message names it.

The trailing slash counts. A path that misses a route only by it is redirected by
the app (Flask, Django: to the route ending in `/`; FastAPI/Starlette: either way) or
answered with 404 (Flask: a path with a slash the route has not; FastAPI with
`redirect_slashes=False`), unless Flask's `strict_slashes=False` is set. The message
says which, and the path to write instead.

Where routing cannot be followed statically (an external rewrite, a redirect with a
`has`/`missing` condition, routes built at run time, a route regex too large to compile
safely) it reports nothing. Matching every cron path against every route has a bound
per run; past it no cron is judged, and the run prints a note naming `vercel.json`.

## Why it fails on serverless
Vercel refuses a cron path that does not start with `/`. A path that reaches no route
deploys fine and then fails every time it fires: the cron job calls a 404, and nothing
tells you unless you read the cron logs. Cron jobs do not follow redirects, so a path
that is redirected — by `trailingSlash`, by a redirect in `vercel.json`, or by the app
adding or removing a trailing slash — fails the same way
(https://vercel.com/guides/troubleshooting-vercel-cron-jobs).

## Example
```json
{ "crons": [{ "path": "/api/cron/cleanup", "schedule": "0 3 * * *" }] }
```
```python
# api/index.py
@app.get("/api/cleanup")
def cleanup(): ...
```

```python
@app.get("/api/report/")  # Flask redirects "/api/report" here
def report(): ...
```
```json
{ "crons": [{ "path": "/api/report", "schedule": "0 4 * * *" }] }
```

## Instead
```json
{ "crons": [{ "path": "/api/cleanup", "schedule": "0 3 * * *" },
            { "path": "/api/report/", "schedule": "0 4 * * *" }] }
```
The path in `vercel.json` and the route in the app must be the same string, trailing
slash included.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

std::string Message(const std::string& path, const project::CronRoute& route) {
  if (route.redirected_to.empty()) return fmt::format("cron path \"{}\" reaches no route: {}", path, route.why);
  return fmt::format("cron path \"{}\" is redirected to \"{}\" {}, and cron jobs do not follow redirects", path,
                     route.redirected_to, route.why);
}

std::string Help(const project::CronRoute& route) {
  if (!route.served_path.empty()) return fmt::format("write \"{}\", the path the route serves", route.served_path);
  if (!route.redirected_to.empty()) return "point the cron job at a path that reaches a route without a redirect";
  if (!route.unbuilt_file.empty()) {
    return fmt::format("add {{\"src\": \"{}\", \"use\": \"@vercel/python\"}} to `builds`", route.unbuilt_file);
  }
  if (!route.help.empty()) return route.help;
  return "add a route for this exact path (GET) to the app, or correct the path";
}

constexpr size_t kMostRelatedFiles = 3;

bool DefinesRoutes(const python::Module& module) {
  return std::any_of(module.functions().begin(), module.functions().end(),
                     [](const python::Function& function) { return !function.routes.empty(); });
}

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  for (size_t i = 0; i < crons->items.size(); ++i) {
    const vercel::JsonValue* path = crons->items[i].Get("path");
    if (!path || !path->is_string()) continue;
    if (path->text.empty() || path->text[0] != '/') {
      out.Report(Location{config->path, path->range},
                 fmt::format("cron path \"{}\" must start with `/`", path->text),
                 fmt::format("write \"/{}\"", path->text));
      continue;
    }
    const project::CronRoute& route = cx.project.CronRouteOf(path->text);
    if (route.kind != project::CronRoute::Kind::kNoRoute) continue;
    // Each file whose routes were searched, as a whole: removing or renaming the route
    // there is what breaks this cron entry, as is a rewrite that no longer sends it there.
    // Shown beside the finding: the searched files that define routes, where one would be
    // added, when they are few; a list of a project's every router (QA round 5: fifteen
    // lines at 1:1) says no more than the message, which names the entry.
    std::vector<Location> related;
    std::vector<Dependency> depends_on = RoutingDependencies(*config, route);
    for (const std::string& file : route.searched) {
      depends_on.push_back(Dependency::WholeFile(file));  // the last route removed at its end too
      const python::Module* module = cx.project.PythonModule(file);
      if (module && DefinesRoutes(*module)) related.push_back(Location{file, Range{{1, 1}, {module->line_count(), 1}}});
    }
    if (related.size() > kMostRelatedFiles) related.clear();
    out.Report(Location{config->path, path->range}, Message(path->text, route), Help(route),
               std::move(related), std::move(depends_on));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
