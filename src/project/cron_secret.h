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
// it) also reads the Authorization header and compares it, or a variable holding it, in
// its own body (`==`, `!=`, `compare_digest`), and neither it nor a function it calls
// (of its module or an imported one) spells the scheme or cuts the header (`Bearer`,
// `split`, `partition`, `removeprefix`, `replace`, `strip`, `startswith`, `[7:]`). The
// token Werkzeug parses from the header (`request.authorization.token`, from Werkzeug
// 2.3) has no scheme: compared with the bare secret, it is right; and a test of its
// scheme (`request.authorization.type == "bearer"`) cuts nothing. The comparison's
// place, or nullopt.
std::optional<Location> FindBareSecretComparison(const Project& project, const CronHandler& handler);

// What a check compares a request value with: CRON_SECRET (by that name in any case, or
// a name bound to it), or, for a handler that never reads CRON_SECRET, any secret: a
// value of the environment (`os.environ["CRON_TOKEN"]`) or whose name looks like one
// (`API_KEY`, `settings.cron_token`).
enum class SecretKind { kCronSecret, kAnySecret };

// A check whose only way in is a value Vercel's cron calls never carry: a header other
// than Authorization (`request.headers.get("X-Cron-Secret")`, a FastAPI
// `x_cron_secret: str = Header(...)`) or a query parameter (`request.args.get("key")`,
// `request.query_params["key"]`, a FastAPI `key: str` or `Query()` parameter) compared
// with the secret (`!=`, `not ... ==`, `not compare_digest(...)`, either side of an `or`,
// every side of an `and`) in the condition of an `if` that refuses the request (it
// aborts, raises, or returns 401 or 403); or a helper of the scope whose every true
// return is such a match (`return key == secret`, `return a == secret or b == secret`),
// called as `if not helper(): ...` refusing. Every cron call is refused then.
// Conservative, as a guess would flag a working check: the `if` must be in the handler,
// a decorator, a FastAPI dependency or a function the handler calls outside any `if`; in
// no other `if` (but one that the secret is set), and after no `if` that does not refuse
// too (or test that the secret is unset: `if not secret: return True` lets nothing in
// where the project has a secret); and nothing where a check counts (`scope`, the
// handler's CronSecretScope) may read the Authorization header (a FastAPI parameter
// that takes it and that nothing reads aside), a Bearer scheme or Vercel's `vercel-cron`
// user agent, nor read a header or query value by a name that is not a literal. A query
// parameter is not judged when the cron path carries a query of its own (`path_has_query`).
struct MisplacedSecret {
  Location where;        // the `if`
  std::string compared;  // "the header `X-Cron-Secret`", "the query parameter `key` and the header `X-Key`"
};
std::optional<MisplacedSecret> FindMisplacedSecretComparison(const Project& project, const CronHandler& handler,
                                                             const std::vector<ModuleFunction>& scope,
                                                             bool path_has_query,
                                                             SecretKind kind = SecretKind::kCronSecret);

// Whether a function of `scope` compares the Authorization header (or Werkzeug's token of
// it) with a secret of any name (SecretKind::kAnySecret), anywhere in its body
// (`request.headers.get("Authorization") != f"Bearer {os.environ['CRON_TOKEN']}"`): the
// endpoint is not open, and Vercel's calls pass only where the project gives CRON_SECRET
// the same value.
bool ComparesAuthorizationWithASecret(const Project& project, const CronHandler& handler,
                                      const std::vector<ModuleFunction>& scope);

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
