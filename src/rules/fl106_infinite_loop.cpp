#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <utility>

#include "core/flat_multimap.h"
#include "python/background.h"
#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL106", "infinite-loop", Severity::kWarning,
    "a `while True` loop with no way out runs outside a request handler",
    R"(## What it does
Finds `while True:` / `while 1:` loops with no `break`, `return`, `raise` or
`sys.exit()` inside and no exception handler around them, at module level or in
functions that are not request handlers. Not reported: loops in request handlers (a
streaming or websocket handler ends when the client leaves; Django views named in any
`urls.py` count), in generators (they run only as far as the caller pulls), in functions
run as a thread, process or task (FL101, FL102 and FL104 report how those are started),
and in functions only called under a guard such as `if __name__ == "__main__":`: also
methods of the module's own class (no base class, no class decorator) called there through
its instance (`bot = Bot()` ... `bot.run()`, `Bot().run()`, or in a `main()` called there),
unless the module also calls that method elsewhere or hands it on (`Thread(target=bot.run)`).
Callers in the project's other modules count as well: a function whose every caller, in
any module, is under such a guard, in a function only called from there, or in a module no
function deploys (a `main.py` run by hand that starts `worker.poll()` as a task) is not
reported; a function that deployed code calls on the platform is, though its own module
calls it only under the guard (`main()` of lib/worker.py, called from a request handler of
api/cron.py). A function nobody calls is reported. Such a finding names the call as
related, and a diff run that adds the call reports it.

## Why it fails on serverless
A function instance lives for one request and has a hard time limit. A loop that never
ends either blocks the import (at module level: the instance never becomes ready and every
request fails) or keeps the invocation busy until the platform kills it at `maxDuration`,
typically a polling or worker loop written for a long-running server.

## Example
```python
def watch_queue():
    while True:
        job = queue.pop()
        if job:
            handle(job)
        time.sleep(5)

watch_queue()
```

## Instead
Do one round of the work per invocation and let the platform repeat it: a cron job in
`vercel.json` calling an endpoint that processes what is pending and returns. A consumer
that must run continuously belongs in a separate worker service.)",
    /*options=*/{}, FindingsIn::kPythonFile, /*reads_declared_packages=*/false,
    /*reads_imported_containers=*/false, /*reads_callers_elsewhere=*/true};

constexpr std::string_view kExits[] = {"sys.exit", "exit", "quit", "os._exit", "os.abort"};
// Exceptions a loop is stopped by from outside rather than left through: these handlers are
// not a way out (a server loop waiting for Ctrl-C still runs forever on the platform).
constexpr std::string_view kNotExits[] = {"KeyboardInterrupt", "SystemExit"};

// Functions that run as a thread, process or task: `Thread(target=f)`, `create_task(f())`,
// `executor.submit(f)`, and `run` of Thread/Process subclasses.
std::set<int> BackgroundTargets(const python::Module& module) {
  std::set<int> targets;
  for (const python::Call& call : module.calls()) {
    const python::Argument* argument = python::BackgroundTargetArgument(call);
    if (argument == nullptr) continue;
    if (argument->value.kind == python::Expr::Kind::kCall && argument->value.call >= 0) {
      int target = module.calls()[argument->value.call].target;  // create_task(poll())
      if (target >= 0) targets.insert(target);
      continue;
    }
    int target = python::ReferencedFunction(module, argument->value, call.function);
    if (target >= 0) targets.insert(target);
  }
  for (const python::Class& klass : module.classes()) {
    bool runnable = std::any_of(klass.bases.begin(), klass.bases.end(), [](const python::Expr& base) {
      return base.qualified.ends_with("Thread") || base.qualified.ends_with("Process");
    });
    if (!runnable) continue;
    for (int method : klass.methods) {
      if (module.functions()[method].name == "run") targets.insert(method);
    }
  }
  return targets;
}

// The calls that leave the program (`sys.exit()`), by function and where they start: a
// loop asks for those starting inside it, one lookup however many loops there are.
using ExitCalls = FlatMultimap<std::pair<int, Position>, const python::Call*>;

ExitCalls FindExitCalls(const python::Module& module) {
  ExitCalls exits;
  for (const python::Call& call : module.calls()) {
    if (OneOf(call.callee, kExits)) exits.Add({call.function, call.range.start}, &call);
  }
  exits.Seal();
  return exits;
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  std::set<int> background;
  bool background_known = false;
  std::optional<ExitCalls> exit_calls;  // found for the first loop that needs them
  for (const python::Loop& loop : module.loops()) {
    if (!loop.is_while || !loop.constant_true || loop.has_break || loop.has_return) continue;
    if (loop.guarded && !loop.guarded_by_callers) continue;  // a guard of its own
    int function = loop.function;
    if (function >= 0) {
      const python::Function& owner = module.functions()[function];
      if (ServesRequests(cx, function) || owner.is_generator) continue;
      if (!background_known) {
        background = BackgroundTargets(module);
        background_known = true;
      }
      if (background.count(function)) continue;
    }
    bool exits = std::any_of(loop.caught.begin(), loop.caught.end(),
                             [](const python::Catch& caught) { return !OneOf(caught.type, kNotExits); });
    if (!exits) {
      if (!exit_calls) exit_calls = FindExitCalls(module);
      auto inside = exit_calls->FindRange({function, loop.range.start}, {function, loop.range.end});
      exits = std::any_of(inside.begin(), inside.end(),
                          [&](const python::Call* call) { return Encloses(loop.range, call->range); });
    }
    if (exits) continue;
    // Who runs the function: its callers here and in the other modules (a guarded main()
    // that a request handler elsewhere calls runs; one only main.py's guard runs does not).
    project::ModuleCallers::Verdict who;
    if (function >= 0) {
      who = WhoRuns(cx, function);
      if (who.off_platform) continue;
      if (who.spawned && module.functions()[function].parent < 0) continue;  // FL101, FL105 report the start
    }
    std::string loop_text(module.Line(loop.header_range.start.line));
    loop_text.erase(0, loop_text.find_first_not_of(" \t"));
    if (loop_text.empty() || loop_text.size() > 40 || loop_text.back() != ':') loop_text = "while True:";
    if (function < 0) {
      out.Report(loop.header_range,
                 fmt::format("`{}` at import time never ends: the module never finishes importing, so the function "
                             "never serves a request",
                             loop_text),
                 "do one round of the work per invocation in an endpoint called by a cron job (vercel.json `crons`)");
    } else {
      CalledFrom called = CalledFromElsewhere(who);
      out.Report(Location{module.path(), loop.header_range},
                 fmt::format("`{}` in `{}()` has no break, return or raise: it runs until the platform kills the "
                             "invocation at its time limit",
                             loop_text, module.functions()[function].qualified_name),
                 "process what is pending and return; let a cron job (vercel.json `crons`) call it again",
                 std::move(called.related), std::move(called.depends_on));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
