#include <fmt/format.h>

#include <set>

#include "project/module_index.h"
#include "python/background.h"
#include "python/module.h"
#include "rules/fixes.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL103", "import-time-background-work", Severity::kError,
    "a function that starts background work is called when the function instance starts",
    R"(## What it does
Finds calls made while a function instance starts — at module level, in FastAPI
`on_event("startup")` handlers and lifespan functions, in Flask `before_first_request` /
`before_request` hooks, in a Django `AppConfig.ready()` — of a function that starts a thread, a process or a scheduler,
directly or through the functions it calls, in the same module or in a local module it
imports (`from tasks import start_background_checker`). The message names the chain down to
the start. A start written directly at module level is FL101/FL102/FL104's finding; this
rule reports the call that hides it.

## Why it fails on serverless
A function instance lives for one request. Code that runs at import time runs again on
every cold start, in every instance, and whatever it starts is frozen as soon as the
response is sent: the `start_background_checker()` that kept a server checking events every
ten seconds starts a thread that runs for a few milliseconds and then never again. A start
that fails in the sandbox (no `/dev/shm` for process pools, no long-lived sockets) fails the
import, and every request answers FUNCTION_INVOCATION_FAILED.

## Example
```python
# tasks.py
def start_background_checker():
    threading.Thread(target=check_events, daemon=True).start()

# app.py
from tasks import start_background_checker

app = Flask(__name__)
start_background_checker()
```

## Instead
Keep the start off the platform with a guard, as the local server does:
```python
IS_VERCEL = os.environ.get("VERCEL") == "1"
if not IS_VERCEL:
    start_background_checker()
```
and run the periodic work on the platform from a cron job in `vercel.json` that calls an
endpoint (`"crons": [{"path": "/api/check-events", "schedule": "*/10 * * * *"}]`).
`faaslint check --fix` adds the guard to a call at import time.)"};

std::string Chain(const python::BackgroundWork& work) {
  std::string chain;
  for (const std::string& step : work.via) {
    chain += chain.empty() ? ", via " : " -> ";
    chain += step == python::kElidedVia ? step : "`" + step + "`";
  }
  return chain;
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const std::vector<python::BackgroundStart>& starts = cx.background.starts;
  const std::vector<python::FunctionWork>& work = cx.background.work;
  python::ExternalWork external;
  if (cx.modules != nullptr) {
    external = [&](std::string_view callee) { return cx.modules->BackgroundWorkOf(module.path(), callee); };
  }
  std::set<int> direct;  // a start written on the cold-start path itself is another rule's finding
  for (const python::BackgroundStart& start : starts) direct.insert(start.call);

  const std::vector<python::Call>& calls = module.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const python::Call& call = calls[i];
    if (call.guarded || direct.count(static_cast<int>(i))) continue;
    bool import_time = call.function < 0;
    if (!import_time && !module.IsInColdStart(call.function)) continue;
    // Resolving a call may parse the modules it leads to; in a diff run most calls are
    // on lines whose findings would be dropped.
    if (!out.Keeps(call.callee_range.start.line)) continue;
    std::optional<python::BackgroundWork> found;
    if (call.target >= 0) {
      if (call.target != call.function) found = python::ResolveWork(work[call.target], external);
    } else if (external) {
      for (const std::string& imported : cx.background.imported_names.Of(call)) {
        if ((found = external(imported))) break;
      }
    }
    if (!found) continue;
    std::string name = SourceText(module, call.callee_range, call.callee);
    std::string when = import_time ? "at import time"
                                   : fmt::format("in the hook `{}()`",
                                                 module.functions()[call.function].qualified_name);
    // At import time the seed's guard keeps the work local; a start in a startup hook
    // needs the hook rethought, not a guard.
    std::vector<Edit> fix = import_time ? GuardOffPlatform(module, call) : std::vector<Edit>{};
    out.ReportWithFix(
        call.callee_range,
        fmt::format("`{}()` starts `{}` ({}:{}{}) {}: it is frozen after the first response and started again on "
                    "every cold start",
                    name, found->what, found->where.path, found->where.range.start.line, Chain(*found), when),
        "guard the call (`if not os.environ.get(\"VERCEL\"):`) and run the work from a cron job in vercel.json "
        "(`crons`) that calls an endpoint",
        std::move(fix), {found->where});
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
