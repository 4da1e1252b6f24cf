// FL402's `max-seconds` option: the configured threshold replaces the default (10).
#include <gtest/gtest.h>

#include "lint/lint.h"
#include "rules/registry.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

std::vector<uint32_t> LinesReported(const testing::TempDir& dir, const std::map<std::string, std::string>& options) {
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(dir.path(), &error);
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions lint_options;
  lint_options.filter.enabled = [](std::string_view code) { return code == "FL402"; };
  if (!options.empty()) lint_options.rule_options["FL402"] = options;
  std::vector<uint32_t> lines;
  for (const Finding& finding : lint::Lint(changes, lint_options, rules::Registry::Get()).findings) {
    lines.push_back(finding.location.range.start.line);
  }
  return lines;
}

TEST(LongSleepOption, ConfiguredThresholdReplacesTheDefault) {
  testing::TempDir dir;
  dir.Write("handler.py", "import time\ntime.sleep(3)\ntime.sleep(6)\ntime.sleep(12)\n");
  EXPECT_EQ(LinesReported(dir, {}), (std::vector<uint32_t>{4}));
  EXPECT_EQ(LinesReported(dir, {{"max-seconds", "5"}}), (std::vector<uint32_t>{3, 4}));
  EXPECT_EQ(LinesReported(dir, {{"max-seconds", "60"}}), (std::vector<uint32_t>{}));
}

TEST(LongSleepOption, DeclaredForTheConfigToValidate) {
  const rules::Rule* rule = rules::Registry::Get().Find("long-sleep");
  ASSERT_NE(rule, nullptr);
  ASSERT_EQ(rule->info->options.size(), 1u);
  EXPECT_EQ(rule->info->options[0].name, "max-seconds");
  EXPECT_EQ(rule->info->options[0].default_value, "10");
}

}  // namespace
}  // namespace faaslint
