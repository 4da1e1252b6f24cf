// Stable identities for findings, so code scanning and Code Quality recognise the same
// problem across runs even when lines above it move. Documented in
// docs/output-formats.md ("Fingerprints"); changing the recipe re-opens every alert.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace faaslint::report {

struct Fingerprint {
  std::string line_hash;    // 16 hex digits: FNV-1a 64 of path, code and the line's text
  uint32_t occurrence = 1;  // 1-based, counts earlier findings with the same line_hash
  // "<line_hash>:<occurrence>", the shape GitHub uses for primaryLocationLineHash.
  // Unique within one report by construction (the occurrence tells equal hashes apart).
  std::string ToString() const;
};

// The source line without any whitespace, so re-indenting or reformatting the line
// (or CRLF/LF changes) keeps its fingerprint.
std::string NormalizeLineText(std::string_view line);

// One fingerprint per finding, in the order given (findings arrive sorted).
std::vector<Fingerprint> ComputeFingerprints(const std::vector<Finding>& findings);

}  // namespace faaslint::report
