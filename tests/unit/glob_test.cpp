#include "core/glob.h"

#include <gtest/gtest.h>

namespace faaslint {
namespace {

TEST(Glob, StarStaysInOneSegment) {
  EXPECT_TRUE(GlobMatch("api/*.py", "api/index.py"));
  EXPECT_FALSE(GlobMatch("api/*.py", "api/v1/index.py"));
  EXPECT_FALSE(GlobMatch("*.py", "api/index.py"));
}

TEST(Glob, DoubleStarSpansFoldersIncludingNone) {
  EXPECT_TRUE(GlobMatch("api/**/*.py", "api/index.py"));
  EXPECT_TRUE(GlobMatch("api/**/*.py", "api/v1/users/index.py"));
  EXPECT_TRUE(GlobMatch("tests/**", "tests/a/b.py"));
  EXPECT_TRUE(GlobMatch("**/test_*.py", "test_x.py"));
  EXPECT_FALSE(GlobMatch("api/**/*.py", "lib/index.py"));
}

TEST(Glob, ClassesBracesAndQuestionMark) {
  EXPECT_TRUE(GlobMatch("api/[a-c].py", "api/b.py"));
  EXPECT_FALSE(GlobMatch("api/[!a-c].py", "api/b.py"));
  EXPECT_TRUE(GlobMatch("api/*.{py,js}", "api/x.js"));
  EXPECT_FALSE(GlobMatch("api/*.{py,js}", "api/x.ts"));
  EXPECT_TRUE(GlobMatch("a?.py", "ab.py"));
  EXPECT_FALSE(GlobMatch("a?.py", "a/.py"));
  EXPECT_TRUE(GlobMatch("./api/x.py", "api/x.py"));
}

}  // namespace
}  // namespace faaslint
