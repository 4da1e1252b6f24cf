// Shared by the vercel.json and Vercel project rules (FL6xx, FL7xx): they check
// nothing unless the run targets Vercel (`--platform`, `platform:` in the config).
#pragma once

#include <vector>

#include "core/settings.h"
#include "project/cron_routes.h"
#include "project/project.h"
#include "rules/registry.h"
#include "vercel/json.h"

namespace faaslint::rules {

inline bool TargetsVercel(const ProjectContext& cx) { return cx.settings.platform == Platform::kVercel; }

// The project's vercel.json when the run targets Vercel and there is one; else null.
inline const project::VercelConfig* VercelConfigToCheck(const ProjectContext& cx) {
  return TargetsVercel(cx) ? cx.project.vercel_config() : nullptr;
}

// The `crons` array of that vercel.json (FL701-FL706), with the file it is in; both null
// when there is no such array (FL603 reports a `crons` of the wrong type).
struct VercelCrons {
  const project::VercelConfig* config = nullptr;
  const vercel::JsonValue* crons = nullptr;
};
inline VercelCrons VercelCronsToCheck(const ProjectContext& cx) {
  const project::VercelConfig* config = VercelConfigToCheck(cx);
  if (!config || !config->root()) return {};
  const vercel::JsonValue* crons = config->root()->Get("crons");
  if (!crons || !crons->is_array()) return {};
  return {config, crons};
}

// What a finding about where a cron path leads depends on in vercel.json: the `routes`
// and `rewrites` it was routed through (narrowing a rewrite may strand it).
inline std::vector<Dependency> RoutingDependencies(const project::VercelConfig& config,
                                                   const project::CronRoute& route) {
  std::vector<Dependency> entries;
  for (const Range& entry : route.routing) entries.push_back(Dependency::LinesOf(config.path, entry));
  return entries;
}

}  // namespace faaslint::rules
