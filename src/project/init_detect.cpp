// What `faaslint init` looks for in the app: the app object and the background work a
// cron job must take over (the patterns of FL101, FL103 and FL104).
#include "project/init_detect.h"

#include <algorithm>
#include <cctype>

namespace faaslint::project {
namespace {

using python::Expr;

struct Constructor {
  std::string_view callee;
  std::string_view framework;
};
// WSGI/ASGI apps Vercel's Python runtime serves as a top-level `app`/`application`.
constexpr Constructor kConstructors[] = {
    {"flask.Flask", "Flask"},
    {"fastapi.FastAPI", "FastAPI"},
    {"django.core.wsgi.get_wsgi_application", "Django"},
    {"django.core.asgi.get_asgi_application", "Django"},
    {"quart.Quart", "Quart"},
    {"starlette.applications.Starlette", "Starlette"},
    {"sanic.Sanic", "Sanic"},
};

// Preferred entry file names when several files define an app (the ones Vercel's
// zero-config Python detection looks for first).
constexpr std::string_view kEntryNames[] = {"app.py", "main.py", "index.py", "wsgi.py", "asgi.py", "server.py"};

std::string_view FileName(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string NameOf(const Expr& expr) { return expr.kind == Expr::Kind::kName ? std::string(expr.text) : std::string(); }

std::string CronPathFor(std::string_view function) {
  std::string path = "/api/";
  std::string_view name = function;
  while (name.starts_with("_")) name.remove_prefix(1);
  for (char c : name) path += c == '_' ? '-' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return path;
}

void AddJob(const python::Module& module, const std::string& function, Range at, std::string kind,
            std::vector<BackgroundJob>* jobs) {
  if (function.empty()) return;
  bool known = std::any_of(jobs->begin(), jobs->end(), [&](const BackgroundJob& job) { return job.function == function; });
  if (known) return;
  jobs->push_back({function, module.path(), at.start.line, std::move(kind), CronPathFor(function), false});
}

}  // namespace

bool IsTestFile(std::string_view path) {
  std::string_view name = FileName(path);
  return path.starts_with("tests/") || path.starts_with("test/") || path.find("/tests/") != std::string_view::npos ||
         name.starts_with("test_") || name.ends_with("_test.py") || name == "conftest.py";
}

std::string ImportNameOf(std::string_view path) {
  std::string module(path.substr(0, path.size() - 3));  // without ".py"
  if (module.ends_with("/__init__")) module.resize(module.size() - 9);
  std::replace(module.begin(), module.end(), '/', '.');
  return module;
}

std::vector<AppObject> FindApps(const std::vector<const python::Module*>& modules) {
  std::vector<AppObject> apps;
  for (const python::Module* module : modules) {
    for (const python::Assignment& assignment : module->assignments()) {
      if (assignment.function != -1 || assignment.guarded) continue;
      if (assignment.target.kind != Expr::Kind::kName || assignment.value.kind != Expr::Kind::kCall) continue;
      const std::string& callee = module->calls()[assignment.value.call].callee;
      for (const Constructor& constructor : kConstructors) {
        if (callee != constructor.callee) continue;
        apps.push_back({module->path(), ImportNameOf(module->path()), std::string(assignment.target.text),
                        std::string(constructor.framework), assignment.range.start.line});
      }
    }
  }
  // Shallowest file first, then the usual entry names, then `app` as the variable.
  auto rank = [](const AppObject& app) {
    size_t depth = static_cast<size_t>(std::count(app.path.begin(), app.path.end(), '/'));
    auto name = std::find(std::begin(kEntryNames), std::end(kEntryNames), FileName(app.path));
    return std::make_tuple(depth, name - std::begin(kEntryNames), app.variable != "app", app.path, app.line);
  };
  std::stable_sort(apps.begin(), apps.end(), [&](const AppObject& a, const AppObject& b) { return rank(a) < rank(b); });
  return apps;
}

std::vector<BackgroundJob> FindBackgroundJobs(const std::vector<const python::Module*>& modules) {
  std::vector<BackgroundJob> jobs;
  for (const python::Module* module : modules) {
    for (const python::Call& call : module->calls()) {
      if (call.guarded || module->IsInHandler(call.function)) continue;
      if (call.callee == "threading.Thread" || call.callee == "multiprocessing.Process") {
        if (const python::Argument* target = call.Keyword("target")) AddJob(*module, NameOf(target->value), call.range, "thread", &jobs);
      } else if (call.callee == "threading.Timer") {
        if (const python::Argument* target = call.Arg(1, "function")) AddJob(*module, NameOf(target->value), call.range, "timer thread", &jobs);
      } else if (call.method == "add_job") {  // APScheduler: scheduler.add_job(func, "interval", ...)
        if (const python::Argument* func = call.Arg(0, "func")) AddJob(*module, NameOf(func->value), call.range, "APScheduler job", &jobs);
      } else if (call.method == "do" && call.callee.starts_with("schedule.every")) {  // schedule.every(10).seconds.do(f)
        if (const python::Argument* func = call.Positional(0)) AddJob(*module, NameOf(func->value), call.range, "schedule job", &jobs);
      }
    }
    for (const python::Function& function : module->functions()) {  // @scheduler.scheduled_job("interval", ...)
      if (function.guarded) continue;
      for (const Expr& decorator : function.decorators) {
        if (decorator.kind != Expr::Kind::kCall || module->calls()[decorator.call].method != "scheduled_job") continue;
        AddJob(*module, function.name, function.name_range, "APScheduler job", &jobs);
      }
    }
  }
  for (BackgroundJob& job : jobs) {
    for (const python::Module* module : modules) {
      for (const python::Function& function : module->functions()) {
        for (const python::Route& route : function.routes) {
          bool get = std::find(route.methods.begin(), route.methods.end(), "GET") != route.methods.end();
          if (route.path == job.cron_path && get) job.route_exists = true;
        }
      }
    }
  }
  return jobs;
}

}  // namespace faaslint::project
