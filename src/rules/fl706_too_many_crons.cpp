#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/plan_limits.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL706", "too-many-crons", Severity::kError,
    "more cron jobs than a Vercel project may have",
    R"md(## What it does
Counts the entries of `crons` in `vercel.json` and reports the first one beyond the
per-project limit of 100 (the same on every plan).

## Why it fails on serverless
Vercel refuses a deployment that declares more cron jobs than the project may have;
disabled jobs count too.

## Example
```json
{ "crons": [ /* 101 entries, one per customer */ ] }
```

## Instead
Run one cron job that loops over the customers (in batches that fit the function's
`maxDuration`), or hand the work to a queue.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons || crons->items.size() <= vercel::kMaxCronJobsPerProject) return;
  const vercel::JsonValue& first_extra = crons->items[vercel::kMaxCronJobsPerProject];
  out.Report(Location{config->path, first_extra.range},
             fmt::format("`crons` has {} jobs; a project may have at most {}", crons->items.size(),
                         vercel::kMaxCronJobsPerProject),
             "merge jobs that share a schedule into one endpoint");
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
