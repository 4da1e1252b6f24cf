// Which handler of the app a cron job's path reaches, the way Vercel routes a request:
// legacy `routes`, then the filesystem (api/ function files, `[param]` segments), then
// `rewrites`, then the zero-configuration entrypoint; inside the function, the Flask /
// FastAPI / Starlette routes of its module and the local modules it imports, or its
// `handler` class. The function sees the original path (a rewrite only picks the function).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "project/app_mounts.h"
#include "project/project.h"
#include "python/module.h"

namespace faaslint::project {

struct CronHandler {
  std::string file;
  const python::Module* module = nullptr;
  int function = -1;                   // index into module->functions()
  const python::Route* route = nullptr;
  std::vector<ModuleFunction> dependencies;  // what FastAPI runs before it (app_mounts.h)
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
  std::string why;
};

CronRoute ResolveCronPath(const Project& project, std::string_view path);

// Whether the handler (or a same-module function it calls, or its decorators, or a
// before_request hook of its module, or a FastAPI dependency of it) mentions CRON_SECRET.
bool ChecksCronSecret(const CronHandler& handler);

}  // namespace faaslint::project
