// Vercel cron schedules. What Vercel accepts (https://vercel.com/docs/cron-jobs,
// "Cron expressions"; the CLI's validateCronSchedule in vercel@58.10.0
// dist/commands-bulk.js; the stricter regexes of @vercel/config 0.7.2
// parseCronExpression): exactly five fields separated by spaces —
//   minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6 (Sunday 0)
// each a `*`, a number, a range `a-b`, a step `*/n` or `a-b/n`, or a comma list of
// those; no names (MON, JAN), no `?`, `L`, `W`, `#`, no `@daily` macros; day of month
// and day of week not both restricted. Every error names the field and its range.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::vercel {

struct CronFieldSpec {
  std::string_view name;  // "minute", "hour", "day of month", "month", "day of week"
  int min;
  int max;
};

// The five fields in order.
extern const std::array<CronFieldSpec, 5> kCronFields;

struct CronSchedule {
  // For each field, the values it matches (indexes min..max are meaningful).
  std::array<std::vector<bool>, 5> matches;
  size_t Count(size_t field) const;
  // How many times a day the schedule fires on a day it fires at all.
  size_t RunsPerDay() const { return Count(0) * Count(1); }
};

struct CronError {
  size_t offset = 0;  // byte offset of the offending part within the expression
  size_t length = 0;
  std::string message;
};

// Parses `expression`; on failure returns the first error.
std::optional<CronError> ParseCron(std::string_view expression, CronSchedule* schedule);

}  // namespace faaslint::vercel
