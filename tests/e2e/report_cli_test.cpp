// The report formats through the real binary: what a CI job gets from
// `faaslint check --format ...` on real files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>
#include <sstream>

#include "support/report_sample.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

using nlohmann::json;
using testing::RunFaaslint;
using testing::TempDir;

using testing::kThreadAtImport;

// A file name with a newline, "::", '%' and ',' that, printed unescaped, would add an
// annotation on evil.py.
constexpr const char* kHostileName = "x\n::error file=evil.py,line=1::pwned,100%25 %0A::y.py";

TEST(ReportCli, HostileFileNameCannotInjectAWorkflowCommand) {
  TempDir dir;
  dir.Write(kHostileName, kThreadAtImport);
  auto result = RunFaaslint({"check", "--all", "--format", "github"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  std::stringstream lines(result.out);
  int commands = 0;
  for (std::string line; std::getline(lines, line);) {
    const size_t first = line.find_first_not_of(" \t");
    ASSERT_EQ(line.compare(first == std::string::npos ? 0 : first, 2, "::"), 0) << "not a command: " << line;
    ++commands;
    // The property list ends at the first "::" after the command: no file=evil.py in it.
    const std::string properties = line.substr(2, line.find("::", 2) - 2);
    EXPECT_THAT(properties, ::testing::StartsWith("error file=x%0A%3A%3Aerror file=evil.py%2Cline=1%3A%3Apwned%2C100%2525"));
    EXPECT_THAT(properties, ::testing::EndsWith(",title=FL101 background-thread"));
  }
  EXPECT_EQ(commands, 1) << result.out;

  // Text output lands in job logs too: no line of it is a command either.
  auto text = RunFaaslint({"check", "--all", "--color", "never"}, dir.path());
  std::stringstream text_lines(text.out);
  for (std::string line; std::getline(text_lines, line);) {
    const size_t first = line.find_first_not_of(" \t");
    EXPECT_NE(line.compare(first == std::string::npos ? line.size() : first, 2, "::"), 0) << line;
  }
}

// `--format json:/dev/stdout` (here its /proc name, which a regression cannot replace
// on the test machine) writes into the descriptor: the JSON arrives on stdout, after
// the text report that was asked for first, and nothing is left beside the project.
TEST(ReportCli, AReportToADescriptorNameGoesToThatDescriptor) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  auto result = RunFaaslint({"check", "--all", "--format", "text", "--format", "json:/proc/self/fd/1"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const size_t start = result.out.find("\n{\n");
  ASSERT_NE(start, std::string::npos) << result.out;
  EXPECT_NE(result.out.substr(0, start).find("app.py:"), std::string::npos) << "the text report comes first";
  json report = json::parse(result.out.substr(start + 1), nullptr, false);
  ASSERT_FALSE(report.is_discarded()) << result.out;
  EXPECT_FALSE(report["findings"].empty());
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir.path()), std::filesystem::directory_iterator()), 1);
}

TEST(ReportCli, SarifOfTheBrokenExamplePassesTheValidator) {
  if (testing::SarifMultitool().empty()) {
    GTEST_SKIP() << "SARIF validator not installed: run scripts/install-test-tools.sh build/_tools";
  }
  TempDir dir;
  std::filesystem::copy(std::string(FAASLINT_SOURCE_DIR) + "/examples/broken-flask-app", dir.path(),
                        std::filesystem::copy_options::recursive);
  auto result = RunFaaslint({"check", "--all", "--format", "sarif:out.sarif", "--format", "gitlab:gl.json"},
                            dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  const std::string sarif = dir.Read("out.sarif");
  const std::vector<testing::SarifProblem> problems = testing::ValidateSarif(sarif);
  EXPECT_TRUE(problems.empty()) << testing::Describe(problems);
  const json parsed = json::parse(sarif);
  EXPECT_FALSE(parsed["runs"][0]["results"].empty());
  EXPECT_EQ(parsed["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"], "file://" + dir.path() + "/");

  const json gitlab = json::parse(dir.Read("gl.json"));
  EXPECT_EQ(gitlab.size(), parsed["runs"][0]["results"].size());
}

// A file Python will not import fails the run (exit 1) with no finding of a rule: every
// format a script or CI reads says which file and where, so a report of no findings
// does not come with a failed job and no cause (QA round 6). The SARIF carries it as a
// tool notification and still passes the validator.
TEST(ReportCli, FilesPythonWillNotImportAreInEveryMachineReadableFormat) {
  TempDir dir;
  dir.Write("app.py", "import os\nNAME = os.getenv('NAME', 'x')\n\n\ndef index(:\n    return NAME\n");
  dir.Write("ok.py", "x = 1\n");
  auto result = RunFaaslint({"check", "--all", "--format", "json:r.json", "--format", "sarif:r.sarif", "--format",
                             "github", "--format", "markdown:r.md", "--format", "gitlab:r.gl"},
                            dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;

  const json report = json::parse(dir.Read("r.json"));
  EXPECT_TRUE(report["findings"].empty());
  EXPECT_EQ(report["summary"]["files_unimportable"], 1);
  ASSERT_EQ(report["unimportable"].size(), 1u);
  EXPECT_EQ(report["unimportable"][0]["path"], "app.py");
  EXPECT_EQ(report["unimportable"][0]["line"], 5);
  EXPECT_EQ(report["unimportable"][0]["message"], "syntax error on line 5: checked as far as it parses");

  const json sarif = json::parse(dir.Read("r.sarif"));
  const json& notification = sarif["runs"][0]["invocations"][0]["toolExecutionNotifications"][0];
  EXPECT_EQ(notification["level"], "error");
  EXPECT_EQ(notification["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "app.py");
  EXPECT_EQ(notification["locations"][0]["physicalLocation"]["region"]["startLine"], 5);
  if (!testing::SarifMultitool().empty()) {
    const std::vector<testing::SarifProblem> problems = testing::ValidateSarif(dir.Read("r.sarif"));
    EXPECT_TRUE(problems.empty()) << testing::Describe(problems);
  }

  EXPECT_EQ(result.out,
            "::error file=app.py,line=5,title=Python will not import this file::syntax error on line 5: checked as "
            "far as it parses\n");
  EXPECT_NE(dir.Read("r.md").find("**Python will not import 1 file**, and the deployment fails on it:\n\n"
                                  "- app.py:5: syntax error on line 5: checked as far as it parses\n"),
            std::string::npos)
      << dir.Read("r.md");
  EXPECT_EQ(dir.Read("r.md").find("all checks passed"), std::string::npos);

  const json gitlab = json::parse(dir.Read("r.gl"));
  ASSERT_EQ(gitlab.size(), 1u);
  EXPECT_EQ(gitlab[0]["check_name"], "unimportable-file");
  EXPECT_EQ(gitlab[0]["severity"], "blocker");
  EXPECT_EQ(gitlab[0]["location"]["path"], "app.py");
  EXPECT_EQ(gitlab[0]["location"]["lines"]["begin"], 5);
  EXPECT_TRUE(gitlab[0]["fingerprint"].get<std::string>().starts_with("unimportable:"));

  // Fixed: nothing of it is left in any format.
  dir.Write("app.py", "import os\nNAME = os.getenv('NAME', 'x')\n");
  auto fixed = RunFaaslint({"check", "--all", "--format", "json:r.json", "--format", "sarif:r.sarif"}, dir.path());
  EXPECT_EQ(fixed.exit_code, 0) << fixed.err;
  EXPECT_TRUE(json::parse(dir.Read("r.json"))["unimportable"].empty());
  EXPECT_FALSE(json::parse(dir.Read("r.sarif"))["runs"][0].contains("invocations"));
}

}  // namespace
}  // namespace faaslint
