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
constexpr std::string_view kBrowserDrivers[] = {"selenium.webdriver.Chrome", "selenium.webdriver.Firefox",
                                                "selenium.webdriver.Edge",   "selenium.webdriver.Safari",
                                                "undetected_chromedriver.Chrome", "seleniumwire.webdriver.Chrome"};
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
  // `off_platform_functions`: only the calls that the callers of their function alone keep
  // off the platform (Call::guarded_by_callers), instead of every unguarded one.
  Finder(const Module& module, bool off_platform_functions)
      : m_(module), bindings_(module), off_platform_functions_(off_platform_functions) {
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
      if (off_platform_functions_ ? !calls[i].guarded_by_callers : calls[i].guarded) continue;
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
    std::string how =
        call.function < 0 ? "started at import time" : "started and not joined in the function that starts it";
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
    // Selenium's drivers start the driver binary and the browser as child processes, which
    // run until quit() (QA round 6: a scraper made its Chrome at import).
    if (In(call.callee, kBrowserDrivers)) {
      static constexpr std::string_view kQuit[] = {"quit", "__exit__"};
      if (!Finished(call, kQuit)) {
        Add(BackgroundKind::kProcess, index, call.callee,
            call.function < 0 ? "starts the driver and the browser at import time, and nothing quits them"
                              : "starts the driver and the browser, and nothing quits them");
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
    root.text = std::string_view(call.callee).substr(0, every);  // a view into the module, like all Expr text
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
  const bool off_platform_functions_;
  std::set<std::string, std::less<>> thread_classes_;
  std::set<std::string, std::less<>> process_classes_;
  bool uses_schedule_ = ImportsModule(m_, "schedule");
  bool schedule_registered_ = false;
  std::set<const Call*> started_schedulers_;  // their constructor calls
  std::vector<int> scheduler_jobs_;
  std::vector<int> run_pending_;
  std::vector<BackgroundStart> starts_;
};

}  // namespace

// ---- queries ------------------------------------------------------------------

std::vector<BackgroundStart> FindBackgroundStarts(const Module& module) { return Finder(module, false).Run(); }

std::vector<BackgroundStart> FindBackgroundStartsOffPlatform(const Module& module) {
  const bool any = std::any_of(module.calls().begin(), module.calls().end(),
                               [](const Call& call) { return call.guarded_by_callers; });
  return any ? Finder(module, true).Run() : std::vector<BackgroundStart>();
}

bool IsPeriodicLoop(const Module& module, int function) {
  if (function < 0) return false;
  for (const Loop& loop : module.loops()) {
    if (loop.function != function || !loop.is_while) continue;
    if (loop.condition.kind == Kind::kComparison || loop.condition.kind == Kind::kBoolOp) continue;  // bounded
    for (int index : module.functions()[function].calls) {
      const Call& call = module.calls()[index];
      if (!Encloses(loop.range, call.range)) continue;
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
      if (int def = module.FindDef(scope, expr.text); def >= 0) return def;
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

const Argument* BackgroundTargetArgument(const Call& call) {
  if (call.callee.ends_with("Thread") || call.callee.ends_with("Process")) return call.Arg(1, "target");
  if (call.callee.ends_with("Timer")) return call.Arg(1, "function");
  if (call.method == "submit" || call.callee.ends_with("start_new_thread")) return call.Positional(0);
  if (call.method == "run_in_executor") return call.Positional(1);
  if (call.callee.ends_with("create_task") || call.callee.ends_with("ensure_future") || call.method == "start_soon") {
    return call.Positional(0);
  }
  return nullptr;
}

}  // namespace faaslint::python
