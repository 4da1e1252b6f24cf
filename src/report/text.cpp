// `path:line:col: CODE message` then an indented `help:` line — the ruff/flake8 shape
// that editors and terminals already turn into links.
//
// Text is also what CI prints to job logs, where a line starting with `::` (after
// leading blanks) is a GitHub workflow command, and control bytes reach terminals. So a
// message's extra lines are prefixed with "  | ", control characters in file names
// and messages are shown as escapes (\n, \x1B), "##[" (a legacy command anywhere in a
// line) as "#\x23[" (core/log_text.h), and a path that starts with ':', a space or a
// non-ASCII character (the runner also trims Unicode spaces such as U+00A0) is printed
// as "./path": no file name or message can start a command or drive the terminal.
#include <fmt/format.h>

#include "core/log_text.h"
#include "core/rule_info.h"
#include "report/counts.h"
#include "report/emitter.h"

namespace faaslint::report {
namespace {

std::string_view SeverityColor(Severity severity) {
  switch (severity) {
    case Severity::kError: return "\x1b[1;31m";
    case Severity::kWarning: return "\x1b[1;33m";
    case Severity::kNote: return "\x1b[1;36m";
  }
  return "";
}

std::string ShowPath(std::string_view path) {
  std::string shown = LogSafe(path);
  const unsigned char first = shown.empty() ? 'a' : static_cast<unsigned char>(shown[0]);
  if (first == ':' || first == ' ' || first >= 0x80) shown.insert(0, "./");
  return shown;
}

// A message's own line breaks (LF or CRLF) continue under "  | ", never at a line
// start; every other control character is escaped.
std::string ShowLines(std::string_view text) {
  std::string shown;
  for (size_t start = 0;;) {
    size_t end = text.find('\n', start);
    std::string_view line = text.substr(start, end == std::string_view::npos ? end : end - start);
    if (line.ends_with('\r') && end != std::string_view::npos) line.remove_suffix(1);
    shown += LogSafe(line);
    if (end == std::string_view::npos) return shown;
    shown += "\n  | ";
    start = end + 1;
  }
}

std::string PositionText(const Location& location) {
  return fmt::format("{}:{}:{}", ShowPath(location.path), location.range.start.line,
                     location.range.start.column);
}

}  // namespace

void EmitText(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  const bool color = context.color;
  const std::string_view bold = color ? "\x1b[1m" : "";
  const std::string_view reset = color ? "\x1b[0m" : "";
  const std::string_view dim = color ? "\x1b[2m" : "";
  for (const Finding& finding : findings) {
    out << fmt::format("{}{}{}: {}{}{} {}\n", bold, PositionText(finding.location), reset,
                       color ? SeverityColor(finding.severity()) : "", finding.code(), reset,
                       ShowLines(finding.message));
    if (!finding.help.empty()) out << fmt::format("  {}help:{} {}\n", dim, reset, ShowLines(finding.help));
    for (const Location& related : finding.related) {
      out << fmt::format("  {}related:{} {}\n", dim, reset, PositionText(related));
    }
  }
  if (context.quiet) return;
  const std::string_view files_plural = context.files_checked == 1 ? "" : "s";
  // A file Python will not import (named on stderr) is never "passed".
  const std::string unimportable =
      context.unimportable.empty()
          ? std::string()
          : fmt::format("; {} file{} Python will not import", context.unimportable.size(),
                        context.unimportable.size() == 1 ? "" : "s");
  if (findings.empty() && unimportable.empty()) {
    out << fmt::format("All checks passed ({} file{} checked).\n", context.files_checked, files_plural);
    return;
  }
  if (findings.empty()) {
    out << fmt::format("No findings in {} file{} checked{}.\n", context.files_checked, files_plural, unimportable);
    return;
  }
  const size_t errors = CountBySeverity(findings).errors;
  out << fmt::format("Found {} finding{} ({} error{}) in {} file{} checked{}.\n", findings.size(),
                     findings.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s", context.files_checked,
                     files_plural, unimportable);
}

}  // namespace faaslint::report
