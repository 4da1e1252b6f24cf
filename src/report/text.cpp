// `path:line:col: CODE message` then an indented `help:` line — the ruff/flake8 shape
// that editors and terminals already turn into links.
#include <fmt/format.h>

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

}  // namespace

void EmitText(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  const bool color = context.color;
  const std::string_view bold = color ? "\x1b[1m" : "";
  const std::string_view reset = color ? "\x1b[0m" : "";
  const std::string_view dim = color ? "\x1b[2m" : "";
  for (const Finding& finding : findings) {
    const Position& start = finding.location.range.start;
    out << fmt::format("{}{}{}:{}:{}: {}{}{} {}\n", bold, finding.location.path, reset, start.line,
                       start.column, color ? SeverityColor(finding.severity()) : "", finding.code(),
                       reset, finding.message);
    if (!finding.help.empty()) out << fmt::format("  {}help:{} {}\n", dim, reset, finding.help);
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
