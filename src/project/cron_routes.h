// Which handler of the app a cron job's path reaches, the way Vercel routes a request:
// vercel.json's redirects (`trailingSlash`, `redirects`) first, which a cron job does not
// follow, then legacy `routes`, then the filesystem (api/ function files, `[param]`
// segments), then `rewrites`, then the zero-configuration entrypoint; inside the
// function, the Flask / FastAPI / Starlette routes of its module and the local modules
// it imports, or its `handler` class. The function sees the original path (a rewrite
// only picks the function), trailing slash included: the app may redirect it.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "project/app_mounts.h"
#include "project/project.h"
#include "project/regex_cache.h"
#include "project/trailing_slash.h"
#include "python/module.h"

namespace faaslint::project {

struct CronHandler {
  std::string file;
  const python::Module* module = nullptr;
  int function = -1;                   // index into module->functions()
  const python::Route* route = nullptr;
  // What FastAPI runs before it (app_mounts.h), and the HTTP middleware of its app.
  std::vector<ModuleFunction> dependencies;
};

struct CronRoute {
  enum class Kind {
    kFound,    // `handlers` serve the path
    kNoRoute,  // nothing serves it: `why` says what was searched
    kUnknown,  // routing could not be followed (external rewrite, computed routes, ...)
  };
  Kind kind = Kind::kUnknown;
  std::string function_file;
  std::vector<CronHandler> handlers;
  std::vector<std::string> searched;  // the files whose routes were looked at
  // The vercel.json `routes` and `rewrites` arrays the path was matched against: an entry
  // edited, added or removed there may route it elsewhere. (Rewrites come after the
  // function files, so a path an api/ file serves does not depend on them.)
  std::vector<Range> routing;
  // kNoRoute: why, to end "reaches no route: ..."; with `redirected_to`, what redirects
  // it ("by the redirect at vercel.json:4").
  std::string why;
  // kNoRoute: where a redirect sends the cron job, which does not follow it.
  std::string redirected_to;
  // kNoRoute: the path that does reach the route the cron path misses by a redirect or
  // a trailing slash, when there is one.
  std::string served_path;
  // kNoRoute: the api/ file that would serve the path but vercel.json's `builds` leaves
  // out of the deployment.
  std::string unbuilt_file;
  // kNoRoute: what to do instead, when routing knows: a rewrite to the function that
  // fits the path best, or (for a rewrite to a Python file that is no function)
  // UndeployedDestination's help.
  std::string help;
};

CronRoute ResolveCronPath(const Project& project, std::string_view path);

// A rewrite's `destination` or a legacy route's `dest` that names a Python file of the
// project Vercel does not deploy as a function ("/app1.py" beside no `builds`): the
// requests sent there reach no Python code.
struct UndeployedDestination {
  std::string file;
  std::string why;   // "Vercel deploys app1.py as a function only if `builds` names it"
  std::string help;  // name it in `builds`, or move it to api/
};
std::optional<UndeployedDestination> UndeployedPythonDestination(const Project& project,
                                                                std::string_view destination);

// A route of the app under one of the prefixes it is served under (app_mounts.h).
struct ServedRoute {
  CronHandler handler;
  bool guessed = false;  // through a guessed prefix
  std::shared_ptr<const CompiledRegex> regex;  // its whole URL rule; null when unknown: it matches nothing
  Framework framework = Framework::kUnknown;
};

// The routes of a function's modules, each under each of its prefixes, worked out once
// per function (Project::FunctionRoutesOf): every cron path routed to the function is
// matched against the same list.
struct FunctionRoutes {
  std::vector<std::string> files;    // the function file and the local modules it imports
  std::vector<ServedRoute> served;   // by route, its literal prefixes before its guessed ones
  bool any_route = false;
  bool computed = false;             // some route's path is not a literal: it may match anything
  SlashSettings slash_settings;
};
FunctionRoutes BuildFunctionRoutes(const Project& project, const std::string& function_file);

// Whether a route accepts GET, the only method Vercel calls cron jobs with; and whether
// one of `handlers` does.
bool AcceptsGet(const python::Route& route);
bool AnyAcceptsGet(const std::vector<CronHandler>& handlers);

// The lines of function `function` of `module` (in `file`), its decorators included: a
// finding about a handler depends on all of them.
Dependency FunctionDefinition(const std::string& file, const python::Module& module, int function);

}  // namespace faaslint::project
