#include <fmt/format.h>

#include <algorithm>

#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleOption kOptions[] = {
    {"max-seconds", "10",
     "the shortest constant sleep, in seconds, that is reported. 10 is the whole default duration of a Hobby "
     "function without fluid compute (the seed's \"10s free\"); with fluid compute the default is 300 s "
     "(vercel.com/docs/functions/limitations), so lower it to what your functions' maxDuration leaves for a wait"},
};

constexpr RuleInfo kInfo{
    "FL402", "long-sleep", Severity::kWarning,
    "a long sleep burns the function's time budget",
    R"(## What it does
Finds `time.sleep`, `asyncio.sleep`, `gevent.sleep`, `trio.sleep` and `anyio.sleep`
calls whose duration is a known constant of `max-seconds` (default 10) or more. A
sleep inside a `while True:` loop is reported as a polling loop. Sleeps whose length is
computed at run time are not reported, and neither are the short pauses of a bounded
retry (`time.sleep(0.5)`), nor sleeps that never run on the platform: under a guard such
as `if __name__ == "__main__":`, or in a function or a method of the module's own class
only called there (`bot = Bot()` ... `bot.run()`), with the callers in the project's other
modules counted (see FL106): a function only a `main.py` run by hand calls does not run on
the platform, and one that a request handler of another module calls does.

## Why it fails on serverless
A function instance lives for one request and has a hard time limit (its
`maxDuration`). Without fluid compute a Hobby function gets 10 seconds by default —
the default of `max-seconds` — and even with higher limits every second spent asleep
is billed duration in which the user waits for the response. A polling loop that sleeps
between checks, the way a background worker on a server does, never finishes inside a
request: the platform stops the function at its limit and the request fails.

## Example
```python
@app.route("/report")
def report():
    while not job_done():
        time.sleep(30)
    return "ready"
```

## Instead
Return at once and let the client or the platform come back: start the job, answer
202 with an id, and let the client poll an endpoint; run periodic checks as a cron job
(`crons` in `vercel.json`) that does one check per call; or hand long work to a queue
worker. Keep retry back-offs short and bounded.)",
    kOptions, FindingsIn::kPythonFile, /*reads_declared_packages=*/false,
    /*reads_imported_containers=*/false, /*reads_callers_elsewhere=*/true};

constexpr std::string_view kSleeps[] = {
    "time.sleep", "asyncio.sleep", "gevent.sleep", "trio.sleep", "anyio.sleep", "eventlet.sleep",
};

// `delay` is a parameter of the function the call is in (or of an enclosing one): the
// module-level constant of the same name is not what it sleeps.
bool IsParameter(const python::Module& module, int function, std::string_view name) {
  for (; function >= 0; function = module.functions()[function].parent) {
    const std::vector<std::string>& params = module.functions()[function].params;
    if (std::find(params.begin(), params.end(), name) != params.end()) return true;
  }
  return false;
}

bool InInfiniteLoop(const python::Module& module, const python::Call& call) {
  if (call.loop_depth == 0) return false;
  return std::any_of(module.loops().begin(), module.loops().end(), [&](const python::Loop& loop) {
    return loop.constant_true && !loop.has_break && loop.function == call.function &&
           Encloses(loop.range, call.range);
  });
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  double threshold = cx.options.Number("max-seconds");
  if (threshold <= 0) return;
  for (const python::Call& call : module.calls()) {
    if (!OneOf(call.callee, kSleeps) || (call.guarded && !call.guarded_by_callers)) continue;
    const python::Argument* duration = call.Arg(0, call.callee == "asyncio.sleep" ? "delay" : "seconds");
    if (duration == nullptr) continue;
    if (duration->value.kind == python::Expr::Kind::kName &&
        IsParameter(module, call.function, duration->value.text)) {
      continue;
    }
    std::optional<double> seconds = ConstantNumber(module, duration->value);
    if (!seconds || *seconds < threshold) continue;
    // Who runs the function: its callers here and in the other modules (FL106).
    project::ModuleCallers::Verdict who;
    if (call.function >= 0) {
      who = WhoRuns(cx, call.function);
      if (who.off_platform) continue;
    }
    CalledFrom called = CalledFromElsewhere(who);
    bool polling = InInfiniteLoop(module, call);
    out.Report(Location{module.path(), call.callee_range},
               fmt::format("`{}({})` sleeps {:g} s{}; a function has a hard time limit and bills every second "
                           "of it",
                           call.callee, duration->value.text, *seconds,
                           polling ? " in a `while True` polling loop" : ""),
               polling ? "do one check per call and let a cron job (vercel.json `crons`) call the endpoint "
                         "on a schedule"
                       : "return early and let the client poll, or move the wait to a queue worker",
               std::move(called.related), std::move(called.depends_on));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
