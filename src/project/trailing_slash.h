// How an app answers a path that misses one of its routes only by a trailing slash
// (`/api/cron` for the route `/api/cron/`, or the other way round). A cron job calls its
// path and does not follow redirects, so only the exact path runs the handler.
#pragma once

#include <string>
#include <vector>

#include "project/app_mounts.h"
#include "project/project.h"

namespace faaslint::project {

enum class SlashAnswer {
  kServes,     // the route serves the path too (or how the app answers is not known)
  kRedirects,  // a redirect to the route's path
  kNotFound,   // 404
};

// Settings of the function's modules that change the answer: Flask's `strict_slashes`
// (a route's keyword, or `url_map.strict_slashes = False`) and Starlette's
// `redirect_slashes` (FastAPI(...), APIRouter(...), or assigned). Set to anything but a
// literal True, it counts as off.
struct SlashSettings {
  bool strict_slashes_off = false;
  bool redirect_slashes_off = false;
};
SlashSettings ReadSlashSettings(const Project& project, const std::vector<std::string>& files);

// The answer of a route of `framework` to a path that is the route's path with a trailing
// slash added (`path_has_slash`) or taken away.
SlashAnswer AnswerToSlashMismatch(Framework framework, const SlashSettings& settings, bool path_has_slash);

// The framework's name, for messages.
const char* FrameworkName(Framework framework);

}  // namespace faaslint::project
