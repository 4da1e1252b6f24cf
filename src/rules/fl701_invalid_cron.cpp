#include <fmt/format.h>

#include "project/project.h"
#include "rules/registry.h"
#include "rules/vercel_rule.h"
#include "vercel/cron.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL701", "invalid-cron", Severity::kError,
    "cron schedule Vercel does not accept",
    R"md(## What it does
Parses every `crons[].schedule` of `vercel.json` with the rules Vercel applies and
reports the first problem of each, naming the field and the values it takes:

| field | values |
|---|---|
| minute | 0-59 |
| hour | 0-23 |
| day of month | 1-31 |
| month | 1-12 |
| day of week | 0-6 (Sunday is 0) |

Each field is `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a comma list
of those. Names (`MON`, `JAN`), `?`, `L`, `W`, `#`, `@daily`-style macros and a sixth
(seconds) field are not accepted, and day of month and day of week cannot both be set.

## Why it fails on serverless
Vercel validates cron schedules when it deploys, and a schedule in another cron dialect
(Quartz, AWS, systemd) fails the deployment. A schedule that would be valid elsewhere
but means something else on Vercel — `7` for Sunday, both day fields set — is refused
rather than guessed at. All schedules run in UTC.

## Example
```json
{ "crons": [{ "path": "/api/cleanup", "schedule": "0 3 * * MON" }] }
```

## Instead
```json
{ "crons": [{ "path": "/api/cleanup", "schedule": "0 3 * * 1" }] }
```
)md",
    /*options=*/{}, FindingsIn::kVercelJson};

void Check(const ProjectContext& cx, Sink& out) {
  auto [config, crons] = VercelCronsToCheck(cx);
  if (!crons) return;
  for (size_t i = 0; i < crons->items.size(); ++i) {
    const vercel::JsonValue* schedule = crons->items[i].Get("schedule");
    if (!schedule || !schedule->is_string()) continue;  // FL603 reports the type
    vercel::CronSchedule parsed;
    std::optional<vercel::CronError> error = vercel::ParseCron(schedule->text, &parsed);
    if (!error) continue;
    out.Report(Location{config->path, vercel::StringSubRange(*schedule, error->offset, error->length)},
               fmt::format("invalid cron schedule \"{}\": {}", schedule->text, error->message),
               "Vercel cron: five numeric fields, `*`, `a-b`, `*/n`, lists; times are UTC");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
