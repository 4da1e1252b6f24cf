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
around a sleep (`while True: ...; time.sleep(60)`) or re-arms its own `Timer`. Not
reported: a scheduler set up in a function the platform never runs, because every call of
it, in any module, is under a guard such as `if __name__ == "__main__":`, in a function
only called from there, or in a module no function deploys (a `setup_scheduler()` only
main.py calls, see FL106). A function that deployed code calls from a request handler runs
there, even when its own module calls it only under the guard; a function nobody calls is
reported.

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
Protect the endpoint with the `CRON_SECRET` Vercel sends as a bearer token.)",
    /*options=*/{}, FindingsIn::kPythonFile, /*reads_declared_packages=*/false,
    /*reads_imported_containers=*/false, /*reads_callers_elsewhere=*/true};

void CheckStarts(const PyContext& cx, Sink& out, const std::vector<python::BackgroundStart>& starts) {
  const python::Module& module = cx.module;
  for (const python::BackgroundStart& start : starts) {
    if (start.kind != python::BackgroundKind::kScheduler) continue;
    // Who runs the function that starts it: its callers here and in the other modules (FL106).
    project::ModuleCallers::Verdict who;
    if (start.function >= 0) {
      who = WhoRuns(cx, start.function);
      if (who.off_platform) continue;
    }
    const python::Call& call = module.calls()[start.call];
    CalledFrom called = CalledFromElsewhere(who);
    out.Report(Location{module.path(), call.callee_range}, fmt::format("`{}` {}", start.what, start.how),
               "run the job from a cron job in vercel.json (`crons`) that calls an endpoint",
               std::move(called.related), std::move(called.depends_on));
  }
}

void Check(const PyContext& cx, Sink& out) {
  CheckStarts(cx, out, cx.background.starts);
  // In a function its module calls only from guarded code, which another module may still
  // run on the platform.
  if (cx.callers != nullptr) CheckStarts(cx, out, python::FindBackgroundStartsOffPlatform(cx.module));
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
