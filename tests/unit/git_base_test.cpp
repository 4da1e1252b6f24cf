// --base REF: merge-base(REF, HEAD) vs the work tree, and the errors CI users hit.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
using Described = std::map<std::string, std::string>;

constexpr char kHint[] = "fetch-depth: 0";

// main: c1 -- c2 (main moves on after the branch point)
//          \-- f1 (feature, checked out)
class GitBaseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    std::filesystem::create_directories(repo_);
    GitInit(repo_);
    dir_.Write("repo/app.py", "a1\na2\na3\n");
    dir_.Write("repo/cron.py", "c1\nc2\n");
    GitCommitAll(repo_, "c1");
    Git(repo_, {"checkout", "-q", "-b", "feature"});
    dir_.Write("repo/app.py", "a1\nFEATURE\na3\n");
    GitCommitAll(repo_, "f1");
    Git(repo_, {"checkout", "-q", "main"});
    dir_.Write("repo/cron.py", "c1\nMAIN\n");
    GitCommitAll(repo_, "c2");
    Git(repo_, {"checkout", "-q", "feature"});
  }
  TempDir dir_;
  std::string repo_;
};

TEST_F(GitBaseTest, ComparesWithTheMergeBaseNotWithTheTipOfTheBase) {
  // main's own later edit (cron.py) is not this branch's change.
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kBase, "main")), (Described{{"app.py", "2"}}));
}

TEST_F(GitBaseTest, IncludesUncommittedAndUntrackedWork) {
  dir_.Write("repo/app.py", "a1\nFEATURE\nA3\n");
  dir_.Write("repo/new.py", "n\n");
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kBase, "main")),
            (Described{{"app.py", "2-3"}, {"new.py", "all"}}));
}

TEST_F(GitBaseTest, AcceptsShasAndRevisionExpressions) {
  const std::string c1 = Git(repo_, {"rev-parse", "main~1"}).substr(0, 40);
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kBase, c1)), (Described{{"app.py", "2"}}));
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kBase, "HEAD")), Described{});
}

TEST_F(GitBaseTest, UnknownRefIsAnErrorNamingIt) {
  std::string error = ChangesError(repo_, DiffMode::kBase, "no-such-branch");
  EXPECT_NE(error.find("no-such-branch"), std::string::npos) << error;
  EXPECT_NE(error.find("unknown revision"), std::string::npos) << error;
  EXPECT_EQ(error.find(kHint), std::string::npos) << "not a shallow clone: " << error;
}

TEST_F(GitBaseTest, UnrelatedHistoryIsAnError) {
  Git(repo_, {"checkout", "-q", "--orphan", "island"});
  GitCommitAll(repo_, "island");
  std::string error = ChangesError(repo_, DiffMode::kBase, "main");
  EXPECT_NE(error.find("no common ancestor"), std::string::npos) << error;
}

TEST_F(GitBaseTest, UnbornHeadIsAnError) {
  Git(repo_, {"checkout", "-q", "--orphan", "unborn"});
  std::string error = ChangesError(repo_, DiffMode::kBase, "main");
  EXPECT_NE(error.find("HEAD has no commit"), std::string::npos) << error;
}

TEST_F(GitBaseTest, ShallowCloneWithoutTheMergeBaseFailsWithTheFetchHint) {
  // What a CI checkout with depth 1 has: the branch tip and the base tip, no history.
  const std::string clone = dir_ / "clone";
  Git(dir_.path(), {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + repo_, clone});
  Git(clone, {"fetch", "-q", "--depth", "1", "origin", "main:refs/remotes/origin/main"});
  ASSERT_EQ(Git(clone, {"rev-parse", "--is-shallow-repository"}), "true\n");
  std::string error = ChangesError(clone, DiffMode::kBase, "origin/main");
  EXPECT_NE(error.find(kHint), std::string::npos) << error;
  EXPECT_NE(error.find("GIT_DEPTH: 0"), std::string::npos) << error;
  // A base that was never fetched at all gets the hint too.
  const std::string c1 = Git(repo_, {"rev-parse", "main~1"}).substr(0, 40);
  EXPECT_NE(ChangesError(clone, DiffMode::kBase, c1).find(kHint), std::string::npos);
  // With the history fetched, the same command works.
  Git(clone, {"fetch", "-q", "--unshallow", "origin", "main:refs/remotes/origin/main"});
  EXPECT_EQ(Describe(Changes(clone, DiffMode::kBase, "origin/main")), (Described{{"app.py", "2"}}));
}

}  // namespace
}  // namespace faaslint::testing
