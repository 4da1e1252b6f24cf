// The one currency of the pipeline: rules produce Findings, emitters print them.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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

// `inner` lies within `outer` (a call inside a loop's body, a class inside another).
inline bool Encloses(const Range& outer, const Range& inner) {
  return outer.start <= inner.start && inner.end <= outer.end;
}

// A place in the project. `path` is relative to the project root, '/'-separated.
struct Location {
  std::string path;
  Range range;
  friend bool operator==(const Location&, const Location&) = default;
};

// Lines a finding's verdict was read from besides its own, for diff runs (DESIGN §1): a
// run keeps the finding when its change reaches one of them, though the finding's own
// lines are unchanged (flask removed from requirements.txt surfaces `import flask`).
struct Dependency {
  std::string path;
  // Inclusive 1-based lines; both 0 for the whole file, where any change counts, the
  // file's deletion too (requirements.txt deleted, or lines removed at its very end).
  uint32_t first_line = 0;
  uint32_t last_line = 0;

  static Dependency WholeFile(std::string path) { return {std::move(path), 0, 0}; }
  static Dependency Lines(std::string path, uint32_t first, uint32_t last) { return {std::move(path), first, last}; }
  // Every line `range` is on.
  static Dependency LinesOf(std::string path, const Range& range) {
    return Lines(std::move(path), range.start.line, std::max(range.start.line, range.end.line));
  }
  bool whole_file() const { return first_line == 0; }
  friend bool operator==(const Dependency&, const Dependency&) = default;
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
  // Not printed: a dependency may repeat the primary location (a handler's body), or name
  // a file that no longer exists.
  std::vector<Dependency> depends_on;
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
