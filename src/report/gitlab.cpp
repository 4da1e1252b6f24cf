// The `gitlab` format: a Code Quality report (a JSON array in the CodeClimate issue
// shape) for the merge-request widget. Required fields per GitLab's "Code Quality"
// docs (implement a custom tool): description, check_name, fingerprint, severity
// (info, minor, major, critical, blocker), location.path, location.lines.begin.
// GitLab stops reading at the first invalid entry, so every entry always carries all
// of them, and the document is written by a JSON library (never by hand).
#include <fmt/format.h>

#include <algorithm>

#include "core/rule_info.h"
#include "core/sha1.h"
#include "report/emitter.h"
#include "report/fingerprint.h"
#include "report/json_output.h"

namespace faaslint::report {
namespace {

// An error fails a real deploy (critical); a warning breaks under load or later
// (major); a note is advice (info). "blocker" is a file Python will not import; "minor"
// is not used.
std::string_view CodeQualitySeverity(Severity severity) {
  switch (severity) {
    case Severity::kError: return "critical";
    case Severity::kWarning: return "major";
    case Severity::kNote: return "info";
  }
  return "major";
}

// Ranges end exclusively; a range ending at column 1 stops on the line before.
uint32_t LastLine(const Range& range) {
  uint32_t last = range.end.line;
  if (range.end.column == 1 && last > range.start.line) --last;
  return std::max(last, range.start.line);
}

}  // namespace

void EmitGitlab(const std::vector<Finding>& findings, const EmitContext& context, std::ostream& out) {
  const std::vector<Fingerprint> fingerprints = ComputeFingerprints(findings);
  Json issues = Json::array();
  for (size_t i = 0; i < findings.size(); ++i) {
    const Finding& finding = findings[i];
    const Range& range = finding.location.range;
    // The widget shows only the description, so it names the rule and carries the fix.
    std::string description = fmt::format("{} {}: {}", finding.code(), finding.rule->name, finding.message);
    if (!finding.help.empty()) description += fmt::format(" (help: {})", finding.help);
    issues.push_back(Json{
        {"type", "issue"},
        {"description", std::move(description)},
        {"check_name", finding.code()},
        {"fingerprint", fingerprints[i].ToString()},
        {"severity", CodeQualitySeverity(finding.severity())},
        {"categories", Json::array({"Bug Risk"})},
        {"location",
         {{"path", finding.location.path},
          {"lines", {{"begin", range.start.line}, {"end", LastLine(range)}}}}},
    });
  }
  // A file Python will not import blocks the deployment: an issue of its own, whose
  // fingerprint (the path's, under a prefix no finding's has) stays while it is broken.
  for (const UnimportableFile& file : context.unimportable) {
    std::string fingerprint = "unimportable:";
    for (uint8_t byte : Sha1(file.path)) fingerprint += fmt::format("{:02x}", byte);
    const uint32_t line = std::max<uint32_t>(file.line, 1);
    issues.push_back(Json{
        {"type", "issue"},
        {"description", "Python will not import this file: " + file.message},
        {"check_name", "unimportable-file"},
        {"fingerprint", std::move(fingerprint)},
        {"severity", "blocker"},
        {"categories", Json::array({"Bug Risk"})},
        {"location", {{"path", file.path}, {"lines", {{"begin", line}, {"end", line}}}}},
    });
  }
  WriteJson(issues, out);
}

}  // namespace faaslint::report
