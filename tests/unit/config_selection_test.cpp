// Which rules run where: prefixes, the most specific selector wins, the command line
// over the config, exclude and per-file-ignores globs.
#include "config/selection.h"

#include <gtest/gtest.h>

#include "config/selector.h"
#include "unit/config_test_rules.h"

namespace faaslint::config {
namespace {

using testing::TestRegistry;

Config WithSelect(std::vector<std::string> select, std::vector<std::string> ignore) {
  Config config;
  config.select = std::move(select);
  config.ignore = std::move(ignore);
  return config;
}

TEST(ConfigSelection, NoSelectMeansEveryRule) {
  Selection selection(Config{}, CliSelection{});
  EXPECT_TRUE(selection.IsEnabled("FL101"));
  EXPECT_TRUE(selection.IsEnabled("FL701"));
}

TEST(ConfigSelection, APrefixSelectsItsFamilyOnly) {
  Selection selection(WithSelect({"FL1"}, {}), CliSelection{});
  for (const char* code : {"FL101", "FL102", "FL103", "FL104", "FL105", "FL106"}) {
    EXPECT_TRUE(selection.IsEnabled(code)) << code;
  }
  EXPECT_FALSE(selection.IsEnabled("FL201"));
  EXPECT_FALSE(selection.IsEnabled("FL401"));
}

TEST(ConfigSelection, TheMostSpecificSelectorWins) {
  Selection narrow_ignore(WithSelect({"FL1"}, {"FL101"}), CliSelection{});
  EXPECT_FALSE(narrow_ignore.IsEnabled("FL101"));
  EXPECT_TRUE(narrow_ignore.IsEnabled("FL102"));

  Selection narrow_select(WithSelect({"FL101"}, {"FL1"}), CliSelection{});
  EXPECT_TRUE(narrow_select.IsEnabled("FL101"));
  EXPECT_FALSE(narrow_select.IsEnabled("FL102"));

  Selection tie(WithSelect({"FL1"}, {"FL1"}), CliSelection{});  // a tie goes to ignore
  EXPECT_FALSE(tie.IsEnabled("FL101"));
}

TEST(ConfigSelection, IgnoreWithoutSelectRemovesFromEverything) {
  Selection selection(WithSelect({}, {"FL205", "FL3"}), CliSelection{});
  EXPECT_FALSE(selection.IsEnabled("FL205"));
  EXPECT_FALSE(selection.IsEnabled("FL301"));
  EXPECT_TRUE(selection.IsEnabled("FL201"));
}

TEST(ConfigSelection, CommandLineSelectReplacesAndIgnoreAdds) {
  Config config = WithSelect({"FL1"}, {"FL102"});
  Selection selection(config, CliSelection{std::vector<std::string>{"FL4"}, {"FL402"}});
  EXPECT_FALSE(selection.IsEnabled("FL101"));  // the config's select is replaced
  EXPECT_TRUE(selection.IsEnabled("FL401"));
  EXPECT_FALSE(selection.IsEnabled("FL402"));  // the command line's ignore

  Selection keeps_config_ignore(config, CliSelection{std::vector<std::string>{"FL1"}, {}});
  EXPECT_FALSE(keeps_config_ignore.IsEnabled("FL102"));
  EXPECT_TRUE(keeps_config_ignore.IsEnabled("FL103"));

  Selection nothing(config, CliSelection{std::vector<std::string>{}, {}});
  EXPECT_FALSE(nothing.IsEnabled("FL103"));
}

TEST(ConfigSelection, ExcludeMatchesPathsFoldersAndNames) {
  Config config;
  config.exclude = {"scripts/**", "legacy", "migrations/", "*_pb2.py"};
  Selection selection(config, CliSelection{});
  EXPECT_TRUE(selection.IsExcluded("scripts/seed.py"));
  EXPECT_TRUE(selection.IsExcluded("scripts/a/b.py"));
  EXPECT_TRUE(selection.IsExcluded("legacy/app.py"));         // a folder name at the top
  EXPECT_TRUE(selection.IsExcluded("api/legacy/app.py"));     // ... or at any depth
  EXPECT_TRUE(selection.IsExcluded("db/migrations/0001.py"));
  EXPECT_TRUE(selection.IsExcluded("api/proto/user_pb2.py"));
  EXPECT_FALSE(selection.IsExcluded("api/index.py"));
  EXPECT_FALSE(selection.IsExcluded("api/scripts.py"));
  EXPECT_FALSE(selection.IsExcluded("legacy_app.py"));
  EXPECT_FALSE(selection.IsExcluded("tools/scripts/x.py"));  // "scripts/**" is anchored at the root
}

TEST(ConfigSelection, PerFileIgnoresApplyOnlyToTheirCodesAndPaths) {
  Config config;
  config.per_file_ignores = {{"tests/**", {"FL1", "FL2"}}, {"conftest.py", {"FL401"}}};
  Selection selection(config, CliSelection{});
  EXPECT_TRUE(selection.IsIgnoredForPath("FL101", "tests/test_app.py"));
  EXPECT_TRUE(selection.IsIgnoredForPath("FL205", "tests/unit/test_x.py"));
  EXPECT_FALSE(selection.IsIgnoredForPath("FL301", "tests/test_app.py"));
  EXPECT_FALSE(selection.IsIgnoredForPath("FL101", "api/index.py"));
  EXPECT_TRUE(selection.IsIgnoredForPath("FL401", "api/conftest.py"));
  EXPECT_FALSE(selection.IsIgnoredForPath("FL401", "api/index.py"));
  // Per-file ignores do not turn the rule off elsewhere.
  EXPECT_TRUE(selection.IsEnabled("FL101"));
}

TEST(ConfigSelector, CommandLineListsAreNormalisedAndChecked) {
  std::vector<std::string> prefixes;
  std::string error;
  ASSERT_TRUE(ParseSelectorList("fl1, FL205,,long-sleep", TestRegistry(), &prefixes, &error)) << error;
  EXPECT_EQ(prefixes, (std::vector<std::string>{"FL1", "FL205", "FL402"}));
  EXPECT_FALSE(ParseSelectorList("FL1,FL999", TestRegistry(), &prefixes, &error));
  EXPECT_EQ(error, "unknown rule code 'FL999'");
  EXPECT_FALSE(ParseSelectorList("log-sleep", TestRegistry(), &prefixes, &error));
  EXPECT_EQ(error, "unknown rule code 'log-sleep' (did you mean 'long-sleep'?)");
}

}  // namespace
}  // namespace faaslint::config
