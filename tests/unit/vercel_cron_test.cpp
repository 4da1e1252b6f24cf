#include "vercel/cron.h"

#include <gtest/gtest.h>

namespace faaslint::vercel {
namespace {

std::string Error(std::string_view expression) {
  CronSchedule schedule;
  std::optional<CronError> error = ParseCron(expression, &schedule);
  return error ? std::to_string(error->offset) + ": " + error->message : "ok";
}

size_t RunsPerDay(std::string_view expression) {
  CronSchedule schedule;
  EXPECT_FALSE(ParseCron(expression, &schedule)) << expression;
  return schedule.RunsPerDay();
}

TEST(Cron, AcceptsVercelForms) {
  for (const char* ok : {"0 0 * * *", "*/5 * * * *", "0,30 9-17 * * 1-5", "0 0 1 * *", "59 23 31 12 *",
                         "0 0 * * 0", "0 0 * * 6", "0-30/10 * * * *", "5  4 * *\t*"}) {
    EXPECT_EQ(Error(ok), "ok") << ok;
  }
}

TEST(Cron, EveryErrorNamesTheFieldAndItsRange) {
  EXPECT_EQ(Error("60 0 * * *"), "0: minute field: 60 is out of range; the minute field takes 0-59");
  EXPECT_EQ(Error("0 24 * * *"), "2: hour field: 24 is out of range; the hour field takes 0-23");
  EXPECT_EQ(Error("0 0 0 * *"), "4: day of month field: 0 is out of range; the day of month field takes 1-31");
  EXPECT_EQ(Error("0 0 * 13 *"), "6: month field: 13 is out of range; the month field takes 1-12");
  EXPECT_EQ(Error("0 0 * * 7"),
            "8: day of week field: 7 is out of range; the day of week field takes 0-6 (Sunday is 0)");
  EXPECT_EQ(Error("0 0 * * MON"),
            "8: day of week field: names like `MON` are not supported, use numbers; the day of week field takes "
            "0-6 (Sunday is 0)");
  EXPECT_EQ(Error("0 0 ? * *"), "4: day of month field: `?` is not supported; the day of month field takes 1-31");
  EXPECT_EQ(Error("0 0 L * *"),
            "4: day of month field: `L` (last/weekday) is not supported; the day of month field takes 1-31");
  EXPECT_EQ(Error("0 0 * * 1#2"), "9: day of week field: `#` is not supported; the day of week field takes 0-6 "
                                  "(Sunday is 0)");
  EXPECT_EQ(Error("*/0 * * * *"),
            "2: minute field: step `0` must be a whole number of at least 1; the minute field takes 0-59");
  EXPECT_EQ(Error("5/10 * * * *"),
            "0: minute field: a step needs `*` or a range before `/` (write `*/10` or `5-59/10`); the minute field "
            "takes 0-59");
  EXPECT_EQ(Error("0 10-2 * * *"), "2: hour field: range `10-2` runs backwards; the hour field takes 0-23");
  EXPECT_EQ(Error("0x1 0 * * *"), "1: minute field: names like `x` are not supported, use numbers; the minute "
                                  "field takes 0-59");
  EXPECT_EQ(Error("0 0 1 * 1"),
            "4: day of month and day of week are both set; Vercel needs one of them to be `*` (day of month 1-31, "
            "day of week 0-6)");
  EXPECT_EQ(Error("* * * *"),
            "0: a schedule has 5 fields (minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6), "
            "this one has 4");
  EXPECT_EQ(Error("@daily"), "0: macros like `@daily` are not supported; write the five fields (minute 0-59, "
                             "hour 0-23, day of month 1-31, month 1-12, day of week 0-6)");
  EXPECT_EQ(Error(std::string(300, '*')), "0: schedule is 300 characters long; the limit is 256 for its five fields "
                                          "(minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6)");
}

TEST(Cron, RunsPerDayCountsMinutesTimesHours) {
  EXPECT_EQ(RunsPerDay("0 8 * * *"), 1u);
  EXPECT_EQ(RunsPerDay("0 8 * * 1-5"), 1u);
  EXPECT_EQ(RunsPerDay("*/5 * * * *"), 288u);
  EXPECT_EQ(RunsPerDay("0,30 9-17 * * *"), 18u);
}

}  // namespace
}  // namespace faaslint::vercel
