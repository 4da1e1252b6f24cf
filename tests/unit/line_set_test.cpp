#include <gtest/gtest.h>

#include "core/change_set.h"

namespace faaslint {
namespace {

TEST(LineSet, MergesOverlappingAndAdjacentRanges) {
  LineSet set;
  set.AddRange(10, 12);
  set.AddRange(1, 2);
  set.AddRange(13, 15);  // adjacent to 10-12
  set.AddRange(4, 4);
  ASSERT_EQ(set.ranges().size(), 3u);
  EXPECT_EQ(set.ranges()[2], std::make_pair(10u, 15u));
  EXPECT_TRUE(set.Contains(4));
  EXPECT_FALSE(set.Contains(3));
  EXPECT_FALSE(set.Contains(16));
  EXPECT_TRUE(set.Intersects(3, 4));
  EXPECT_FALSE(set.Intersects(5, 9));
}

TEST(LineSet, AllContainsEverything) {
  LineSet set = LineSet::All();
  EXPECT_TRUE(set.Contains(123456));
  EXPECT_FALSE(set.empty());
  EXPECT_TRUE(LineSet().empty());
}

}  // namespace
}  // namespace faaslint
