// What each Vercel plan allows. Sources (checked 2026-11):
// - functions: https://vercel.com/docs/functions/limitations — maximum memory
//   "Hobby: 2 GB, Pro and Ent: 4 GB"; maximum duration "Hobby: 300s, Pro: 800s,
//   Ent: 800s" (the configurable maximum with fluid compute, the default).
// - cron jobs: https://vercel.com/docs/cron-jobs/usage-and-pricing — Hobby runs a cron
//   job at most once a day; changelog "Cron jobs now support 100 per project on every plan".
#pragma once

#include <cstddef>

#include "core/settings.h"

namespace faaslint::vercel {

struct PlanLimits {
  int max_memory_mb;
  int max_duration_seconds;
  bool cron_at_most_daily;
};

constexpr PlanLimits LimitsFor(Plan plan) {
  switch (plan) {
    case Plan::kHobby: return {2048, 300, true};
    case Plan::kPro: return {4096, 800, false};
    case Plan::kEnterprise: return {4096, 800, false};
  }
  return {2048, 300, true};
}

// Cron jobs per project, every plan (see above).
constexpr size_t kMaxCronJobsPerProject = 100;

}  // namespace faaslint::vercel
