#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL703", "cron-path", Severity::kError,
    "cron job path that does not start with `/` or reaches no route of the app",
    R"md(## What it does
Checks the `path` of every entry of `crons` in `vercel.json`: it must start with `/`,
and it must reach a handler of the app — a Flask/FastAPI route of a function
(directly, or through a `rewrites` entry that sends it to the function), or a
function file under `api/`.

## Why it fails on serverless
Vercel refuses a cron path that does not start with `/`. A path that reaches no route
deploys fine and then fails every time it fires: the cron job calls a 404, and
nothing tells you unless you read the cron logs.

## Example
```json
{ "crons": [{ "path": "api/cron/cleanup", "schedule": "0 3 * * *" }] }
```

## Instead
```json
{ "crons": [{ "path": "/api/cron/cleanup", "schedule": "0 3 * * *" }] }
```
with a route for it in the app:
```python
@app.get("/api/cron/cleanup")
def cleanup(): ...
```
)md"};

void Check(const ProjectContext& cx, Sink& out) {
  const project::VercelConfig* config = cx.project.vercel_config();
  if (!config || !config->root()) return;
  const vercel::JsonValue* crons = config->root()->Get("crons");
  if (!crons || !crons->is_array()) return;
  for (size_t i = 0; i < crons->items.size(); ++i) {
    const vercel::JsonValue* path = crons->items[i].Get("path");
    if (!path || !path->is_string()) continue;
    if (path->text.empty() || path->text[0] != '/') {
      out.Report(Location{config->path, path->range},
                 fmt::format("cron path \"{}\" must start with `/`", path->text),
                 fmt::format("write \"/{}\"", path->text));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
