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

// Whether a function of the handler's CronSecretScope mentions CRON_SECRET.
bool ChecksCronSecret(const Project& project, const CronHandler& handler);

// A CRON_SECRET check that compares the Authorization header with the bare secret, where
// Vercel sends `Authorization: Bearer <CRON_SECRET>`: it refuses every cron call. Seen
// only when a function that mentions CRON_SECRET (the handler or a FastAPI dependency of
// it) also reads the Authorization header and compares in its own body (`==`, `!=`,
// `compare_digest`), and neither it nor a function it calls (CronSecretScope) spells the
// scheme or cuts the header (`Bearer`, `split`, `partition`, `removeprefix`, `replace`,
// `strip`, `startswith`, `[7:]`). The comparison's place, or nullopt.
std::optional<Location> FindBareSecretComparison(const Project& project, const CronHandler& handler);

}  // namespace faaslint::project
