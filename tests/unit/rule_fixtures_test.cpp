// Every rule is tested by fixtures beside each other in tests/fixtures/rules/:
//   FL101.py, FL101_aliases.py ...: each line that must report ends in `# expect: FL101`
//     (several codes: `# expect: FL101, FL103`); every other line must stay clean.
//   FL605_name/ (a folder): a small project; its expect.txt lists `path:line CODE` lines.
// Each fixture runs through the real pipeline (parse -> rules -> noqa) with only the
// rule of its name enabled, and the expected and reported (line, code) sets must match.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "lint/lint.h"
#include "rules/registry.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;

std::string FixturesDir() { return std::string(FAASLINT_FIXTURES_DIR) + "/rules"; }

std::vector<std::string> FixtureNames() {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(FixturesDir())) {
    std::string name = entry.path().filename().string();
    if (name.starts_with("FL")) names.push_back(name);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string CodeOf(const std::string& fixture) { return fixture.substr(0, 5); }

using Expectations = std::set<std::string>;  // "path:line CODE"

Expectations ExpectedFromMarkers(const std::string& path, const std::string& shown_as) {
  Expectations expected;
  std::ifstream in(path);
  std::string line;
  static const std::regex marker(R"(# expect: ([A-Z0-9, ]+)\s*$)");
  for (uint32_t number = 1; std::getline(in, line); ++number) {
    std::smatch match;
    if (!std::regex_search(line, match, marker)) continue;
    std::stringstream codes(match[1].str());
    std::string code;
    while (std::getline(codes, code, ',')) {
      code.erase(std::remove(code.begin(), code.end(), ' '), code.end());
      if (!code.empty()) expected.insert(shown_as + ":" + std::to_string(number) + " " + code);
    }
  }
  return expected;
}

Expectations ExpectedFromFile(const std::string& path) {
  Expectations expected;
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line[0] != '#') expected.insert(line);
  }
  return expected;
}

Expectations Reported(const std::string& root, const std::string& code) {
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(root, &error);
  EXPECT_TRUE(changes.snapshot) << error;
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.filter.enabled = [code](std::string_view candidate) { return candidate == code; };
  lint::LintResult result = lint::Lint(changes, options, rules::Registry::Get());
  Expectations reported;
  for (const Finding& finding : result.findings) {
    reported.insert(finding.location.path + ":" + std::to_string(finding.location.range.start.line) + " " +
                    std::string(finding.code()));
  }
  return reported;
}

class RuleFixture : public ::testing::TestWithParam<std::string> {};

TEST_P(RuleFixture, ReportsExactlyTheMarkedLines) {
  const std::string name = GetParam();
  const std::string code = CodeOf(name);
  ASSERT_NE(rules::Registry::Get().Find(code), nullptr) << "no rule registered for fixture " << name;
  fs::path fixture = fs::path(FixturesDir()) / name;
  Expectations expected, reported;
  if (fs::is_directory(fixture)) {
    expected = ExpectedFromFile((fixture / "expect.txt").string());
    reported = Reported(fixture.string(), code);
  } else {
    testing::TempDir dir;
    fs::copy_file(fixture, fs::path(dir.path()) / name);
    expected = ExpectedFromMarkers(fixture.string(), name);
    reported = Reported(dir.path(), code);
  }
  for (const std::string& missing : expected) {
    EXPECT_TRUE(reported.count(missing)) << "not reported (false negative): " << missing;
  }
  for (const std::string& extra : reported) {
    EXPECT_TRUE(expected.count(extra)) << "reported but not expected (false positive): " << extra;
  }
}

INSTANTIATE_TEST_SUITE_P(Rules, RuleFixture, ::testing::ValuesIn(FixtureNames()),
                         [](const auto& info) {
                           std::string name = info.param;
                           for (char& c : name) if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           return name;
                         });

// A rule's `findings_in` decides what its documentation says about suppressing a finding
// (`# noqa` or the configuration): it must name the file its fixtures' findings are in.
void ExpectFindingsInWhereTheFixturesReport(const RuleInfo& info) {
  const std::string code(info.code);
  for (const std::string& fixture : FixtureNames()) {
    fs::path path = fs::path(FixturesDir()) / fixture;
    if (CodeOf(fixture) != code || !fs::is_directory(path)) continue;
    for (const std::string& expected : ExpectedFromFile((path / "expect.txt").string())) {
      const bool in_vercel_json = expected.starts_with("vercel.json:");
      EXPECT_EQ(info.findings_in == FindingsIn::kVercelJson, in_vercel_json)
          << code << " reports `" << expected << "` (" << fixture << "), but its RuleInfo says its findings are in "
          << (info.findings_in == FindingsIn::kVercelJson ? "vercel.json" : "Python files");
    }
  }
}

// Meta-tests: every rule documents itself and has fixtures that prove both ways.
TEST(RuleCatalogue, EveryRuleHasDocsAndFixturesWithHitsAndCleanLines) {
  std::set<std::string> codes, names;
  for (const rules::Rule& rule : rules::Registry::Get().all()) {
    const RuleInfo& info = *rule.info;
    std::string code(info.code);
    EXPECT_TRUE(codes.insert(code).second) << "duplicate code " << code;
    EXPECT_TRUE(names.insert(std::string(info.name)).second) << "duplicate name " << info.name;
    EXPECT_TRUE(std::regex_match(code, std::regex("FL[1-7][0-9][0-9]"))) << code;
    EXPECT_TRUE(std::regex_match(std::string(info.name), std::regex("[a-z]+(-[a-z]+)*"))) << info.name;
    for (const char* heading : {"## What it does", "## Why it fails on serverless", "## Example", "## Instead"}) {
      EXPECT_NE(info.explanation.find(heading), std::string_view::npos) << code << " lacks " << heading;
    }
    EXPECT_FALSE(info.summary.empty()) << code;

    size_t hits = 0, clean = 0;
    for (const std::string& fixture : FixtureNames()) {
      if (CodeOf(fixture) != code) continue;
      fs::path path = fs::path(FixturesDir()) / fixture;
      if (fs::is_directory(path)) {
        size_t expected = ExpectedFromFile((path / "expect.txt").string()).size();
        hits += expected;
        clean += expected == 0 ? 1 : 0;  // a project folder that must stay clean
        clean += fs::exists(path / "clean.txt") ? 1 : 0;
        continue;
      }
      size_t expected = ExpectedFromMarkers(path.string(), fixture).size();
      hits += expected;
      std::string text = testing::ReadFile(path.string());
      clean += text.find("# ok") != std::string::npos ? 1 : 0;
    }
    EXPECT_GT(hits, 0u) << code << ": no fixture line that must report";
    ExpectFindingsInWhereTheFixturesReport(info);
    EXPECT_GT(clean, 0u) << code << ": no fixture part that must stay clean (`# ok` section)";
  }
}

}  // namespace
}  // namespace faaslint
