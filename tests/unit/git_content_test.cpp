// What counts as a changed line: line endings, final newlines, binary files, symbolic
// links, submodules and unusual paths.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
using Described = std::map<std::string, std::string>;
namespace fs = std::filesystem;

class GitContentTest : public ::testing::Test {
 protected:
  void SetUp() override { GitInit(dir_.path()); }
  // Commits `before`, writes `after`, stages it, and returns both modes' view of it.
  std::pair<std::string, std::string> EditedLines(const std::string& before, const std::string& after) {
    dir_.Write("f.py", before);
    GitCommitAll(dir_.path(), "before");
    dir_.Write("f.py", after);
    std::string worktree = Describe(Changes(dir_.path(), DiffMode::kWorkingTree))["f.py"];
    Git(dir_.path(), {"add", "f.py"});
    return {worktree, Describe(Changes(dir_.path(), DiffMode::kStaged))["f.py"]};
  }
  TempDir dir_;
};

TEST_F(GitContentTest, CrlfLinesCountLikeLfLines) {
  auto [worktree, staged] = EditedLines("a\r\nb\r\nc\r\nd\r\n", "a\r\nB\r\nc\r\nd\r\ne\r\n");
  EXPECT_EQ(worktree, "2,5");
  EXPECT_EQ(staged, "2,5");
}

TEST_F(GitContentTest, EditOfALastLineWithoutFinalNewline) {
  auto [worktree, staged] = EditedLines("a\nb\nc", "a\nb\nC");
  EXPECT_EQ(worktree, "3");
  EXPECT_EQ(staged, "3");
}

TEST_F(GitContentTest, AddingTheMissingFinalNewlineChangesTheLastLine) {
  // git diff shows `-c \ No newline at end of file` `+c`: line 3 changed.
  auto [worktree, staged] = EditedLines("a\nb\nc", "a\nb\nc\n");
  EXPECT_EQ(worktree, "3");
  EXPECT_EQ(staged, "3");
}

TEST_F(GitContentTest, AppendingAfterALastLineWithoutNewline) {
  auto [worktree, staged] = EditedLines("a\nb", "a\nb\nc");
  EXPECT_EQ(worktree, "2-3");
  EXPECT_EQ(staged, "2-3");
}

TEST_F(GitContentTest, ModeChangeAloneChangesNoLine) {
  auto [worktree, staged] = EditedLines("a\n", "a\n");
  EXPECT_EQ(worktree, "");
  fs::permissions(dir_ / "f.py", fs::perms::owner_exec, fs::perm_options::add);
  Git(dir_.path(), {"add", "f.py"});
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), Described{});
}

TEST_F(GitContentTest, BinaryFilesProduceNothingButStayInTheSnapshot) {
  const std::string binary("PK\x03\x04\0\0\x01payload\n", 15);
  dir_.Write("old.bin", binary);
  GitCommitAll(dir_.path(), "binary");
  dir_.Write("old.bin", binary + "more\n");
  dir_.Write("staged.bin", binary);
  Git(dir_.path(), {"add", "old.bin", "staged.bin"});
  dir_.Write("untracked.bin", binary);
  dir_.Write("text.py", "x\n");  // control: a text file next to them is reported
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), Described{});
  ChangeSet worktree = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(Describe(worktree), (Described{{"text.py", "all"}}));
  EXPECT_EQ(worktree.snapshot->files(),
            (std::vector<std::string>{"old.bin", "staged.bin", "text.py", "untracked.bin"}));
}

// `-diff` or `binary` in .gitattributes (generated code: `*_pb2.py -diff`) hides a file's
// lines from `git diff`, but they are still deployed code: the changed lines count.
TEST_F(GitContentTest, AttributesThatHideTheDiffDoNotHideTheChangedLines) {
  for (const char* attribute : {"*.py -diff\n", "*.py binary\n"}) {
    SCOPED_TRACE(attribute);
    dir_.Write(".gitattributes", attribute);
    dir_.Write("gen.py", "a\nb\nc\n");
    GitCommitAll(dir_.path(), attribute);
    dir_.Write("gen.py", "a\nB\nc\n");
    EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kWorkingTree)), (Described{{"gen.py", "2"}}));
    Git(dir_.path(), {"add", "gen.py"});
    EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), (Described{{"gen.py", "2"}}));
    GitCommitAll(dir_.path(), "edited");
  }
}

TEST_F(GitContentTest, NulAfterTheFirst8000BytesIsStillText) {
  // git's rule: only the first 8000 bytes decide.
  dir_.Write("late.py", std::string(8000, 'x') + "\n" + std::string(1, '\0') + std::string(20000, 'y'));
  dir_.Write("early.py", std::string(7999, 'x') + std::string(1, '\0') + std::string(20000, 'y'));
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kWorkingTree)), (Described{{"late.py", "all"}}));
  Git(dir_.path(), {"add", "-A"});  // loose objects: the blob's start is streamed
  EXPECT_EQ(Describe(Changes(dir_.path(), DiffMode::kStaged)), (Described{{"late.py", "all"}}));
  Git(dir_.path(), {"gc", "-q"});  // packed objects (index-only blobs too): read whole
  ASSERT_EQ(Git(dir_.path(), {"count-objects"}).substr(0, 9), "0 objects");
  ChangeSet packed = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(packed), (Described{{"late.py", "all"}}));
  EXPECT_EQ(ReadFromSnapshot(packed, "late.py").size(), 8000u + 2 + 20000);
}

TEST_F(GitContentTest, SymbolicLinksAreNeverFollowed) {
  TempDir outside;
  outside.Write("secret.py", "SECRET = 1\n");
  dir_.Write("app.py", "x\n");
  fs::create_symlink("/etc/passwd", dir_ / "leak.py");
  fs::create_directory_symlink(outside.path(), dir_ / "linked");
  GitCommitAll(dir_.path(), "links");
  fs::create_symlink(outside / "secret.py", dir_ / "new_link.py");  // untracked link
  Git(dir_.path(), {"add", "new_link.py"});
  for (DiffMode mode : {DiffMode::kWorkingTree, DiffMode::kStaged, DiffMode::kAll}) {
    ChangeSet changes = Changes(dir_.path(), mode);
    EXPECT_EQ(changes.snapshot->files(), std::vector<std::string>{"app.py"});
    EXPECT_EQ(changes.changed.count("new_link.py"), 0u);
    for (const char* path : {"leak.py", "linked/secret.py", "new_link.py", "../outside.py", "/etc/passwd"}) {
      std::string content, error;
      EXPECT_FALSE(changes.snapshot->Read(path, &content, &error)) << path << " read: " << content;
      EXPECT_EQ(content.find("root:"), std::string::npos);
      EXPECT_EQ(content.find("SECRET"), std::string::npos);
    }
  }
}

TEST_F(GitContentTest, SubmodulesAreSkipped) {
  TempDir library;
  GitInit(library.path());
  library.Write("lib.py", "v1\n");
  GitCommitAll(library.path(), "v1");
  dir_.Write("app.py", "x\n");
  Git(dir_.path(), {"clone", "-q", library.path(), "vendor/lib"});
  GitCommitAll(dir_.path(), "with a gitlink");  // `git add` of a nested repository records a gitlink
  // Move the submodule to a new commit and stage that: a gitlink change, not a file change.
  library.Write("lib.py", "v2\n");
  GitCommitAll(library.path(), "v2");
  Git(dir_ / "vendor/lib", {"pull", "-q"});
  Git(dir_.path(), {"add", "vendor/lib"});
  ASSERT_EQ(Git(dir_.path(), {"diff", "--cached", "--raw"}).substr(0, 14), ":160000 160000");
  dir_.Write("vendor/lib/lib.py", "edited inside the submodule\n");
  // An untracked nested repository is someone else's project too.
  dir_.Write("nested/tool.py", "t\n");
  GitInit(dir_ / "nested");
  for (DiffMode mode : {DiffMode::kWorkingTree, DiffMode::kStaged}) {
    ChangeSet changes = Changes(dir_.path(), mode);
    EXPECT_EQ(Describe(changes), Described{});
    EXPECT_EQ(changes.snapshot->files(), std::vector<std::string>{"app.py"});
  }
}

TEST_F(GitContentTest, PathsWithSpacesUnicodeAndNewlines) {
  const std::vector<std::string> paths = {"my app/main file.py", "ünïcödé/файл.py", "new\nline.py",
                                          "tab\there.py", "quote\"d.py"};
  for (const std::string& path : paths) dir_.Write(path, "one\ntwo\n");
  GitCommitAll(dir_.path(), "odd paths");
  for (const std::string& path : paths) dir_.Write(path, "one\nTWO\n");
  Git(dir_.path(), {"add", "-A"});
  dir_.Write("untracked ü\n.py", "x\n");
  Described expected;
  for (const std::string& path : paths) expected[path] = "2";
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(Describe(staged), expected);
  for (const std::string& path : paths) EXPECT_EQ(ReadFromSnapshot(staged, path), "one\nTWO\n");
  expected["untracked ü\n.py"] = "all";
  ChangeSet worktree = Changes(dir_.path(), DiffMode::kWorkingTree);
  EXPECT_EQ(Describe(worktree), expected);
  EXPECT_EQ(ReadFromSnapshot(worktree, "untracked ü\n.py"), "x\n");
}

TEST_F(GitContentTest, EmptyAddedFileIsListed) {
  dir_.Write("empty.py", "");
  Git(dir_.path(), {"add", "empty.py"});
  ChangeSet staged = Changes(dir_.path(), DiffMode::kStaged);
  EXPECT_EQ(staged.snapshot->files(), std::vector<std::string>{"empty.py"});
  EXPECT_EQ(ReadFromSnapshot(staged, "empty.py"), "");
}

}  // namespace
}  // namespace faaslint::testing
