// Repositories in unusual states (the git side of the bad-input matrix): each gives its
// findings or one clear error, with the right exit status, and nothing else.
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "ci_log.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::Git;
using testing::TempDir;

constexpr const char* kThreadAtImport = "import threading\nthreading.Thread(target=print).start()\n";

CommandResult Check(const std::string& cwd, std::vector<std::string> args = {}) {
  std::vector<std::string> argv{"timeout", "120", FAASLINT_BINARY, "--color", "never"};
  argv.insert(argv.end(), args.begin(), args.end());
  return testing::Run(argv, cwd);
}

// A repository whose first commit holds `files` (path -> content).
void InitWithCommit(const TempDir& repo, const std::map<std::string, std::string>& files) {
  testing::GitInit(repo.path());
  for (const auto& [path, content] : files) repo.Write(path, content);
  testing::GitCommitAll(repo.path(), "first");
}

std::string FileUrl(const std::string& path) { return "file://" + path; }

// A repository whose staged app.py starts a thread at import (line 2).
void StageThreadStart(const TempDir& repo) {
  InitWithCommit(repo, {{"app.py", "x = 1\n"}});
  repo.Write("app.py", kThreadAtImport);
  Git(repo.path(), {"add", "app.py"});
}

// Zeroes the index's checksum, as git 2.40+ writes it under index.skipHash; returns the
// index's new bytes.
std::string ZeroIndexChecksum(const TempDir& repo) {
  std::string index = repo.Read(".git/index");
  EXPECT_GT(index.size(), 32u);
  index.replace(index.size() - 20, 20, std::string(20, '\0'));
  repo.Write(".git/index", index);
  return index;
}

TEST(BadRepository, UnbornBranchCountsEveryLineAsNew) {
  TempDir repo;
  testing::GitInit(repo.path());
  repo.Write("app.py", kThreadAtImport);
  Git(repo.path(), {"add", "app.py"});
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--staged"}}) {
    CommandResult result = Check(repo.path(), mode);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");
  }
}

// A CI container job run as another user keeps HOME=/root, whose config files that user
// cannot read. git warns and goes on without them; so does faaslint, instead of
// libgit2's "failed to stat '/root/.gitconfig'" and exit 2.
TEST(BadRepository, UnreadableUserGitConfigIsLeftOutWithANote) {
  TempDir repo, home;
  InitWithCommit(repo, {{"app.py", "x = 1\n"}});
  repo.Write("app.py", kThreadAtImport);
  fs::permissions(repo.path(), fs::perms::all, fs::perm_options::add);  // nobody may enter
  fs::permissions(home.path(), fs::perms::all, fs::perm_options::add);
  home.Write(".gitconfig", "[core]\n\tautocrlf = false\n");
  home.Write("xdg/git/config", "[core]\n\tautocrlf = false\n");
  const std::map<std::string, std::string> env{{"HOME", home.path()}, {"XDG_CONFIG_HOME", home / "xdg"}};

  // Readable: no note.
  CommandResult readable = testing::RunFaaslintAsNobody({"--color", "never"}, repo.path(), env);
  EXPECT_EQ(readable.exit_code, 1) << readable.err;
  EXPECT_EQ(readable.err, "");

  fs::permissions(home / ".gitconfig", fs::perms::none);
  fs::permissions(home / "xdg/git/config", fs::perms::none);
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}, {"--base", "HEAD"}}) {
    std::vector<std::string> args{"--color", "never"};
    args.insert(args.end(), mode.begin(), mode.end());
    CommandResult result = testing::RunFaaslintAsNobody(args, repo.path(), env);
    EXPECT_EQ(result.exit_code, 1) << "checked, not refused: " << result.err;
    EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "faaslint: " + home / "xdg/git/config" +
                              ": cannot read: Permission denied; checked without it, as git does\n"
                              "faaslint: " + home / ".gitconfig" +
                              ": cannot read: Permission denied; checked without it, as git does\n");
  }
  Git(repo.path(), {"add", "app.py"});
  CommandResult quiet = testing::RunFaaslintAsNobody({"--staged", "--quiet"}, repo.path(), env);
  EXPECT_EQ(quiet.exit_code, 1) << quiet.err;
  EXPECT_EQ(quiet.err, "") << "--quiet leaves notes out";
}

// The monorepo recipe, `git clone --filter=blob:none --sparse` then `git sparse-checkout
// set`, leaves repositoryformatversion 1 with extensions.worktreeConfig: libgit2 1.5 alone
// refuses such a repository ("unsupported extension name extensions.worktreeconfig").
TEST(BadRepository, WorktreeConfigExtensionIsChecked) {
  TempDir repo;
  InitWithCommit(repo, {{"api/index.py", "x = 1\n"}, {"lib/util.py", "y = 1\n"}});
  Git(repo.path(), {"config", "core.repositoryformatversion", "1"});
  Git(repo.path(), {"config", "extensions.worktreeConfig", "true"});
  Git(repo.path(), {"sparse-checkout", "set", "api"});
  ASSERT_TRUE(fs::exists(repo / ".git/config.worktree"));
  repo.Write("api/index.py", kThreadAtImport);
  CommandResult worktree = Check(repo.path());
  Git(repo.path(), {"add", "api/index.py"});
  CommandResult staged = Check(repo.path(), {"--staged"});
  for (const CommandResult& result : {worktree, staged}) {
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("api/index.py:2:1: FL101"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");
  }
}

// libgit2 1.5 reads neither a sparse nor a split index. --staged reads a sparse index
// itself (git/index_content.h); the other modes, and --staged on a split index, exit 2
// with the git command that converts the index, after which they work.
TEST(BadRepository, SparseOrSplitIndexIsAnErrorWithTheRemedy) {
  struct Case {
    std::vector<std::vector<std::string>> make, remedy;
    std::string says;
    bool staged_reads_it;
  };
  const Case kCases[] = {
      {{{"sparse-checkout", "init", "--cone", "--sparse-index"}, {"sparse-checkout", "set", "api"}},
       {{"sparse-checkout", "init", "--no-sparse-index"}},
       "the index is a sparse index (index.sparse), which libgit2 cannot read: "
       "`git sparse-checkout init --no-sparse-index` rewrites it as a full one",
       true},
      {{{"config", "core.splitIndex", "true"}},
       {{"config", "core.splitIndex", "false"}, {"update-index", "--no-split-index"}},
       "the index is split (core.splitIndex), which libgit2 cannot read: "
       "`git config core.splitIndex false && git update-index --no-split-index` joins it",
       false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.says);
    TempDir repo;
    InitWithCommit(repo, {{"api/index.py", "x = 1\n"}, {"lib/util.py", "y = 1\n"}});
    for (const auto& args : c.make) Git(repo.path(), args);
    repo.Write("api/index.py", kThreadAtImport);
    Git(repo.path(), {"add", "api/index.py"});
    CommandResult staged = Check(repo.path(), {"--staged"});
    if (c.staged_reads_it) {
      EXPECT_EQ(staged.exit_code, 1) << staged.err;
      EXPECT_NE(staged.out.find("api/index.py:2:1: FL101"), std::string::npos) << staged.out;
    }
    for (const CommandResult& refused : c.staged_reads_it ? std::vector<CommandResult>{Check(repo.path(), {})}
                                                          : std::vector<CommandResult>{staged, Check(repo.path(), {})}) {
      EXPECT_EQ(refused.exit_code, 2) << refused.out;
      EXPECT_NE(refused.err.find(c.says), std::string::npos) << refused.err;
      EXPECT_EQ(refused.out, "");
    }
    for (const auto& args : c.remedy) Git(repo.path(), args);
    for (const std::vector<std::string>& mode : {std::vector<std::string>{"--staged"}, {}}) {
      CommandResult result = Check(repo.path(), mode);
      EXPECT_EQ(result.exit_code, 1) << result.err;
      EXPECT_NE(result.out.find("api/index.py:2:1: FL101"), std::string::npos) << result.out;
    }
  }
}

// git 2.40+ with index.skipHash (set by feature.manyFiles) ends the index in 20 zero bytes
// where the checksum goes (git's Documentation/config/index.txt); libgit2 1.5 refused
// it, and every mode failed. git 2.39 here cannot write one, so the test zeroes the
// checksum of the index git wrote, as git 2.40 would have written it. feature.manyFiles
// also gives the rest of what such an index holds: format version 4 and an untracked cache.
TEST(BadRepository, IndexWithoutChecksumIsRead) {
  TempDir repo;
  InitWithCommit(repo, {{"app.py", "x = 1\n"}, {"lib.py", "y = 1\n"}});
  Git(repo.path(), {"config", "feature.manyFiles", "true"});
  Git(repo.path(), {"update-index", "--index-version", "4"});  // an existing index keeps its version
  repo.Write("app.py", std::string("x = 1\n") + kThreadAtImport);
  Git(repo.path(), {"add", "app.py"});
  Git(repo.path(), {"status", "--porcelain"});  // writes the untracked cache
  repo.Write("lib.py", "y = 2\n");  // unstaged: the work tree modes see it, --staged does not
  ASSERT_EQ(repo.Read(".git/index").substr(0, 8), std::string("DIRC\0\0\0\4", 8)) << "index format version 4";
  const std::string index = ZeroIndexChecksum(repo);
  repo.Write("commit-index", index);  // what `git commit -a` hands its hooks in GIT_INDEX_FILE

  struct Run {
    std::vector<std::string> args;
    std::map<std::string, std::string> env;
    std::string files;
  };
  const Run kRuns[] = {
      {{"--staged"}, {}, "1 file"},
      {{}, {}, "2 files"},
      {{"--base", "HEAD"}, {}, "2 files"},
      {{"--all"}, {}, "2 files"},
      {{"--staged"}, {{"GIT_INDEX_FILE", repo / "commit-index"}}, "1 file"},
  };
  for (const Run& run : kRuns) {
    SCOPED_TRACE(::testing::PrintToString(run.args) + (run.env.empty() ? "" : " GIT_INDEX_FILE"));
    std::vector<std::string> args{"--color", "never"};
    args.insert(args.end(), run.args.begin(), run.args.end());
    CommandResult result = testing::RunFaaslint(args, repo.path(), run.env);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("app.py:3:1: FL101"), std::string::npos) << result.out;
    EXPECT_NE(result.out.find("in " + run.files + " checked"), std::string::npos) << result.out;
    EXPECT_EQ(result.err, "");
  }
  EXPECT_EQ(repo.Read(".git/index"), index) << "the index is read, never rewritten";
}

// The copy in memory is reopened by its /proc/self/fd path. Without /proc (hidden here
// in a mount namespace of its own) the modes that need libgit2 to read the index exit 2
// with the git remedy, never run on an empty index (libgit2 opens a missing index file
// as an empty one). --staged reads the index itself (git/index_content.h) and works.
TEST(BadRepository, IndexWithoutChecksumAndNoProcIsAnErrorWithTheRemedy) {
  TempDir repo;
  StageThreadStart(repo);
  ZeroIndexChecksum(repo);
  if (testing::Run({"unshare", "-m", "true"}, repo.path()).exit_code != 0) {
    GTEST_SKIP() << "no mount namespace here (unshare -m needs CAP_SYS_ADMIN)";
  }
  auto without_proc = [&repo](const std::string& mode) {
    return testing::Run({"unshare", "-m", "sh", "-c",
                         "mount -t tmpfs none /proc && exec \"$0\" check --color never " + mode, FAASLINT_BINARY},
                        repo.path());
  };
  CommandResult result = without_proc("");
  EXPECT_EQ(result.exit_code, 2) << result.out;
  EXPECT_EQ(result.out, "");
  EXPECT_EQ(result.err, "faaslint: " + repo / ".git/index" +
                            ": cannot read the index: it has no checksum (index.skipHash, which feature.manyFiles "
                            "sets), which libgit2 1.5 cannot read, and no copy could be made in memory (No such file "
                            "or directory): `git config index.skipHash false && git update-index "
                            "--force-write-index` gives it one\n");
  CommandResult staged = without_proc("--staged");
  EXPECT_EQ(staged.exit_code, 1) << staged.err;
  EXPECT_NE(staged.out.find("app.py:2:1: FL101"), std::string::npos) << staged.out;
  Git(repo.path(), {"config", "index.skipHash", "false"});
  Git(repo.path(), {"update-index", "--force-write-index"});
  CommandResult fixed = Check(repo.path(), {});
  EXPECT_EQ(fixed.exit_code, 1) << fixed.err;
  EXPECT_NE(fixed.out.find("app.py:2:1: FL101"), std::string::npos) << fixed.out;
}

// An index whose checksum is wrong for another reason (damage). git does not check the
// checksum when it reads the index, and neither does --staged, which reads the index
// itself (git/index_content.h). The modes that need libgit2 to read it exit 2 naming
// the damage, with the git command that writes it again, and that command works.
TEST(BadRepository, DamagedIndexIsAnErrorWithTheRemedy) {
  TempDir repo;
  StageThreadStart(repo);
  std::string index = repo.Read(".git/index");
  index[index.size() - 1] ^= 1;
  repo.Write(".git/index", index);
  CommandResult staged = Check(repo.path(), {"--staged"});
  EXPECT_EQ(staged.exit_code, 1) << staged.err;
  EXPECT_NE(staged.out.find("app.py:2:1: FL101"), std::string::npos) << staged.out;
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}}) {
    CommandResult refused = Check(repo.path(), mode);
    EXPECT_EQ(refused.exit_code, 2) << refused.out;
    EXPECT_NE(refused.err.find("checksum does not match expected; the index is damaged: if `git status` still "
                               "reads it, `git update-index --force-write-index` writes it again whole"),
              std::string::npos)
        << refused.err;
    EXPECT_EQ(refused.out, "");
  }
  // The same index named by the environment (GIT_INDEX_FILE with GIT_WORK_TREE), which
  // faaslint applies itself rather than through libgit2: the same remedy.
  repo.Write("damaged-index", index);
  CommandResult from_env = testing::RunFaaslint(
      {"--color", "never"}, repo.path(), {{"GIT_INDEX_FILE", repo / "damaged-index"}, {"GIT_WORK_TREE", repo.path()}});
  EXPECT_EQ(from_env.exit_code, 2) << from_env.out;
  EXPECT_NE(from_env.err.find(repo / "damaged-index" +
                              ": cannot read the index: invalid data in index - calculated checksum does not match "
                              "expected; the index is damaged"),
            std::string::npos)
      << from_env.err;
  Git(repo.path(), {"update-index", "--force-write-index"});
  CommandResult result = Check(repo.path(), {});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
}

// git hands its commit hooks the index in GIT_INDEX_FILE. libgit2's own way of applying
// that variable reads the index as the repository opens, which a sparse index fails;
// faaslint applies it itself, so --staged in a hook reads a sparse index too.
TEST(BadRepository, SparseIndexInAHooksGitIndexFileIsReadByStaged) {
  TempDir repo;
  InitWithCommit(repo, {{"api/index.py", "x = 1\n"}, {"lib/util.py", "y = 1\n"}});
  Git(repo.path(), {"sparse-checkout", "init", "--cone", "--sparse-index"});
  Git(repo.path(), {"sparse-checkout", "set", "api"});
  repo.Write("api/index.py", kThreadAtImport);
  Git(repo.path(), {"add", "api/index.py"});
  CommandResult result =
      testing::RunFaaslint({"--color", "never", "--staged"}, repo.path(), {{"GIT_INDEX_FILE", repo / ".git/index"}});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("api/index.py:2:1: FL101"), std::string::npos) << result.out;
  EXPECT_EQ(result.err, "");
}

// A FIFO in the index's place (the repository's own, or one a GIT_INDEX_FILE names)
// would block the read of it until some writer came: exit 2 naming it, in every mode.
TEST(BadRepository, IndexThatIsNotARegularFileIsAnErrorNotAHang) {
  TempDir repo;
  StageThreadStart(repo);
  ASSERT_EQ(mkfifo((repo / "fifo-index").c_str(), 0600), 0);
  CommandResult named = testing::RunFaaslint({"--staged"}, repo.path(), {{"GIT_INDEX_FILE", repo / "fifo-index"}});
  EXPECT_EQ(named.exit_code, 2) << named.out;
  EXPECT_EQ(named.err, "faaslint: " + repo / "fifo-index" + ": cannot read the index: not a regular file\n");
  std::filesystem::remove(repo / ".git/index");
  ASSERT_EQ(mkfifo((repo / ".git/index").c_str(), 0600), 0);
  for (const std::vector<std::string>& mode : {std::vector<std::string>{"--staged"}, {}, {"--all"}}) {
    CommandResult result = Check(repo.path(), mode);
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_EQ(result.err, "faaslint: " + repo / ".git/index" + ": cannot read the index: not a regular file\n");
  }
}

// Repository formats libgit2 1.5 cannot read at all: exit 2 naming the format, not only
// libgit2's "unsupported extension name".
TEST(BadRepository, Sha256RepositoryIsAnErrorNamingTheFormat) {
  TempDir repo;
  Git(repo.path(), {"init", "-q", "--object-format=sha256"});
  repo.Write("app.py", kThreadAtImport);
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}, {"--staged"}}) {
    CommandResult result = Check(repo.path(), mode);
    EXPECT_EQ(result.exit_code, 2) << result.out;
    EXPECT_NE(result.err.find("unsupported extension name extensions.objectformat; the repository names its "
                              "objects by SHA-256 (git init --object-format=sha256)"),
              std::string::npos)
        << result.err;
    EXPECT_EQ(result.out, "");
  }
}

// A partial clone (--filter=blob:none; actions/checkout's `filter:`) has no copy of the
// files of the base commit, which git would fetch on demand and libgit2 cannot: exit 2
// with the git command that fetches them, and after it the check runs.
TEST(BadRepository, PartialCloneMissingTheBaseIsAnErrorWithTheRemedy) {
  TempDir origin;
  InitWithCommit(origin, {{"app.py", "x = 1\n"}});
  Git(origin.path(), {"config", "uploadpack.allowFilter", "true"});
  Git(origin.path(), {"branch", "base"});
  origin.Write("app.py", "x = 2\n");
  testing::GitCommitAll(origin.path(), "second");
  TempDir parent;
  Git(parent.path(), {"clone", "-q", "--filter=blob:none", FileUrl(origin.path()), "partial"});
  const std::string clone = parent / "partial";
  std::ofstream(clone + "/app.py") << "x = 3\n" << kThreadAtImport;

  CommandResult refused = Check(clone, {"--base", "origin/base"});
  EXPECT_EQ(refused.exit_code, 2) << refused.out;
  EXPECT_EQ(refused.out, "");
  const std::string remedy = "`git diff $(git merge-base origin/base HEAD) >/dev/null`";
  EXPECT_NE(refused.err.find("app.py: object not found"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("this is a partial clone, whose missing files git fetches from origin when it "
                             "needs them and libgit2 cannot: " + remedy + " fetches them"),
            std::string::npos)
      << refused.err;

  CommandResult fetched = testing::Run({"sh", "-c", remedy.substr(1, remedy.size() - 2)}, clone);
  ASSERT_EQ(fetched.exit_code, 0) << fetched.err;
  CommandResult result = Check(clone, {"--base", "origin/base"});
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("app.py:3:1: FL101"), std::string::npos) << result.out;
}

// A merge stopped on a conflict: the work tree modes check the file as it is on disk (the
// thread that came in with "ours" is found), --staged says there is nothing to commit of
// it; neither passes it in silence ("All checks passed (0 files checked)" before).
TEST(BadRepository, UnresolvedMergeConflictIsNamedAndCheckedOnDisk) {
  TempDir repo;
  InitWithCommit(repo, {{"app.py", "x = 1\n"}, {"other.py", "y = 1\n"}});
  Git(repo.path(), {"checkout", "-q", "-b", "theirs"});
  repo.Write("app.py", "x = 2\n");
  testing::GitCommitAll(repo.path(), "theirs");
  Git(repo.path(), {"checkout", "-q", "main"});
  repo.Write("app.py", std::string(kThreadAtImport) + "x = 3\n");
  testing::GitCommitAll(repo.path(), "ours");
  CommandResult merge = testing::Run({"git", "-c", "user.name=T", "-c", "user.email=t@example.com", "merge", "theirs"},
                                     repo.path(), {{"GIT_CONFIG_NOSYSTEM", "1"}, {"HOME", repo.path()}});
  ASSERT_NE(merge.exit_code, 0) << "the merge must stop on the conflict";
  ASSERT_NE(testing::ReadFile(repo / "app.py").find("<<<<<<<"), std::string::npos);

  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}, {"--base", "theirs"}}) {
    CommandResult result = Check(repo.path(), mode);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("app.py:3:1: FL101"), std::string::npos) << result.out;
    EXPECT_EQ(result.err,
              "faaslint: app.py: unresolved merge conflict: checked as it is on disk, markers and all\n"
              "faaslint: app.py: syntax error on line 1: checked as far as it parses\n");
  }
  CommandResult staged = Check(repo.path(), {"--staged"});
  EXPECT_EQ(staged.exit_code, 0) << staged.out;
  EXPECT_EQ(staged.err, "faaslint: app.py: unresolved merge conflict: nothing of it is staged yet; not checked\n");

  // Resolved and staged: an ordinary change of line 3 against HEAD ("ours"), no note;
  // the thread of line 2 was already committed.
  repo.Write("app.py", std::string(kThreadAtImport) + "x = 2\n");
  Git(repo.path(), {"add", "app.py"});
  CommandResult resolved = Check(repo.path(), {"--staged"});
  EXPECT_EQ(resolved.exit_code, 0) << resolved.out;
  EXPECT_NE(resolved.out.find("(1 file checked)"), std::string::npos) << resolved.out;
  EXPECT_EQ(resolved.err, "");
}

TEST(BadRepository, DetachedHeadComparesWithTheCheckedOutCommit) {
  TempDir repo;
  testing::GitInit(repo.path());
  repo.Write("app.py", "x = 1\n");
  testing::GitCommitAll(repo.path(), "first");
  Git(repo.path(), {"checkout", "-q", "--detach"});
  repo.Write("app.py", kThreadAtImport);
  CommandResult result = Check(repo.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
}

TEST(BadRepository, ShallowCloneWithoutMergeBaseIsAnErrorWithTheHint) {
  TempDir origin;
  testing::GitInit(origin.path());
  origin.Write("app.py", "x = 1\n");
  testing::GitCommitAll(origin.path(), "a");
  Git(origin.path(), {"checkout", "-q", "-b", "other"});
  origin.Write("b.py", "y = 1\n");
  testing::GitCommitAll(origin.path(), "d");
  Git(origin.path(), {"checkout", "-q", "main"});
  origin.Write("app.py", "x = 2\n");
  testing::GitCommitAll(origin.path(), "b");
  TempDir parent;
  Git(parent.path(), {"clone", "-q", "--depth", "1", FileUrl(origin.path()), "shallow"});
  const std::string clone = parent / "shallow";
  Git(clone, {"fetch", "-q", "--depth", "1", "origin", "other"});
  CommandResult result = Check(clone, {"--base", "FETCH_HEAD"});
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_TRUE(result.out.empty()) << result.out;
  EXPECT_NE(result.err.find("shallow"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("fetch-depth: 0"), std::string::npos) << result.err;
  EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line: " << result.err;
}

TEST(BadRepository, BareRepositoryIsAnErrorNamingIt) {
  TempDir origin;
  testing::GitInit(origin.path());
  origin.Write("app.py", kThreadAtImport);
  testing::GitCommitAll(origin.path(), "a");
  TempDir parent;
  Git(parent.path(), {"clone", "-q", "--bare", origin.path(), "bare.git"});
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}, {"--staged"}}) {
    CommandResult result = Check(parent / "bare.git", mode);
    EXPECT_EQ(result.exit_code, 2) << ::testing::PrintToString(mode);
    EXPECT_NE(result.err.find("bare repository"), std::string::npos) << result.err;
    EXPECT_TRUE(result.out.empty());
  }
}

// A submodule is another repository: its gitlink is not a changed line, and its files
// are not the parent's.
TEST(BadRepository, SubmoduleIsNeitherAChangedFileNorChecked) {
  TempDir sub;
  testing::GitInit(sub.path());
  sub.Write("lib.py", kThreadAtImport);
  testing::GitCommitAll(sub.path(), "s");
  TempDir repo;
  testing::GitInit(repo.path());
  repo.Write("app.py", "x = 1\n");
  testing::GitCommitAll(repo.path(), "a");
  Git(repo.path(), {"-c", "protocol.file.allow=always", "submodule", "-q", "add", FileUrl(sub.path()), "vendor/sub"});
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--staged"}, {"--all"}}) {
    CommandResult result = Check(repo.path(), mode);
    EXPECT_EQ(result.exit_code, 0) << ::testing::PrintToString(mode) << result.out << result.err;
    EXPECT_EQ(result.err, "");
  }
  testing::GitCommitAll(repo.path(), "sub");
  const std::string inner = repo / "vendor/sub";
  repo.Write("vendor/sub/lib.py", std::string(kThreadAtImport) + "x = 1\n");
  Git(inner, {"commit", "-q", "-am", "more"});  // the gitlink moves
  CommandResult moved = Check(repo.path());
  EXPECT_EQ(moved.exit_code, 0) << moved.out << moved.err;
  EXPECT_EQ(moved.err, "");
}

TEST(BadRepository, LinkedWorktreeIsChecked) {
  TempDir repo;
  testing::GitInit(repo.path());
  repo.Write("app.py", "x = 1\n");
  testing::GitCommitAll(repo.path(), "a");
  TempDir parent;
  const std::string linked = parent / "linked";
  Git(repo.path(), {"worktree", "add", "-q", "-b", "feature", linked});
  std::ofstream(linked + "/new.py") << kThreadAtImport;
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--all"}}) {
    CommandResult result = Check(linked, mode);
    EXPECT_EQ(result.exit_code, 1) << result.err;
    EXPECT_NE(result.out.find("new.py:2:1: FL101"), std::string::npos) << result.out;
  }
  Git(linked, {"add", "new.py"});
  CommandResult staged = Check(linked, {"--staged"});
  EXPECT_EQ(staged.exit_code, 1) << staged.err;
}

// Files outside a sparse checkout are not on disk: neither deleted nor unreadable.
TEST(BadRepository, SparseCheckoutChecksWhatIsCheckedOut) {
  TempDir repo;
  testing::GitInit(repo.path());
  repo.Write("api/index.py", kThreadAtImport);
  repo.Write("scripts/tool.py", kThreadAtImport);
  testing::GitCommitAll(repo.path(), "a");
  Git(repo.path(), {"sparse-checkout", "set", "--no-cone", "api/"});
  ASSERT_FALSE(fs::exists(repo / "scripts/tool.py"));
  CommandResult changes = Check(repo.path());
  EXPECT_EQ(changes.exit_code, 0) << changes.out << changes.err;
  EXPECT_EQ(changes.err, "");
  CommandResult all = Check(repo.path(), {"--all"});
  EXPECT_EQ(all.exit_code, 1) << all.err;
  EXPECT_NE(all.out.find("api/index.py:2:1: FL101"), std::string::npos) << all.out;
  EXPECT_EQ(all.out.find("scripts/tool.py"), std::string::npos) << all.out;
  EXPECT_EQ(all.err, "");
}

// File names a pull request may hold, through the diff modes and the CI formats: one
// github command and one gitlab issue per file, each naming the file exactly.
TEST(BadRepository, HostileFileNamesThroughDiffModesAndCiFormats) {
  const std::vector<std::string> kNames = {"with space.py", "new\nline.py", "::error::x.py", "a,b%25.py",
                                           "x##[stop-commands]tok.py", "\xC2\xA0::warning::nbsp.py"};
  TempDir repo;
  testing::GitInit(repo.path());
  for (const std::string& name : kNames) repo.Write(name, "x = 1\n");
  testing::GitCommitAll(repo.path(), "a");
  for (const std::string& name : kNames) repo.Write(name, std::string("x = 1\n") + kThreadAtImport);
  Git(repo.path(), {"add", "-A"});
  for (const std::vector<std::string>& mode : {std::vector<std::string>{}, {"--staged"}}) {
    std::vector<std::string> github_args = mode, gitlab_args = mode;
    github_args.insert(github_args.end(), {"--format", "github"});
    gitlab_args.insert(gitlab_args.end(), {"--format", "gitlab"});
    CommandResult github = Check(repo.path(), github_args);
    EXPECT_EQ(github.exit_code, 1) << github.err;
    std::multiset<std::string> files;
    for (std::string_view line : fuzz::RunnerLines(github.out)) {
      auto command = fuzz::ParseV2Command(line);
      ASSERT_TRUE(command) << line;
      files.insert(command->properties["file"]);
    }
    EXPECT_EQ(files, std::multiset<std::string>(kNames.begin(), kNames.end()));
    CommandResult gitlab = Check(repo.path(), gitlab_args);
    nlohmann::json issues = nlohmann::json::parse(gitlab.out, nullptr, false);
    ASSERT_TRUE(issues.is_array()) << gitlab.out;
    std::multiset<std::string> paths;
    for (const nlohmann::json& issue : issues) paths.insert(issue["location"]["path"].get<std::string>());
    EXPECT_EQ(paths, std::multiset<std::string>(kNames.begin(), kNames.end()));
  }
}

}  // namespace
}  // namespace faaslint
