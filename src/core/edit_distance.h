// "Did you mean" support: the edit distance between two names, and the closest
// candidate to a misspelt one.
#pragma once

#include <span>
#include <string_view>

namespace faaslint {

// Optimal string alignment distance: Levenshtein plus adjacent transposition, each
// edit costing one; case-sensitive.
size_t EditDistance(std::string_view a, std::string_view b);

// The candidate closest to `name`, when close enough to be a plausible typo (at most
// one edit per three characters, and at least one) or equal but for case; empty
// otherwise.
std::string_view ClosestMatch(std::string_view name, std::span<const std::string_view> candidates);

}  // namespace faaslint
