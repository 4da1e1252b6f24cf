#include "python/background.h"

#include <algorithm>
#include <set>

namespace faaslint::python {
namespace {

using Kind = Expr::Kind;

template <size_t N>
bool In(std::string_view value, const std::string_view (&candidates)[N]) {
  return std::find(std::begin(candidates), std::end(candidates), value) != std::end(candidates);
}

bool Contains(const Range& outer, const Range& inner) { return outer.start <= inner.start && inner.end <= outer.end; }

constexpr std::string_view kThreadTypes[] = {"threading.Thread", "threading.Timer"};
constexpr std::string_view kThreadPools[] = {"multiprocessing.pool.ThreadPool", "multiprocessing.dummy.Pool"};
constexpr std::string_view kRawThreadStarts[] = {"_thread.start_new_thread", "_thread.start_new",
                                                 "thread.start_new_thread"};
constexpr std::string_view kProcessTypes[] = {"multiprocessing.Process", "multiprocessing.context.Process",
                                              "multiprocessing.get_context().Process", "billiard.Process"};
constexpr std::string_view kProcessPools[] = {
    "multiprocessing.Pool", "multiprocessing.pool.Pool", "multiprocessing.get_context().Pool",
    "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.process.ProcessPoolExecutor"};
constexpr std::string_view kPoolFinishers[] = {"close", "join", "terminate", "shutdown", "__exit__"};
constexpr std::string_view kForks[] = {"os.fork", "os.forkpty", "pty.fork"};
constexpr std::string_view kWaits[] = {"os.wait", "os.waitpid", "os.wait3", "os.wait4", "os.waitid"};
// Shell commands: a trailing `&` puts the command in the background and returns at once.
constexpr std::string_view kShellCalls[] = {
    "os.system", "os.popen", "subprocess.run", "subprocess.call", "subprocess.check_call",
    "subprocess.check_output", "subprocess.getoutput", "subprocess.getstatusoutput", "subprocess.Popen"};
constexpr std::string_view kSleeps[] = {"time.sleep", "asyncio.sleep", "gevent.sleep", "eventlet.sleep",
                                        "trio.sleep", "anyio.sleep"};
constexpr std::string_view kTaskStarts[] = {"asyncio.create_task", "asyncio.ensure_future"};
constexpr std::string_view kSchedulerStarts[] = {"start", "start_in_background", "run_until_stopped"};

// APScheduler 3 (apscheduler.schedulers.*.XScheduler), APScheduler 4 (apscheduler.Scheduler,
// apscheduler.AsyncScheduler) and Flask-APScheduler.
bool IsApScheduler(std::string_view callee) {
  return (callee.starts_with("apscheduler.") && callee.ends_with("Scheduler")) ||
         callee == "flask_apscheduler.APScheduler";
}

std::string ShortName(std::string_view qualified) {
  size_t dot = qualified.rfind('.');
  return std::string(dot == std::string_view::npos ? qualified : qualified.substr(dot + 1));
}

// A shell command string that ends in a lone `&`.
bool BackgroundsShell(const Expr& command) {
  if (!command.IsString() || command.is_fstring) return false;
  std::string_view text = command.str;
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n')) text.remove_suffix(1);
  return text.size() >= 2 && text.back() == '&' && text[text.size() - 2] != '&';
}

bool ImportsModule(const Module& module, std::string_view name) {
  return std::any_of(module.imports().begin(), module.imports().end(),
                     [&](const Import& import) { return import.module == name; });
}

class Finder {
 public:
  explicit Finder(const Module& module) : m_(module), bindings_(module) {
    for (const Class& klass : module.classes()) {
      for (const Expr& base : klass.bases) {
        if (In(base.qualified, kThreadTypes)) thread_classes_.insert(klass.name);
        if (In(base.qualified, kProcessTypes)) process_classes_.insert(klass.name);
      }
    }
  }

  std::vector<BackgroundStart> Run() {
    const std::vector<Call>& calls = m_.calls();
    for (size_t i = 0; i < calls.size(); ++i) {
      if (calls[i].guarded) continue;
      int index = static_cast<int>(i);
      if (ShellOrRawThread(index)) continue;
      if (calls[i].method == "start") StartMethod(index);
      Constructors(index);
      PeriodicTask(index);
      Processes(index);
      Schedulers(index);
      CeleryBeat(index);
    }
    FinishSchedulers();
    std::stable_sort(starts_.begin(), starts_.end(),
                     [](const BackgroundStart& a, const BackgroundStart& b) { return a.call < b.call; });
    return std::move(starts_);
  }

 private:
  // `os.system("x &")` and `_thread.start_new_thread(f, ())`: nothing else to learn about the call.
  bool ShellOrRawThread(int index) {
    const Call& call = m_.calls()[index];
    if (In(call.callee, kShellCalls)) {
      const Argument* command = call.Arg(0, "args");
      if (command && BackgroundsShell(command->value)) {
        Add(BackgroundKind::kProcess, index, call.callee,
            "runs a shell command ending in `&`: the command keeps running in the background");
        return true;
      }
    }
    if (In(call.callee, kRawThreadStarts)) {
      Add(BackgroundKind::kThread, index, call.callee, "starts a thread that outlives the call");
      return true;
    }
    return false;
  }

  // os.fork() nobody waits for, os.spawn*(os.P_NOWAIT, ...).
  void Processes(int index) {
    const Call& call = m_.calls()[index];
    if (In(call.callee, kForks) && !WaitsForChild(call.function) && !HandedOn(call)) {
      Add(BackgroundKind::kProcess, index, call.callee, "forks a child process that nobody waits for");
    }
    if (call.callee.starts_with("os.spawn")) {
      const Argument* mode = call.Positional(0);
      if (mode && (mode->value.qualified == "os.P_NOWAIT" || mode->value.qualified == "os.P_NOWAITO")) {
        Add(BackgroundKind::kProcess, index, call.callee,
            "with `" + ShortName(mode->value.qualified) + "` starts a process and does not wait for it");
      }
    }
  }

  // APScheduler started or given jobs, sched.scheduler().run(), the schedule library.
  void Schedulers(int index) {
    const Call& call = m_.calls()[index];
    bool receiver = call.receiver.kind != Kind::kOther;
    auto ap_scheduler = [](const Call& c) { return IsApScheduler(c.callee); };
    if (receiver && In(call.method, kSchedulerStarts)) {
      if (const Call* scheduler = bindings_.Source(call.receiver, call.function, ap_scheduler)) {
        started_schedulers_.insert(scheduler);
        Add(BackgroundKind::kScheduler, index, ShortName(scheduler->callee),
            "is started in the function instance: its jobs run only while a request is being served");
      }
    }
    bool job = call.method == "add_job" || call.method == "scheduled_job" || call.method == "task";
    if (receiver && job && bindings_.Source(call.receiver, call.function, ap_scheduler)) {
      scheduler_jobs_.push_back(index);
    }
    if (receiver && call.method == "run" &&
        bindings_.Source(call.receiver, call.function, [](const Call& c) { return c.callee == "sched.scheduler"; })) {
      Add(BackgroundKind::kScheduler, index, "sched.scheduler",
          "runs its events in the function instance, which lives for one request");
    }
    if (!uses_schedule_) return;
    if (call.method == "do" && IsScheduleChain(call)) {
      schedule_registered_ = true;
      Add(BackgroundKind::kScheduler, index, "schedule",
          "registers a job that only runs while something calls `run_pending()` in this process");
    }
    if (call.method == "run_pending") run_pending_.push_back(index);
  }

  // Jobs of a scheduler started elsewhere (another module, an init_app hook), and a
  // run_pending() loop over jobs registered elsewhere.
  void FinishSchedulers() {
    for (int index : scheduler_jobs_) {
      const Call& call = m_.calls()[index];
      const Call* scheduler =
          bindings_.Source(call.receiver, call.function, [](const Call& c) { return IsApScheduler(c.callee); });
      if (!started_schedulers_.count(scheduler)) {
        Add(BackgroundKind::kScheduler, index, ShortName(scheduler->callee),
            "job is scheduled in the function instance: it runs only while a request is being served");
      }
    }
    if (schedule_registered_) return;
    for (int index : run_pending_) {
      Add(BackgroundKind::kScheduler, index, "schedule",
          "runs scheduled jobs in the function instance, which lives for one request");
    }
  }

  void Add(BackgroundKind kind, int call, std::string what, std::string how) {
    AddStartedIn(kind, call, std::move(what), std::move(how), m_.calls()[call].function);
  }
  // For a start reported at one call but run by another (a thread's constructor and its start()).
  void AddStartedIn(BackgroundKind kind, int call, std::string what, std::string how, int started_in) {
    starts_.push_back({kind, call, std::move(what), std::move(how), started_in});
  }

  // thread.start() / process.start() without a join in the same function.
  void StartMethod(int index) {
    const Call& call = m_.calls()[index];
    if (call.receiver.kind == Kind::kOther) return;
    const Call* source = bindings_.Source(call.receiver, call.function, [&](const Call& c) {
      return In(c.callee, kThreadTypes) || In(c.callee, kProcessTypes) || thread_classes_.count(c.callee) ||
             process_classes_.count(c.callee);
    });
    if (source == nullptr || source->guarded) return;
    bool named = call.receiver.kind != Kind::kCall;
    if (named && bindings_.MethodCalled(call.receiver.text, call.function, {"join"})) return;
    bool process = In(source->callee, kProcessTypes) || process_classes_.count(source->callee);
    // A process handed on (`procs.append(p)`) may be joined by its new owner.
    if (process && named && call.receiver.kind == Kind::kName && bindings_.Escapes(call.receiver.text, call.function)) {
      return;
    }
    const Argument* daemon = source->Keyword("daemon");
    std::string how = call.function < 0 ? "started at import time" : "started and never joined";
    how = (daemon && daemon->value.IsTrue() ? "is a daemon " : "is ") + how;
    Add(process ? BackgroundKind::kProcess : BackgroundKind::kThread, index, source->callee, std::move(how));
    if (!process) PeriodicThread(static_cast<int>(source - m_.calls().data()), call.function);
  }

  // Pools and Popen: the constructor itself starts workers / a child.
  void Constructors(int index) {
    const Call& call = m_.calls()[index];
    bool process_pool = In(call.callee, kProcessPools);
    bool thread_pool = In(call.callee, kThreadPools);
    if (process_pool || thread_pool) {
      if (!Finished(call, kPoolFinishers)) {
        Add(process_pool ? BackgroundKind::kProcess : BackgroundKind::kThread, index, call.callee,
            call.function < 0 ? "starts workers at import time that are never closed"
                              : "starts workers that are never closed or joined");
      }
      return;
    }
    if (call.callee == "subprocess.Popen") {
      static constexpr std::string_view kWaited[] = {"wait", "communicate", "kill", "terminate", "poll",
                                                     "send_signal", "__exit__"};
      if (!Finished(call, kWaited)) {
        Add(BackgroundKind::kProcess, index, call.callee, "starts a child process that is never waited for");
      }
    }
  }

  // The names a call's result is assigned to: "p" -> {p}, "pid, fd" -> {pid, fd}.
  static std::vector<std::string> AssignedNames(const Call& call) {
    std::vector<std::string> names;
    if (call.use != ResultUse::kAssigned) return names;
    size_t start = 0;
    while (start <= call.assigned_to.size()) {
      size_t comma = std::min(call.assigned_to.find(',', start), call.assigned_to.size());
      std::string name = call.assigned_to.substr(start, comma - start);
      name.erase(0, name.find_first_not_of(" ()[]"));
      name.erase(name.find_last_not_of(" ()[]") + 1);
      if (!name.empty()) names.push_back(std::move(name));
      start = comma + 1;
    }
    return names;
  }

  // The result goes somewhere that may finish it later: returned, passed on, a `with`
  // item, kept on an object (`self.proc = ...`), or a name that is handed on.
  bool HandedOn(const Call& call) const {
    if (call.use == ResultUse::kReturned || call.use == ResultUse::kArgument || call.use == ResultUse::kWithItem) {
      return true;
    }
    for (const std::string& name : AssignedNames(call)) {
      if (name.find_first_of(".[") != std::string::npos) return call.function >= 0;
      if (bindings_.Escapes(name, call.function)) return true;
    }
    return false;
  }

  template <size_t N>
  bool AnyCalled(const std::string& name, int function, const std::string_view (&methods)[N]) const {
    return std::any_of(std::begin(methods), std::end(methods),
                       [&](std::string_view method) { return bindings_.MethodCalled(name, function, {method}); });
  }

  // A pool or child process is closed/waited for in its function (`p.wait()`, reading
  // `p.stdout` to its end, a `with` block) or handed on. Unknown fates count as finished.
  template <size_t N>
  bool Finished(const Call& call, const std::string_view (&finishers)[N]) const {
    if (call.use == ResultUse::kDiscarded) return false;
    if (call.use != ResultUse::kAssigned) return true;  // part of an expression: unknown
    for (const std::string& name : AssignedNames(call)) {
      if (AnyCalled(name, call.function, finishers)) return true;
      if (bindings_.MethodCalled(name + ".stdout", call.function, {"read", "readlines", "close"})) return true;
    }
    return HandedOn(call);
  }

  bool WaitsForChild(int function) const {
    return std::any_of(m_.calls().begin(), m_.calls().end(),
                       [&](const Call& c) { return c.function == function && In(c.callee, kWaits); });
  }

  // schedule.every(10).seconds.do(job), or on a schedule.Scheduler() object.
  bool IsScheduleChain(const Call& call) const {
    if (call.callee.starts_with("schedule.every()")) return true;
    size_t every = call.callee.find(".every()");
    if (every == std::string::npos) return false;
    Expr root;
    root.kind = Kind::kName;
    root.text = call.callee.substr(0, every);
    if (root.text.find('.') != std::string::npos && !root.text.starts_with("self.")) return false;
    return bindings_.Source(root, call.function, [](const Call& c) { return c.callee == "schedule.Scheduler"; });
  }

  // A started thread or timer whose function loops with a sleep, or a timer that re-arms
  // itself: reported at its constructor.
  void PeriodicThread(int constructor, int started_in) {
    const Call& call = m_.calls()[constructor];
    bool timer = call.callee == "threading.Timer";
    const Argument* target = timer ? call.Arg(1, "function") : call.Arg(1, "target");
    int function = target ? ReferencedFunction(m_, target->value, call.function) : -1;
    if (function < 0) return;
    const std::string& name = m_.functions()[function].name;
    if (timer && function == call.function) {
      AddStartedIn(BackgroundKind::kScheduler, constructor, call.callee,
                   "re-arms itself from `" + name + "`: a timer loop kept in process memory", started_in);
    } else if (IsPeriodicLoop(m_, function)) {
      AddStartedIn(BackgroundKind::kScheduler, constructor, call.callee,
                   "runs `" + name + "` in a loop with a sleep: an in-process scheduler", started_in);
    }
  }

  // asyncio.create_task(poll()) where poll loops with a sleep.
  void PeriodicTask(int index) {
    const Call& call = m_.calls()[index];
    if (!In(call.callee, kTaskStarts) && call.method != "create_task") return;
    const Argument* coroutine = call.Positional(0);
    if (!coroutine || coroutine->value.kind != Kind::kCall || coroutine->value.call < 0) return;
    int function = m_.calls()[coroutine->value.call].target;
    if (function >= 0 && IsPeriodicLoop(m_, function)) {
      Add(BackgroundKind::kScheduler, index, call.callee,
          "runs `" + m_.functions()[function].name + "()` in a loop with a sleep: an in-process scheduler");
    }
  }

  // app.Beat().run(), app.worker_main(["worker", "-B"]), app.start(["celery", "beat"]).
  void CeleryBeat(int index) {
    const Call& call = m_.calls()[index];
    if (call.method == "run" && call.receiver.kind == Kind::kCall && call.receiver.call >= 0 &&
        m_.calls()[call.receiver.call].method == "Beat") {
      Add(BackgroundKind::kScheduler, index, "celery beat", "is run inside the function instance");
      return;
    }
    if (call.method != "worker_main" && call.method != "start") return;
    const Argument* argv = call.Arg(0, "argv");
    if (!argv || argv->value.kind != Kind::kList) return;
    for (const Expr& item : argv->value.items) {
      if (item.IsString() && (item.str == "beat" || item.str == "-B" || item.str == "--beat")) {
        Add(BackgroundKind::kScheduler, index, "celery beat", "is started inside the function instance");
        return;
      }
    }
  }

  const Module& m_;
  Bindings bindings_;
  std::set<std::string, std::less<>> thread_classes_;
  std::set<std::string, std::less<>> process_classes_;
  bool uses_schedule_ = ImportsModule(m_, "schedule");
  bool schedule_registered_ = false;
  std::set<const Call*> started_schedulers_;  // their constructor calls
  std::vector<int> scheduler_jobs_;
  std::vector<int> run_pending_;
  std::vector<BackgroundStart> starts_;
};

std::string CallDisplay(std::string_view callee) {
  std::string name(callee.substr(std::min(callee.find_first_not_of('.'), callee.size())));  // .workers.spawn
  if (name.ends_with("()")) name.resize(name.size() - 2);
  return name + "()";
}

}  // namespace

// ---- Bindings ------------------------------------------------------------------

Bindings::Bindings(const Module& module) : module_(module) {
  const std::vector<Call>& calls = module.calls();
  for (size_t i = 0; i < calls.size(); ++i) {
    const Call& call = calls[i];
    if ((call.use == ResultUse::kAssigned || call.use == ResultUse::kWithItem) && !call.assigned_to.empty()) {
      assigned_[{call.function, call.assigned_to}].push_back(static_cast<int>(i));
    }
    if (!call.method.empty() && call.receiver.kind != Expr::Kind::kOther && call.receiver.kind != Expr::Kind::kCall) {
      methods_[{call.function, call.receiver.text}].push_back(call.method);
    }
  }
}

bool Bindings::SameClass(int a, int b) const {
  if (a < 0 || b < 0) return false;
  int klass = module_.functions()[a].class_index;
  return klass >= 0 && klass == module_.functions()[b].class_index;
}

bool Bindings::Within(int inner, int outer) const {
  if (outer < 0) return true;
  for (; inner >= 0; inner = module_.functions()[inner].parent) {
    if (inner == outer) return true;
  }
  return false;
}

const Call* Bindings::Source(const Expr& receiver, int function, const std::function<bool(const Call&)>& accept) const {
  const std::vector<Call>& calls = module_.calls();
  if (receiver.kind == Expr::Kind::kCall) {
    return receiver.call >= 0 && accept(calls[receiver.call]) ? &calls[receiver.call] : nullptr;
  }
  if (receiver.kind != Expr::Kind::kName && receiver.kind != Expr::Kind::kAttribute) return nullptr;
  auto find = [&](int scope) -> const Call* {
    auto it = assigned_.find(std::make_pair(scope, receiver.text));
    if (it == assigned_.end()) return nullptr;
    for (int index : it->second) {
      if (accept(calls[index])) return &calls[index];
    }
    return nullptr;
  };
  if (receiver.text.starts_with("self.")) {
    for (size_t f = 0; f < module_.functions().size(); ++f) {
      int other = static_cast<int>(f);
      if (other != function && !SameClass(other, function)) continue;
      if (const Call* found = find(other)) return found;
    }
    return nullptr;
  }
  // Python scoping: the function's own binding, else an enclosing one, else the module's.
  for (int scope = function;; scope = module_.functions()[scope].parent) {
    auto it = assigned_.find(std::make_pair(scope, receiver.text));
    if (it != assigned_.end()) return find(scope);
    if (scope < 0) return nullptr;
  }
}

bool Bindings::MethodCalled(std::string_view text, int function, std::initializer_list<std::string_view> methods) const {
  auto called_in = [&](int scope) {
    auto it = methods_.find(std::make_pair(scope, std::string(text)));
    if (it == methods_.end()) return false;
    return std::any_of(it->second.begin(), it->second.end(), [&](const std::string& method) {
      return std::find(methods.begin(), methods.end(), method) != methods.end();
    });
  };
  if (called_in(function)) return true;
  for (size_t f = 0; f < module_.functions().size(); ++f) {
    int other = static_cast<int>(f);
    if (other == function) continue;
    bool related = Within(other, function) || (text.starts_with("self.") && SameClass(other, function));
    if (related && called_in(other)) return true;
  }
  return false;
}

bool Bindings::Read(std::string_view name, int function) const {
  return std::any_of(module_.name_loads().begin(), module_.name_loads().end(), [&](const NameLoad& load) {
    return load.name == name && (function < 0 || Within(load.function, function));
  });
}

bool Bindings::Escapes(std::string_view name, int function) const {
  return std::any_of(module_.name_loads().begin(), module_.name_loads().end(), [&](const NameLoad& load) {
    if (load.name != name || (function >= 0 && !Within(load.function, function))) return false;
    return load.use == ResultUse::kArgument || load.use == ResultUse::kReturned ||
           load.use == ResultUse::kAssigned || load.use == ResultUse::kAwaited || load.use == ResultUse::kWithItem;
  });
}

// ---- queries ------------------------------------------------------------------

std::vector<BackgroundStart> FindBackgroundStarts(const Module& module) { return Finder(module).Run(); }

bool IsPeriodicLoop(const Module& module, int function) {
  if (function < 0) return false;
  for (const Loop& loop : module.loops()) {
    if (loop.function != function || !loop.is_while) continue;
    if (loop.condition.kind == Kind::kComparison || loop.condition.kind == Kind::kBoolOp) continue;  // bounded
    for (int index : module.functions()[function].calls) {
      const Call& call = module.calls()[index];
      if (!Contains(loop.range, call.range)) continue;
      if (In(call.callee, kSleeps)) return true;
      if (call.method == "wait" && !call.args.empty()) return true;  // stop.wait(60)
    }
  }
  return false;
}

int ReferencedFunction(const Module& module, const Expr& expr, int from_function) {
  if (expr.kind == Kind::kName) {
    // A nested def visible from here first, then a module-level one.
    for (int scope = from_function; scope >= 0; scope = module.functions()[scope].parent) {
      for (size_t i = 0; i < module.functions().size(); ++i) {
        const Function& candidate = module.functions()[i];
        if (candidate.parent == scope && candidate.class_index < 0 && candidate.name == expr.text) {
          return static_cast<int>(i);
        }
      }
    }
    return module.FindFunction(expr.text);
  }
  if (expr.kind == Kind::kAttribute && expr.text.starts_with("self.") && from_function >= 0) {
    int klass = module.functions()[from_function].class_index;
    if (klass < 0) return -1;
    for (int method : module.classes()[klass].methods) {
      if (module.functions()[method].name == expr.str) return method;
    }
  }
  return -1;
}

std::vector<std::string> ImportedNames(const Module& module, const Call& call) {
  std::vector<std::string> names;
  if (call.target >= 0) return names;
  if (call.callee.find('.') == std::string::npos) {
    // `from tasks import *` then `start()`: tasks.start, for each wildcard import.
    for (const Import& import : module.imports()) {
      if (!import.wildcard || import.guarded) continue;
      names.push_back(import.module.ends_with(".") ? import.module + call.callee : import.module + "." + call.callee);
    }
    return names;
  }
  std::string_view head = std::string_view(call.callee).substr(0, call.callee.find('.'));
  bool imported = call.callee.starts_with(".") ||
                  std::any_of(module.imports().begin(), module.imports().end(), [&](const Import& import) {
                    std::string_view root = std::string_view(import.module).substr(0, import.module.find('.'));
                    return !import.wildcard && root == head;
                  });
  if (imported) names.push_back(call.callee);
  return names;
}

std::vector<FunctionWork> SummariseBackgroundWork(const Module& module, const std::vector<BackgroundStart>& starts) {
  const std::vector<Function>& functions = module.functions();
  const std::vector<Call>& calls = module.calls();
  std::vector<FunctionWork> summary(functions.size());
  for (const BackgroundStart& start : starts) {
    if (start.function < 0 || summary[start.function].work) continue;
    summary[start.function].work =
        BackgroundWork{start.kind, start.what, {module.path(), calls[start.call].callee_range}, {}};
  }
  // Propagate to callers until nothing changes (each function is set at most once).
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t f = 0; f < functions.size(); ++f) {
      if (summary[f].work) continue;
      for (int index : functions[f].calls) {
        const Call& call = calls[index];
        if (call.guarded || call.target < 0 || call.target == static_cast<int>(f) || !summary[call.target].work) {
          continue;
        }
        BackgroundWork inherited = *summary[call.target].work;
        inherited.via.insert(inherited.via.begin(), functions[call.target].qualified_name + "()");
        summary[f].work = std::move(inherited);
        changed = true;
        break;
      }
    }
  }
  // For the rest: the imported calls they reach through the module's own functions,
  // breadth first so the shortest chain comes first. Bounded: a summary, not a proof.
  constexpr size_t kMaxImportedCalls = 32;
  for (size_t f = 0; f < functions.size(); ++f) {
    if (summary[f].work) continue;
    std::vector<std::pair<int, std::vector<std::string>>> queue{{static_cast<int>(f), {}}};
    std::set<int> seen{static_cast<int>(f)};
    for (size_t next = 0; next < queue.size() && summary[f].imported.size() < kMaxImportedCalls; ++next) {
      auto [function, via] = queue[next];
      for (int index : functions[function].calls) {
        const Call& call = calls[index];
        if (call.guarded) continue;
        if (call.target >= 0) {
          if (seen.insert(call.target).second) {
            std::vector<std::string> deeper = via;
            deeper.push_back(functions[call.target].qualified_name + "()");
            queue.emplace_back(call.target, std::move(deeper));
          }
        } else {
          for (std::string& name : ImportedNames(module, call)) summary[f].imported.push_back({std::move(name), via});
        }
      }
    }
  }
  return summary;
}

std::optional<BackgroundWork> ResolveWork(const FunctionWork& function, const ExternalWork& external) {
  if (function.work || !external) return function.work;
  for (const ImportedCall& call : function.imported) {
    std::optional<BackgroundWork> found = external(call.callee);
    if (!found) continue;
    std::vector<std::string> via = call.via;
    via.push_back(CallDisplay(call.callee));
    via.insert(via.end(), found->via.begin(), found->via.end());
    found->via = std::move(via);
    return found;
  }
  return std::nullopt;
}

std::map<std::string, FunctionWork, std::less<>> ExportBackgroundWork(const Module& module,
                                                                      std::vector<FunctionWork> work) {
  std::map<std::string, FunctionWork, std::less<>> exported;
  const std::vector<Function>& functions = module.functions();
  // checker = Checker() at module level: checker.start()
  std::multimap<std::string, std::string, std::less<>> instances;  // class -> instance names
  for (const Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.target.kind != Expr::Kind::kName) continue;
    if (assignment.value.kind != Expr::Kind::kCall || assignment.value.call < 0) continue;
    instances.emplace(module.calls()[assignment.value.call].callee, assignment.target.text);
  }
  for (size_t f = 0; f < functions.size(); ++f) {
    if ((!work[f].work && work[f].imported.empty()) || functions[f].parent != -1) continue;
    int klass = functions[f].class_index;
    if (klass < 0) {
      exported.emplace(functions[f].name, std::move(work[f]));
      continue;
    }
    const Class& owner = module.classes()[klass];
    if (owner.function != -1) continue;
    if (functions[f].name == "__init__") exported.emplace(owner.name, work[f]);
    auto [first, last] = instances.equal_range(owner.name);
    for (auto it = first; it != last; ++it) exported.emplace(it->second + "." + functions[f].name, work[f]);
    exported.emplace(owner.name + "." + functions[f].name, std::move(work[f]));
  }
  return exported;
}

}  // namespace faaslint::python
