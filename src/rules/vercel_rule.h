// Shared by the vercel.json and Vercel project rules (FL6xx, FL7xx): they check
// nothing unless the run targets Vercel (`--platform`, `platform:` in the config).
#pragma once

#include "core/settings.h"
#include "project/project.h"
#include "rules/registry.h"

namespace faaslint::rules {

inline bool TargetsVercel(const ProjectContext& cx) { return cx.settings.platform == Platform::kVercel; }

// The project's vercel.json when the run targets Vercel and there is one; else null.
inline const project::VercelConfig* VercelConfigToCheck(const ProjectContext& cx) {
  return TargetsVercel(cx) ? cx.project.vercel_config() : nullptr;
}

}  // namespace faaslint::rules
