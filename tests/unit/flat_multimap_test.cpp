// core/flat_multimap.h: the per-module indexes of python::Values and python::Bindings.
#include "core/flat_multimap.h"

#include <gtest/gtest.h>

#include <string_view>
#include <utility>
#include <vector>

namespace faaslint {
namespace {

std::vector<int> Values(std::span<const int> found) { return {found.begin(), found.end()}; }

TEST(FlatMultimap, GivesAKeysValuesInTheOrderTheyWereAdded) {
  FlatMultimap<std::pair<int, std::string_view>, int> index;
  index.Add({1, "b"}, 10);
  index.Add({-1, "a"}, 20);
  index.Add({1, "b"}, 5);
  index.Add({1, "a"}, 30);
  index.Add({1, "b"}, 7);
  index.Seal();
  EXPECT_EQ(Values(index.Find({1, "b"})), (std::vector<int>{10, 5, 7}));  // not sorted by value
  EXPECT_EQ(Values(index.Find({1, "a"})), (std::vector<int>{30}));
  EXPECT_EQ(Values(index.Find({-1, "a"})), (std::vector<int>{20}));
  EXPECT_TRUE(index.Find({-1, "b"}).empty());
  EXPECT_TRUE(index.Find({2, "a"}).empty());
}

TEST(FlatMultimap, EmptyAnswersNothing) {
  FlatMultimap<std::string_view, int> index;
  index.Seal();
  EXPECT_TRUE(index.Find("x").empty());
}

}  // namespace
}  // namespace faaslint
