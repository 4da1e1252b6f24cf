// The `gitlab` format: GitLab drops every entry after the first invalid one, so each
// entry must carry every required field, with a unique fingerprint and a known severity.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <set>

#include "core/rule_info.h"
#include "support/report_sample.h"

namespace faaslint::report {
namespace {

using nlohmann::json;
using testing::Render;
using testing::ReportSample;

TEST(ReportGitlab, EveryEntryHasTheRequiredFields) {
  const json report = json::parse(Render(Format::kGitlab, ReportSample()));
  ASSERT_TRUE(report.is_array());
  ASSERT_EQ(report.size(), ReportSample().size());
  std::set<std::string> fingerprints;
  for (size_t i = 0; i < report.size(); ++i) {
    const json& entry = report[i];
    const Finding& finding = ReportSample()[i];
    ASSERT_TRUE(entry["description"].is_string()) << entry.dump();
    EXPECT_FALSE(entry["description"].get<std::string>().empty());
    EXPECT_EQ(entry["check_name"], finding.code());
    ASSERT_TRUE(entry["fingerprint"].is_string());
    fingerprints.insert(entry["fingerprint"].get<std::string>());
    EXPECT_THAT(entry["severity"].get<std::string>(),
                ::testing::AnyOf("info", "minor", "major", "critical", "blocker"));
    EXPECT_EQ(entry["location"]["path"], finding.location.path);
    ASSERT_TRUE(entry["location"]["lines"]["begin"].is_number_unsigned());
    EXPECT_EQ(entry["location"]["lines"]["begin"], finding.location.range.start.line);
    EXPECT_GE(entry["location"]["lines"]["end"], entry["location"]["lines"]["begin"]);
  }
  EXPECT_EQ(fingerprints.size(), report.size()) << "fingerprints must be unique";
}

TEST(ReportGitlab, SeverityFollowsOurs) {
  const json report = json::parse(Render(Format::kGitlab, ReportSample()));
  for (size_t i = 0; i < report.size(); ++i) {
    const Severity severity = ReportSample()[i].severity();
    const char* expected = severity == Severity::kError ? "critical" : severity == Severity::kWarning ? "major" : "info";
    EXPECT_EQ(report[i]["severity"], expected);
  }
}

TEST(ReportGitlab, DescriptionNamesTheRuleAndTheFix) {
  const json report = json::parse(Render(Format::kGitlab, ReportSample()));
  const Finding& first = ReportSample()[1];  // api/index.py:3, FL101 with help
  ASSERT_EQ(first.location.path, "api/index.py");
  EXPECT_EQ(report[1]["description"],
            "FL101 background-thread: " + first.message + " (help: " + first.help + ")");
}

TEST(ReportGitlab, RangeEndingAtColumnOneEndsOnThePreviousLine) {
  const json report = json::parse(Render(Format::kGitlab, ReportSample()));
  for (const json& entry : report) {
    if (entry["location"]["path"].get<std::string>().starts_with("odd/new")) {  // 1:1 to 2:1
      EXPECT_EQ(entry["location"]["lines"], json({{"begin", 1}, {"end", 1}}));
    }
    if (entry["location"]["path"].get<std::string>().starts_with("src/")) {  // 5:5 to 7:2
      EXPECT_EQ(entry["location"]["lines"], json({{"begin", 5}, {"end", 7}}));
    }
  }
}

TEST(ReportGitlab, NoFindingsIsAnEmptyArray) { EXPECT_EQ(json::parse(Render(Format::kGitlab, {})), json::array()); }

}  // namespace
}  // namespace faaslint::report
