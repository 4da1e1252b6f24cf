#include "report/fingerprint.h"

#include <fmt/format.h>

#include <map>

namespace faaslint::report {
namespace {

// FNV-1a, 64-bit. Parameters from the FNV specification (draft-eastlake-fnv, section 5).
constexpr uint64_t kFnvOffsetBasis = 14695981039346656037ull;
constexpr uint64_t kFnvPrime = 1099511628211ull;

void HashBytes(uint64_t* hash, std::string_view bytes) {
  for (unsigned char byte : bytes) {
    *hash ^= byte;
    *hash *= kFnvPrime;
  }
}

std::string LineHash(const Finding& finding) {
  uint64_t hash = kFnvOffsetBasis;
  // A NUL between the parts keeps ("ab", "c") and ("a", "bc") apart; none of the
  // parts can contain NUL (paths cannot, codes do not, text lines are split at it).
  HashBytes(&hash, finding.location.path);
  HashBytes(&hash, std::string_view("\0", 1));
  HashBytes(&hash, finding.code());
  HashBytes(&hash, std::string_view("\0", 1));
  HashBytes(&hash, NormalizeLineText(finding.source_line));
  return fmt::format("{:016x}", hash);
}

}  // namespace

std::string Fingerprint::ToString() const { return fmt::format("{}:{}", line_hash, occurrence); }

std::string NormalizeLineText(std::string_view line) {
  std::string normalized;
  normalized.reserve(line.size());
  for (char c : line) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v') continue;
    normalized.push_back(c);
  }
  return normalized;
}

std::vector<Fingerprint> ComputeFingerprints(const std::vector<Finding>& findings) {
  std::vector<Fingerprint> fingerprints;
  fingerprints.reserve(findings.size());
  // Counted per hash rather than per (path, code, text), so even two different lines
  // whose hashes collide still get distinct fingerprints.
  std::map<std::string, uint32_t> seen;
  for (const Finding& finding : findings) {
    Fingerprint fingerprint;
    fingerprint.line_hash = LineHash(finding);
    fingerprint.occurrence = ++seen[fingerprint.line_hash];
    fingerprints.push_back(std::move(fingerprint));
  }
  return fingerprints;
}

}  // namespace faaslint::report
