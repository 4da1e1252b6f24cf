// The `text` format: ruff's shape for people, and safe to print into a CI job log or a
// terminal whatever the file names and messages contain.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <sstream>

#include "core/rule_info.h"
#include "support/report_sample.h"

namespace faaslint::report {
namespace {

using testing::ReportSample;

std::string RenderText(const std::vector<Finding>& findings, bool color, bool quiet = false) {
  static const rules::Registry empty{std::vector<rules::Rule>{}};
  EmitContext context{empty, testing::kSampleRoot};
  context.color = color;
  context.quiet = quiet;
  context.files_checked = 2;
  std::ostringstream out;
  Emit(Format::kText, findings, context, out);
  return out.str();
}

TEST(ReportText, RuffShapeWithHelpAndRelatedLines) {
  constexpr RuleInfo kRule{"FL101", "background-thread", Severity::kError, "thread", ""};
  Finding finding;
  finding.rule = &kRule;
  finding.location = Location{"api/index.py", Range{{3, 5}, {3, 9}}};
  finding.message = "thread started at import time";
  finding.help = "use a cron job";
  finding.related = {Location{"vercel.json", Range{{2, 3}, {2, 4}}}};
  EXPECT_EQ(RenderText({finding}, false),
            "api/index.py:3:5: FL101 thread started at import time\n"
            "  help: use a cron job\n"
            "  related: vercel.json:2:3\n"
            "Found 1 finding (1 error) in 2 files checked.\n");
  EXPECT_EQ(RenderText({}, false), "All checks passed (2 files checked).\n");
  // --quiet: the findings only.
  EXPECT_EQ(RenderText({finding}, false, true),
            "api/index.py:3:5: FL101 thread started at import time\n"
            "  help: use a cron job\n"
            "  related: vercel.json:2:3\n");
  EXPECT_EQ(RenderText({}, false, true), "");
}

TEST(ReportText, ColourOnlyWhenAsked) {
  EXPECT_THAT(RenderText(ReportSample(), true), ::testing::HasSubstr("\x1b[1;31mFL101\x1b[0m"));
  EXPECT_EQ(RenderText(ReportSample(), false).find('\x1b'), std::string::npos);
}

TEST(ReportText, NoLineCanBeAWorkflowCommandOrCarryControlBytes) {
  // The sample has a file named "::notice::root.py", one with a newline followed by
  // "::error", and messages with "::warning::" after a line break.
  const std::string text = RenderText(ReportSample(), false);
  std::stringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    const size_t first = line.find_first_not_of(" \t");
    EXPECT_NE(line.compare(first == std::string::npos ? line.size() : first, 2, "::"), 0) << line;
    for (unsigned char c : line) EXPECT_TRUE(c >= 0x20 || c == '\t') << "control byte in: " << line;
  }
  EXPECT_THAT(text, ::testing::HasSubstr("./::notice::root.py:4:1: FL205"));
  EXPECT_THAT(text, ::testing::HasSubstr("odd/new\\n::error file=x.py,line=1::pwned %0A.py:1:1: FL101"));
  EXPECT_THAT(text, ::testing::HasSubstr("FL101 ::warning::inject\n  | ::error::again\n"));
}

}  // namespace
}  // namespace faaslint::report
