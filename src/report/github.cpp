// The `github` format: workflow commands that GitHub Actions turns into annotations on
// the PR's files. Shapes and escapes follow GitHub's "Workflow commands for GitHub
// Actions" page and @actions/core (packages/core/src/command.ts: escapeData,
// escapeProperty). Two limits shape the output: a step shows at most 10 annotations
// of each level and a job at most 50, so errors come first, then warnings, then notes.
//
// Everything printed here is one line per finding: the escapes turn CR and LF into
// %0D/%0A, and property values also escape ':' and ',', so no file name or message
// can end the command early or start a second one.
#include <fmt/format.h>

#include <algorithm>

#include "core/rule_info.h"
#include "report/emitter.h"

namespace faaslint::report {
namespace {

std::string EscapeData(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%': escaped += "%25"; break;
      case '\r': escaped += "%0D"; break;
      case '\n': escaped += "%0A"; break;
      default: escaped.push_back(c);
    }
  }
  return escaped;
}

std::string EscapeProperty(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (char c : EscapeData(text)) {
    switch (c) {
      case ':': escaped += "%3A"; break;
      case ',': escaped += "%2C"; break;
      default: escaped.push_back(c);
    }
  }
  return escaped;
}

std::string_view CommandName(Severity severity) {
  switch (severity) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "notice";
  }
  return "warning";
}

std::string Command(const Finding& finding) {
  const Range& range = finding.location.range;
  std::string properties = fmt::format("file={},line={},col={}", EscapeProperty(finding.location.path),
                                       range.start.line, range.start.column);
  // endColumn only means something on the start line; a longer range is shown from its
  // start, like the SARIF region.
  if (range.end.line == range.start.line && range.end.column > range.start.column) {
    properties += fmt::format(",endColumn={}", range.end.column);
  }
  properties += ",title=" + EscapeProperty(fmt::format("{} {}", finding.code(), finding.rule->name));
  std::string message = finding.message;
  if (!finding.help.empty()) message += "\nhelp: " + finding.help;
  return fmt::format("::{} {}::{}\n", CommandName(finding.severity()), properties, EscapeData(message));
}

}  // namespace

void EmitGithub(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  std::vector<const Finding*> ordered;
  ordered.reserve(findings.size());
  for (const Finding& finding : findings) ordered.push_back(&finding);
  // Stable: within a level the findings keep their path/line order.
  std::stable_sort(ordered.begin(), ordered.end(), [](const Finding* a, const Finding* b) {
    return a->severity() > b->severity();
  });
  // A file Python will not import fails the run like an error finding: annotated first.
  for (const UnimportableFile& file : context.unimportable) {
    std::string properties = "file=" + EscapeProperty(file.path);
    if (file.line > 0) properties += fmt::format(",line={}", file.line);
    properties += ",title=" + EscapeProperty("Python will not import this file");
    out << fmt::format("::error {}::{}\n", properties, EscapeData(file.message));
  }
  for (const Finding* finding : ordered) out << Command(*finding);
}

}  // namespace faaslint::report
