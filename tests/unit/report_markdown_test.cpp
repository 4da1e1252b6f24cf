// The `markdown` format: a table that no message or file name can break, and a count
// per rule, for $GITHUB_STEP_SUMMARY and merge-request notes.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <sstream>

#include "support/report_sample.h"

namespace faaslint::report {
namespace {

using testing::Render;
using testing::ReportSample;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::stringstream stream(text);
  for (std::string line; std::getline(stream, line);) lines.push_back(line);
  return lines;
}

// Cells of a GFM table row: split at '|' not preceded by a backslash.
std::vector<std::string> Cells(const std::string& row) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cell += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      cells.push_back(cell);
      cell.clear();
    } else {
      cell.push_back(row[i]);
    }
  }
  cells.push_back(cell);
  // "| a | b |" splits into "", " a ", " b ", "": drop the outer two.
  return std::vector<std::string>(cells.begin() + 1, cells.end() - 1);
}

// The table whose header starts with `header`: its body rows, split into cells.
std::vector<std::vector<std::string>> Table(const std::string& markdown, const std::string& header) {
  std::vector<std::vector<std::string>> rows;
  const std::vector<std::string> lines = Lines(markdown);
  auto it = std::find_if(lines.begin(), lines.end(), [&](const std::string& l) { return l.starts_with(header); });
  if (it == lines.end()) return rows;
  for (it += 2; it != lines.end() && it->starts_with("|"); ++it) rows.push_back(Cells(*it));
  return rows;
}

TEST(ReportMarkdown, OneIntactRowPerFinding) {
  const std::string markdown = Render(Format::kMarkdown, ReportSample());
  const auto rows = Table(markdown, "| Severity | Location | Rule | Message |");
  ASSERT_EQ(rows.size(), ReportSample().size()) << markdown;
  for (size_t i = 0; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 4u) << "row " << i << " was split by its content";
    EXPECT_EQ(rows[i][0], " " + std::string(SeverityName(ReportSample()[i].severity())) + " ");
    EXPECT_THAT(rows[i][2], ::testing::HasSubstr(std::string(ReportSample()[i].code())));
  }
}

TEST(ReportMarkdown, ContentCannotInjectMarkupOrCommands) {
  const std::string markdown = Render(Format::kMarkdown, ReportSample());
  for (const std::string& line : Lines(markdown)) {
    const std::string trimmed = line.substr(std::min(line.size(), line.find_first_not_of(" \t")));
    EXPECT_FALSE(trimmed.starts_with("::")) << line;  // also safe if printed to a job log
  }
  // The sample's <script>, backticks, '|' and @mention arrive escaped.
  EXPECT_THAT(markdown, ::testing::HasSubstr("\\<script\\>alert(1)\\</script\\>"));
  EXPECT_THAT(markdown, ::testing::HasSubstr("\\@app.route"));
  EXPECT_THAT(markdown, ::testing::HasSubstr("odd/a,b:c%d\\|e\\`f.py:2:14"));
  EXPECT_THAT(markdown, ::testing::Not(::testing::HasSubstr("<script>")));
  // Line breaks inside a message become <br>, so the row stays one line.
  EXPECT_THAT(markdown, ::testing::HasSubstr("requests.get(url) has no timeout<br>line two"));
}

// A message's code spans show as code; what is inside them is escaped like the rest.
TEST(ReportMarkdown, CodeSpansOfAMessageShowAsCodeAndStayEscaped) {
  Finding finding = ReportSample()[0];
  finding.message = "`a | b <i>` is read at import time";
  finding.help = "";
  std::string markdown = Render(Format::kMarkdown, {finding});
  EXPECT_THAT(markdown, ::testing::HasSubstr("| <code>a \\| b \\<i\\></code> is read at import time |"));
  ASSERT_EQ(Table(markdown, "| Severity | Location | Rule | Message |")[0].size(), 4u) << markdown;
  // A backtick from the source leaves them unbalanced: all of it is escaped text.
  finding.message = "`x = \"`\"` is odd";
  markdown = Render(Format::kMarkdown, {finding});
  EXPECT_THAT(markdown, ::testing::HasSubstr("\\`x = \"\\`\"\\` is odd"));
  EXPECT_EQ(markdown.find("<code>"), std::string::npos) << markdown;
}

TEST(ReportMarkdown, ControlBytesAreShownNotPassedOn) {
  Finding finding = ReportSample()[0];
  finding.message = "red \x1b[31mtext\x07";
  const std::string markdown = Render(Format::kMarkdown, {finding});
  EXPECT_EQ(markdown.find('\x1b'), std::string::npos);
  EXPECT_THAT(markdown, ::testing::HasSubstr("red \\x1B\\[31mtext\\x07"));
}

TEST(ReportMarkdown, CountsPerRule) {
  const std::string markdown = Render(Format::kMarkdown, ReportSample());
  EXPECT_THAT(markdown, ::testing::HasSubstr("7 findings (3 errors, 2 warnings, 2 notes) in 7 files checked."));
  std::map<std::string, std::string> counts;
  for (const auto& row : Table(markdown, "| Rule | Name | Severity | Count |")) {
    ASSERT_EQ(row.size(), 4u);
    counts[row[0]] = row[3];
  }
  EXPECT_EQ(counts, (std::map<std::string, std::string>{{" FL101 ", " 3 "}, {" FL205 ", " 2 "}, {" FL403 ", " 2 "}}));
}

TEST(ReportMarkdown, NoFindingsSaysSoInOneLine) {
  const std::string markdown = Render(Format::kMarkdown, {});
  EXPECT_THAT(markdown, ::testing::HasSubstr("No findings: all checks passed (7 files checked)."));
  EXPECT_THAT(markdown, ::testing::Not(::testing::HasSubstr("|")));
}

}  // namespace
}  // namespace faaslint::report
