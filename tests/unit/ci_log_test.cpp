// The model of the GitHub Actions runner's log parsing that the fuzz checks and the
// bad-input tests rely on (fuzz/ci_log.h): if it were too lenient, those tests could
// not fail.
#include <gtest/gtest.h>

#include "ci_log.h"

namespace faaslint {
namespace {

TEST(CiLog, LinesEndAtLfCrAndCrlf) {
  EXPECT_EQ(fuzz::RunnerLines("a\nb\rc\r\nd"), (std::vector<std::string_view>{"a", "b", "c", "d"}));
  EXPECT_EQ(fuzz::RunnerLines("a\n"), (std::vector<std::string_view>{"a"}));
}

TEST(CiLog, ACommandStartsAfterAnyLeadingUnicodeSpace) {
  for (std::string_view line : {"::error::x", "  ::error::x", "\t::error::x", "\xC2\xA0::error::x",
                                "\xE3\x80\x80::error::x", "\xE2\x80\xA8::error::x"}) {
    auto command = fuzz::ParseV2Command(line);
    ASSERT_TRUE(command) << line;
    EXPECT_EQ(command->name, "error");
    EXPECT_EQ(command->data, "x");
  }
  for (std::string_view line : {"./::error::x", "x ::error::x", "\xE2\x80\x8B::error::x", "::error", ":error::x"}) {
    EXPECT_FALSE(fuzz::ParseV2Command(line)) << line;
  }
}

TEST(CiLog, PropertiesAndDataAreUnescapedAsTheRunnerDoes) {
  auto command = fuzz::ParseV2Command("::warning file=a%2Cb%3Ac%0Ad%25,line=3,title=T::m%0Ax%253A");
  ASSERT_TRUE(command);
  EXPECT_EQ(command->properties["file"], "a,b:c\nd%");
  EXPECT_EQ(command->properties["line"], "3");
  EXPECT_EQ(command->data, "m\nx%3A");
}

TEST(CiLog, LegacyCommandsAreFoundAnywhereInALine) {
  EXPECT_TRUE(fuzz::HasLegacyCommandPrefix("app.py:1:1: x ##[error]y"));
  EXPECT_FALSE(fuzz::HasLegacyCommandPrefix("app.py:1:1: x #\\x23[error]y"));
}

}  // namespace
}  // namespace faaslint
