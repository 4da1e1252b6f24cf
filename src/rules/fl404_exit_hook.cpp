#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL404", "exit-hook", Severity::kWarning,
    "an exit or shutdown hook that the platform never runs",
    R"(## What it does
Finds `atexit.register(...)` (as a call or a decorator) and handlers installed for
`SIGTERM` with `signal.signal(...)` or `loop.add_signal_handler(...)` — code written to
run when the process shuts down. `SIGINT` handlers count when they are installed at
import time or in a startup hook; one installed for the duration of a call (a
debugger's Ctrl-C handling) is not reported, nor is putting back a saved handler.
On Vercel, `SIGTERM` handlers are not reported: Vercel Functions on Python support
graceful shutdown (changelog "Vercel Functions now support graceful shutdown"): an
instance that is scaled down receives `SIGTERM` and has up to 500 ms to clean up.

## Why it fails on serverless
A function instance lives for one request. After the response the platform freezes
the instance, and later discards it without a normal interpreter shutdown: `atexit`
functions and signal handlers do not get to run. Whatever they were meant to do —
flush buffered metrics or logs, write a final state file, close a connection cleanly,
deregister a worker — silently never happens. On Vercel the `SIGTERM` at scale-down
is the exception, and it does not run `atexit` functions either: Vercel's Python
runtime (`vercel_runtime/vc_init.py`) installs no handler of its own for WSGI apps,
and for ASGI apps uvicorn passes the signal on after its own shutdown, so the
default action ends the process without an interpreter shutdown — unless the app's
own `SIGTERM` handler exits normally. `SIGINT` is never sent.

## Example
```python
import atexit

events = []

@atexit.register
def flush_events():
    analytics.send_batch(events)
```

## Instead
Finish the work before the response is returned: flush inside the handler (in a
`finally:` block or a context manager), send events synchronously or to a queue as they
happen, and keep durable state in a database or object storage rather than in memory
waiting for shutdown.)"};

constexpr std::string_view kShutdownSignals[] = {"signal.SIGTERM", "signal.SIGINT", "signal.Signals.SIGTERM",
                                                 "signal.Signals.SIGINT"};
constexpr std::string_view kNotHandlers[] = {"signal.SIG_IGN", "signal.SIG_DFL", "signal.default_int_handler",
                                             "signal.Handlers.SIG_IGN", "signal.Handlers.SIG_DFL"};

// Putting back a handler saved earlier installs nothing new: `old = signal.signal(...)`
// or `old = signal.getsignal(...)` and later `signal.signal(SIGINT, old)`; names that
// say so (`original_handler`, `_previous_sigint_handler`) count as well.
// `saved`: the names the module assigns handlers to (`old = signal.getsignal(...)`).
bool RestoresSavedHandler(const std::set<std::string_view>& saved, const python::Expr& handler) {
  std::string_view name = handler.text;
  std::string_view last = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
  for (std::string_view word : {"original", "previous", "prev_", "old_", "saved"}) {
    if (last.find(word) != std::string_view::npos) return true;
  }
  return saved.count(name) > 0;
}

std::set<std::string_view> SavedHandlers(const python::Module& module) {
  std::set<std::string_view> saved;
  for (const python::Call& call : module.calls()) {
    if ((call.callee == "signal.getsignal" || call.callee == "signal.signal") && !call.assigned_to.empty()) {
      saved.insert(call.assigned_to);
    }
  }
  return saved;
}

std::string_view ShortSignal(std::string_view qualified) { return qualified.substr(qualified.rfind('.') + 1); }

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  for (const python::Function& function : module.functions()) {
    if (function.guarded) continue;
    for (const python::Expr& decorator : function.decorators) {
      bool plain = decorator.kind == python::Expr::Kind::kAttribute || decorator.kind == python::Expr::Kind::kName;
      if (!plain || decorator.qualified != "atexit.register") continue;
      out.Report(decorator.range,
                 fmt::format("`{}` is registered to run at exit; the platform freezes and discards function "
                             "instances without running exit hooks",
                             function.name),
                 "do this work before returning the response (a `finally:` block or a context manager)");
    }
  }
  std::optional<std::set<std::string_view>> saved;
  for (const python::Call& call : module.calls()) {
    if (call.guarded) continue;
    if (call.callee == "atexit.register") {
      const python::Argument* hook = call.Positional(0);
      out.Report(call.callee_range,
                 fmt::format("`atexit.register({})` never runs: the platform freezes and discards function "
                             "instances without a normal shutdown",
                             hook ? hook->value.text : ""),
                 "do this work before returning the response (a `finally:` block or a context manager)");
      continue;
    }
    bool installs = call.callee == "signal.signal" || call.method == "add_signal_handler";
    if (!installs) continue;
    bool asyncio_loop = call.method == "add_signal_handler";
    const python::Argument* signal = call.Arg(0, asyncio_loop ? "sig" : "signalnum");
    const python::Argument* handler = call.Arg(1, asyncio_loop ? "callback" : "handler");
    if (signal == nullptr || handler == nullptr || !OneOf(signal->value.qualified, kShutdownSignals)) continue;
    // A SIGINT handler installed while some code runs (a debugger's Ctrl-C, asyncio.run)
    // is about interrupting work, not about shutdown; installed on a cold-start path it
    // is a shutdown hook.
    bool sigint = signal->value.qualified.ends_with("SIGINT");
    if (sigint && call.function != -1 && !module.IsInColdStart(call.function)) continue;
    // Vercel sends SIGTERM at scale-down and waits up to 500 ms (graceful shutdown).
    if (!sigint && cx.settings.platform == Platform::kVercel) continue;
    if (OneOf(handler->value.qualified, kNotHandlers) || handler->value.kind == python::Expr::Kind::kNone) continue;
    if (!saved) saved = SavedHandlers(module);  // once, for the first handler to check
    if (RestoresSavedHandler(*saved, handler->value)) continue;
    out.Report(call.callee_range,
               fmt::format("the {} handler `{}` is not called when the platform stops a function instance",
                           ShortSignal(signal->value.qualified), handler->value.text),
               "do cleanup before returning the response instead of waiting for a shutdown signal");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
