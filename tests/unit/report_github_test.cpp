// The `github` format: one workflow command per finding, errors first, and no file
// name or message able to end a command early or start another.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <set>
#include <sstream>

#include "core/change_set.h"
#include "core/rule_info.h"
#include "support/report_sample.h"
#include "support/test_support.h"

namespace faaslint::report {
namespace {

using testing::Render;
using testing::ReportSample;

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  for (size_t at = text.find('\n'); at != std::string::npos; at = text.find('\n', start)) {
    lines.push_back(text.substr(start, at - start));
    start = at + 1;
  }
  EXPECT_EQ(start, text.size()) << "output does not end with a newline";
  return lines;
}

// The reverse of @actions/core's escapeProperty/escapeData, as the runner decodes.
std::string Unescape(std::string text) {
  for (auto [from, to] : {std::pair<std::string, std::string>{"%0D", "\r"}, {"%0A", "\n"}, {"%3A", ":"},
                          {"%2C", ","}, {"%25", "%"}}) {
    for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
      text.replace(at, from.size(), to);
    }
  }
  return text;
}

struct Command {
  std::string name;
  std::map<std::string, std::string> properties;  // unescaped
  std::string message;                            // unescaped
};

// Parses a line as the Actions runner does: after optional leading blanks, "::", the
// command and properties up to the next "::", then the message.
std::optional<Command> ParseCommand(const std::string& line) {
  const size_t begin = line.find_first_not_of(" \t");
  if (begin == std::string::npos || line.compare(begin, 2, "::") != 0) return std::nullopt;
  const size_t end = line.find("::", begin + 2);
  if (end == std::string::npos) return std::nullopt;
  const std::string info = line.substr(begin + 2, end - begin - 2);
  Command command;
  const size_t space = info.find(' ');
  command.name = info.substr(0, space);
  if (space != std::string::npos) {
    std::stringstream properties(info.substr(space + 1));
    std::string pair;
    while (std::getline(properties, pair, ',')) {
      const size_t equals = pair.find('=');
      if (equals == std::string::npos) return std::nullopt;
      command.properties[pair.substr(0, equals)] = Unescape(pair.substr(equals + 1));
    }
  }
  command.message = Unescape(line.substr(end + 2));
  return command;
}

TEST(ReportGithub, EveryLineIsOneCommandThatDecodesToItsFinding) {
  const std::vector<Finding>& sample = ReportSample();
  const std::vector<std::string> lines = Lines(Render(Format::kGithub, sample));
  ASSERT_EQ(lines.size(), sample.size());
  std::multiset<std::string> files_in_output;
  for (const std::string& line : lines) {
    std::optional<Command> command = ParseCommand(line);
    ASSERT_TRUE(command) << line;
    EXPECT_THAT(command->name, ::testing::AnyOf("error", "warning", "notice"));
    // The property list cannot contain a second "::" (it ends at the first one).
    for (const auto& [key, value] : command->properties) {
      EXPECT_THAT(key, ::testing::AnyOf("file", "line", "col", "endColumn", "title")) << line;
    }
    files_in_output.insert(command->properties["file"]);
  }
  std::multiset<std::string> files_in_sample;
  for (const Finding& finding : sample) files_in_sample.insert(finding.location.path);
  EXPECT_EQ(files_in_output, files_in_sample);
}

TEST(ReportGithub, MessageAndTitleSurviveEscaping) {
  const std::vector<Finding>& sample = ReportSample();
  const std::string output = Render(Format::kGithub, sample);
  for (const std::string& line : Lines(output)) {
    std::optional<Command> command = ParseCommand(line);
    ASSERT_TRUE(command);
    auto finding = std::find_if(sample.begin(), sample.end(), [&](const Finding& f) {
      return f.location.path == command->properties["file"] &&
             std::to_string(f.location.range.start.line) == command->properties["line"];
    });
    ASSERT_NE(finding, sample.end()) << line;
    EXPECT_EQ(command->properties["title"], std::string(finding->code()) + " " + std::string(finding->rule->name));
    EXPECT_EQ(command->properties["col"], std::to_string(finding->location.range.start.column));
    EXPECT_THAT(command->message, ::testing::StartsWith(finding->message));
    if (!finding->help.empty()) EXPECT_THAT(command->message, ::testing::EndsWith("help: " + finding->help));
  }
}

TEST(ReportGithub, ErrorsFirstThenWarningsThenNotices) {
  // GitHub shows only 10 annotations per level per step: the errors must not be the ones cut.
  std::vector<std::string> names;
  for (const std::string& line : Lines(Render(Format::kGithub, ReportSample()))) {
    names.push_back(ParseCommand(line)->name);
  }
  ASSERT_FALSE(names.empty());
  auto rank = [](const std::string& name) { return name == "error" ? 0 : name == "warning" ? 1 : 2; };
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end(),
                             [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); }));
  EXPECT_EQ(names.front(), "error");
  EXPECT_EQ(names.back(), "notice");
}

TEST(ReportGithub, EndColumnOnlyForSingleLineRanges) {
  for (const std::string& line : Lines(Render(Format::kGithub, ReportSample()))) {
    Command command = *ParseCommand(line);
    const bool multi_line = command.properties["file"].starts_with("src/") ||  // 5:5-7:2
                            command.properties["file"].starts_with("odd/new");  // 1:1-2:1
    EXPECT_EQ(command.properties.count("endColumn"), multi_line ? 0u : 1u) << line;
  }
}

// The file exists on disk with the hostile name, is found by the folder walk the
// pipeline uses, and its finding still prints exactly one command.
TEST(ReportGithub, HostileFileNameOnDiskCannotInjectACommand) {
  testing::TempDir dir;
  const std::string hostile = "a\n::error file=evil.py,line=1::pwned,100%25 b%0A::c.py";
  dir.Write(hostile, "import threading\n");
  std::string error;
  std::unique_ptr<Snapshot> snapshot = MakeFolderSnapshot(dir.path(), &error);
  ASSERT_TRUE(snapshot) << error;
  ASSERT_EQ(snapshot->files().size(), 1u);
  ASSERT_EQ(snapshot->files()[0], hostile);

  constexpr RuleInfo kRule{"FL101", "background-thread", Severity::kError, "thread", ""};
  Finding finding;
  finding.rule = &kRule;
  finding.location = Location{snapshot->files()[0], Range{{1, 1}, {1, 7}}};
  finding.message = "thread started\n::warning::second";
  const std::string output = Render(Format::kGithub, {finding});

  const std::vector<std::string> lines = Lines(output);
  ASSERT_EQ(lines.size(), 1u) << output;
  std::optional<Command> command = ParseCommand(lines[0]);
  ASSERT_TRUE(command);
  EXPECT_EQ(command->name, "error");
  EXPECT_EQ(command->properties["file"], hostile);
  EXPECT_EQ(command->properties["line"], "1");
  EXPECT_EQ(command->message, "thread started\n::warning::second");

  // Negative control: written without escaping, the name does inject an annotation on
  // evil.py, so the parser above would have caught it.
  const std::string naive = "::error file=" + hostile + ",line=1::thread started\n";
  int injected = 0;
  for (const std::string& line : Lines(naive)) {
    std::optional<Command> parsed = ParseCommand(line);
    injected += parsed && parsed->properties["file"] == "evil.py";
  }
  EXPECT_EQ(injected, 1);
}

TEST(ReportGithub, NoFindingsPrintNothing) { EXPECT_EQ(Render(Format::kGithub, {}), ""); }

}  // namespace
}  // namespace faaslint::report
