#include "project/cron_routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <set>

#include "project/app_mounts.h"
#include "project/functions.h"
#include "python/request_path.h"

namespace faaslint::project {
namespace {

// The path as the app sees it: without the query; its trailing slash decides which route
// of the app matches.
std::string RequestedPath(std::string_view path) { return std::string(path.substr(0, path.find_first_of("?#"))); }

// The path as vercel.json's routes, rewrites and function files are matched against here:
// without the query and any trailing slash.
std::string StripQuery(std::string_view path) {
  std::string out = RequestedPath(path);
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

bool HasBuilds(const Project& project) {
  const VercelConfig* config = project.vercel_config();
  return config != nullptr && config->root() != nullptr && config->root()->Get("builds") != nullptr;
}

// The api/ file that would serve `path` if vercel.json's `builds` did not leave it out
// (with `builds`, only the files its entries name are deployed): the reason a cron path
// that looks served is not (QA round 3).
std::optional<std::string> UnbuiltFunctionForPath(const Project& project, const std::string& path) {
  if (!HasBuilds(project)) return std::nullopt;
  const std::vector<std::string>& built = project.python_entries();
  for (const std::string& file : project.snapshot().files()) {
    if (!file.ends_with(".py") || !IsApiFunctionFile(file)) continue;
    if (std::find(built.begin(), built.end(), file) != built.end()) continue;
    if (project.regexes().Matches(FileRouteRegex(file), path).value_or(false)) return file;
  }
  return std::nullopt;
}

// The Python file of the project a `dest`/`destination` names ("/app.py", "/app"), if any.
std::optional<std::string> PythonFileNamedBy(const Project& project, const std::string& destination) {
  size_t start = destination.find_first_not_of('/');
  std::string file = start == std::string::npos ? std::string() : destination.substr(start);
  if (!file.ends_with(".py")) file += ".py";
  if (project.HasFile(file)) return file;
  return std::nullopt;
}

// A `dest`/`destination` names its function file directly when it is a function file of
// the project ("app.py" with `builds`, or the zero-configuration entrypoint). Any other
// Python file is not deployed as a function (QA round 5: a rewrite to "/app1.py" beside
// no `builds`), however much it looks like an app.
std::optional<std::string> FunctionForDestination(const Project& project, const std::string& destination) {
  if (std::optional<std::string> file = FunctionForPath(project, destination)) return file;
  std::optional<std::string> file = PythonFileNamedBy(project, destination);
  const std::vector<std::string>& entries = project.python_entries();
  if (file && std::find(entries.begin(), entries.end(), *file) != entries.end()) return file;
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
  return regex;  // the trailing slash too must match: see JudgeTrailingSlash
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

// The URL rule a route serves under one of its mounts, as a regex: anything may come
// before a guessed mount's prefix.
std::string MountedRouteRegex(const Mount& mount, std::string_view route_path) {
  std::string regex = mount.guessed ? "(?:/.*)?" : "";
  return regex + AppRouteRegex(mount.Apply(route_path));
}

// The routes of the function's modules that match one path.
struct RouteMatches {
  std::vector<CronHandler> exact;    // through literal prefixes
  std::vector<CronHandler> guessed;  // only through a guessed prefix
  Framework framework = Framework::kUnknown;  // of the first exact one

  // The handlers that serve the path: a route reached only through a guessed prefix
  // counts when none is reached through literal ones, so a guess never hides the route
  // that certainly serves it.
  std::vector<CronHandler>& best() { return exact.empty() ? guessed : exact; }
};

// Each route counts once, under the first of its prefixes that matches.
RouteMatches MatchRoutes(const Project& project, const FunctionRoutes& routes, const std::string& path) {
  RouteMatches matches;
  const python::Route* matched = nullptr;
  for (const ServedRoute& served : routes.served) {
    if (served.handler.route == matched || !served.regex) continue;
    if (!project.regexes().Matches(*served.regex, path).value_or(false)) continue;
    matched = served.handler.route;
    if (!served.guessed && matches.exact.empty()) matches.framework = served.framework;
    (served.guessed ? matches.guessed : matches.exact).push_back(served.handler);
  }
  return matches;
}

// A path no route matches may miss one only by its trailing slash: the app then redirects
// it (which a cron job does not follow) or answers 404, and the other path is the one to
// call; or, under Flask's strict_slashes=False, the route serves it after all. A route
// reached through a guessed prefix is taken as serving it: its URL is only a guess.
void JudgeTrailingSlash(const Project& project, const FunctionRoutes& routes, const std::string& path,
                        CronRoute* result) {
  if (path == "/") return;
  bool has_slash = path.ends_with('/');
  std::string other = has_slash ? path.substr(0, path.size() - 1) : path + "/";
  RouteMatches near = MatchRoutes(project, routes, other);
  std::vector<CronHandler>& handlers = near.best();
  if (handlers.empty()) return;
  SlashAnswer answer = near.exact.empty() ? SlashAnswer::kServes
                                          : AnswerToSlashMismatch(near.framework, routes.slash_settings, has_slash);
  if (answer == SlashAnswer::kServes) {
    result->kind = CronRoute::Kind::kFound;
    result->why.clear();
    result->handlers = std::move(handlers);
    return;
  }
  const CronHandler& handler = handlers.front();
  std::string route = fmt::format("the route \"{}\" of {}:{}", other, handler.file, handler.route->range.start.line);
  const char* framework = FrameworkName(near.framework);
  result->served_path = other;
  if (answer == SlashAnswer::kRedirects) {
    result->redirected_to = other;
    result->why = fmt::format("by {} ({} {})", framework, route, has_slash ? "has no trailing slash" : "ends in `/`");
  } else if (has_slash) {
    result->why = fmt::format("{} has no trailing slash, and {} answers 404 to the path with one", route, framework);
  } else {
    result->why = fmt::format("{} ends in `/`, and with redirect_slashes=False {} answers 404 to the path without",
                              route, framework);
  }
}

// The handlers of the function that serve `path` (the requested path, trailing slash
// and all).
void FindHandlers(const Project& project, const std::string& path, CronRoute* result) {
  const python::Module* entry = project.PythonModule(result->function_file);
  if (!entry) return;  // unknown
  // A BaseHTTPRequestHandler `handler` class serves every path of its function.
  for (const python::Class& cls : entry->classes()) {
    if (cls.function != -1 || cls.name != "handler") continue;
    for (int method : cls.methods) {
      const python::Function& function = entry->functions()[method];
      for (const python::Route& route : function.routes) {
        result->handlers.push_back({result->function_file, entry, method, &route, {}});
      }
    }
    result->kind = CronRoute::Kind::kFound;
    return;
  }
  const FunctionRoutes& routes = project.FunctionRoutesOf(result->function_file);
  result->searched = routes.files;
  RouteMatches matches = MatchRoutes(project, routes, path);
  if (!matches.best().empty()) {
    result->kind = CronRoute::Kind::kFound;
    result->handlers = std::move(matches.best());
    return;
  }
  if (!routes.any_route || routes.computed) return;  // unknown
  result->kind = CronRoute::Kind::kNoRoute;
  result->why = routes.files.size() == 1
                    ? result->function_file + " has no route for it"
                    : result->function_file + " and the modules it imports have no route for it";
  JudgeTrailingSlash(project, routes, path, result);
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
    if (std::optional<std::string> file = FunctionForDestination(project, target)) {
      return {Step::Kind::kFunction, *file};
    }
    if (PythonFileNamedBy(project, target)) return {Step::Kind::kNotAFunction, dest->text};
    return {Step::Kind::kGiveUp, ""};
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

// Where vercel.json redirects a request before routing it. @vercel/routing-utils puts the
// routes it makes of `trailingSlash` and then of `redirects` first (getTransformedRoutes,
// convertTrailingSlash, convertRedirects in
// https://github.com/vercel/vercel/blob/main/packages/routing-utils/src/superstatic.ts).
struct Redirect {
  enum class Kind { kNone, kRedirected, kUnknown } kind = Kind::kNone;
  std::string to;
  std::string by;  // what redirects it: "by the redirect at vercel.json:4"

  static Redirect Unknown() {
    Redirect redirect;
    redirect.kind = Kind::kUnknown;
    return redirect;
  }
};

// convertTrailingSlash: with `true`, `^/\.well-known(?:/.*)?$` is left alone,
// `^/((?:[^/]+/)*[^/\.]+)$` goes to `/$1/` and `^/((?:[^/]+/)*[^/]+\.\w+)/$` to `/$1`;
// with `false`, `^/(.*)\/$` goes to `/$1`. Vercel refuses `trailingSlash` beside legacy
// `routes` (FL608), so then there is none.
Redirect TrailingSlashRedirect(const Project& project, const std::string& path) {
  const RouteTable& table = project.route_table();
  if (!table.trailing_slash || !table.routes.empty()) return {};
  std::string without = path.substr(0, path.size() - 1);
  struct Rule {
    const char* regex;
    std::optional<std::string> to;  // none: left alone
  };
  std::vector<Rule> rules = *table.trailing_slash ? std::vector<Rule>{{"^/\\.well-known(?:/.*)?$", std::nullopt},
                                                                      {"^/((?:[^/]+/)*[^/\\.]+)$", path + "/"},
                                                                      {"^/((?:[^/]+/)*[^/]+\\.\\w+)/$", without}}
                                                  : std::vector<Rule>{{"^/(.*)\\/$", without}};
  for (const Rule& rule : rules) {
    std::optional<bool> matches = project.regexes().Matches(rule.regex, path);
    if (!matches) return Redirect::Unknown();
    if (!*matches) continue;
    if (!rule.to) return {};
    return {Redirect::Kind::kRedirected, *rule.to,
            fmt::format("by `trailingSlash: {}` in vercel.json", *table.trailing_slash)};
  }
  return {};
}

// The first of `redirects` whose source matches. One with a `has` or `missing` condition
// may or may not apply to a cron job's request: then the path is not judged.
Redirect VercelRedirect(const Project& project, const std::string& path) {
  if (Redirect redirect = TrailingSlashRedirect(project, path); redirect.kind != Redirect::Kind::kNone) {
    return redirect;
  }
  for (const PreparedRoute& redirect : project.route_table().redirects) {
    if (!redirect.usable) continue;  // no source, or one FL609 reports
    std::optional<bool> matches = redirect.regex ? project.regexes().Matches(*redirect.regex, path) : std::nullopt;
    if (!matches || (*matches && redirect.conditional)) return Redirect::Unknown();
    if (!*matches) continue;
    const vercel::JsonValue* destination = redirect.destination;
    if (!destination || !destination->is_string()) return Redirect::Unknown();
    return {Redirect::Kind::kRedirected, destination->text,
            fmt::format("by the redirect at vercel.json:{}", destination->range.start.line)};
  }
  return {};
}

// The function a rewrite of `path` would best go to, as a destination: the api/ file whose
// URL is the longest prefix of the path ("/api/cron" for "/api/cron/send-task"), else
// api/index.py, else the first function. QA round 6: always suggesting "/api/index" in a
// project without api/index.py sent the user round in a loop.
std::string SuggestedDestination(const Project& project, std::string_view path) {
  const std::vector<std::string>& entries = project.python_entries();
  std::string best;
  size_t best_length = 0;
  for (const std::string& file : entries) {
    if (!IsApiFunctionFile(file)) continue;
    std::string url = "/" + file.substr(0, file.size() - 3);
    std::string prefix = url.ends_with("/index") ? url.substr(0, url.size() - 6) : url;
    bool under = path == prefix || (path.starts_with(prefix) && path[prefix.size()] == '/');
    if (under && prefix.size() > best_length) best = url, best_length = prefix.size();
  }
  if (!best.empty()) return best;
  if (std::find(entries.begin(), entries.end(), "api/index.py") != entries.end()) return "/api/index";
  if (entries.empty()) return "/api/index";
  const std::string& first = entries.front();
  return IsApiFunctionFile(first) ? "/" + first.substr(0, first.size() - 3) : "/" + first;
}

std::string RewriteHelp(const Project& project, std::string_view path) {
  path = path.substr(0, path.find('?'));
  return fmt::format("send it to a function with a rewrite ({{\"source\": \"{}\", \"destination\": \"{}\"}}), or "
                     "serve it from its own api/ file",
                     path, SuggestedDestination(project, path));
}

// Where routing takes a path no redirect of vercel.json changed.
CronRoute RouteRequest(const Project& project, const std::string& requested) {
  CronRoute result;
  std::string path = StripQuery(requested);
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
    if (std::optional<UndeployedDestination> file = UndeployedPythonDestination(project, step.file)) {
      result.why = "it is rewritten to " + step.file + ", but " + file->why;
      result.help = file->help;
    } else {
      result.why = "it is rewritten to " + step.file + ", which is no function";
      result.help = RewriteHelp(project, path);
    }
    return result;
  }
  if (step.kind != Step::Kind::kFunction) {
    // A Python api/ file `builds` leaves out is ours to name even when `builds` names no
    // Python file at all (QA round 6: a Node build beside api/scheduler.py).
    std::optional<std::string> unbuilt = UnbuiltFunctionForPath(project, path);
    if (project.python_entries().empty() && !unbuilt) return result;  // no Python functions: not ours to judge
    result.kind = CronRoute::Kind::kNoRoute;
    result.why = "no api/ function file, rewrite or route serves it";
    result.help = RewriteHelp(project, path);
    if (unbuilt) {
      result.why = fmt::format("{} would serve it, but it is not deployed: `builds` does not name it", *unbuilt);
      result.unbuilt_file = *unbuilt;
    }
    return result;
  }
  result.function_file = step.file;
  FindHandlers(project, requested, &result);
  return result;
}

// A path of this deployment with nothing to fill in: no `:param`, `*`, group, `$1` or query.
bool IsLiteralPath(std::string_view path) {
  return path.starts_with('/') && path.find_first_of(":*()$?#") == std::string_view::npos;
}

CronRoute ResolveWithinBudget(const Project& project, std::string_view raw_path) {
  std::string requested = RequestedPath(raw_path);
  if (requested.empty() || requested[0] != '/') return {};  // FL703 reports the missing `/` on its own
  Redirect redirect = VercelRedirect(project, requested);
  if (redirect.kind == Redirect::Kind::kUnknown) return {};
  CronRoute result;
  if (redirect.kind == Redirect::Kind::kNone) {
    result = RouteRequest(project, requested);
  } else {
    result.kind = CronRoute::Kind::kNoRoute;
    result.redirected_to = redirect.to;
    result.why = redirect.by;
    if (IsLiteralPath(redirect.to) && RouteRequest(project, redirect.to).kind == CronRoute::Kind::kFound) {
      result.served_path = redirect.to;  // called there directly, the cron job runs
    }
  }
  // A path to call instead is no better if vercel.json redirects it in turn.
  if (!result.served_path.empty() && VercelRedirect(project, result.served_path).kind != Redirect::Kind::kNone) {
    result.served_path.clear();
  }
  return result;
}

}  // namespace

FunctionRoutes BuildFunctionRoutes(const Project& project, const std::string& function_file) {
  FunctionRoutes routes;
  routes.files = ModulesOf(project, function_file);
  routes.slash_settings = ReadSlashSettings(project, routes.files);
  AppMounts mounts(project, routes.files);
  // HTTP middleware runs before every route of its app, wherever the route is defined; an
  // app of a function file is the only one there, near enough.
  std::vector<ModuleFunction> middleware;
  for (const std::string& file : routes.files) {
    const python::Module* module = project.PythonModule(file);
    for (size_t f = 0; module && f < module->functions().size(); ++f) {
      if (python::IsHttpMiddleware(*module, module->functions()[f])) middleware.push_back({module, static_cast<int>(f)});
    }
  }
  for (const std::string& file : routes.files) {
    const python::Module* module = project.PythonModule(file);
    if (!module) continue;
    for (size_t f = 0; f < module->functions().size(); ++f) {
      const python::Function& function = module->functions()[f];
      if (function.class_index >= 0 && function.name.starts_with("do_")) continue;  // not in a `handler` class
      for (const python::Route& route : function.routes) {
        if (route.websocket) continue;
        routes.any_route = true;
        if (!route.path_known) {
          routes.computed = true;
          continue;
        }
        Framework framework = mounts.FrameworkOf(file, *module, route);
        for (const Mount& mount : mounts.MountsOf(file, *module, route)) {  // literal mounts first
          CronHandler handler{file, module, static_cast<int>(f), &route,
                              mounts.DependenciesOf(file, *module, function, route, mount)};
          if (framework == Framework::kStarlette) {
            handler.dependencies.insert(handler.dependencies.end(), middleware.begin(), middleware.end());
          }
          routes.served.push_back({std::move(handler), mount.guessed,
                                   project.regexes().Get(MountedRouteRegex(mount, route.path)), framework});
        }
      }
    }
  }
  return routes;
}

CronRoute ResolveCronPath(const Project& project, std::string_view raw_path) {
  CronRoute result = ResolveWithinBudget(project, raw_path);
  // Some match was unknown for want of budget (regex_cache.h), and the file routes above
  // read an unknown match as "no match": the whole answer is unknown.
  if (project.regexes().exhausted()) return {};
  return result;
}

bool AcceptsGet(const python::Route& route) {
  return std::any_of(route.methods.begin(), route.methods.end(), [](const std::string& method) {
    std::string upper = method;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper == "GET";
  });
}

bool AnyAcceptsGet(const std::vector<CronHandler>& handlers) {
  return std::any_of(handlers.begin(), handlers.end(), [](const CronHandler& handler) { return AcceptsGet(*handler.route); });
}

Dependency FunctionDefinition(const std::string& file, const python::Module& module, int function) {
  const python::Function& definition = module.functions()[function];
  uint32_t first = definition.range.start.line;
  for (const python::Expr& decorator : definition.decorators) first = std::min(first, decorator.range.start.line);
  return Dependency::Lines(file, first, std::max(first, definition.range.end.line));
}

std::optional<UndeployedDestination> UndeployedPythonDestination(const Project& project,
                                                                std::string_view destination) {
  // Of a vercel.json with errors (FL601) the project takes no `builds`: which files are
  // functions is not known.
  const VercelConfig* config = project.vercel_config();
  if (config != nullptr && !config->document.errors.empty()) return std::nullopt;
  std::string target = StripQuery(destination);
  if (!target.starts_with('/')) target.insert(0, "/");
  if (FunctionForDestination(project, target)) return std::nullopt;
  std::optional<std::string> file = PythonFileNamedBy(project, target);
  if (!file) return std::nullopt;
  UndeployedDestination result;
  result.file = *file;
  if (HasBuilds(project)) {
    result.why = fmt::format("Vercel deploys {} as a function only if `builds` names it", *file);
    result.help = fmt::format("add {{\"src\": \"{}\", \"use\": \"@vercel/python\"}} to `builds`", *file);
  } else {
    result.why = fmt::format("Vercel deploys {} as a function only from api/ or as the zero-configuration app "
                             "(app.py, index.py, server.py or main.py, at the root or in src/ or app/)",
                             *file);
    std::string name = file->substr(file->rfind('/') + 1);
    result.help = fmt::format("move {} to api/{} and send the requests to \"/api/{}\"", *file, name,
                              name.substr(0, name.size() - 3));
  }
  return result;
}

}  // namespace faaslint::project
