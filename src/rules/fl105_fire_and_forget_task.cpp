#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <span>

#include "python/background.h"
#include "python/module.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

// "Important: Save a reference to the result of this function, to avoid a task
// disappearing mid-execution. The event loop only keeps weak references to tasks."
// Source: Python documentation, asyncio "Coroutines and Tasks", asyncio.create_task().
// BackgroundTasks are left alone because Starlette runs them inside the ASGI call, after
// the response body, and Vercel's Python runtime reports the invocation's end only when
// that call returns. Source: vercel/vercel packages/python/vc_init.py, ASGIMiddleware
// (the "end" IPC message is sent after `await self.app(...)`).
constexpr RuleInfo kInfo{
    "FL105", "fire-and-forget-task", Severity::kWarning,
    "a task or future is started and nothing waits for it",
    R"(## What it does
Finds `asyncio.create_task`, `asyncio.ensure_future`, `loop.create_task`,
`loop.run_in_executor`, `asyncio.run_coroutine_threadsafe` and `executor.submit` calls
whose result is thrown away, assigned to a name that is never used again, or only kept
where it outlives the call (a module-level set, `self._tasks`: asyncio's "keep a
reference" recipe) or given a done-callback, which wait for nothing. Tasks that are
awaited, gathered, kept in a local collection (to gather later), or created inside
`async with asyncio.TaskGroup()` / `with ThreadPoolExecutor() as pool:` (whose exit
waits) are fine.

FastAPI's and Starlette's `BackgroundTasks.add_task` is not reported: the framework runs
those tasks before the ASGI call returns, so the platform waits for them (they still count
against the function's `maxDuration`).

## Why it fails on serverless
A function instance lives for one request. Work that nobody waits for is still running
when the response is sent, and the platform freezes the instance right then: the task
stops mid-way and may never resume, because the next request can land on a fresh
instance. asyncio only keeps a weak reference to a task, so a dropped task can also be
garbage-collected before it finishes, even on a server.

## Example
```python
@app.post("/signup")
async def signup(user: User):
    asyncio.create_task(send_welcome_mail(user))  # may never be sent
    return {"ok": True}
```

## Instead
Await the work before responding (`await send_welcome_mail(user)`, or
`await asyncio.gather(...)` for several), keep it within the function's time limit, or
hand it to a queue or a cron-called endpoint that does it in its own invocation.)"};

constexpr std::string_view kTaskFunctions[] = {"asyncio.create_task", "asyncio.ensure_future"};
constexpr std::string_view kExecutors[] = {
    "concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor",
    "concurrent.futures.thread.ThreadPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor"};

bool LooksLikeExecutor(const python::Expr& receiver, const python::Bindings& bindings, int function) {
  if (bindings.Source(receiver, function, [](const python::Call& c) { return OneOf(c.callee, kExecutors); })) {
    return true;
  }
  std::string name(receiver.text.substr(receiver.text.rfind('.') == std::string_view::npos ? 0 : receiver.text.rfind('.') + 1));
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  return name.find("executor") != std::string::npos || name.find("pool") != std::string::npos;
}

// Methods of a task or future that do not wait for it.
constexpr std::string_view kNonWaitingMethods[] = {"add_done_callback", "remove_done_callback", "cancel", "cancelled",
                                                   "done", "set_name", "get_name"};
// Methods that put a value into a collection.
constexpr std::string_view kKeepingMethods[] = {"add", "append", "appendleft", "insert"};

bool NestedIn(const python::Module& module, int function, int outer) {
  for (int f = function; f >= 0; f = module.functions()[f].parent) {
    if (module.functions()[f].parent == outer) return true;
  }
  return false;
}

// `tasks.add(x)` into a collection that outlives the call: a module-level one, or one of
// the object (`self._tasks`).
bool KeepsAway(const PyContext& cx, const python::Call& use) {
  const python::Expr& into = use.receiver;
  bool long_lived = (into.kind == python::Expr::Kind::kName && cx.values.ScopeOf(into.text, use.function) == -1) ||
                    into.text.starts_with("self.");
  return long_lived && use.args.size() == 1 && OneOf(use.method, kKeepingMethods);
}

// The reads of each name, indexed on first use (most modules start no task).
class LoadsByName {
 public:
  explicit LoadsByName(const python::Module& module) : module_(module) {}
  std::span<const python::NameLoad* const> Of(std::string_view name) {
    if (!index_) {
      index_.emplace();
      for (const python::NameLoad& load : module_.name_loads()) index_->Add(load.name, &load);
      index_->Seal();
    }
    return index_->Find(name);
  }

 private:
  const python::Module& module_;
  std::optional<FlatMultimap<std::string_view, const python::NameLoad*>> index_;
};

// `task = create_task(...)` whose every read keeps it in a collection that outlives the
// call (a module-level set, `self._tasks`) or gives it a done-callback: asyncio's "keep a
// reference" recipe (`background_tasks.add(task)`, `task.add_done_callback(
// background_tasks.discard)`) waits for nothing. Returns where it is kept ("`tasks`"),
// "" when it is only given callbacks, or nullopt when some read may wait for it.
std::optional<std::string> OnlyKeptAway(const PyContext& cx, LoadsByName& loads, const python::Call& call) {
  const python::Module& module = cx.module;
  const int function = call.function;
  if (function < 0) return std::nullopt;
  const std::vector<int>& calls = module.functions()[function].calls;
  std::optional<std::string> kept;
  std::span<const python::NameLoad* const> reads = loads.Of(call.assigned_to);
  // Each read is matched against the function's calls: past these sizes (generated code)
  // the question is left unanswered, as "may wait".
  constexpr size_t kMaxReads = 64, kMaxCalls = 4096;
  if (reads.size() > kMaxReads || calls.size() > kMaxCalls) return std::nullopt;
  for (const python::NameLoad* read : reads) {
    const python::NameLoad& load = *read;
    if (load.function != function) {
      if (NestedIn(module, load.function, function)) return std::nullopt;  // a closure may wait for it
      continue;
    }
    if (load.range.start < call.range.start) continue;  // an earlier binding's read
    bool harmless = false;
    for (int index : calls) {
      const python::Call& use = module.calls()[index];
      if (use.receiver.kind == python::Expr::Kind::kName && use.receiver.range == load.range) {
        harmless = OneOf(use.method, kNonWaitingMethods);
        if (!kept) kept = "";
        break;
      }
      const python::Argument* argument = use.Positional(0);
      if (argument && use.args.size() == 1 && argument->value.range == load.range) {
        harmless = KeepsAway(cx, use);
        if (harmless) kept = fmt::format("`{}`", use.receiver.text);
        break;
      }
    }
    if (!harmless) return std::nullopt;
  }
  return kept;
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  python::Bindings bindings(module);
  LoadsByName loads(module);
  for (const python::Call& call : module.calls()) {
    if (call.guarded) continue;
    bool receiver = call.receiver.kind != python::Expr::Kind::kOther;
    bool task = OneOf(call.callee, kTaskFunctions) || (receiver && call.method == "create_task");
    bool future = call.callee == "asyncio.run_coroutine_threadsafe" ||
                  (receiver && (call.method == "run_in_executor" ||
                                (call.method == "submit" && LooksLikeExecutor(call.receiver, bindings, call.function))));
    if (!task && !future) continue;
    // A TaskGroup or executor used as a `with` item waits for its work on exit.
    if (receiver && bindings.Source(call.receiver, call.function,
                                    [](const python::Call& c) { return c.use == python::ResultUse::kWithItem; })) {
      continue;
    }
    std::string dropped;
    if (call.use == python::ResultUse::kDiscarded) {
      dropped = "is dropped";
    } else if (call.use == python::ResultUse::kAssigned && !call.assigned_to.empty() &&
               std::all_of(call.assigned_to.begin(), call.assigned_to.end(),
                           [](unsigned char c) { return std::isalnum(c) || c == '_'; }) &&
               !bindings.Read(call.assigned_to, call.function)) {
      dropped = fmt::format("is assigned to `{}` and never used", call.assigned_to);
    } else if (std::optional<std::string> kept;
               call.use == python::ResultUse::kAssigned && (kept = OnlyKeptAway(cx, loads, call))) {
      dropped = kept->empty() ? "is only given a done-callback" : fmt::format("is only kept in {}", *kept);
    } else if (call.use == python::ResultUse::kArgument && call.parent_call >= 0 && call.function >= 0 &&
               KeepsAway(cx, module.calls()[call.parent_call])) {
      dropped = fmt::format("is only kept in `{}`", module.calls()[call.parent_call].receiver.text);
    } else {
      continue;
    }
    out.Report(call.callee_range,
               fmt::format("the {} returned by `{}` {}: nothing waits for it before the response, and the function "
                           "instance is frozen then",
                           task ? "task" : "future", call.callee, dropped),
               task ? "await it (or `asyncio.gather` several) before returning, or hand the work to a queue or a "
                      "cron-called endpoint"
                    : "call `.result()` on the future (or use the executor in a `with` block) before returning");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
