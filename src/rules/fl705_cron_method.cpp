#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "project/cron_routes.h"
#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL705", "cron-method", Severity::kError,
    "the route a cron job calls does not accept GET",
    R"md(## What it does
Finds the handlers each cron job of `vercel.json` reaches (see FL703) and reports when
none of them accepts `GET` — a Flask route with `methods=["POST"]`, a FastAPI
`@app.post`, a `handler` class without `do_GET`.

## Why it fails on serverless
Vercel invokes cron jobs with an HTTP GET request. A route that only accepts POST
answers 405 Method Not Allowed, so the job never runs — and the deploy succeeds, so
nothing tells you.

## Example
```python
@app.post("/api/cron/report")
def report(): ...
```

## Instead
```python
@app.get("/api/cron/report")
def report(): ...
```
)md"};

std::string Methods(const python::Route& route) {
  std::string text;
  for (const std::string& method : route.methods) text += (text.empty() ? "" : ", ") + method;
  return text.empty() ? "no method" : text;
}

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  for (const vercel::JsonValue& cron : crons->items) {
    const vercel::JsonValue* path = cron.Get("path");
    if (!path || !path->is_string()) continue;
    const project::CronRoute& route = cx.project.CronRouteOf(path->text);
    if (route.kind != project::CronRoute::Kind::kFound || route.handlers.empty()) continue;
    if (project::AnyAcceptsGet(route.handlers)) continue;
    // The handlers whole, decorators and all: the methods a route accepts may be written
    // on a line of their own, or a `do_GET` deleted from a handler class.
    std::vector<Dependency> depends_on = RoutingDependencies(*config, route);
    for (const project::CronHandler& handler : route.handlers) {
      depends_on.push_back(project::FunctionDefinition(handler.file, *handler.module, handler.function));
    }
    const project::CronHandler& first = route.handlers.front();
    out.Report(Location{first.file, first.route->range},
               fmt::format("cron job \"{}\" calls this route with GET, but it accepts only {}", path->text,
                           Methods(*first.route)),
               "accept GET (`@app.get`, or `methods=[\"GET\"]`); Vercel always calls cron jobs with GET",
               {Location{config->path, path->range}}, std::move(depends_on));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
