#include "project/cron_routes.h"

#include <algorithm>
#include <deque>
#include <set>

#include "project/functions.h"

namespace faaslint::project {
namespace {

std::string StripQuery(std::string_view path) {
  size_t cut = path.find_first_of("?#");
  std::string out(path.substr(0, cut));
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

std::string EscapeRegex(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".^$|()[]{}*+?\\/").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

// api/users/[id] -> /api/users/<segment> as a regex.
std::string FilePathRegex(std::string_view path) {
  std::string regex;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close != std::string_view::npos) {
        regex += "[^/]+";
        i = close;
        continue;
      }
    }
    regex += EscapeRegex(path.substr(i, 1));
  }
  return regex;
}

// The URL paths an api/ function file serves: api/cron.py -> /api/cron (and
// /api/cron.py); api/index.py -> /api too; api/users/[id].py -> /api/users/<segment>.
std::string FileRouteRegex(std::string_view file) {
  std::string path = "/" + std::string(file.substr(0, file.size() - 3));  // drop ".py"
  std::string regex = FilePathRegex(path) + "(?:\\.py)?";
  if (path.ends_with("/index")) regex = "(?:" + regex + "|" + FilePathRegex(path.substr(0, path.size() - 6)) + ")";
  return regex + "/?";
}

std::optional<std::string> FunctionForPath(const Project& project, const std::string& path) {
  for (const std::string& file : project.python_entries()) {
    if (!project.zero_config_entry() && project.regexes().Matches(FileRouteRegex(file), path).value_or(false)) return file;
  }
  return std::nullopt;
}

// A `dest`/`destination` names its function file directly when it is a Python file of
// the project ("app.py" with `builds`, or the zero-configuration entrypoint).
std::optional<std::string> FunctionForDestination(const Project& project, const std::string& destination) {
  if (std::optional<std::string> file = FunctionForPath(project, destination)) return file;
  std::string file = destination.substr(destination.find_first_not_of('/') == std::string::npos
                                            ? destination.size()
                                            : destination.find_first_not_of('/'));
  if (!file.ends_with(".py")) file += ".py";
  if (project.HasFile(file)) return file;
  return std::nullopt;
}

// A path served by an api/ function of another runtime (api/cron.js, api/cron.go):
// faaslint reads only Python, so such a path is not judged.
bool ServedByOtherRuntime(const Project& project, const std::string& path) {
  for (const std::string& file : project.snapshot().files()) {
    if (!IsApiFunctionFile(file) || file.ends_with(".py")) continue;
    size_t dot = file.rfind('.');
    if (dot == std::string::npos || dot < file.rfind('/')) continue;
    std::string_view ext = std::string_view(file).substr(dot + 1);
    if (ext != "js" && ext != "mjs" && ext != "cjs" && ext != "ts" && ext != "mts" && ext != "go" && ext != "rb" &&
        ext != "rs") {
      continue;
    }
    std::string base = "/" + file.substr(0, dot);
    std::string regex = FilePathRegex(base) + "(?:\\." + std::string(ext) + ")?";
    if (base.ends_with("/index")) regex = "(?:" + regex + "|" + FilePathRegex(base.substr(0, base.size() - 6)) + ")";
    if (project.regexes().Matches(regex + "/?", path).value_or(false)) return true;
  }
  return false;
}

// A Flask (`<int:id>`, `<path:p>`) or Starlette/FastAPI (`{id}`, `{p:path}`) route as a regex.
std::string AppRouteRegex(std::string_view route) {
  std::string regex;
  for (size_t i = 0; i < route.size(); ++i) {
    char open = route[i];
    if (open == '<' || open == '{') {
      size_t close = route.find(open == '<' ? '>' : '}', i);
      if (close != std::string_view::npos) {
        std::string_view inside = route.substr(i + 1, close - i - 1);
        bool path = inside.starts_with("path:") || inside.ends_with(":path");
        regex += path ? ".+" : "[^/]+";
        i = close;
        continue;
      }
    }
    regex += EscapeRegex(route.substr(i, 1));
  }
  while (regex.size() > 1 && regex.ends_with("\\/")) regex.resize(regex.size() - 2);
  return regex + "/?";
}

// The function file and every local module it imports.
std::vector<std::string> ModulesOf(const Project& project, const std::string& file) {
  std::set<std::string> seen{file};
  std::deque<std::string> queue{file};
  while (!queue.empty()) {
    std::string current = std::move(queue.front());
    queue.pop_front();
    const python::Module* module = project.PythonModule(current);
    if (!module) continue;
    for (const python::Import& import : module->imports()) {
      std::optional<std::string> local = ResolveLocalImport(project.snapshot(), current, import);
      if (local && seen.insert(*local).second) queue.push_back(*local);
    }
  }
  return {seen.begin(), seen.end()};
}

bool MayAddPrefixes(const python::Module& module) {
  for (const python::Call& call : module.calls()) {
    if (call.method == "register_blueprint" || call.method == "include_router" || call.method == "mount" ||
        call.Keyword("url_prefix") || call.Keyword("prefix")) {
      return true;
    }
  }
  return false;
}

void FindHandlers(const Project& project, const std::string& path, CronRoute* result) {
  const python::Module* entry = project.PythonModule(result->function_file);
  if (!entry) return;  // unknown
  // A BaseHTTPRequestHandler `handler` class serves every path of its function.
  for (const python::Class& cls : entry->classes()) {
    if (cls.function != -1 || cls.name != "handler") continue;
    for (int method : cls.methods) {
      const python::Function& function = entry->functions()[method];
      for (const python::Route& route : function.routes) {
        result->handlers.push_back({result->function_file, entry, method, &route});
      }
    }
    result->kind = CronRoute::Kind::kFound;
    return;
  }
  std::vector<std::string> files = ModulesOf(project, result->function_file);
  result->searched = files;
  bool prefixes = false, computed = false, any_route = false;
  for (const std::string& file : files) {
    if (const python::Module* module = project.PythonModule(file)) prefixes = prefixes || MayAddPrefixes(*module);
  }
  for (const std::string& file : files) {
    const python::Module* module = project.PythonModule(file);
    if (!module) continue;
    for (size_t f = 0; f < module->functions().size(); ++f) {
      const python::Function& function = module->functions()[f];
      if (function.class_index >= 0 && function.name.starts_with("do_")) continue;  // not in a `handler` class
      for (const python::Route& route : function.routes) {
        if (route.websocket) continue;
        any_route = true;
        if (route.path.empty()) {
          computed = true;
          continue;
        }
        std::string regex = (prefixes ? "(?:/.*)?" : "") + AppRouteRegex(route.path);
        if (project.regexes().Matches(regex, path).value_or(false)) {
          result->handlers.push_back({file, module, static_cast<int>(f), &route});
        }
      }
    }
  }
  if (!result->handlers.empty()) {
    result->kind = CronRoute::Kind::kFound;
  } else if (any_route && !computed) {
    result->kind = CronRoute::Kind::kNoRoute;
    result->why = files.size() == 1 ? result->function_file + " has no route for it"
                                    : result->function_file + " and the modules it imports have no route for it";
  }
}

// Where a routing step sent the path.
struct Step {
  enum class Kind { kNone, kFunction, kNotAFunction, kGiveUp } kind = Kind::kNone;
  std::string file;
};

// Legacy `routes` entries [begin, end): the first whose anchored `src` matches picks the
// function by its `dest`.
Step LegacyRoutes(const Project& project, size_t begin, size_t end, const std::string& path) {
  const std::vector<PreparedRoute>& routes = project.route_table().routes;
  for (size_t i = begin; i < end; ++i) {
    const PreparedRoute& route = routes[i];
    if (!route.usable) continue;
    std::optional<bool> matches = route.regex ? project.regexes().Matches(*route.regex, path) : std::nullopt;
    if (!matches) return {Step::Kind::kGiveUp, ""};
    if (!*matches) continue;
    const vercel::JsonValue* dest = route.destination;
    if (dest->text.find('$') != std::string::npos || dest->text.find("://") != std::string::npos) {
      return {Step::Kind::kGiveUp, ""};
    }
    std::string target = StripQuery(dest->text);
    if (!target.starts_with("/")) target = "/" + target;
    std::optional<std::string> file = FunctionForDestination(project, target);
    return file ? Step{Step::Kind::kFunction, *file} : Step{Step::Kind::kGiveUp, ""};
  }
  return {};
}

// The first rewrite whose source matches picks the function by its destination.
Step Rewrites(const Project& project, const std::string& path) {
  for (const PreparedRoute& rewrite : project.route_table().rewrites) {
    if (!rewrite.usable) continue;  // no source, or one FL609 reports
    std::optional<bool> matches = rewrite.regex ? project.regexes().Matches(*rewrite.regex, path) : std::nullopt;
    if (!matches) return {Step::Kind::kGiveUp, ""};
    if (!*matches) continue;
    const vercel::JsonValue* destination = rewrite.destination;
    if (!destination || !destination->is_string() || destination->text.find("://") != std::string::npos ||
        destination->text.find(':') != std::string::npos) {
      return {Step::Kind::kGiveUp, ""};  // an external or parameterised destination: not followed
    }
    std::string target = StripQuery(destination->text);
    if (ServedByOtherRuntime(project, target)) return {Step::Kind::kGiveUp, ""};
    std::optional<std::string> file = FunctionForDestination(project, target);
    if (file) return {Step::Kind::kFunction, *file};
    return {Step::Kind::kNotAFunction, destination->text};
  }
  return {};
}

CronRoute ResolveWithinBudget(const Project& project, std::string_view raw_path) {
  CronRoute result;
  std::string path = StripQuery(raw_path);
  if (path.empty() || path[0] != '/') return result;  // FL703 reports the missing `/` on its own
  // Vercel's order: routes before `{"handle": "filesystem"}`, the filesystem, the routes
  // after it, rewrites, and a zero-configuration app last.
  const RouteTable& table = project.route_table();
  size_t filesystem = table.filesystem.value_or(table.routes.size());
  if (table.routes_span) result.routing.push_back(*table.routes_span);
  Step step = LegacyRoutes(project, 0, filesystem, path);
  if (step.kind == Step::Kind::kNone) {
    if (ServedByOtherRuntime(project, path)) return result;
    if (std::optional<std::string> file = FunctionForPath(project, path)) step = {Step::Kind::kFunction, *file};
  }
  if (step.kind == Step::Kind::kNone) step = LegacyRoutes(project, filesystem, table.routes.size(), path);
  if (step.kind == Step::Kind::kNone) {
    if (table.rewrites_span) result.routing.push_back(*table.rewrites_span);
    step = Rewrites(project, path);
  }
  if (step.kind == Step::Kind::kGiveUp) return result;
  if (step.kind != Step::Kind::kFunction && project.zero_config_entry()) {
    step = {Step::Kind::kFunction, project.python_entries().front()};  // a zero-config app serves every path
  }
  if (step.kind == Step::Kind::kNotAFunction) {
    result.kind = CronRoute::Kind::kNoRoute;
    result.why = "it is rewritten to " + step.file + ", which is no function";
    return result;
  }
  if (step.kind != Step::Kind::kFunction) {
    if (project.python_entries().empty()) return result;  // no Python functions: not ours to judge
    result.kind = CronRoute::Kind::kNoRoute;
    result.why = "no api/ function file, rewrite or route serves it";
    return result;
  }
  result.function_file = step.file;
  FindHandlers(project, path, &result);
  return result;
}

}  // namespace

CronRoute ResolveCronPath(const Project& project, std::string_view raw_path) {
  CronRoute result = ResolveWithinBudget(project, raw_path);
  // Some match was unknown for want of budget (regex_cache.h), and the file routes above
  // read an unknown match as "no match": the whole answer is unknown.
  if (project.regexes().exhausted()) return {};
  return result;
}

std::vector<int> CronSecretScope(const CronHandler& handler) {
  const python::Module& module = *handler.module;
  const python::Function& function = module.functions()[handler.function];
  std::vector<int> scope{handler.function};
  for (int call : function.calls) {
    if (int target = module.calls()[call].target; target >= 0) scope.push_back(target);
  }
  for (const python::Expr& decorator : function.decorators) {
    std::string name = decorator.kind == python::Expr::Kind::kCall && decorator.call >= 0
                           ? module.calls()[decorator.call].callee
                           : decorator.qualified;
    if (int target = module.FindFunction(name); target >= 0) scope.push_back(target);
  }
  for (size_t hook = 0; hook < module.functions().size(); ++hook) {
    if (module.functions()[hook].is_cold_start) scope.push_back(static_cast<int>(hook));  // before_request and friends
  }
  std::sort(scope.begin(), scope.end());
  scope.erase(std::unique(scope.begin(), scope.end()), scope.end());
  return scope;
}

bool ChecksCronSecret(const CronHandler& handler) {
  const python::Module& module = *handler.module;
  auto mentions = [&](int index) {
    const python::Function& function = module.functions()[index];
    for (uint32_t line = function.range.start.line; line <= function.range.end.line; ++line) {
      if (module.Line(line).find("CRON_SECRET") != std::string_view::npos) return true;
    }
    return false;
  };
  const std::vector<int> scope = CronSecretScope(handler);
  return std::any_of(scope.begin(), scope.end(), mentions);
}

Dependency FunctionDefinition(const std::string& file, const python::Module& module, int function) {
  const python::Function& definition = module.functions()[function];
  uint32_t first = definition.range.start.line;
  for (const python::Expr& decorator : definition.decorators) first = std::min(first, decorator.range.start.line);
  return Dependency::Lines(file, first, std::max(first, definition.range.end.line));
}

}  // namespace faaslint::project
