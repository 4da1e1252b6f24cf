// "Did you mean ...?" for misspelt keys, options and rule names: the closest
// candidate by edit distance, if it is close enough to be a plausible typo.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>

namespace faaslint {

// Optimal string alignment distance: insertions, deletions, substitutions and
// transpositions of neighbours each cost 1 ("selcet" -> "select" is 1). Stops counting
// at `limit` and returns limit + 1 when the distance is larger.
size_t EditDistance(std::string_view a, std::string_view b, size_t limit);

// The candidate closest to `word`, when at most about a third of `word` differs
// (at least one edit is always allowed); ties go to the earlier candidate. nullopt
// when nothing is that close or `word` is itself a candidate.
std::optional<std::string_view> ClosestMatch(std::string_view word,
                                             std::span<const std::string_view> candidates);

}  // namespace faaslint
