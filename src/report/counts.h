// Findings per severity, for the summaries of text, json and markdown.
#pragma once

#include <cstddef>
#include <vector>

#include "core/finding.h"

namespace faaslint::report {

struct SeverityCounts {
  size_t errors = 0;
  size_t warnings = 0;
  size_t notes = 0;
};

inline SeverityCounts CountBySeverity(const std::vector<Finding>& findings) {
  SeverityCounts counts;
  for (const Finding& finding : findings) {
    switch (finding.severity()) {
      case Severity::kError: ++counts.errors; break;
      case Severity::kWarning: ++counts.warnings; break;
      case Severity::kNote: ++counts.notes; break;
    }
  }
  return counts;
}

}  // namespace faaslint::report
