#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <set>
#include <span>

#include "core/flat_multimap.h"
#include "python/bindings.h"
#include "python/module.h"
#include "python/values.h"
#include "rules/fixes.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL101", "background-thread", Severity::kError,
    "a thread is started and left running after the request",
    R"(## What it does
Finds `threading.Thread` and `threading.Timer` objects (and `Thread` subclasses) that are
started but not joined in the same function, daemon threads, and `_thread.start_new_thread`.
A thread the function returns is left to its callers, which may join it; a call in the
module that drops it instead — a bare `start_worker()`, or a result never joined nor
handed on — is reported at that call. So is a call of a function decorated with a
decorator whose wrapper starts and returns the thread (`@run_in_thread`). Also finds a
Slack Bolt `App` (or `AsyncApp`) made without `process_before_response=True`: Bolt then
acknowledges each event at once and runs its listener afterwards, in a thread (an asyncio
task for `AsyncApp`); and a pyTelegramBotAPI `TeleBot` fed by a webhook
(`process_new_updates`) without `threaded=False`: it runs each handler on its worker
threads and returns at once.

## Why it fails on serverless
A function instance lives for one request. As soon as the response is sent the platform
freezes or discards the instance, and every thread in it stops mid-work: the thread that
"checks events every 10 seconds" on a server runs for a few milliseconds on Vercel, then
never again. A new instance starts without it. Work that was expected to happen in the
background silently does not happen, and a thread started at import time can make the
cold start itself fail.

## Example
```python
import threading

def check_events():
    while True:
        poll_database()
        time.sleep(10)

threading.Thread(target=check_events, daemon=True).start()
```

## Instead
Turn the periodic work into an endpoint and let the platform call it on a schedule (a
Vercel cron job in `vercel.json`), or move it to a queue consumer or a separate worker
service. If the work belongs to the request, start the threads and `join()` them before
returning. For a thread started at import time, `faaslint check --fix` adds the guard
`if not os.environ.get("VERCEL"):` so it keeps running locally and is skipped on Vercel;
the work still needs its cron job. For pyTelegramBotAPI, make the bot with
`telebot.TeleBot(token, threaded=False)`. For Slack Bolt, pass `process_before_response=True`,
and hand work over Slack's 3-second limit to a lazy listener
(https://slack.dev/bolt-python/concepts/lazy-listeners).)"};

constexpr std::string_view kThreadTypes[] = {"threading.Thread", "threading.Timer"};
constexpr std::string_view kRawStarts[] = {"_thread.start_new_thread", "_thread.start_new", "thread.start_new_thread"};

// Thread constructors and joins of a module, indexed once by the name they are assigned
// to or called on, so each start costs a lookup. Threads made in a collection and
// started one by one are followed too: `threads = [Thread(target=w) for w in jobs]` (or
// `threads.append(Thread(...))`), then `for t in threads: t.start()`.
class ThreadTracker {
 public:
  explicit ThreadTracker(const python::Module& module) : module_(module) {
    for (const python::Class& klass : module.classes()) {
      bool is_thread = std::any_of(klass.bases.begin(), klass.bases.end(),
                                   [&](const python::Expr& base) { return IsThreadType(base.qualified); });
      if (is_thread) thread_classes_.insert(klass.name);
    }
    const std::vector<python::Call>& calls = module.calls();
    for (size_t i = 0; i < calls.size(); ++i) {
      const python::Call& call = calls[i];
      if (call.method == "join") joins_.Add(Owner(call.receiver.text, call.function), &call);
      if (!IsThreadType(call.callee)) continue;
      if (call.use == python::ResultUse::kAssigned) {
        constructors_.Add(Owner(call.assigned_to, call.function), &call);
      } else if (const python::Call* into = AddedTo(call)) {
        in_collections_.Add(Owner(into->receiver.text, call.function), &call);
      } else {
        unnamed_.push_back(&call);
      }
    }
    // `threads = [Thread(...) for ...]`: a constructor inside the value of an assignment.
    std::sort(unnamed_.begin(), unnamed_.end(),
              [](const python::Call* a, const python::Call* b) { return a->range.start < b->range.start; });
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.target.kind == python::Expr::Kind::kSubscript) continue;
      if (const python::Call* inside = UnnamedWithin(assignment.value.range)) {
        in_collections_.Add(Owner(assignment.target.text, assignment.function), inside);
      }
    }
    for (const python::NameLoad& load : module.name_loads()) {
      if (load.use == python::ResultUse::kReturned && load.function >= 0) returned_.insert(Owner(load.name, load.function));
    }
    for (const python::Loop& loop : module.loops()) {
      if (!loop.is_while && loop.target.kind == python::Expr::Kind::kName) {
        loops_.Add(Owner(loop.target.text, loop.function), &loop);
      }
    }
    constructors_.Seal();
    joins_.Seal();
    in_collections_.Seal();
    loops_.Seal();
    // `for t in threads: t.join()`: the whole collection is waited for.
    for (const python::Call& call : calls) {
      if (call.method != "join") continue;
      if (const python::Loop* loop = LoopBinding(call)) joined_collections_.insert(Owner(loop->condition.text, call.function));
    }
  }

  bool IsThreadType(std::string_view name) const {
    return std::find(std::begin(kThreadTypes), std::end(kThreadTypes), name) != std::end(kThreadTypes) ||
           thread_classes_.count(name) > 0;
  }

  // The constructor call that created what `start`'s receiver names, or null.
  const python::Call* Constructor(const python::Call& start) const {
    const python::Expr& receiver = start.receiver;
    if (receiver.kind == python::Expr::Kind::kCall) {
      const python::Call& call = module_.calls()[receiver.call];
      return IsThreadType(call.callee) ? &call : nullptr;
    }
    std::span<const python::Call* const> found = constructors_.Find(Owner(receiver.text, start.function));
    if (!found.empty()) return found.front();
    const python::Loop* loop = LoopBinding(start);
    if (loop == nullptr) return nullptr;
    if (const python::Call* inside = UnnamedWithin(loop->condition.range)) return inside;  // for t in [Thread(...), ...]
    for (int scope : {start.function, -1}) {
      std::span<const python::Call* const> kept = in_collections_.Find(Owner(loop->condition.text, scope));
      if (!kept.empty()) return kept.front();
    }
    return nullptr;
  }

  // `return t`: the caller gets the thread, and may join it (`start_worker()` helpers).
  bool Returned(const python::Call& start) const {
    return start.receiver.kind == python::Expr::Kind::kName && returned_.count(Owner(start.receiver.text, start.function));
  }

  // `t.join()` (or `self.worker.join()`) somewhere in the same function, or, for a thread
  // started in a loop over a collection, a loop that joins that collection's threads.
  bool Joined(const python::Call& start) const {
    if (!joins_.Find(Owner(start.receiver.text, start.function)).empty()) return true;
    const python::Loop* loop = LoopBinding(start);
    return loop != nullptr && joined_collections_.count(Owner(loop->condition.text, start.function)) > 0;
  }

 private:
  // Where a name is bound: `self.worker` in a method belongs to the class (assigned in
  // __init__, started in another method), any other name to its function.
  struct Key {
    std::string_view name;
    bool in_class = false;
    int scope = -1;  // the class, or the function (-1: module level)
    auto operator<=>(const Key&) const = default;
  };
  Key Owner(std::string_view name, int function) const {
    int klass = function < 0 ? -1 : module_.functions()[function].class_index;
    if (klass >= 0 && name.starts_with("self.")) return {name, true, klass};
    return {name, false, function};
  }

  // `threads.append(Thread(...))`: the call that adds a constructor to a collection.
  const python::Call* AddedTo(const python::Call& constructor) const {
    if (constructor.use != python::ResultUse::kArgument || constructor.parent_call < 0) return nullptr;
    const python::Call& parent = module_.calls()[constructor.parent_call];
    bool adds = parent.method == "append" || parent.method == "add" || parent.method == "insert";
    bool named = parent.receiver.kind == python::Expr::Kind::kName || parent.receiver.kind == python::Expr::Kind::kAttribute;
    return adds && named ? &parent : nullptr;
  }

  // The first constructor, neither assigned nor added to a collection, inside `range`.
  const python::Call* UnnamedWithin(const Range& range) const {
    auto it = std::lower_bound(unnamed_.begin(), unnamed_.end(), range.start,
                               [](const python::Call* call, const Position& at) { return call->range.start < at; });
    return it != unnamed_.end() && Encloses(range, (*it)->range) ? *it : nullptr;
  }

  // The `for` loop whose variable `call`'s receiver is: `for t in threads: t.start()`.
  // The innermost such loop: the last one starting before the call that encloses it. The
  // loops of a name are in source order; a few siblings are passed over on the way back.
  const python::Loop* LoopBinding(const python::Call& call) const {
    std::span<const python::Loop* const> loops = loops_.Find(Owner(call.receiver.text, call.function));
    auto after = std::upper_bound(loops.begin(), loops.end(), call.range.start,
                                  [](const Position& at, const python::Loop* loop) { return at < loop->range.start; });
    constexpr int kMaxSiblings = 64;
    for (int steps = 0; after != loops.begin() && steps < kMaxSiblings; ++steps) {
      const python::Loop* loop = *--after;
      if (Encloses(loop->range, call.range)) return loop;
    }
    return nullptr;
  }

  const python::Module& module_;
  std::set<std::string, std::less<>> thread_classes_;
  FlatMultimap<Key, const python::Call*> constructors_;    // thread constructors, by assigned name
  FlatMultimap<Key, const python::Call*> joins_;           // `.join()` calls, by receiver
  FlatMultimap<Key, const python::Call*> in_collections_;  // thread constructors, by collection
  FlatMultimap<Key, const python::Loop*> loops_;           // `for` loops, by their variable
  std::vector<const python::Call*> unnamed_;               // other thread constructors, by start
  std::set<Key> joined_collections_;
  std::set<Key> returned_;  // names a function returns
};

// A start at import time keeps running locally and is skipped on the platform, as the
// seed's fix does; a start inside a function needs a redesign, not a guard.
std::vector<Edit> ImportTimeFix(const python::Module& module, const python::Call& call) {
  if (call.function != -1) return {};
  return GuardOffPlatform(module, call);
}

// Slack Bolt's apps: with `process_before_response` false (the default) each listener
// runs after the event is acknowledged, on a thread pool (App) or as a task (AsyncApp)
// (https://slack.dev/bolt-python/concepts/acknowledge). Over Socket Mode the app is a
// long-lived client rather than a function, and another question.
bool IsBoltApp(std::string_view callee) {
  return callee.starts_with("slack_bolt.") && (callee.ends_with(".App") || callee.ends_with(".AsyncApp"));
}

// `None`, `False`, `0`, or a name bound only to one of those.
bool KnownFalse(const python::Values& values, const python::Expr& value, int function) {
  using Kind = python::Expr::Kind;
  if (value.kind == Kind::kNone || value.kind == Kind::kBool || value.kind == Kind::kNumber) return !value.IsTrue();
  if (value.kind != Kind::kName) return false;
  std::span<const python::Expr* const> bindings = values.Bindings(value.text, function);
  return !bindings.empty() && std::all_of(bindings.begin(), bindings.end(), [](const python::Expr* binding) {
           return binding && (binding->kind == Kind::kNone || binding->kind == Kind::kBool) && !binding->IsTrue();
         });
}

void CheckBoltApp(const python::Module& module, const python::Values& values, const python::Call& app, Sink& out) {
  const python::Argument* before = app.Keyword("process_before_response");
  const bool known_false = before == nullptr || KnownFalse(values, before->value, app.function);
  // Socket Mode alone: a client, not a function. Beside an HTTP adapter (Socket Mode for
  // local runs under `__main__`), the deployed function serves HTTP.
  bool socket_mode = false, http_adapter = false;
  for (const python::Call& call : module.calls()) {
    if (call.callee.starts_with("slack_bolt.adapter.socket_mode.")) {
      socket_mode = true;
    } else if (call.callee.starts_with("slack_bolt.adapter.")) {
      http_adapter = true;
    }
  }
  socket_mode = socket_mode && !http_adapter;
  const bool spread = std::any_of(app.args.begin(), app.args.end(), [](const python::Argument& arg) {
    return arg.double_star;  // App(**settings): may set it
  });
  if (!known_false || socket_mode || spread) return;
  out.Report(app.callee_range,
             fmt::format("`{}` runs each listener after acknowledging the event, in the background: it stops when "
                         "the function instance is frozen after the response",
                         app.callee.substr(app.callee.rfind('.') + 1)),
             "pass process_before_response=True, and move work that takes over 3 seconds to a lazy listener");
}

// pyTelegramBotAPI's TeleBot is threaded by default: process_new_updates() hands each
// handler to the bot's worker pool and returns, so the webhook answers before the handler
// has run (its own serverless example passes threaded=False). Only a bot fed by a webhook
// in this module: one that polls is a long-running process, not a function.
void CheckTeleBot(const python::Module& module, const python::Values& values, const python::Call& bot, Sink& out) {
  const python::Argument* threaded = bot.Arg(2, "threaded");
  if (threaded != nullptr && KnownFalse(values, threaded->value, bot.function)) return;
  if (threaded != nullptr && !(threaded->value.kind == python::Expr::Kind::kBool && threaded->value.IsTrue())) return;
  const bool spread = std::any_of(bot.args.begin(), bot.args.end(), [](const python::Argument& arg) {
    return arg.double_star;  // TeleBot(**settings): may set it
  });
  const bool webhook = std::any_of(module.calls().begin(), module.calls().end(), [](const python::Call& call) {
    return call.method == "process_new_updates";
  });
  if (spread || !webhook) return;
  out.Report(bot.callee_range,
             "`TeleBot` is threaded by default: process_new_updates() runs each handler on the bot's worker "
             "threads and returns at once, so the webhook answers before the handler has run and the instance is "
             "frozen with the reply still queued",
             "pass threaded=False: telebot.TeleBot(token, threaded=False)");
}

// A function that starts a thread and returns it: the calls that run it and get the
// thread, and those that drop it (left running after the response). Followed one step:
// the function's own callers and, when it is the wrapper a decorator returns, the
// callers of the functions decorated with it (`def run_in_thread(f): def wrapper(...):
// t = Thread(target=f, ...); t.start(); return t; return wrapper`).
class ReturnedThreads {
 public:
  explicit ReturnedThreads(const python::Module& module) : module_(module), bindings_(module) {
    for (const python::NameLoad& load : module.name_loads()) {
      if (load.use == python::ResultUse::kReturned && load.function >= 0) returned_.insert({load.function, load.name});
    }
    // `@decorator` (not `@decorator(...)`, a factory: one step further than followed).
    const std::vector<python::Function>& functions = module.functions();
    for (size_t i = 0; i < functions.size(); ++i) {
      for (const python::Expr& decorator : functions[i].decorators) {
        if (decorator.kind != python::Expr::Kind::kName) continue;
        if (int def = module.FindFunction(decorator.text); def >= 0) decorated_.Add(def, static_cast<int>(i));
      }
    }
    decorated_.Seal();
  }

  // Reports each call that drops the thread `start` starts, once per call; the calls of a
  // function that returns several threads are looked at once.
  void ReportDropped(const python::Call& start, const python::Call& constructor, Sink& out) {
    const int wrapper = start.function;
    if (wrapper < 0 || !wrappers_.insert(wrapper).second) return;
    ReportDroppedCalls(wrapper, -1, start, constructor, out);
    const int decorator = DecoratorOf(wrapper);
    if (decorator < 0) return;
    for (int decorated : decorated_.Find(decorator)) ReportDroppedCalls(decorated, decorator, start, constructor, out);
  }

 private:
  void ReportDroppedCalls(int function, int decorator, const python::Call& start, const python::Call& constructor,
                          Sink& out) {
    for (int index : module_.functions()[function].callers) {
      const python::Call& site = module_.calls()[index];
      if (site.guarded || !Drops(site) || !reported_.insert(index).second) continue;
      std::string runs =
          decorator < 0
              ? fmt::format("returns the `{}` it starts (line {})", constructor.callee, start.range.start.line)
              : fmt::format("runs in a `{}` that its decorator `@{}` starts and returns (line {})", constructor.callee,
                            module_.functions()[decorator].name, start.range.start.line);
      out.ReportWithFix(
          site.callee_range,
          fmt::format("`{}()` {}; this call{} does not join it, so the thread stops when the function instance is "
                      "frozen after the response",
                      site.callee, runs, site.function < 0 ? " at import time" : ""),
          "use a cron job (vercel.json `crons`) or a queue worker for background work; join the returned thread "
          "before returning if the work belongs to the request",
          ImportTimeFix(module_, site));
    }
  }

  // The module-level function that returns `wrapper`, defined in it: a decorator.
  int DecoratorOf(int wrapper) const {
    const python::Function& def = module_.functions()[wrapper];
    if (def.parent < 0) return -1;
    const python::Function& outer = module_.functions()[def.parent];
    if (outer.parent != -1 || outer.class_index != -1) return -1;
    return returned_.count({def.parent, def.name}) ? def.parent : -1;
  }

  // The call's result is thrown away, or kept in a name that is neither joined nor
  // handed on (returned, passed, stored) in the calling function.
  bool Drops(const python::Call& site) const {
    if (site.use == python::ResultUse::kDiscarded) return true;
    const std::string& name = site.assigned_to;
    auto in_name = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
    if (site.use != python::ResultUse::kAssigned || name.empty() || !std::all_of(name.begin(), name.end(), in_name)) {
      return false;  // `self.t = ...`, `a, b = ...`: may be joined elsewhere
    }
    return !bindings_.MethodCalled(name, site.function, {"join"}) && !bindings_.Escapes(name, site.function);
  }

  const python::Module& module_;
  python::Bindings bindings_;
  std::set<std::pair<int, std::string_view>> returned_;  // (function, name) of each `return name`
  FlatMultimap<int, int> decorated_;                      // decorator -> the functions it decorates
  std::set<int> wrappers_;                                // functions whose calls were looked at
  std::set<int> reported_;                                // call sites
};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  ThreadTracker threads(module);
  std::optional<ReturnedThreads> returned;  // built for the first returned thread: most modules have none
  for (const python::Call& call : module.calls()) {
    if (call.guarded) continue;
    if (std::find(std::begin(kRawStarts), std::end(kRawStarts), call.callee) != std::end(kRawStarts)) {
      out.ReportWithFix(call.callee_range, fmt::format("`{}` starts a thread that outlives the request", call.callee),
                        "do the work inside the request, or move it to a cron job or a queue worker",
                        ImportTimeFix(module, call));
      continue;
    }
    if (IsBoltApp(call.callee)) {
      CheckBoltApp(module, cx.values, call, out);
      continue;
    }
    if (call.callee == "telebot.TeleBot") {
      CheckTeleBot(module, cx.values, call, out);
      continue;
    }
    if (call.method != "start") continue;
    const python::Call* constructor = threads.Constructor(call);
    if (constructor == nullptr || constructor->guarded) continue;
    if (call.receiver.kind != python::Expr::Kind::kCall && threads.Joined(call)) continue;
    if (threads.Returned(call)) {
      if (!returned) returned.emplace(module);
      returned->ReportDropped(call, *constructor, out);
      continue;
    }
    const python::Argument* daemon = constructor->Keyword("daemon");
    bool is_daemon = daemon && daemon->value.IsTrue();
    // Joined elsewhere (a list joined at shutdown, another handler) still outlives this call.
    std::string where = call.function < 0 ? "at import time" : "and not joined in the function that starts it";
    out.ReportWithFix(
        call.callee_range,
        fmt::format("{}`{}` is started {}: it stops when the function instance is frozen after the response",
                    is_daemon ? "daemon thread " : "", constructor->callee, where),
        "use a cron job (vercel.json `crons`) or a queue worker for background work; join threads before "
        "returning if the work belongs to the request",
        ImportTimeFix(module, call));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
