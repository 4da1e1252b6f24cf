#include <fmt/format.h>

#include "python/background.h"
#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL104", "in-process-scheduler", Severity::kError,
    "periodic jobs are scheduled inside the function instance",
    R"(## What it does
Finds schedulers that live in process memory: APScheduler (`BackgroundScheduler`,
`BlockingScheduler`, `AsyncIOScheduler`, Flask-APScheduler) started or given jobs, the
`schedule` library (`schedule.every(...).do(...)`, `run_pending()`), `sched.scheduler().run()`,
celery beat run in-process, and threads, timers or asyncio tasks whose function loops
around a sleep (`while True: ...; time.sleep(60)`) or re-arms its own `Timer`.

## Why it fails on serverless
A scheduler is a loop that waits for the clock inside a running process. A function
instance lives for one request: between requests it is frozen, and it is thrown away
after a while of no traffic. Jobs fire only while a request happens to be running, so
"every 10 minutes" becomes "sometimes, never when nobody visits", and several instances
run the same job at once when traffic is high.

## Example
```python
from apscheduler.schedulers.background import BackgroundScheduler

scheduler = BackgroundScheduler()
scheduler.add_job(check_events, "interval", minutes=10)
scheduler.start()
```

## Instead
Let the platform keep the clock. Expose the job as an endpoint and call it from a cron
job in `vercel.json`:
```json
{ "crons": [{ "path": "/api/check-events", "schedule": "*/10 * * * *" }] }
```
```python
@app.route("/api/check-events")
def check_events_endpoint():
    check_events()
    return {"status": "checked"}
```
Protect the endpoint with the `CRON_SECRET` Vercel sends as a bearer token.)"};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  for (const python::BackgroundStart& start : cx.background.starts) {
    if (start.kind != python::BackgroundKind::kScheduler) continue;
    if (start.function >= 0 && module.functions()[start.function].off_platform) continue;
    const python::Call& call = module.calls()[start.call];
    out.Report(call.callee_range, fmt::format("`{}` {}", start.what, start.how),
               "run the job from a cron job in vercel.json (`crons`) that calls an endpoint");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
