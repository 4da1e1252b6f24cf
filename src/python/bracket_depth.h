// tree-sitter 0.20's error recovery crashes (an invalid free in ts_tree_delete) on about
// 65,535 unclosed brackets: `x = ((((...` with 70,000 of them, found by fuzzing. Files
// nested anywhere near that are generated data, not code, so faaslint does not parse them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace faaslint::python {

// Far above any real code (the test suite checks 10,000 levels), below the crash.
constexpr size_t kMaxBracketDepth = 50000;

// The 1-based line where brackets first nest deeper than `limit`, or 0. Counted so that it
// is not below what the parser sees: every opening bracket counts, also one inside a
// string or a comment (an f-string's braces do open); a closing one counts outside
// strings and comments, and inside one only against an opener of that same string or
// comment (`f"{x}"` and "# (see above)" leave the depth as it was; a ')' alone in a
// string closes nothing). Without that pairing, 12,500 lines of `f"{a} {b}"` counted
// as 50,000 levels and the file was skipped.
uint32_t LineWhereBracketsNestDeeperThan(std::string_view source, size_t limit = kMaxBracketDepth);

}  // namespace faaslint::python
