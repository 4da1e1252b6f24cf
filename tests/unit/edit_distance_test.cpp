#include "core/edit_distance.h"

#include <gtest/gtest.h>

namespace faaslint {
namespace {

constexpr std::string_view kKeys[] = {"platform", "plan", "select", "ignore", "exclude", "fail-on"};

TEST(EditDistance, CountsEditsAndNeighbourSwapsAsOne) {
  EXPECT_EQ(EditDistance("select", "select", 3), 0u);
  EXPECT_EQ(EditDistance("selct", "select", 3), 1u);   // deletion
  EXPECT_EQ(EditDistance("selcet", "select", 3), 1u);  // transposition
  EXPECT_EQ(EditDistance("fail_on", "fail-on", 3), 1u);
  EXPECT_EQ(EditDistance("kitten", "sitting", 5), 3u);
  EXPECT_EQ(EditDistance("", "abc", 5), 3u);
}

TEST(EditDistance, StopsAtTheLimit) {
  EXPECT_EQ(EditDistance("abcdef", "uvwxyz", 2), 3u);
  EXPECT_EQ(EditDistance("a", "abcdefgh", 2), 3u);
}

TEST(ClosestMatch, SuggestsATypo) {
  EXPECT_EQ(ClosestMatch("selct", kKeys), "select");
  EXPECT_EQ(ClosestMatch("fail_on", kKeys), "fail-on");
  EXPECT_EQ(ClosestMatch("ignroe", kKeys), "ignore");
  EXPECT_EQ(ClosestMatch("excludes", kKeys), "exclude");
}

TEST(ClosestMatch, NothingForUnrelatedWordsOrExactMatches) {
  EXPECT_EQ(ClosestMatch("verbose", kKeys), std::nullopt);
  EXPECT_EQ(ClosestMatch("x", kKeys), std::nullopt);
  EXPECT_EQ(ClosestMatch("select", kKeys), std::nullopt);
  EXPECT_EQ(ClosestMatch("select", {}), std::nullopt);
}

}  // namespace
}  // namespace faaslint
