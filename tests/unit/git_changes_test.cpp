// The four modes of DESIGN §1 on real repositories built with the git CLI.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <thread>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
using Described = std::map<std::string, std::string>;

// A repository with one commit: app.py (5 lines) and lib.py (3 lines).
class GitChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    GitInit(dir_.path());
    dir_.Write("app.py", "a1\na2\na3\na4\na5\n");
    dir_.Write("lib.py", "l1\nl2\nl3\n");
    GitCommitAll(dir_.path(), "initial");
  }
  TempDir dir_;
};

TEST_F(GitChangesTest, CleanTreeHasNoChangedLinesButListsEveryFile) {
  ChangeSet changes = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(Describe(changes), Described{});
  EXPECT_EQ(changes.snapshot->files(), (std::vector<std::string>{"app.py", "lib.py"}));
  EXPECT_EQ(changes.snapshot->root(), dir_.path());
}

TEST_F(GitChangesTest, WorkingTreeReportsModifiedInsertedLinesAndUntrackedFiles) {
  dir_.Write("app.py", "a1\nA2\na3\nnew\na4\na5\n");  // line 2 modified, line 4 inserted
  dir_.Write("lib.py", "l1\nl3\n");                 // pure deletion: no new-side line
  dir_.Write("pkg/new.py", "n1\nn2\n");             // untracked, in an untracked folder
  ChangeSet changes = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(Describe(changes), (Described{{"app.py", "2,4"}, {"pkg/new.py", "all"}}));
  EXPECT_EQ(changes.snapshot->files(), (std::vector<std::string>{"app.py", "lib.py", "pkg/new.py"}));
  EXPECT_EQ(ReadFromSnapshot(changes, "app.py"), "a1\nA2\na3\nnew\na4\na5\n");
}

TEST_F(GitChangesTest, IgnoredFilesAreNeitherChangedNorListed) {
  dir_.Write(".gitignore", "build/\n*.log\n");
  GitCommitAll(dir_.path(), "ignore");
  dir_.Write("build/gen.py", "x\n");
  dir_.Write("debug.log", "x\n");
  ChangeSet changes = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(Describe(changes), Described{});
  EXPECT_EQ(changes.snapshot->files(), (std::vector<std::string>{".gitignore", "app.py", "lib.py"}));
}

TEST_F(GitChangesTest, DeletedFilesAreAbsentButTouched) {
  Git(dir_.path(), {"rm", "-q", "lib.py"});
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), Described{});
  EXPECT_EQ(Changes(dir_.path(), DiffMode::kStaged).snapshot->files(), std::vector<std::string>{"app.py"});
  EXPECT_EQ(Changes(dir_.path(), DiffMode::kWorkingTree).snapshot->files(), std::vector<std::string>{"app.py"});
  // A finding may depend on the deleted file (FL607 on requirements.txt).
  for (DiffMode mode : {DiffMode::kStaged, DiffMode::kWorkingTree}) {
    EXPECT_EQ(Changes(dir_.path(), mode).touched, (std::set<std::string, std::less<>>{"lib.py"}));
  }
}

// Removing lines changes no line of the new side; the removal is kept by the new line it
// follows, so that a range holding it (a handler the secret check was deleted from) counts.
TEST_F(GitChangesTest, PureDeletionsAreKeptByTheLineTheyFollow) {
  dir_.Write("app.py", "a2\na4\na5\n");  // a1 (at the start) and a3 (after the new line 1) removed
  dir_.Write("lib.py", "l1\nL2\nl3\n");   // an edit, not a removal
  Git(dir_.path(), {"add", "app.py"});
  for (DiffMode mode : {DiffMode::kStaged, DiffMode::kWorkingTree}) {
    ChangeSet changes = Changes(dir_.path(), mode);
    ASSERT_EQ(changes.removed_after.count("app.py"), 1u);
    EXPECT_EQ(DescribeLines(changes.removed_after.at("app.py")), "0-1");
    EXPECT_EQ(changes.removed_after.count("lib.py"), 0u);
    EXPECT_EQ(changes.changed.count("app.py"), 0u) << "no line of the new side changed";
    EXPECT_TRUE(changes.Touches("app.py", 1, 2)) << "a3 sat between the new lines 1 and 2";
    EXPECT_FALSE(changes.Touches("app.py", 2, 3)) << "nothing was removed between a4 and a5";
    EXPECT_FALSE(changes.Touches("app.py", 1, 1)) << "one line holds no removal";
  }
  EXPECT_TRUE(Changes(dir_.path(), DiffMode::kWorkingTree).Touches("lib.py", 2, 2));
  EXPECT_FALSE(Changes(dir_.path(), DiffMode::kStaged).Touches("lib.py", 1, 3)) << "lib.py's edit is not staged";
}

TEST_F(GitChangesTest, StagedReadsTheIndexNotTheDisk) {
  dir_.Write("app.py", "a1\nSTAGED\na3\na4\na5\n");
  Git(dir_.path(), {"add", "app.py"});
  dir_.Write("app.py", "a1\nSTAGED\na3\na4\nunstaged\n");  // not part of the commit
  dir_.Write("untracked.py", "u\n");                     // not part of the commit either
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), (Described{{"app.py", "2"}}));
  EXPECT_EQ(ReadFromSnapshot(staged, "app.py"), "a1\nSTAGED\na3\na4\na5\n");
  EXPECT_EQ(staged.snapshot->files(), (std::vector<std::string>{"app.py", "lib.py"}));
  // The default mode sees both edits and the untracked file.
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kWorkingTree)),
            (Described{{"app.py", "2,5"}, {"untracked.py", "all"}}));
}

TEST_F(GitChangesTest, StagedNewFileIsAllNewAndReadFromItsBlob) {
  dir_.Write("api/index.py", "from app import app\n");
  Git(dir_.path(), {"add", "api/index.py"});
  dir_.Write("api/index.py", "changed on disk after staging\n");
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), (Described{{"api/index.py", "all"}}));
  EXPECT_EQ(ReadFromSnapshot(staged, "api/index.py"), "from app import app\n");
  std::string content, error;
  EXPECT_FALSE(staged.snapshot->Read("missing.py", &content, &error));
  EXPECT_FALSE(error.empty());
}

TEST(GitUnbornBranchTest, EverythingStagedIsNewAndUnstagedFilesAreNotPartOfIt) {
  TempDir dir;
  GitInit(dir.path());
  dir.Write("app.py", "x = 1\n");
  dir.Write("later.py", "y = 2\n");
  Git(dir.path(), {"add", "app.py"});
  EXPECT_EQ(Describe(Changes(dir.path(), DiffMode::kStaged)), (Described{{"app.py", "all"}}));
  EXPECT_EQ(Describe(Changes(dir.path(), DiffMode::kWorkingTree)),
            (Described{{"app.py", "all"}, {"later.py", "all"}}));
}

TEST_F(GitChangesTest, RenameReportsOnlyEditedLines) {
  // A moved legacy file must not count as all new: only its edited line.
  dir_.Write("big.py", "b1\nb2\nb3\nb4\nb5\nb6\nb7\nb8\nb9\nb10\n");
  GitCommitAll(dir_.path(), "big");
  Git(dir_.path(), {"mv", "big.py", "moved.py"});
  dir_.Write("moved.py", "b1\nb2\nb3\nb4\nB5\nb6\nb7\nb8\nb9\nb10\n");
  Git(dir_.path(), {"add", "moved.py"});
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), (Described{{"moved.py", "5"}}));
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kWorkingTree)), (Described{{"moved.py", "5"}}));
}

TEST_F(GitChangesTest, PureRenameChangesNothing) {
  Git(dir_.path(), {"mv", "app.py", "server.py"});
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), Described{});
  EXPECT_EQ(staged.snapshot->files(), (std::vector<std::string>{"lib.py", "server.py"}));
}

// Renames pair a deleted path with an added one; the listing stays sorted and each path
// reads its own staged blob (the index snapshot finds blobs by binary search).
TEST_F(GitChangesTest, RenamesAcrossTheOrderKeepTheListingSortedAndEachBlobItsOwn) {
  dir_.Write("z_last.py", "z1\nz2\nz3\nz4\nz5\nz6\n");
  GitCommitAll(dir_.path(), "z");
  Git(dir_.path(), {"mv", "z_last.py", "b_first.py"});
  Git(dir_.path(), {"mv", "app.py", "y_late.py"});
  dir_.Write("m_middle.py", "m\n");
  Git(dir_.path(), {"add", "m_middle.py"});
  for (DiffMode mode : {DiffMode::kStaged, DiffMode::kWorkingTree}) {
    ChangeSet changes = Changes(dir_.path(), mode);
    EXPECT_EQ(changes.snapshot->files(),
              (std::vector<std::string>{"b_first.py", "lib.py", "m_middle.py", "y_late.py"}));
    EXPECT_EQ(Describe(changes), (Described{{"m_middle.py", "all"}}));
    EXPECT_EQ(ReadFromSnapshot(changes, "b_first.py"), "z1\nz2\nz3\nz4\nz5\nz6\n");
    EXPECT_EQ(ReadFromSnapshot(changes, "y_late.py"), "a1\na2\na3\na4\na5\n");
    EXPECT_EQ(ReadFromSnapshot(changes, "lib.py"), "l1\nl2\nl3\n");
    EXPECT_EQ(ReadFromSnapshot(changes, "m_middle.py"), "m\n");
    std::string content, error;
    EXPECT_FALSE(changes.snapshot->Read("z_last.py", &content, &error));
  }
}

TEST_F(GitChangesTest, UnrelatedAddAndDeleteAreNotARename) {
  Git(dir_.path(), {"rm", "-q", "lib.py"});
  dir_.Write("other.py", "completely\ndifferent\ncontent\n");
  Git(dir_.path(), {"add", "other.py"});
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), (Described{{"other.py", "all"}}));
}

TEST_F(GitChangesTest, AllModeListsEveryPresentFileWithEveryLine) {
  dir_.Write(".gitignore", "*.log\n");
  dir_.Write("untracked.py", "u\n");
  dir_.Write("x.log", "ignored\n");
  std::filesystem::remove(dir_ / "lib.py");  // tracked but gone from disk
  ChangeSet all = Changes(dir_.path(), DiffMode::kAll);
  EXPECT_EQ(Describe(all), (Described{{".gitignore", "all"}, {"app.py", "all"}, {"untracked.py", "all"}}));
  EXPECT_EQ(all.snapshot->files(), (std::vector<std::string>{".gitignore", "app.py", "untracked.py"}));
}

// Not an error either way: --staged has nothing of the file to commit; the work tree
// modes check it as it is on disk. Both say so in a note.
TEST_F(GitChangesTest, UnresolvedMergeConflictIsNotedAndReadFromDisk) {
  Git(dir_.path(), {"checkout", "-q", "-b", "other"});
  dir_.Write("app.py", "a1\nOTHER\na3\na4\na5\n");
  GitCommitAll(dir_.path(), "other");
  Git(dir_.path(), {"checkout", "-q", "main"});
  dir_.Write("app.py", "a1\nMAIN\na3\na4\na5\n");
  dir_.Write("lib.py", "l1\nL2\nl3\n");
  GitCommitAll(dir_.path(), "main");
  EXPECT_NE(testing::Run({"git", "merge", "-q", "other"}, dir_.path()).exit_code, 0);
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), Described{});
  EXPECT_EQ(staged.snapshot->files(), std::vector<std::string>{"lib.py"});
  EXPECT_EQ(staged.notes,
            std::vector<std::string>{"app.py: unresolved merge conflict: nothing of it is staged yet; not checked"});
  ChangeSet worktree = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(worktree.snapshot->files(), (std::vector<std::string>{"app.py", "lib.py"}));
  EXPECT_EQ(Describe(worktree), (Described{{"app.py", "all"}}));
  EXPECT_EQ(worktree.notes,
            std::vector<std::string>{"app.py: unresolved merge conflict: checked as it is on disk, markers and all"});
  std::string content, error;
  ASSERT_TRUE(worktree.snapshot->Read("app.py", &content, &error)) << error;
  EXPECT_NE(content.find("<<<<<<<"), std::string::npos);
}

TEST_F(GitChangesTest, SnapshotsCanBeReadFromSeveralThreads) {
  // The pipeline reads files on --jobs threads; index blobs come from libgit2's
  // thread-safe object database.
  for (int i = 0; i < 40; ++i) dir_.Write("m" + std::to_string(i) + ".py", std::string(i * 100, 'x'));
  Git(dir_.path(), {"add", "-A"});
  for (DiffMode mode : {DiffMode::kStaged, DiffMode::kWorkingTree}) {
    ChangeSet changes = Changes(dir_.path(), mode);
    std::atomic<int> mismatches = 0;
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
      threads.emplace_back([&] {
        for (int i = 0; i < 40; ++i) {
          std::string content, error;
          bool ok = changes.snapshot->Read("m" + std::to_string(i) + ".py", &content, &error);
          if (!ok || content != std::string(i * 100, 'x')) ++mismatches;
        }
      });
    }
    for (std::thread& thread : threads) thread.join();
    EXPECT_EQ(mismatches, 0);
  }
}

TEST(GitAllModeTest, WorksInAFolderThatIsNotARepository) {
  TempDir dir;
  dir.Write("app.py", "x\n");
  dir.Write("api/index.py", "y\n");
  ChangeSet all = Changes(dir.path(), DiffMode::kAll);
  EXPECT_EQ(Describe(all), (Described{{"api/index.py", "all"}, {"app.py", "all"}}));
  EXPECT_EQ(all.snapshot->root(), dir.path());
}

TEST(GitNotARepositoryTest, DiffModesFailWithAHintToUseAll) {
  TempDir dir;
  dir.Write("app.py", "x\n");
  for (DiffMode mode : {DiffMode::kWorkingTree, DiffMode::kStaged, DiffMode::kBase}) {
    std::string error = ChangesError(dir.path(), mode, "main");
    EXPECT_NE(error.find("not a git repository"), std::string::npos) << error;
    EXPECT_NE(error.find("--all"), std::string::npos) << error;
  }
}

}  // namespace
}  // namespace faaslint::testing
