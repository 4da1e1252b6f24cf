// Whether the handler a cron job calls checks CRON_SECRET the way Vercel sends it
// (`Authorization: Bearer <CRON_SECRET>`), for FL704.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "project/cron_routes.h"

namespace faaslint::project {

// The functions where a CRON_SECRET check counts for the handler: the handler, its
// decorators and its FastAPI dependencies, each with the functions it calls (in its body
// or a function nested in it, such as a decorator's wrapper) and theirs, three calls
// deep; and the before_request (cold-start) hooks of its module. A called function or a
// decorator may be of the handler's module or of a project module it imports
// (`from lib.auth import verify_cron`, `security.is_authorized(request)` after
// `from utils import security`), re-exports followed.
std::vector<ModuleFunction> CronSecretScope(const Project& project, const CronHandler& handler);

// Whether a function of a handler's CronSecretScope mentions CRON_SECRET.
bool ChecksCronSecret(const std::vector<ModuleFunction>& scope);

// A CRON_SECRET check that compares the Authorization header with the bare secret, where
// Vercel sends `Authorization: Bearer <CRON_SECRET>`: it refuses every cron call. Seen
// only when a function that mentions CRON_SECRET (the handler or a FastAPI dependency of
// it) also reads the Authorization header and compares in its own body (`==`, `!=`,
// `compare_digest`), and neither it nor a function it calls (of its module or an
// imported one) spells the scheme or cuts the header (`Bearer`, `split`, `partition`,
// `removeprefix`, `replace`, `strip`, `startswith`, `[7:]`). The comparison's place, or
// nullopt.
std::optional<Location> FindBareSecretComparison(const Project& project, const CronHandler& handler);

// A CRON_SECRET check whose only way in is a value Vercel's cron calls never carry: a
// header other than Authorization (`request.headers.get("X-Cron-Secret")`, a FastAPI
// `x_cron_secret: str = Header(...)`) or a query parameter (`request.args.get("key")`,
// `request.query_params["key"]`, a FastAPI `key: str` or `Query()` parameter) compared
// with the secret (`!=`, `not ... ==`, `not compare_digest(...)`, either side of an `or`)
// in the condition of an `if` that refuses the request (it aborts, raises, or returns 401
// or 403). Every cron call is refused then. Conservative, as a guess would flag a working
// check: the `if` must be in the handler, a decorator, a FastAPI dependency or a function
// the handler calls outside any `if`; in no other `if`, and after no `if` that does not
// refuse too; and nothing where a check counts (`scope`, the handler's CronSecretScope)
// may read the Authorization header, a Bearer scheme or Vercel's `vercel-cron` user
// agent, nor read a header or query value by a name that is not a literal. A query
// parameter is not judged when the cron path carries a query of its own (`path_has_query`).
struct MisplacedSecret {
  Location where;        // the `if`
  std::string compared;  // "the header `X-Cron-Secret`", "the query parameter `key`"
};
std::optional<MisplacedSecret> FindMisplacedSecretComparison(const Project& project, const CronHandler& handler,
                                                             const std::vector<ModuleFunction>& scope,
                                                             bool path_has_query);

// Reads of CRON_SECRET with a non-empty string literal for a default
// (`os.environ.get("CRON_SECRET", "dev-secret")`, `os.getenv("CRON_SECRET", "changeme")`)
// in a function of a handler's CronSecretScope or at module level of the module of one:
// where the deployment lacks the variable, the check compares with a secret anyone who
// reads the source knows. A default of "" or None, or one that is not a literal, is not one.
struct LiteralSecretDefault {
  Location where;       // the call
  std::string literal;  // "dev-secret"
};
std::vector<LiteralSecretDefault> FindLiteralSecretDefaults(const std::vector<ModuleFunction>& scope);

}  // namespace faaslint::project
