// Whether the handler a cron job calls checks CRON_SECRET the way Vercel sends it
// (`Authorization: Bearer <CRON_SECRET>`), for FL704.
#pragma once

#include <optional>
#include <vector>

#include "project/cron_routes.h"

namespace faaslint::project {

// The functions of the handler's module where a CRON_SECRET check counts for it: the
// handler, the same-module functions it calls, its decorators, and the before_request
// (cold-start) hooks of its module. Indices into module->functions().
std::vector<int> CronSecretScope(const CronHandler& handler);

// Whether the handler (or a same-module function it calls, or its decorators, or a
// before_request hook of its module, or a FastAPI dependency of it) mentions CRON_SECRET.
bool ChecksCronSecret(const CronHandler& handler);

// A CRON_SECRET check that compares the Authorization header with the bare secret, where
// Vercel sends `Authorization: Bearer <CRON_SECRET>`: it refuses every cron call. Seen
// only when a function that mentions CRON_SECRET (the handler or a FastAPI dependency of
// it) also reads the Authorization header and compares in its own body (`==`, `!=`,
// `compare_digest`), and neither it nor a same-module function it calls spells the
// scheme or cuts the header (`Bearer`, `split`, `partition`, `removeprefix`, `replace`,
// `strip`, `startswith`, `[7:]`). The comparison's place, or nullopt.
std::optional<Location> FindBareSecretComparison(const CronHandler& handler);

}  // namespace faaslint::project
