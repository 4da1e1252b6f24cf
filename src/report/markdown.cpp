// The `markdown` format: a summary for $GITHUB_STEP_SUMMARY and merge-request notes
// (GitHub- and GitLab-flavoured Markdown): a headline, a table of findings and a count
// per rule. Cell text comes from source files and file names, so it is escaped: it can
// neither break the table nor turn into links, HTML or mentions.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "core/message_text.h"
#include "core/rule_info.h"
#include "report/counts.h"
#include "report/emitter.h"

namespace faaslint::report {
namespace {

// Backslash-escapes the ASCII punctuation that means something inside a line
// (CommonMark allows a backslash before any ASCII punctuation): emphasis, code spans,
// links, HTML, entities, strikethrough, GitHub's $math$, '|' which GFM tables split
// on even inside code spans, and '@' so a decorator is not a user mention. Block
// syntax (#, -, +) cannot start inside a cell and stays readable.
// Line breaks become <br>, the only way to break a line inside a table cell; other
// control characters are shown as escapes.
std::string Cell(std::string_view text) {
  constexpr std::string_view kSpecial = "\\`*_[]<>|~@&$";
  std::string escaped;
  escaped.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') continue;
      escaped += "<br>";
    } else if (c == '\n') {
      escaped += "<br>";
    } else if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) {
      escaped += EscapeControlCharacters(text.substr(i, 1));
    } else if (kSpecial.find(c) != std::string_view::npos) {
      escaped.push_back('\\');
      escaped.push_back(c);
    } else {
      escaped.push_back(c);
    }
  }
  return escaped;
}

// A message: its `code spans` as <code> (a backtick span would need its backticks and
// could not hold an escaped '|'), everything escaped as in Cell. A message with an odd
// number of backticks (one came from the source) is escaped whole.
std::string MessageCell(std::string_view text) {
  if (std::count(text.begin(), text.end(), '`') % 2 != 0) return Cell(text);
  std::string out;
  bool code = false;
  for (size_t start = 0; start <= text.size();) {
    size_t tick = std::min(text.find('`', start), text.size());
    std::string_view part = text.substr(start, tick - start);
    out += code ? "<code>" + Cell(part) + "</code>" : Cell(part);
    code = !code;
    start = tick + 1;
  }
  return out;
}

std::string Plural(size_t count, std::string_view noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

// The files Python will not import, which fail the run like error findings.
void UnimportableList(const EmitContext& context, std::ostream& out) {
  if (context.unimportable.empty()) return;
  out << fmt::format("**Python will not import {}**, and the deployment fails on {}:\n\n",
                     Plural(context.unimportable.size(), "file"), context.unimportable.size() == 1 ? "it" : "them");
  for (const UnimportableFile& file : context.unimportable) {
    out << fmt::format("- {}{}: {}\n", Cell(file.path), file.line > 0 ? fmt::format(":{}", file.line) : "",
                       MessageCell(file.message));
  }
  out << "\n";
}

}  // namespace

void EmitMarkdown(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  out << "## faaslint\n\n";
  UnimportableList(context, out);
  if (findings.empty()) {
    const std::string checked = Plural(context.files_checked, "file");
    out << (context.unimportable.empty() ? fmt::format("No findings: all checks passed ({} checked).\n", checked)
                                         : fmt::format("No findings ({} checked).\n", checked));
    return;
  }
  struct RuleCount {
    const RuleInfo* rule;
    size_t count;
  };
  std::map<std::string_view, RuleCount> by_rule;  // sorted by code
  for (const Finding& finding : findings) {
    auto [it, inserted] = by_rule.try_emplace(finding.code(), RuleCount{finding.rule, 0});
    ++it->second.count;
  }
  const SeverityCounts counts = CountBySeverity(findings);
  out << fmt::format("{} ({}, {}, {}) in {} checked.\n\n", Plural(findings.size(), "finding"),
                     Plural(counts.errors, "error"), Plural(counts.warnings, "warning"),
                     Plural(counts.notes, "note"),
                     Plural(context.files_checked, "file"));

  out << "| Severity | Location | Rule | Message |\n|---|---|---|---|\n";
  for (const Finding& finding : findings) {
    const Position& start = finding.location.range.start;
    std::string message = MessageCell(finding.message);
    if (!finding.help.empty()) message += "<br>Help: " + MessageCell(finding.help);
    out << fmt::format("| {} | {}:{}:{} | {} {} | {} |\n", SeverityName(finding.severity()),
                       Cell(finding.location.path), start.line, start.column, finding.code(),
                       Cell(finding.rule->name), message);
  }

  out << "\n### Findings per rule\n\n| Rule | Name | Severity | Count |\n|---|---|---|---|\n";
  for (const auto& [code, entry] : by_rule) {
    out << fmt::format("| {} | {} | {} | {} |\n", code, Cell(entry.rule->name),
                       SeverityName(entry.rule->severity), entry.count);
  }
}

}  // namespace faaslint::report
