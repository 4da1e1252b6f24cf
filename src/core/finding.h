// The one currency of the pipeline: rules produce Findings, emitters print them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint {

enum class Severity { kNote = 0, kWarning = 1, kError = 2 };

std::string_view SeverityName(Severity severity);  // "note" | "warning" | "error"
std::optional<Severity> ParseSeverity(std::string_view text);

// 1-based line; 1-based column counted in Unicode code points (what editors show).
struct Position {
  uint32_t line = 1;
  uint32_t column = 1;
  friend bool operator==(const Position&, const Position&) = default;
  friend auto operator<=>(const Position&, const Position&) = default;
};

// [start, end) — end is exclusive, like tree-sitter's ranges.
struct Range {
  Position start;
  Position end;
  friend bool operator==(const Range&, const Range&) = default;
  friend auto operator<=>(const Range&, const Range&) = default;
};

// A place in the project. `path` is relative to the project root, '/'-separated.
struct Location {
  std::string path;
  Range range;
  friend bool operator==(const Location&, const Location&) = default;
};

struct RuleInfo;

// One replacement in a file's bytes: [start_byte, end_byte) becomes `replacement`
// (start == end inserts). Offsets are into the content the rule saw.
struct Edit {
  uint32_t start_byte = 0;
  uint32_t end_byte = 0;
  std::string replacement;
  friend bool operator==(const Edit&, const Edit&) = default;
};

struct Finding {
  const RuleInfo* rule = nullptr;  // never null once reported; owns code, name, severity
  Location location;               // the primary location: what diff-filtering and noqa use
  std::string message;             // built from the finding's data
  std::string help;                // how to fix it; may be empty
  std::vector<Location> related;   // e.g. the route a cron entry calls
  std::string source_line;         // text of the primary line, for display and fingerprints
  // A mechanical, behaviour-preserving fix, applied all or nothing by `check --fix`;
  // empty when the rule has none for this finding. Edits do not overlap each other.
  std::vector<Edit> fix;

  std::string_view code() const;
  Severity severity() const;
};

// Orders by path, line, column, code: the order every emitter prints in.
bool FindingLess(const Finding& a, const Finding& b);

}  // namespace faaslint
