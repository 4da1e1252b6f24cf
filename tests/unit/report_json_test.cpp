// The `json` format: parses, carries every field of every finding (it round-trips to
// the sample), and every key it (or sarif, gitlab) writes is documented.
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
using testing::ReportSample;

Location ParseLocation(const json& value) {
  return Location{value.at("path"),
                  Range{Position{value.at("start").at("line"), value.at("start").at("column")},
                        Position{value.at("end").at("line"), value.at("end").at("column")}}};
}

TEST(ReportJson, RoundTripsEveryFinding) {
  const json report = json::parse(Render(Format::kJson, ReportSample()));
  EXPECT_EQ(report["version"], 1);
  EXPECT_EQ(report["tool"], json({{"name", "faaslint"}, {"version", FAASLINT_VERSION}}));
  const json& findings = report["findings"];
  ASSERT_EQ(findings.size(), ReportSample().size());
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& expected = ReportSample()[i];
    const json& finding = findings[i];
    EXPECT_EQ(finding["code"], expected.code());
    EXPECT_EQ(finding["name"], expected.rule->name);
    EXPECT_EQ(ParseSeverity(finding["severity"].get<std::string>()), expected.severity());
    EXPECT_EQ(finding["message"], expected.message);
    EXPECT_EQ(finding["help"], expected.help);
    EXPECT_EQ(ParseLocation(finding["location"]), expected.location);
    std::vector<Location> related;
    for (const json& location : finding["related"]) related.push_back(ParseLocation(location));
    EXPECT_EQ(related, expected.related);
    EXPECT_TRUE(finding["fingerprint"].is_string());
  }
}

TEST(ReportJson, SummaryCountsBySeverity) {
  const json summary = json::parse(Render(Format::kJson, ReportSample()))["summary"];
  EXPECT_EQ(summary, json({{"files_checked", testing::kSampleFilesChecked},
                           {"findings", 7},
                           {"errors", 3},
                           {"warnings", 2},
                           {"notes", 2},
                           {"files_unimportable", 0}}));
  const json empty = json::parse(Render(Format::kJson, {}));
  EXPECT_EQ(empty["findings"], json::array());
  EXPECT_EQ(empty["summary"]["findings"], 0);
}

// Paths and source text in another encoding must not cost the report (nlohmann's
// dump() throws on invalid UTF-8 by default): every JSON format stays valid JSON.
TEST(ReportJsonFormats, InvalidUtf8StaysValidJson) {
  constexpr RuleInfo kRule{"FL101", "background-thread", Severity::kError, "thread", ""};
  Finding finding;
  finding.rule = &kRule;
  finding.location = Location{"caf\xe9/latin1\xff.py", Range{{1, 1}, {1, 2}}};
  finding.message = "bad \xc3( byte";
  finding.source_line = "x = '\xe9'";
  for (Format format : {Format::kJson, Format::kSarif, Format::kGitlab}) {
    std::string output;
    ASSERT_NO_THROW(output = Render(format, {finding})) << FormatName(format);
    const json parsed = json::parse(output, nullptr, false);
    EXPECT_FALSE(parsed.is_discarded()) << FormatName(format) << ": " << output;
    EXPECT_NE(output.find("\xef\xbf\xbd"), std::string::npos) << FormatName(format);
  }
}

void CollectKeys(const json& value, std::set<std::string>* keys) {
  if (value.is_object()) {
    for (const auto& [key, child] : value.items()) {
      keys->insert(key);
      CollectKeys(child, keys);
    }
  } else if (value.is_array()) {
    for (const json& child : value) CollectKeys(child, keys);
  }
}

// docs/output-formats.md is the schema users rely on: every key a format writes must
// appear there in backticks, alone or as part of a dotted path (`summary.errors`).
bool Documented(const std::string& docs, const std::string& key) {
  for (const char* before : {"`", "."}) {
    for (const char* after : {"`", ".", "["}) {
      if (docs.find(before + key + after) != std::string::npos) return true;
    }
  }
  return false;
}

TEST(ReportJsonFormats, EveryKeyIsDocumented) {
  const std::string docs = testing::ReadFile(std::string(FAASLINT_SOURCE_DIR) + "/docs/output-formats.md");
  ASSERT_FALSE(docs.empty());
  for (Format format : {Format::kJson, Format::kSarif, Format::kGitlab}) {
    std::set<std::string> keys;
    CollectKeys(json::parse(Render(format, ReportSample(), &rules::Registry::Get())), &keys);
    for (const std::string& key : keys) {
      EXPECT_TRUE(Documented(docs, key))
          << FormatName(format) << " writes `" << key << "`, which docs/output-formats.md does not mention";
    }
  }
}

}  // namespace
}  // namespace faaslint::report
