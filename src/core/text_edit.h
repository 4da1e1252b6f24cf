// Applying fixes to a file's bytes and showing the result as a unified diff. Knows
// nothing about rules: a fix is a group of edits that goes in whole or not at all.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace faaslint {

struct EditResult {
  std::string text;             // the content with every applied fix
  std::vector<size_t> applied;  // indices into the fixes given
  std::vector<size_t> skipped;  // overlapped a fix applied before them
};

// Applies `fixes` in order of their first edit. A fix any of whose edits overlaps an
// edit of an applied fix is skipped; an edit equal to an applied one (two fixes both
// adding `import os` at the same place) counts as already there. Edits out of range
// make their fix skipped.
EditResult ApplyFixes(std::string_view content, const std::vector<const std::vector<Edit>*>& fixes);

// A unified diff (3 lines of context) from `before` to `after`, with `--- a/path` and
// `+++ b/path` headers, line endings kept as they are; empty when they are equal.
std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view path);

}  // namespace faaslint
