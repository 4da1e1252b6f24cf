// The command line as a user meets it: the real binary on real folders.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <filesystem>

#include "support/test_support.h"

namespace faaslint {
namespace {

using testing::RunFaaslint;
using testing::TempDir;

using testing::kThreadAtImport;

TEST(Cli, FindingsExitOneWithRuffShapedTextAndHelp) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  auto result = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("app.py:6:1: FL101 "), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("  help: "), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("\x1b["), std::string::npos) << "no colour when not a terminal";
}

TEST(Cli, CheckIsTheDefaultCommandAndCleanCodeExitsZero) {
  TempDir dir;
  dir.Write("app.py", "print('hello')\n");
  auto result = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_NE(result.out.find("All checks passed"), std::string::npos);
}

TEST(Cli, ExitZeroAndFailOnChangeTheExitStatusOnly) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  auto exit_zero = RunFaaslint({"--all", "--exit-zero"}, dir.path());
  EXPECT_EQ(exit_zero.exit_code, 0);
  EXPECT_NE(exit_zero.out.find("FL101"), std::string::npos);
  // FL101 is an error: --fail-on error still fails.
  EXPECT_EQ(RunFaaslint({"--all", "--fail-on", "error"}, dir.path()).exit_code, 1);
}

TEST(Cli, SelectAndIgnoreByPrefixOrName) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  EXPECT_EQ(RunFaaslint({"--all", "--select", "FL4"}, dir.path()).exit_code, 0);
  EXPECT_EQ(RunFaaslint({"--all", "--ignore", "FL1"}, dir.path()).exit_code, 0);
  EXPECT_EQ(RunFaaslint({"--all", "--ignore", "background-thread"}, dir.path()).exit_code, 0);
  EXPECT_EQ(RunFaaslint({"--all", "--select", "FL1,FL4"}, dir.path()).exit_code, 1);
  auto unknown = RunFaaslint({"--all", "--select", "FL999"}, dir.path());
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.err.find("unknown rule code 'FL999'"), std::string::npos) << unknown.err;
  for (const char* nothing : {"", ",", " "}) {
    auto empty = RunFaaslint({"--all", "--select", nothing}, dir.path());
    EXPECT_EQ(empty.exit_code, 2) << "--select '" << nothing << "': " << empty.out;
    EXPECT_NE(empty.err.find("--select names no rule"), std::string::npos) << empty.err;
  }
}

// ruff's habit: `check --select CODE FILE`. A list option takes one word per occurrence, so
// the file stays a PATH; repeated, the lists add up (the last one alone used to win).
TEST(Cli, ListOptionsTakeOneWordEachAndRepeat) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  dir.Write("other.py", kThreadAtImport);
  auto narrowed = RunFaaslint({"--all", "--select", "FL101", "app.py"}, dir.path());
  EXPECT_EQ(narrowed.exit_code, 1) << narrowed.err;
  EXPECT_NE(narrowed.out.find("app.py:6:1: FL101"), std::string::npos) << narrowed.out;
  EXPECT_EQ(narrowed.out.find("other.py"), std::string::npos) << narrowed.out;

  EXPECT_EQ(RunFaaslint({"--all", "--ignore", "FL1", "--ignore", "FL4"}, dir.path()).exit_code, 0);
  EXPECT_EQ(RunFaaslint({"--all", "--ignore", "FL4", "--ignore", "FL1"}, dir.path()).exit_code, 0);
  auto both = RunFaaslint({"--all", "--select", "FL4", "--select", "FL101", "other.py"}, dir.path());
  EXPECT_NE(both.out.find("other.py:6:1: FL101"), std::string::npos) << both.out;

  auto formats = RunFaaslint({"--all", "--format", "json:report.json", "--format", "text", "app.py"}, dir.path());
  EXPECT_NE(formats.out.find("app.py:6:1: FL101"), std::string::npos) << formats.out;
  EXPECT_NE(dir.Read("report.json").find("\"files_checked\": 1"), std::string::npos) << dir.Read("report.json");
}

TEST(Cli, UsageErrorsAreOneLineAndExitTwo) {
  TempDir dir;
  for (const std::vector<std::string>& args : std::vector<std::vector<std::string>>{
           {"--bogus"}, {"--all", "--staged"}, {"--format", "yaml"}, {"--fail-on", "fatal"}, {"rule", "FL000"},
           {"--format", "json:"}, {"--jobs", "0"}}) {
    auto result = RunFaaslint(args, dir.path());
    EXPECT_EQ(result.exit_code, 2) << args[0];
    EXPECT_TRUE(result.out.empty()) << args[0];
    ASSERT_FALSE(result.err.empty()) << args[0];
    EXPECT_EQ(result.err.find('\n'), result.err.size() - 1) << "one line: " << result.err;
    EXPECT_TRUE(result.err.starts_with("faaslint: ")) << result.err;
  }
}

TEST(Cli, HelpAndVersion) {
  TempDir dir;
  auto help = RunFaaslint({"--help"}, dir.path());
  EXPECT_EQ(help.exit_code, 0);
  for (const char* word : {"check", "rules", "rule"}) EXPECT_NE(help.out.find(word), std::string::npos) << word;
  auto check_help = RunFaaslint({"check", "--help"}, dir.path());
  for (const char* flag : {"--staged", "--base", "--all", "--format", "--config", "--no-config", "--select",
                           "--ignore", "--platform", "--plan", "--fail-on", "--exit-zero", "--jobs", "--quiet",
                           "--color"}) {
    EXPECT_NE(check_help.out.find(flag), std::string::npos) << flag;
  }
  // Each command's usage names the program, and its exit statuses are its own.
  EXPECT_NE(help.out.find("Usage: faaslint [OPTIONS] SUBCOMMAND"), std::string::npos) << help.out;
  EXPECT_NE(check_help.out.find("Usage: faaslint check [OPTIONS] [PATH...]"), std::string::npos) << check_help.out;
  EXPECT_NE(check_help.out.find("Exit status: 0 nothing at or above --fail-on, 1 findings"), std::string::npos);
  auto init_help = RunFaaslint({"init", "--help"}, dir.path());
  EXPECT_NE(init_help.out.find("1 a file exists with other content"), std::string::npos) << init_help.out;
  EXPECT_EQ(init_help.out.find("--fail-on"), std::string::npos) << init_help.out;
  auto version = RunFaaslint({"--version"}, dir.path());
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_TRUE(version.out.starts_with("faaslint ")) << version.out;
}

TEST(Cli, RulesListsEveryRuleAndRuleExplainsOne) {
  TempDir dir;
  auto rules = RunFaaslint({"rules"}, dir.path());
  EXPECT_EQ(rules.exit_code, 0);
  EXPECT_NE(rules.out.find("FL101  background-thread"), std::string::npos) << rules.out;
  for (const char* name : {"FL401", "unguarded-server-start", "fl401"}) {
    auto rule = RunFaaslint({"rule", name}, dir.path());
    EXPECT_EQ(rule.exit_code, 0) << name;
    EXPECT_NE(rule.out.find("## Why it fails on serverless"), std::string::npos) << name;
  }
}

TEST(Cli, NoqaSuppressesOnlyTheNamedCodes) {
  TempDir dir;
  dir.Write("a.py", "import threading\nthreading.Thread(target=print).start()  # noqa: FL101\n");
  dir.Write("b.py", "import threading\nthreading.Thread(target=print).start()  # noqa: FL401\n");
  auto result = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(result.out.find("a.py:2"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("b.py:2:1: FL101"), std::string::npos) << result.out;
}

TEST(Cli, ANoqaCodeThatNamesNoRuleGetsANoteOnItsLine) {
  TempDir dir;
  testing::GitInit(dir.path());
  dir.Write("typo.py", "import threading\nthreading.Thread(target=print).start()  # noqa: FL1O1\n");
  dir.Write("prefix.py", "import threading\n\nthreading.Thread(target=print).start()  # noqa: fl1\n");
  dir.Write("fine.py", "import threading\nthreading.Thread(target=print).start()  # noqa: E501, FL101, F401\n");
  auto result = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("typo.py:2:1: FL101"), std::string::npos) << "a typo suppresses nothing\n" << result.out;
  EXPECT_NE(result.err.find("typo.py:2: `# noqa: FL1O1` suppresses nothing: FL1O1 is no faaslint rule"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.err.find("prefix.py:3: `# noqa: FL1` suppresses nothing: FL1 is a code prefix: noqa takes "
                            "whole codes, such as FL101"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("fine.py"), std::string::npos) << "other linters' codes are theirs\n" << result.err;
  EXPECT_EQ(result.out.find("fine.py"), std::string::npos) << result.out;

  // A diff run speaks of the lines it checks only: the typo's line is not in the change.
  testing::GitCommitAll(dir.path(), "init");
  dir.Write("typo.py", "import threading\nthreading.Thread(target=print).start()  # noqa: FL1O1\nx = 1\n");
  auto diff = RunFaaslint({}, dir.path());
  EXPECT_EQ(diff.exit_code, 0) << diff.out;
  EXPECT_EQ(diff.err.find("noqa"), std::string::npos) << diff.err;
  auto quiet = RunFaaslint({"--all", "--quiet"}, dir.path());
  EXPECT_EQ(quiet.err.find("noqa"), std::string::npos) << "a note, so --quiet leaves it out\n" << quiet.err;
}

// FL202 as a user sees it: read-only SQLite URIs pass in every form that shows the
// `mode=ro`, and a message shows an unknown part of a path as "…", never as a gap.
TEST(Cli, ReadOnlyDatabaseUrisPassAndMessagesShowNoHoleInAPath) {
  TempDir dir;
  dir.Write("app.py",
            "import os\nimport sqlite3\n\nDB_PATH = os.path.join(os.path.dirname(__file__), 'geo.db')\n"
            "a = sqlite3.connect(f'file:{DB_PATH}?mode=ro', uri=True)\n"
            "b = sqlite3.connect('file:' + DB_PATH + '?mode=ro', uri=True)\n"
            "c = sqlite3.connect(f'file:{DB_PATH}?immutable=1', uri=True)\n"
            "\n\ndef open_user(name):\n    return sqlite3.connect('data/' + name + '.db')\n");
  auto result = RunFaaslint({"--all", "--select", "FL202", "--color", "never"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("app.py:11:12: FL202 `sqlite3.connect` keeps its database in `data/….db` (relative to "
                            "the working directory)"),
            std::string::npos)
      << result.out;
  EXPECT_NE(result.out.find("Found 1 finding"), std::string::npos) << result.out;
}

TEST(Cli, PathArgumentsNarrowTheCheck) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  dir.Write("scripts/worker.py", kThreadAtImport);
  auto result = RunFaaslint({"--all", "scripts"}, dir.path());
  EXPECT_NE(result.out.find("scripts/worker.py:6:1"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("app.py:6"), std::string::npos) << result.out;
  auto missing = RunFaaslint({"--all", "nope.py"}, dir.path());
  EXPECT_EQ(missing.exit_code, 2);
  EXPECT_NE(missing.err.find("nope.py: no such file or directory"), std::string::npos) << missing.err;
}

// `faaslint explain FL301` outside a repository: the mistyped subcommand is what is wrong,
// not the missing repository.
TEST(Cli, AMistypedSubcommandIsNamedAsAPathThatDoesNotExist) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  auto result = RunFaaslint({"explain", "FL301"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("explain: no such file or directory (`faaslint --help` lists the subcommands)"),
            std::string::npos)
      << result.err;
  EXPECT_EQ(result.err.find("not a git repository"), std::string::npos) << result.err;
}

TEST(Cli, ConfigurationIsDiscoveredUpwardAndErrorsNameFileAndLine) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  dir.Write(".faaslint.yaml", "ignore: [FL101]\n");
  dir.Write("sub/app.py", kThreadAtImport);
  EXPECT_EQ(RunFaaslint({"--all"}, dir / "sub").exit_code, 0);
  EXPECT_EQ(RunFaaslint({"--all", "--no-config"}, dir / "sub").exit_code, 1);

  dir.Write(".faaslint.yaml", "platform: vercel\nfail_on: error\n");
  auto bad = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find(".faaslint.yaml:2:1: unknown key 'fail_on' (did you mean 'fail-on'?)"), std::string::npos)
      << bad.err;
  dir.Write(".faaslint.yaml", "ignore: [FL999]\n");
  auto unknown_code = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(unknown_code.exit_code, 2);
  EXPECT_NE(unknown_code.err.find(".faaslint.yaml:1:"), std::string::npos) << unknown_code.err;
  EXPECT_NE(unknown_code.err.find("FL999"), std::string::npos) << unknown_code.err;
}

TEST(Cli, BinaryAndNonUtf8PythonFilesAreSkippedWithANote) {
  TempDir dir;
  dir.Write("blob.py", std::string("\x7f" "ELF\0\0\x01", 7));
  dir.Write("latin1.py", "name = 'caf\xe9'\n");
  dir.Write("app.py", kThreadAtImport);
  auto result = RunFaaslint({"--all"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << "the good file is still checked";
  EXPECT_NE(result.err.find("faaslint: blob.py: skipped: binary file"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("faaslint: latin1.py: skipped: not UTF-8 text (invalid byte on line 1)"),
            std::string::npos)
      << result.err;
  EXPECT_NE(result.out.find("app.py:6:1: FL101"), std::string::npos);
}

TEST(Cli, UnreadableFileIsAnErrorNamingIt) {
  TempDir dir;
  dir.Write("secret.py", "x = 1\n");
  chmod(dir.path().c_str(), 0755);
  chmod((dir / "secret.py").c_str(), 0);
  auto result = testing::RunFaaslintAsNobody({"--all"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find("secret.py: cannot read: Permission denied"), std::string::npos) << result.err;
}

TEST(Cli, ReportFilesAreWrittenWholeOrNotAtAll) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  auto result = RunFaaslint({"--all", "--format", "text", "--format", "text:out/report.txt"}, dir.path());
  EXPECT_EQ(result.exit_code, 2) << "the folder out/ does not exist";
  EXPECT_NE(result.err.find("out/report.txt"), std::string::npos) << result.err;
  EXPECT_FALSE(std::filesystem::exists(dir / "out/report.txt"));

  auto ok = RunFaaslint({"--all", "--format", "text:report.txt"}, dir.path());
  EXPECT_EQ(ok.exit_code, 1);
  EXPECT_TRUE(ok.out.empty()) << "only the file gets the report";
  EXPECT_NE(dir.Read("report.txt").find("app.py:6:1: FL101"), std::string::npos);
  for (const auto& entry : std::filesystem::directory_iterator(dir.path())) {
    EXPECT_EQ(entry.path().filename().string().find(".faaslint-"), std::string::npos) << "temporary file left";
  }
}

}  // namespace
}  // namespace faaslint
