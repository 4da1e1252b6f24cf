// Which handler of the app a cron job's path reaches, the way Vercel routes a request:
// legacy `routes`, then the filesystem (api/ function files, `[param]` segments), then
// `rewrites`, then the zero-configuration entrypoint; inside the function, the Flask /
// FastAPI / Starlette routes of its module and the local modules it imports, or its
// `handler` class. The function sees the original path (a rewrite only picks the function).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "project/project.h"
#include "python/module.h"

namespace faaslint::project {

struct CronHandler {
  std::string file;
  const python::Module* module = nullptr;
  int function = -1;                   // index into module->functions()
  const python::Route* route = nullptr;
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
  std::string why;
};

CronRoute ResolveCronPath(const Project& project, std::string_view path);

// The functions of the handler's module where a CRON_SECRET check counts for it: the
// handler, the same-module functions it calls, its decorators, and the before_request
// (cold-start) hooks of its module. Indices into module->functions().
std::vector<int> CronSecretScope(const CronHandler& handler);

// Whether one of CronSecretScope's functions mentions CRON_SECRET.
bool ChecksCronSecret(const CronHandler& handler);

// The lines of function `function` of `module` (in `file`), its decorators included: a
// finding about a handler depends on all of them.
Dependency FunctionDefinition(const std::string& file, const python::Module& module, int function);

}  // namespace faaslint::project
