// Route checks that Vercel makes before a deploy (@vercel/routing-utils 6.6.0,
// getTransformedRoutes / normalizeRoutes / checkPatternSyntax / checkRedirect) and
// that faaslint splits into rules: invalid patterns and unbound destination segments
// (FL609), properties that exclude each other (FL604).
#pragma once

#include <vector>

#include "vercel/config_issue.h"
#include "vercel/json.h"

namespace faaslint::vercel {

// FL609: `routes[].src` regexes (and their handle phases), `rewrites`/`redirects`/
// `headers` `source` patterns, destination segments not bound in source or `has`.
std::vector<ConfigIssue> CheckRoutePatterns(const JsonValue& root);

// FL604: `functions`+`builds`, `proxy`+`builds`, services combinations, a route with
// `src`+`source` / `dest`+`destination` / `status`+`statusCode`, a redirect with
// `permanent`+`statusCode`.
std::vector<ConfigIssue> FindConflicts(const JsonValue& root);

}  // namespace faaslint::vercel
