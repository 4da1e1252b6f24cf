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

// A range of keys ("p" in functions 2 to 4) comes back in key order, each key's values
// in the order added; what sorts outside the range (other names, other functions) stays out.
TEST(FlatMultimap, GivesARangeOfKeysInKeyOrder) {
  FlatMultimap<std::pair<std::string_view, int>, int> index;
  index.Add({"p", 4}, 40);
  index.Add({"p", 1}, 10);
  index.Add({"p", 2}, 20);
  index.Add({"q", 3}, 99);
  index.Add({"p", 2}, 21);
  index.Add({"p", 5}, 50);
  index.Seal();
  EXPECT_EQ(Values(index.FindRange({"p", 2}, {"p", 5})), (std::vector<int>{20, 21, 40}));
  EXPECT_EQ(Values(index.FindRange({"p", -1}, {"p", 100})), (std::vector<int>{10, 20, 21, 40, 50}));
  EXPECT_TRUE(index.FindRange({"p", 3}, {"p", 4}).empty());
  EXPECT_TRUE(index.FindRange({"p", 5}, {"p", 2}).empty());  // an empty range
}

TEST(FlatMultimap, EmptyAnswersNothing) {
  FlatMultimap<std::string_view, int> index;
  index.Seal();
  EXPECT_TRUE(index.Find("x").empty());
  EXPECT_TRUE(index.FindRange("a", "z").empty());
}

}  // namespace
}  // namespace faaslint
