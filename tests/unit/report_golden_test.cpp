// Every format renders the shared sample (tests/support/report_sample.h) and must match
// its golden file in tests/fixtures/report/. To accept a deliberate change, run
//   FAASLINT_UPDATE_GOLDEN=1 ./build/tests/faaslint_tests --gtest_filter='*ReportGolden*'
// and review the diff of the goldens.
#include <gtest/gtest.h>

#include "support/report_sample.h"

namespace faaslint::report {
namespace {

using testing::ExpectMatchesGolden;
using testing::Render;
using testing::ReportSample;

struct GoldenCase {
  Format format;
  const char* sample_file;
  const char* empty_file;
};

class ReportGolden : public ::testing::TestWithParam<GoldenCase> {};

TEST_P(ReportGolden, SampleMatchesGolden) {
  ExpectMatchesGolden(GetParam().sample_file, Render(GetParam().format, ReportSample()));
}

TEST_P(ReportGolden, NoFindingsMatchesGolden) {
  ExpectMatchesGolden(GetParam().empty_file, Render(GetParam().format, {}));
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, ReportGolden,
    ::testing::Values(GoldenCase{Format::kText, "sample.txt", "empty.txt"},
                      GoldenCase{Format::kJson, "sample.json", "empty.json"},
                      GoldenCase{Format::kSarif, "sample.sarif.json", "empty.sarif.json"},
                      GoldenCase{Format::kGithub, "sample.github.txt", "empty.github.txt"},
                      GoldenCase{Format::kGitlab, "sample.gitlab.json", "empty.gitlab.json"},
                      GoldenCase{Format::kMarkdown, "sample.md", "empty.md"}),
    [](const ::testing::TestParamInfo<GoldenCase>& info) {
      return std::string(FormatName(info.param.format));
    });

TEST(ReportFormats, NamesRoundTrip) {
  for (Format format : {Format::kText, Format::kJson, Format::kSarif, Format::kGithub, Format::kGitlab,
                        Format::kMarkdown}) {
    EXPECT_EQ(ParseFormat(FormatName(format)), format);
  }
  EXPECT_EQ(ParseFormat("SARIF"), std::nullopt);
  EXPECT_EQ(ParseFormat("codeclimate"), std::nullopt);
}

}  // namespace
}  // namespace faaslint::report
