#include "support/report_sample.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/rule_info.h"
#include "support/test_support.h"

namespace faaslint::testing {
namespace {

constexpr RuleInfo kThread{
    "FL101", "background-thread", Severity::kError, "a thread that outlives the request",
    "## What it does\n"
    "Finds threads started and never joined, such as `threading.Thread(...).start()`.\n\n"
    "## Why it fails on serverless\n"
    "The platform freezes the function after the response: 100% of the thread's work stops.\n\n"
    "## Example\n"
    "```python\nthreading.Thread(target=check_events, daemon=True).start()\n```\n\n"
    "## Instead\n"
    "Call the work from a cron endpoint | see `crons` in vercel.json.\n"};

constexpr RuleInfo kTimeout{
    "FL403", "missing-timeout", Severity::kWarning, "outbound call without a timeout",
    "## What it does\nFinds HTTP calls without `timeout=`.\n\n"
    "## Why it fails on serverless\nA hung call uses the whole maxDuration.\n\n"
    "## Example\n```python\nrequests.get(url)\n```\n\n"
    "## Instead\n```python\nrequests.get(url, timeout=5)\n```\n"};

// No explanation: formats fall back to the summary.
constexpr RuleInfo kCwd{"FL205", "cwd-relative-path", Severity::kNote,
                        "file read by a path relative to the working directory", ""};

Finding Make(const RuleInfo& rule, std::string path, Range range, std::string message, std::string help,
             std::string source_line, std::vector<Location> related = {}) {
  Finding finding;
  finding.rule = &rule;
  finding.location = Location{std::move(path), range};
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.source_line = std::move(source_line);
  finding.related = std::move(related);
  return finding;
}

Range R(uint32_t line, uint32_t column, uint32_t end_line, uint32_t end_column) {
  return Range{Position{line, column}, Position{end_line, end_column}};
}

std::vector<Finding> BuildSample() {
  std::vector<Finding> findings;
  // Two findings on the same text (re-indented): fingerprints differ by occurrence.
  findings.push_back(Make(kThread, "api/index.py", R(3, 1, 3, 59),
                          "`threading.Thread` started at import time: 100% of cold starts pay for it",
                          "move the work to a cron endpoint, e.g. /api/cron: see `crons`, vercel.json",
                          "threading.Thread(target=check_events, daemon=True).start()",
                          {Location{"api/jobs.py", R(10, 5, 10, 20)}}));
  findings.push_back(Make(kThread, "api/index.py", R(9, 5, 9, 63),
                          "`threading.Thread` started at import time: 100% of cold starts pay for it",
                          "move the work to a cron endpoint, e.g. /api/cron: see `crons`, vercel.json",
                          "    threading.Thread(target=check_events, daemon=True).start()"));
  findings.push_back(Make(kCwd, "api/index.py", R(12, 8, 12, 32),
                          "relative path 'data/events.json' depends on the working directory", "",
                          "data = open('data/events.json').read()"));
  // Multi-line range, newlines (LF and CRLF) and unicode in the message and the path.
  findings.push_back(Make(kTimeout, "src/wéird dir/ünïcødé 文件.py", R(5, 5, 7, 2),
                          "requests.get(url) has no timeout\nline two ✓ 🚀\r\nthird: a,b",
                          "pass timeout=10 | shorter than maxDuration", "    r = requests.get(",
                          {Location{"api/index.py", R(3, 1, 3, 10)}, Location{"vercel.json", R(4, 3, 4, 20)}}));
  // Markdown, HTML and table syntax in a message; ',', ':', '%', '|' and '`' in a path.
  findings.push_back(Make(kTimeout, "odd/a,b:c%d|e`f.py", R(2, 14, 2, 20),
                          "<script>alert(1)</script> *bold* [link](http://x) @app.route $x$ & ok",
                          "use `requests.get(url, timeout=5)`", "x = requests.get(url)"));
  // A file name that tries to end the annotation and start a second workflow command,
  // and a range that ends at column 1 of the next line.
  findings.push_back(Make(kThread, "odd/new\n::error file=x.py,line=1::pwned %0A.py", R(1, 1, 2, 1),
                          "::warning::inject\r\n::error::again", "100%", "t.start()"));
  // A file name that is itself a workflow command when printed at a line start.
  findings.push_back(Make(kCwd, "::notice::root.py", R(4, 1, 4, 5), "relative path", "", "open('x')"));
  std::sort(findings.begin(), findings.end(), FindingLess);
  return findings;
}

void ReplaceAll(std::string* text, std::string_view from, std::string_view to) {
  for (size_t at = text->find(from); at != std::string::npos; at = text->find(from, at + to.size())) {
    text->replace(at, from.size(), to);
  }
}

}  // namespace

const std::vector<Finding>& ReportSample() {
  static const std::vector<Finding> sample = BuildSample();
  return sample;
}

std::string Render(report::Format format, const std::vector<Finding>& findings,
                   const rules::Registry* registry) {
  static const rules::Registry empty{std::vector<rules::Rule>{}};
  report::EmitContext context{registry ? *registry : empty, kSampleRoot};
  context.files_checked = kSampleFilesChecked;
  std::ostringstream out;
  report::Emit(format, findings, context, out);
  return out.str();
}

void ExpectMatchesGolden(const std::string& name, const std::string& actual) {
  std::string redacted = actual;
  ReplaceAll(&redacted, FAASLINT_REPOSITORY_URL, "{{repository}}");
  ReplaceAll(&redacted, FAASLINT_VERSION, "{{version}}");
  const std::string path = std::string(FAASLINT_FIXTURES_DIR) + "/report/" + name;
  const char* update = std::getenv("FAASLINT_UPDATE_GOLDEN");
  if (update != nullptr && std::string(update) == "1") {
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    std::ofstream(path, std::ios::binary) << redacted;
    return;
  }
  ASSERT_TRUE(std::filesystem::exists(path))
      << path << " is missing; run with FAASLINT_UPDATE_GOLDEN=1 to create it";
  EXPECT_EQ(redacted, ReadFile(path))
      << "output differs from " << path << "; if the change is intended, rerun with "
      << "FAASLINT_UPDATE_GOLDEN=1 and review the diff";
}

std::string SarifMultitool() {
  const std::string tools = ToolsDir();
  if (tools.empty()) return {};
  const std::string path = tools + "/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool";
  std::error_code ec;
  return std::filesystem::exists(path, ec) ? path : std::string();
}

std::vector<SarifProblem> ValidateSarif(const std::string& sarif) {
  using nlohmann::json;
  TempDir dir;
  dir.Write("in.sarif", sarif);
  CommandResult run = Run({SarifMultitool(), "validate", dir / "in.sarif", "--rule-kind", "Gh;Sarif", "--level",
                           "Error;Warning", "--output", dir / "log.sarif", "--log", "ForceOverwrite"},
                          dir.path());
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  const json log = json::parse(dir.Read("log.sarif"), nullptr, false);
  EXPECT_FALSE(log.is_discarded()) << "validator wrote no log: " << run.out << run.err;
  std::vector<SarifProblem> problems;
  if (log.is_discarded()) return problems;
  for (const json& invocation : log["runs"][0].value("invocations", json::array())) {
    EXPECT_TRUE(invocation.value("executionSuccessful", false)) << invocation.dump(2);
  }
  for (const json& result : log["runs"][0].value("results", json::array())) {
    problems.push_back(SarifProblem{result.value("ruleId", ""), result.value("level", "warning"), result.dump()});
  }
  return problems;
}

std::string Describe(const std::vector<SarifProblem>& problems) {
  std::string text;
  for (const SarifProblem& problem : problems) text += problem.level + " " + problem.json + "\n";
  return text;
}

}  // namespace faaslint::testing
