// Where faaslint runs: subdirectories, linked worktrees, hook environments, bare
// repositories, checkouts owned by someone else.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
using Described = std::map<std::string, std::string>;

class GitRepositoryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    std::filesystem::create_directories(repo_);
    GitInit(repo_);
    dir_.Write("repo/app.py", "a1\na2\na3\n");
    dir_.Write("repo/api/index.py", "i1\n");
    GitCommitAll(repo_, "initial");
  }
  TempDir dir_;
  std::string repo_;
};

TEST_F(GitRepositoryTest, RunsFromASubdirectoryWithRootRelativePaths) {
  dir_.Write("repo/app.py", "a1\nA2\na3\n");
  ChangeSet changes = Changes(repo_ + "/api", DiffMode::kWorkingTree);
  EXPECT_EQ(changes.snapshot->root(), repo_);
  EXPECT_EQ(Describe(changes), (Described{{"app.py", "2"}}));
  EXPECT_EQ(changes.snapshot->files(), (std::vector<std::string>{"api/index.py", "app.py"}));
}

TEST_F(GitRepositoryTest, RunsInALinkedWorktreeAgainstItsOwnHeadAndIndex) {
  const std::string worktree = dir_ / "wt";
  Git(repo_, {"worktree", "add", "-q", "-b", "feature", worktree});
  dir_.Write("wt/app.py", "a1\na2\nWT\n");
  Git(worktree, {"add", "app.py"});
  dir_.Write("repo/app.py", "MAIN\na2\na3\n");  // the main checkout's edit is not the worktree's
  ChangeSet staged = Changes(worktree, DiffMode::kStaged);
  EXPECT_EQ(staged.snapshot->root(), worktree);
  EXPECT_EQ(Describe(staged), (Described{{"app.py", "3"}}));
  EXPECT_EQ(ReadFromSnapshot(staged, "app.py"), "a1\na2\nWT\n");
  // As a hook sees it: git exports GIT_DIR=<main>/.git/worktrees/<name>.
  ScopedEnv git_dir("GIT_DIR", repo_ + "/.git/worktrees/wt");
  ChangeSet from_hook = Changes(worktree, DiffMode::kStaged);
  EXPECT_EQ(from_hook.snapshot->root(), worktree);
  EXPECT_EQ(Describe(from_hook), (Described{{"app.py", "3"}}));
}

TEST_F(GitRepositoryTest, HonoursGitIndexFileLikeAHookOfCommitDashA) {
  // `git commit -a` and `git commit PATH` stage into a temporary index and point hooks
  // at it with GIT_INDEX_FILE; the regular index does not have the change.
  const std::string temporary_index = dir_ / "next-index";
  std::filesystem::copy_file(repo_ + "/.git/index", temporary_index);
  dir_.Write("repo/app.py", "a1\na2\nHOOK\n");
  CommandResult added = testing::Run({"git", "add", "app.py"}, repo_, {{"GIT_INDEX_FILE", temporary_index}});
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kStaged)), Described{});
  ScopedEnv index("GIT_INDEX_FILE", temporary_index);
  ChangeSet staged = Changes(repo_, DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), (Described{{"app.py", "3"}}));
  EXPECT_EQ(ReadFromSnapshot(staged, "app.py"), "a1\na2\nHOOK\n");
}

TEST_F(GitRepositoryTest, HonoursGitDirAndGitWorkTree) {
  // A repository whose git dir lives apart from its work tree (dotfile managers do this).
  const std::string git_dir = dir_ / "store.git";
  const std::string work = dir_ / "work";
  std::filesystem::create_directories(work);
  Git(dir_.path(), {"init", "-q", "--bare", git_dir});
  dir_.Write("work/conf.py", "c1\nc2\n");
  CommandResult committed = testing::Run({"sh", "-c", "git add conf.py && git -c user.name=T -c user.email=t@e "
                                             "commit -qm one && printf 'c1\\nC2\\n' > conf.py"},
                                work, {{"GIT_DIR", git_dir}, {"GIT_WORK_TREE", work}});
  ASSERT_EQ(committed.exit_code, 0) << committed.err;
  ScopedEnv env_dir("GIT_DIR", git_dir);
  ScopedEnv env_tree("GIT_WORK_TREE", work);
  ChangeSet changes = Changes(work, DiffMode::kWorkingTree);
  EXPECT_EQ(changes.snapshot->root(), work);
  EXPECT_EQ(Describe(changes), (Described{{"conf.py", "2"}}));
}

TEST_F(GitRepositoryTest, GitDirThatIsNotARepositoryIsAnErrorNotAFolderWalk) {
  ScopedEnv env_dir("GIT_DIR", dir_ / "nowhere");
  std::string error = ChangesError(repo_, DiffMode::kAll);
  EXPECT_NE(error.find("GIT_DIR="), std::string::npos) << error;
}

TEST_F(GitRepositoryTest, MissingStartFolderIsAnErrorInEveryMode) {
  for (DiffMode mode : {DiffMode::kWorkingTree, DiffMode::kAll}) {
    std::string error = ChangesError(dir_ / "missing", mode);
    EXPECT_NE(error.find("missing: not a directory"), std::string::npos) << error;
  }
}

TEST_F(GitRepositoryTest, BareRepositoryIsAClearError) {
  const std::string bare = dir_ / "bare.git";
  Git(dir_.path(), {"clone", "-q", "--bare", repo_, bare});
  for (DiffMode mode : {DiffMode::kWorkingTree, DiffMode::kStaged, DiffMode::kAll}) {
    std::string error = ChangesError(bare, mode);
    EXPECT_NE(error.find("bare repository"), std::string::npos) << error;
  }
}

TEST_F(GitRepositoryTest, ReadsACheckoutOwnedByAnotherUser) {
  // CI containers run as root on a checkout made by another uid; libgit2 1.5 refuses
  // that (-36, or -3 without safe.directory) unless owner validation is off.
  if (geteuid() != 0) GTEST_SKIP() << "needs root to give the checkout to another user";
  dir_.Write("repo/app.py", "a1\nA2\na3\n");
  Git(repo_, {"add", "app.py"});
  CommandResult chowned = testing::Run({"chown", "-R", "65534:65534", repo_}, dir_.path());
  ASSERT_EQ(chowned.exit_code, 0) << chowned.err;
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kStaged)), (Described{{"app.py", "2"}}));
  EXPECT_EQ(Describe(Changes(repo_, DiffMode::kWorkingTree)), (Described{{"app.py", "2"}}));
}

}  // namespace
}  // namespace faaslint::testing
