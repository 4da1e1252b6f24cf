// `path:line:col: CODE message` then an indented `help:` line — the ruff/flake8 shape
// that editors and terminals already turn into links.
//
// Text is also what CI prints to job logs, where a line starting with `::` (after
// leading blanks) is a GitHub workflow command, and control bytes reach terminals. So a
// message's extra lines are prefixed with "  | ", control characters in file names
// and messages are shown as escapes (\n, \x1b), and a path that starts with ':' or a
// blank is printed as "./path": no file name or message can start a command or
// drive the terminal.
#include <fmt/format.h>

#include "core/rule_info.h"
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

// Control characters (C0 and DEL) as visible escapes; with `keep_newlines`, LF (and
// CRLF) stay line breaks, for the caller to indent.
std::string ShowControls(std::string_view text, bool keep_newlines) {
  std::string shown;
  shown.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (keep_newlines && c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;
    if (keep_newlines && c == '\n') {
      shown.push_back('\n');
    } else if (c == '\n') {
      shown += "\\n";
    } else if (c == '\r') {
      shown += "\\r";
    } else if (c == '\t') {
      shown.push_back('\t');
    } else if (c < 0x20 || c == 0x7f) {
      shown += fmt::format("\\x{:02x}", c);
    } else {
      shown.push_back(static_cast<char>(c));
    }
  }
  return shown;
}

std::string ShowPath(std::string_view path) {
  std::string shown = ShowControls(path, false);
  if (!shown.empty() && (shown[0] == ':' || shown[0] == ' ' || shown[0] == '\t')) shown.insert(0, "./");
  return shown;
}

// Later lines of a multi-line text continue under "  | ", never at a line start.
std::string ShowLines(std::string_view text) {
  std::string shown = ShowControls(text, true);
  for (size_t at = shown.find('\n'); at != std::string::npos; at = shown.find('\n', at + 1)) {
    shown.insert(at + 1, "  | ");
  }
  return shown;
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
  if (findings.empty()) {
    out << fmt::format("All checks passed ({} file{} checked).\n", context.files_checked,
                       context.files_checked == 1 ? "" : "s");
    return;
  }
  size_t errors = 0;
  for (const Finding& finding : findings) errors += finding.severity() == Severity::kError;
  out << fmt::format("Found {} finding{} ({} error{}) in {} file{} checked.\n", findings.size(),
                     findings.size() == 1 ? "" : "s", errors, errors == 1 ? "" : "s",
                     context.files_checked, context.files_checked == 1 ? "" : "s");
}

}  // namespace faaslint::report
