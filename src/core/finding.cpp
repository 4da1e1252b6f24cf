#include "core/finding.h"

#include <tuple>

#include "core/rule_info.h"

namespace faaslint {

std::string_view SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kNote: return "note";
    case Severity::kWarning: return "warning";
    case Severity::kError: return "error";
  }
  return "error";
}

std::optional<Severity> ParseSeverity(std::string_view text) {
  if (text == "note") return Severity::kNote;
  if (text == "warning") return Severity::kWarning;
  if (text == "error") return Severity::kError;
  return std::nullopt;
}

std::string_view Finding::code() const { return rule->code; }
Severity Finding::severity() const { return rule->severity; }

bool FindingLess(const Finding& a, const Finding& b) {
  return std::tie(a.location.path, a.location.range.start, a.rule->code, a.message) <
         std::tie(b.location.path, b.location.range.start, b.rule->code, b.message);
}

}  // namespace faaslint
