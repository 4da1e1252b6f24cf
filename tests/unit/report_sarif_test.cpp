// The `sarif` format: accepted by Microsoft's SARIF validator with GitHub's rules, and
// shaped the way GitHub code scanning needs it (single-line regions, stable rule
// indexes, root-relative percent-encoded URIs).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "core/rule_info.h"
#include "support/report_sample.h"
#include "support/test_support.h"

namespace faaslint::report {
namespace {

using nlohmann::json;
using testing::Render;
using testing::Describe;
using testing::ReportSample;
using testing::SarifProblem;
using testing::ValidateSarif;

class ReportSarifValidator : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::SarifMultitool().empty()) {
      GTEST_SKIP() << "SARIF validator not installed: run scripts/install-test-tools.sh build/_tools";
    }
  }
};

TEST_F(ReportSarifValidator, AcceptsTheSample) {
  const std::vector<SarifProblem> results = ValidateSarif(Render(Format::kSarif, ReportSample()));
  EXPECT_TRUE(results.empty()) << Describe(results);
}

TEST_F(ReportSarifValidator, AcceptsTheRegisteredRules) {
  // Every registered rule's explanation becomes SARIF help: all of them must pass.
  const std::vector<SarifProblem> results =
      ValidateSarif(Render(Format::kSarif, ReportSample(), &rules::Registry::Get()));
  EXPECT_TRUE(results.empty()) << Describe(results);
}

TEST_F(ReportSarifValidator, AcceptsNoFindings) {
  const std::vector<SarifProblem> results = ValidateSarif(Render(Format::kSarif, {}));
  EXPECT_TRUE(results.empty()) << Describe(results);
}

// Negative control: the harness does see errors when the validator reports them.
TEST_F(ReportSarifValidator, RejectsARuleWithoutHelpAndAnAbsoluteUri) {
  json sarif = json::parse(Render(Format::kSarif, ReportSample()));
  sarif["runs"][0]["tool"]["driver"]["rules"][0].erase("help");
  sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] = "/abs/x.py";
  std::set<std::string> errors;
  for (const SarifProblem& result : ValidateSarif(sarif.dump())) {
    if (result.level == "error") errors.insert(result.rule_id);
  }
  EXPECT_THAT(errors, ::testing::IsSupersetOf({"GH2012", "SARIF1004"}));
}

json SampleSarif(const rules::Registry* registry = nullptr) {
  return json::parse(Render(Format::kSarif, ReportSample(), registry));
}

TEST(ReportSarif, RegionsAreSingleLine) {
  const json run = SampleSarif()["runs"][0];
  size_t regions = 0;
  for (const json& result : run["results"]) {
    std::vector<json> locations(result["locations"].begin(), result["locations"].end());
    for (const json& related : result.value("relatedLocations", json::array())) locations.push_back(related);
    for (const json& location : locations) {
      const json& region = location["physicalLocation"]["region"];
      EXPECT_EQ(region["endLine"], region["startLine"]) << region.dump();
      if (region.contains("endColumn")) EXPECT_GE(region["endColumn"], region["startColumn"]);
      ++regions;
    }
  }
  EXPECT_EQ(regions, 10u);  // 7 findings + 3 related locations
}

TEST(ReportSarif, MultiLineRangeKeepsItsStartAndDropsTheEndColumn) {
  const json sarif = SampleSarif();
  for (const json& result : sarif["runs"][0]["results"]) {
    const json& location = result["locations"][0]["physicalLocation"];
    if (location["artifactLocation"]["uri"].get<std::string>().starts_with("src/")) {  // 5:5 to 7:2
      EXPECT_EQ(location["region"], json({{"startLine", 5}, {"startColumn", 5}, {"endLine", 5}}));
      return;
    }
  }
  FAIL() << "the multi-line finding is missing";
}

TEST(ReportSarif, EmptyRangeIsShownAsTheRestOfTheLine) {
  Finding finding = ReportSample()[0];
  finding.location.range = Range{{4, 3}, {4, 3}};
  const json sarif = json::parse(Render(Format::kSarif, {finding}));
  EXPECT_EQ(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"],
            json({{"startLine", 4}, {"startColumn", 3}, {"endLine", 4}}));
}

TEST(ReportSarif, RuleIndexPointsAtTheRuleAndEveryRegisteredRuleIsListed) {
  const rules::Registry& registry = rules::Registry::Get();
  const json run = SampleSarif(&registry)["runs"][0];
  const json& rules = run["tool"]["driver"]["rules"];
  // Registered rules first, in registry order, so indexes do not depend on findings.
  ASSERT_GE(rules.size(), registry.all().size());
  for (size_t i = 0; i < registry.all().size(); ++i) {
    EXPECT_EQ(rules[i]["id"], registry.all()[i].info->code);
  }
  std::set<std::string> ids;
  for (const json& rule : rules) {
    EXPECT_TRUE(ids.insert(rule["id"].get<std::string>()).second) << "duplicate rule " << rule["id"];
    for (const char* field : {"shortDescription", "fullDescription", "help", "helpUri", "defaultConfiguration"}) {
      EXPECT_TRUE(rule.contains(field)) << rule["id"] << " lacks " << field;
    }
  }
  ASSERT_EQ(run["results"].size(), ReportSample().size());
  for (const json& result : run["results"]) {
    EXPECT_EQ(rules[result["ruleIndex"].get<size_t>()]["id"], result["ruleId"]);
  }
}

TEST(ReportSarif, RuleHelpComesFromTheExplanation) {
  const json sarif = SampleSarif();
  const json& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  const json* thread = nullptr;
  const json* cwd = nullptr;
  for (const json& rule : rules) {
    if (rule["id"] == "FL101") thread = &rule;
    if (rule["id"] == "FL205") cwd = &rule;
  }
  ASSERT_TRUE(thread && cwd);
  EXPECT_THAT((*thread)["help"]["markdown"].get<std::string>(), ::testing::HasSubstr("## Why it fails on serverless"));
  EXPECT_EQ((*thread)["fullDescription"]["text"],
            "Finds threads started and never joined, such as `threading.Thread(...).start()`.");
  EXPECT_THAT((*thread)["helpUri"].get<std::string>(), ::testing::EndsWith("/blob/main/docs/rules/FL101.md"));
  EXPECT_EQ((*thread)["defaultConfiguration"]["level"], "error");
  // A rule without an explanation still has every field, from its summary.
  EXPECT_EQ((*cwd)["help"]["text"], (*cwd)["shortDescription"]["text"]);
  EXPECT_EQ((*cwd)["defaultConfiguration"]["level"], "note");
}

std::string PercentDecode(const std::string& text) {
  std::string decoded;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      decoded.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      decoded.push_back(text[i]);
    }
  }
  return decoded;
}

TEST(ReportSarif, UrisAreRootRelativeAndPercentEncoded) {
  const json run = SampleSarif()["runs"][0];
  EXPECT_EQ(run["originalUriBaseIds"]["%SRCROOT%"]["uri"],
            "file:///home/dev/my%20app/%C3%A9v%C3%A9nements/");
  EXPECT_EQ(run["columnKind"], "unicodeCodePoints");
  std::multiset<std::string> decoded;
  for (const json& result : run["results"]) {
    const json& artifact = result["locations"][0]["physicalLocation"]["artifactLocation"];
    const std::string uri = artifact["uri"];
    EXPECT_EQ(artifact["uriBaseId"], "%SRCROOT%");
    EXPECT_FALSE(uri.starts_with("/")) << uri;
    // Only unreserved characters, '/' and escapes: no scheme, query or fragment.
    EXPECT_EQ(uri.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%"),
              std::string::npos)
        << uri;
    decoded.insert(PercentDecode(uri));
  }
  std::multiset<std::string> paths;
  for (const Finding& finding : ReportSample()) paths.insert(finding.location.path);
  EXPECT_EQ(decoded, paths);
}

TEST(ReportSarif, ResultsCarryFingerprintsAndTheFixHint) {
  const json run = SampleSarif()["runs"][0];
  std::set<std::string> fingerprints;
  for (size_t i = 0; i < run["results"].size(); ++i) {
    const json& result = run["results"][i];
    const Finding& finding = ReportSample()[i];
    EXPECT_EQ(result["level"], SeverityName(finding.severity()));
    const std::string text = result["message"]["text"];
    EXPECT_THAT(text, ::testing::StartsWith(finding.message));
    if (!finding.help.empty()) EXPECT_THAT(text, ::testing::EndsWith("Help: " + finding.help));
    fingerprints.insert(result["partialFingerprints"]["primaryLocationLineHash"].get<std::string>());
  }
  EXPECT_EQ(fingerprints.size(), run["results"].size());
}

TEST(ReportSarif, NoFindingsStillListRegisteredRules) {
  const rules::Registry& registry = rules::Registry::Get();
  const json run = json::parse(Render(Format::kSarif, {}, &registry))["runs"][0];
  EXPECT_EQ(run["results"], json::array());
  EXPECT_EQ(run["tool"]["driver"]["rules"].size(), registry.all().size());
  EXPECT_EQ(run["tool"]["driver"]["name"], "faaslint");
  EXPECT_EQ(run["tool"]["driver"]["version"], FAASLINT_VERSION);
}

}  // namespace
}  // namespace faaslint::report
