#include <fmt/format.h>

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
and it must reach a handler of the app. faaslint routes the path as Vercel does —
legacy `routes`, then the function files under `api/` (`api/cron.py` serves
`/api/cron`), then `rewrites`, then the zero-configuration app — and then looks for a
Flask/FastAPI/Starlette route of that function (in its file or the local modules it
imports) or its `handler` class. Where routing cannot be followed statically (an
external rewrite, routes built at run time, a route regex too large to compile safely)
it reports nothing. Matching every cron path against every route has a bound per run;
past it no cron is judged, and the run prints a note naming `vercel.json`.

## Why it fails on serverless
Vercel refuses a cron path that does not start with `/`. A path that reaches no route
deploys fine and then fails every time it fires: the cron job calls a 404, and nothing
tells you unless you read the cron logs.

## Example
```json
{ "crons": [{ "path": "/api/cron/cleanup", "schedule": "0 3 * * *" }] }
```
```python
# api/index.py
@app.get("/api/cleanup")
def cleanup(): ...
```

## Instead
```json
{ "crons": [{ "path": "/api/cleanup", "schedule": "0 3 * * *" }] }
```
The path in `vercel.json` and the route in the app must be the same string.
)md"};

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
    std::vector<Location> related;
    std::vector<Dependency> depends_on = RoutingDependencies(*config, route);
    for (const std::string& file : route.searched) {
      const python::Module* module = cx.project.PythonModule(file);
      uint32_t lines = module ? module->line_count() : 1;
      related.push_back(Location{file, Range{{1, 1}, {lines, 1}}});
      depends_on.push_back(Dependency::WholeFile(file));  // the last route removed at its end too
    }
    std::string help = route.function_file.empty()
                           ? fmt::format("send it to the function with a rewrite ({{\"source\": \"{}\", "
                                         "\"destination\": \"/api/index\"}}), or serve it from its own api/ file",
                                         path->text.substr(0, path->text.find('?')))
                           : "add a route for this exact path (GET) to the app, or correct the path";
    out.Report(Location{config->path, path->range},
               fmt::format("cron path \"{}\" reaches no route: {}", path->text, route.why), std::move(help),
               std::move(related), std::move(depends_on));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
