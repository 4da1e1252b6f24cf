// A second, deliberately naive glob matcher for the differential check of core/glob.h in
// the `cron` fuzz target: braces expanded into whole patterns, then a backtracking match
// memoized on (pattern position, path position). Slow and simple where Glob is fast and
// compiled, so a disagreement points at a bug in one of them.
#pragma once

#include <optional>
#include <string_view>

namespace faaslint::fuzz {

// Whether `pattern` matches `path` by the rules of core/glob.h; nullopt for patterns the
// reference does not model: braces that are unbalanced, mixed with `\` or `[`, that
// expand to more than 16 alternatives, or whose expansion pastes a `*` to a `*` or `/`
// (text would read `*{,}*` as `**`; Glob reads a group as a unit).
std::optional<bool> ReferenceGlobMatch(std::string_view pattern, std::string_view path);

}  // namespace faaslint::fuzz
