#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/cron.h"
#include "vercel/plan_limits.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL702", "cron-too-frequent", Severity::kError,
    "cron job runs more than once a day on the Hobby plan",
    R"md(## What it does
Reports a cron schedule that fires more than once a day (more than one minute or more
than one hour matched) when the project is on the Hobby plan — the default; set
`plan: pro` or `plan: enterprise` in `.faaslint.yaml` if yours is not.

## Why it fails on serverless
On the Hobby plan Vercel runs each cron job at most once a day and refuses to deploy a
schedule that would run more often. Schedules that run once a day on some days only
(`0 8 * * 1-5`) are fine. Hobby cron jobs also fire anywhere within the scheduled hour,
not at the exact minute.

## Example
```json
{ "crons": [{ "path": "/api/check-events", "schedule": "*/5 * * * *" }] }
```

## Instead
```json
{ "crons": [{ "path": "/api/check-events", "schedule": "0 8 * * *" }] }
```
If the work really must run every few minutes, that needs the Pro plan — or a design
where the request that creates the work also does it.
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  if (!vercel::LimitsFor(cx.settings.plan).cron_at_most_daily) return;
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  for (const vercel::JsonValue& cron : crons->items) {
    const vercel::JsonValue* schedule = cron.Get("schedule");
    vercel::CronSchedule parsed;
    if (!schedule || !schedule->is_string() || vercel::ParseCron(schedule->text, &parsed)) continue;
    size_t runs = parsed.RunsPerDay();
    if (runs <= 1) continue;
    out.Report(Location{config->path, schedule->range},
               fmt::format("cron schedule \"{}\" runs {} times a day; the {} plan allows once a day", schedule->text,
                           runs, PlanName(cx.settings.plan)),
               "pick one minute and one hour (e.g. \"0 8 * * *\"), or set `plan: pro` in .faaslint.yaml if you are "
               "on Pro");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
