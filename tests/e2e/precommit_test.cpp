// The pre-commit hooks of .pre-commit-hooks.yaml, run by the real pre-commit (Debian's
// 3.0.4 here) in temporary repositories: through `pre-commit try-repo` and through a
// real `git commit` with the hook installed.
#include <gtest/gtest.h>

#include <filesystem>

#include "support/integrations.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

using testing::CommandResult;
using testing::Git;
using testing::TempDir;

constexpr char kCleanApp[] = R"(from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"
)";

constexpr char kThreadStart[] = R"(
import threading

threading.Thread(target=index, daemon=True).start()
)";

constexpr char kCleanRoute[] = R"(

@app.route("/health")
def health():
    return "healthy"
)";

class PreCommitTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::Run({"pre-commit", "--version"}, tmp_.path()).exit_code != 0) {
      GTEST_SKIP() << "pre-commit is not installed (scripts/install-deps.sh --test installs it)";
    }
    env_ = testing::IsolatedEnv(tmp_ / "home");
    std::filesystem::create_directories(tmp_ / "home");
    // The hook repository: what pre-commit clones. Only the hook definitions are needed
    // for faaslint-system; SelfBuildingHook adds the sources.
    hooks_ = tmp_ / "hooks-repo";
    std::filesystem::create_directories(hooks_);
    testing::GitInit(hooks_);
    testing::CopyFromSource({".pre-commit-hooks.yaml"}, hooks_);
    testing::GitCommitAll(hooks_, "hooks");

    repo_ = tmp_ / "project";
    std::filesystem::create_directories(repo_);
    testing::GitInit(repo_);
    tmp_.Write("project/app.py", kCleanApp);
    tmp_.Write("project/requirements.txt", "flask\n");  // a Flask app.py is a zero-config Vercel app
    tmp_.Write("project/README.md", "# project\n");
    testing::GitCommitAll(repo_, "clean app");
  }

  CommandResult Client(const std::vector<std::string>& argv) { return testing::Run(argv, repo_, env_); }

  CommandResult TryRepo(const std::string& hook, const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv{"pre-commit", "try-repo", hooks_, hook, "--color", "never"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return Client(argv);
  }

  // Writes .pre-commit-config.yaml pinned to the hook repository's HEAD, commits it
  // (pre-commit refuses an unstaged config) and installs the git hook.
  void InstallHook(const std::string& hook) {
    tmp_.Write("project/.pre-commit-config.yaml",
               "repos:\n  - repo: " + hooks_ + "\n    rev: " + testing::RevParse(hooks_, "HEAD") +
                   "\n    hooks:\n      - id: " + hook + "\n");
    testing::GitCommitAll(repo_, "pre-commit config");
    CommandResult install = Client({"pre-commit", "install"});
    ASSERT_EQ(install.exit_code, 0) << install.out << install.err;
  }

  CommandResult Commit(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> argv{"git", "commit", "-m", "change"};
    argv.insert(argv.end(), extra.begin(), extra.end());
    return Client(argv);
  }

  // A commit that went through with the hook run (not skipped) and passing; git shows
  // the hook's output on stderr.
  static void ExpectCommittedWithHookPassed(const CommandResult& commit) {
    EXPECT_EQ(commit.exit_code, 0) << commit.out << commit.err;
    EXPECT_NE(commit.err.find("Passed"), std::string::npos) << commit.out << commit.err;
  }

  std::string CommitCount() { return Git(repo_, {"rev-list", "--count", "HEAD"}); }
  void Append(const std::string& file, const std::string& text) {
    tmp_.Write("project/" + file, tmp_.Read("project/" + file) + text);
  }
  void Stage(const std::string& file) { Git(repo_, {"add", file}); }

  TempDir tmp_;
  std::map<std::string, std::string> env_;
  std::string hooks_, repo_;
};

TEST_F(PreCommitTest, TryRepoFailsOnAStagedThreadStart) {
  Append("app.py", kThreadStart);
  Stage("app.py");
  CommandResult run = TryRepo("faaslint-system");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("Failed"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out;
}

TEST_F(PreCommitTest, TryRepoPassesACleanChange) {
  Append("app.py", kCleanRoute);
  Stage("app.py");
  CommandResult run = TryRepo("faaslint-system");
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_NE(run.out.find("Passed"), std::string::npos) << run.out;
}

TEST_F(PreCommitTest, VercelJsonTriggersTheHookAndMarkdownDoesNot) {
  tmp_.Write("project/vercel.json", "{\"version\": 2}\n");
  Stage("vercel.json");
  CommandResult json = TryRepo("faaslint-system");
  EXPECT_EQ(json.exit_code, 0) << json.out << json.err;
  EXPECT_NE(json.out.find("Passed"), std::string::npos) << json.out;
  Git(repo_, {"commit", "-q", "-m", "vercel.json"});

  Append("README.md", "more\n");
  Stage("README.md");
  CommandResult markdown = TryRepo("faaslint-system");
  EXPECT_EQ(markdown.exit_code, 0) << markdown.out << markdown.err;
  EXPECT_NE(markdown.out.find("Skipped"), std::string::npos) << markdown.out;
}

// A package removed from requirements.txt breaks `from flask import Flask` in app.py,
// which the commit leaves alone: the hook runs for requirements.txt and fails the commit.
TEST_F(PreCommitTest, CommitRemovingANeededRequirementFails) {
  InstallHook("faaslint-system");
  std::string before = CommitCount();
  tmp_.Write("project/requirements.txt", "");
  Stage("requirements.txt");
  CommandResult commit = Commit();
  EXPECT_EQ(commit.exit_code, 1) << commit.out << commit.err;
  EXPECT_NE((commit.out + commit.err).find("app.py:1:19: FL607 `flask` is imported, but requirements.txt does not "
                                           "declare it"),
            std::string::npos)
      << commit.out << commit.err;
  EXPECT_EQ(CommitCount(), before) << "the commit went through";
  // In CI, `pre-commit run --files requirements.txt` checks it whole.
  Git(repo_, {"commit", "-q", "--no-verify", "-m", "flask removed, without the hook"});
  CommandResult files = TryRepo("faaslint-system", {"--files", "requirements.txt"});
  EXPECT_EQ(files.exit_code, 1) << files.out << files.err;
  EXPECT_NE(files.out.find("app.py:1:19: FL607"), std::string::npos) << files.out;
}

// With an undeclared package from before (a check of app.py or requirements.txt would
// fail), a text file that declares no package does not run the hook, or runs it and passes.
TEST_F(PreCommitTest, CommitOfAnUnrelatedTextFileDoesNotRunAFailingCheck) {
  Append("app.py", "\nimport redis\n");
  testing::GitCommitAll(repo_, "redis, undeclared");
  ASSERT_EQ(testing::RunFaaslint({"check", "--all"}, repo_).exit_code, 1);
  InstallHook("faaslint-system");
  tmp_.Write("project/notes.txt", "to do\n");
  Stage("notes.txt");
  CommandResult notes = Commit();
  EXPECT_EQ(notes.exit_code, 0) << notes.out << notes.err;
  EXPECT_NE(notes.err.find("(no files to check)Skipped"), std::string::npos) << notes.out << notes.err;
  // requirements-dev.txt is a trigger by its name, but declares nothing Vercel installs.
  tmp_.Write("project/requirements-dev.txt", "pytest\n");
  Stage("requirements-dev.txt");
  ExpectCommittedWithHookPassed(Commit());
}

TEST_F(PreCommitTest, ProjectRulesSeeTheWholeProjectNotJustTheStagedFiles) {
  // A Vercel project: api/index.py (not staged) imports app.py, so app.py is function
  // code; worker.py runs elsewhere. pre-commit passes only the staged files, and the
  // deployment graph must still be built from the whole project.
  tmp_.Write("project/vercel.json", R"json({"rewrites": [{"source": "/(.*)", "destination": "/api/index"}]})json" "\n");
  tmp_.Write("project/api/index.py",
             "import os\nimport sys\n\nsys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))\n\n"
             "from app import app  # noqa: E402\n");
  tmp_.Write("project/worker.py", "import time\n\n\ndef index():\n    time.sleep(1)\n");
  testing::GitCommitAll(repo_, "a Vercel project");
  Append("app.py", kThreadStart);
  Append("worker.py", kThreadStart);
  Stage("app.py");
  Stage("worker.py");
  CommandResult run = TryRepo("faaslint-system");
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out;
  EXPECT_EQ(run.out.find("worker.py"), std::string::npos) << "worker.py is not deployed: " << run.out;
}

TEST_F(PreCommitTest, CommitOfAThreadStartFailsWithTheFinding) {
  InstallHook("faaslint-system");
  std::string before = CommitCount();
  Append("app.py", kThreadStart);
  Stage("app.py");
  CommandResult commit = Commit();
  EXPECT_EQ(commit.exit_code, 1) << commit.out << commit.err;
  EXPECT_NE((commit.out + commit.err).find("app.py:12:1: FL101"), std::string::npos) << commit.out << commit.err;
  EXPECT_EQ(CommitCount(), before) << "the commit went through";
}

TEST_F(PreCommitTest, CommitOfACleanChangePasses) {
  InstallHook("faaslint-system");
  std::string before = CommitCount();
  Append("app.py", kCleanRoute);
  Stage("app.py");
  ExpectCommittedWithHookPassed(Commit());
  EXPECT_NE(CommitCount(), before);
}

TEST_F(PreCommitTest, UnstagedBadLineDoesNotFailTheCommit) {
  InstallHook("faaslint-system");
  Append("app.py", kCleanRoute);
  Stage("app.py");
  Append("app.py", kThreadStart);  // in the working tree only
  ExpectCommittedWithHookPassed(Commit());
  EXPECT_EQ(Git(repo_, {"show", "HEAD:app.py"}), std::string(kCleanApp) + kCleanRoute);
  // pre-commit stashed the unstaged line during the hook and put it back.
  EXPECT_NE(tmp_.Read("project/app.py").find("threading.Thread"), std::string::npos);
}

TEST_F(PreCommitTest, CommitAllChecksTheWorkingTreeContent) {
  // `git commit -a` hands the hook a temporary index (GIT_INDEX_FILE) holding the
  // working tree's content; the unstaged thread start is part of this commit.
  InstallHook("faaslint-system");
  Append("app.py", kThreadStart);
  CommandResult commit = Commit({"-a"});
  EXPECT_EQ(commit.exit_code, 1) << commit.out << commit.err;
  EXPECT_NE((commit.out + commit.err).find("FL101"), std::string::npos) << commit.out << commit.err;
}

TEST_F(PreCommitTest, CommitAllChecksTheTemporaryIndexNotTheRealOne) {
  // The real index holds a thread start; the working tree replaced it with a clean
  // route. `git commit -a` commits the working tree: nothing to report.
  InstallHook("faaslint-system");
  Append("app.py", kThreadStart);
  Stage("app.py");
  tmp_.Write("project/app.py", std::string(kCleanApp) + kCleanRoute);
  ExpectCommittedWithHookPassed(Commit({"-a"}));
  EXPECT_EQ(Git(repo_, {"show", "HEAD:app.py"}), std::string(kCleanApp) + kCleanRoute);
}

TEST_F(PreCommitTest, LegacyViolationInAnUntouchedLineDoesNotFailTheCommit) {
  Append("app.py", kThreadStart);
  testing::GitCommitAll(repo_, "legacy code, before the hook");
  // The violation is real: a full check reports it.
  EXPECT_EQ(testing::RunFaaslint({"check", "--all", "app.py"}, repo_).exit_code, 1);

  InstallHook("faaslint-system");
  Append("app.py", kCleanRoute);
  Stage("app.py");
  ExpectCommittedWithHookPassed(Commit());
}

// `pre-commit run --all-files` (a CI job, pre-commit.ci) stages nothing: the hook checks
// the files pre-commit names whole, legacy code included, instead of reporting "Passed"
// for zero staged lines.
TEST_F(PreCommitTest, AllFilesChecksEveryNamedFileWhole) {
  CommandResult clean = TryRepo("faaslint-system", {"--all-files"});
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
  EXPECT_NE(clean.out.find("Passed"), std::string::npos) << clean.out;

  Append("app.py", kThreadStart);
  testing::GitCommitAll(repo_, "legacy code");
  CommandResult run = TryRepo("faaslint-system", {"--all-files"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("pre-commit named files with nothing staged"), std::string::npos) << run.out;
}

// `--files` checks the named files only, whole.
TEST_F(PreCommitTest, FilesChecksTheNamedFilesOnly) {
  Append("app.py", kThreadStart);
  tmp_.Write("project/clean.py", "x = 1\n");
  testing::GitCommitAll(repo_, "legacy code");
  CommandResult other = TryRepo("faaslint-system", {"--files", "clean.py"});
  EXPECT_EQ(other.exit_code, 0) << other.out << other.err;
  CommandResult named = TryRepo("faaslint-system", {"--files", "app.py"});
  EXPECT_EQ(named.exit_code, 1) << named.out << named.err;
  EXPECT_NE(named.out.find("app.py:12:1: FL101"), std::string::npos) << named.out;
}

// `--from-ref A --to-ref B` (what the pre-push stage passes): the lines changed since A.
TEST_F(PreCommitTest, FromRefToRefChecksTheLinesChangedSinceTheFromRef) {
  Append("app.py", kThreadStart);
  testing::GitCommitAll(repo_, "legacy code");
  Append("app.py", kCleanRoute);
  testing::GitCommitAll(repo_, "clean route");
  CommandResult clean = TryRepo("faaslint-system", {"--from-ref", "HEAD~1", "--to-ref", "HEAD"});
  EXPECT_EQ(clean.exit_code, 0) << "the legacy line is older than the from-ref: " << clean.out << clean.err;
  CommandResult run = TryRepo("faaslint-system", {"--from-ref", "HEAD~2", "--to-ref", "HEAD"});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("app.py:12:1: FL101"), std::string::npos) << run.out;
}

// The `faaslint` hook builds faaslint from the hook repository on first use and
// caches the binary; the second run reuses it. One test: the build takes a minute.
TEST_F(PreCommitTest, SelfBuildingHookBuildsOnceAndChecksTheStagedLines) {
  testing::CopyFromSource({"CMakeLists.txt", "cmake", "src", "scripts", "hooks"}, hooks_);
  testing::GitCommitAll(hooks_, "sources");
  // The grammar tarballs this build already fetched, so the test needs no network.
  std::filesystem::path grammars = std::filesystem::path(tmp_ / "home") / ".cache/faaslint/grammars";
  std::filesystem::create_directories(grammars);
  std::error_code ec;
  std::filesystem::copy(FAASLINT_GRAMMAR_CACHE_DIR, grammars, std::filesystem::copy_options::recursive, ec);
  // No faaslint on PATH: the hook must use the one it built.
  env_["PATH"] = "/usr/local/bin:/usr/bin:/bin";

  Append("app.py", kThreadStart);
  Stage("app.py");
  CommandResult first = TryRepo("faaslint");
  EXPECT_EQ(first.exit_code, 1) << first.out << first.err;
  EXPECT_NE(first.out.find("building it into"), std::string::npos) << first.out;
  EXPECT_NE(first.out.find("app.py:12:1: FL101"), std::string::npos) << first.out;

  Git(repo_, {"checkout", "-q", "--", "."});
  Git(repo_, {"reset", "-q", "--hard"});
  Append("app.py", kCleanRoute);
  Stage("app.py");
  CommandResult second = TryRepo("faaslint");
  EXPECT_EQ(second.exit_code, 0) << second.out << second.err;
  EXPECT_EQ(second.out.find("building"), std::string::npos) << "built twice: " << second.out;
}

}  // namespace
}  // namespace faaslint
