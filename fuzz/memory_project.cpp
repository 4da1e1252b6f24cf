#include "memory_project.h"

#include <fmt/format.h>

#include "python/text_check.h"

namespace faaslint::fuzz {
namespace {

class MemorySnapshot final : public Snapshot {
 public:
  explicit MemorySnapshot(const Files& files) : files_(files) {
    for (const auto& [path, content] : files) paths_.push_back(path);
  }
  const std::string& root() const override { return root_; }
  const std::vector<std::string>& files() const override { return paths_; }
  bool Read(std::string_view path, std::string* content, std::string* error) const override {
    auto it = files_.find(path);
    if (it == files_.end()) {
      *error = "no such file";
      return false;
    }
    *content = it->second;
    return true;
  }

 private:
  std::string root_ = "/project";
  const Files& files_;
  std::vector<std::string> paths_;
};

// Number of lines as editors count them: a final line without a newline counts.
uint32_t LineCount(std::string_view content) {
  uint32_t lines = 1;
  for (char c : content) lines += c == '\n';
  return lines;
}

}  // namespace

lint::LintResult LintFiles(const Files& files, unsigned jobs, const ChangedLines* changed) {
  ChangeSet changes;
  changes.snapshot = std::make_unique<MemorySnapshot>(files);
  if (changed != nullptr) {
    changes.changed = *changed;
  } else {
    for (const auto& [path, content] : files) changes.changed.emplace(path, LineSet::All());
  }
  for (const auto& [path, lines] : changes.changed) changes.touched.insert(path);
  lint::LintOptions options;
  options.jobs = jobs;
  return lint::Lint(changes, options, rules::Registry::Get());
}

std::vector<lint::FileFix> PlanFixes(const lint::LintResult& result, const Files& files,
                                     std::vector<lint::Problem>* problems) {
  return lint::PlanFixes(result.findings, MemorySnapshot(files), problems);
}

std::string CheckFindingLocations(const lint::LintResult& result, const Files& files) {
  for (const Finding& finding : result.findings) {
    const Location& at = finding.location;
    auto file = files.find(at.path);
    if (file == files.end()) return fmt::format("{}: finding in a file that does not exist", finding.code());
    const Position& start = at.range.start;
    if (start.line < 1 || start.line > LineCount(file->second)) {
      return fmt::format("{}: line {} outside {}", finding.code(), start.line, at.path);
    }
    // Columns count code points; the line's length in code points bounds them. A finding
    // may point at the line's end: the `\n`, or the `\r` before it (a newline inside a
    // JSON string is an error there), so a CRLF line keeps its `\r` here.
    std::string_view line = python::LineOf(file->second, start.line);
    size_t code_points = 0;
    for (char c : line) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    const char* after = line.data() + line.size();
    if (line.data() != nullptr && after < file->second.data() + file->second.size() && *after == '\r') ++code_points;
    if (start.column < 1 || start.column > code_points + 1) {
      return fmt::format("{}: column {} outside line {} of {}", finding.code(), start.column, start.line, at.path);
    }
    if (at.range.end < start) return fmt::format("{}: range ends before it starts", finding.code());
    if (finding.message.empty()) return fmt::format("{}: empty message", finding.code());
  }
  return {};
}

}  // namespace faaslint::fuzz
