// --staged inside a real pre-commit hook: git runs the hook with the environment of the
// commit being made (GIT_INDEX_FILE for `commit -a` / `commit PATH`, GIT_DIR in a linked
// worktree). The hook runs this test binary's probe, which writes what ComputeChanges saw.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <climits>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "support/test_support.h"
#include "unit/git_test_helpers.h"

namespace faaslint::testing {
namespace {

using git::DiffMode;
constexpr char kProbeVariable[] = "FAASLINT_GIT_HOOK_PROBE";

// Not a test of its own: the entry point the hooks below run. Skipped unless a hook set
// the variable naming its output file.
TEST(GitHookProbe, WriteStagedChanges) {
  const char* output = std::getenv(kProbeVariable);
  if (output == nullptr) GTEST_SKIP() << "run by the hooks of GitHookTest";
  std::ofstream out(output);
  ChangeSet changes;
  std::string error;
  if (!git::ComputeChanges({".", DiffMode::kStaged, ""}, &changes, &error)) {
    out << "error: " << error << "\n";
    return;
  }
  for (const auto& [path, lines] : Describe(changes)) out << path << " " << lines << "\n";
}

std::string SelfPath() {
  char buffer[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", buffer, sizeof buffer - 1);
  return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
}

class GitHookTest : public ::testing::Test {
 protected:
  void SetUp() override {
    repo_ = dir_ / "repo";
    std::filesystem::create_directories(repo_);
    GitInit(repo_);
    dir_.Write("repo/app.py", "a1\na2\na3\n");
    dir_.Write("repo/lib.py", "l1\nl2\n");
    GitCommitAll(repo_, "initial");
    // Hooks of linked worktrees live in the main repository's hooks folder too.
    dir_.Write("repo/.git/hooks/pre-commit",
               "#!/bin/sh\nexec '" + SelfPath() + "' --gtest_filter=GitHookProbe.WriteStagedChanges >/dev/null 2>&1\n");
    chmod((repo_ + "/.git/hooks/pre-commit").c_str(), 0755);
  }
  // Runs `git commit ARGS` in `where`, returns what the hook saw.
  std::string CommitAndProbe(const std::string& where, std::vector<std::string> args) {
    const std::string output = dir_ / "probe.txt";
    std::vector<std::string> argv{"git", "-c", "user.name=T", "-c", "user.email=t@example.com", "commit", "-q"};
    argv.insert(argv.end(), args.begin(), args.end());
    CommandResult result = testing::Run(argv, where, {{kProbeVariable, output}});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return ReadFile(output);
  }
  TempDir dir_;
  std::string repo_;
};

TEST_F(GitHookTest, CommitDashASeesTheTemporaryIndexWithUnstagedEdits) {
  dir_.Write("repo/app.py", "a1\nA2\na3\n");  // not staged: `commit -a` stages it for the commit
  dir_.Write("repo/lib.py", "l1\nL2\n");
  Git(repo_, {"add", "lib.py"});
  EXPECT_EQ(CommitAndProbe(repo_, {"-a", "-m", "all"}), "app.py 2\nlib.py 2\n");
}

TEST_F(GitHookTest, CommitOfOnePathSeesOnlyThatPath) {
  dir_.Write("repo/app.py", "a1\nA2\na3\n");
  dir_.Write("repo/lib.py", "l1\nL2\n");
  Git(repo_, {"add", "lib.py"});  // staged, but not part of `git commit app.py`
  EXPECT_EQ(CommitAndProbe(repo_, {"-m", "one", "--", "app.py"}), "app.py 2\n");
}

TEST_F(GitHookTest, PlainCommitSeesTheIndex) {
  dir_.Write("repo/app.py", "a1\na2\nA3\n");
  Git(repo_, {"add", "app.py"});
  dir_.Write("repo/lib.py", "unstaged\n");
  EXPECT_EQ(CommitAndProbe(repo_, {"-m", "plain"}), "app.py 3\n");
}

TEST_F(GitHookTest, CommitInALinkedWorktreeFromASubdirectory) {
  const std::string worktree = dir_ / "wt";
  Git(repo_, {"worktree", "add", "-q", "-b", "feature", worktree});
  dir_.Write("wt/sub/keep.txt", "k\n");
  GitCommitAll(worktree, "sub");
  dir_.Write("wt/app.py", "WT\na2\na3\n");
  EXPECT_EQ(CommitAndProbe(worktree + "/sub", {"-a", "-m", "worktree"}), "app.py 1\n");
}

}  // namespace
}  // namespace faaslint::testing
