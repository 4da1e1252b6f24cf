// Vercel's `source` path patterns (rewrites, redirects, headers) and the checks
// @vercel/routing-utils 6.6.0 makes on them before a deploy (checkPatternSyntax):
// the source must be a valid JavaScript regex AND a valid path-to-regexp 6.1.0
// pattern (`/blog/:slug`, `/api/(.*)`, `/:path*`, `{/:x}?`), and every `:name` used
// in the destination must be bound by the source or by a `has` condition.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace faaslint::vercel {

// The name routing-utils gives every unnamed `(...)` group: all of them are one name.
constexpr std::string_view kUnnamedSegment = "(unnamed group)";

// Parses a path-to-regexp 6.1.0 pattern. Returns the error (with its 0-based index,
// as path-to-regexp words it) or, when valid, fills `segments` with the parameter
// names in order (unnamed groups as kUnnamedSegment).
std::optional<std::string> ParsePathPattern(std::string_view pattern, std::vector<std::string>* segments);

// The regular expression (ECMAScript) path-to-regexp 6.1.0 compiles a valid pattern
// to, as routing-utils does for `source` (strict, case-sensitive, anchored); nullopt
// when the pattern is invalid.
std::optional<std::string> PathPatternRegex(std::string_view pattern);

// The parameter names a destination uses, read as routing-utils does: from the
// hostname, the pathname and each query value (each parsed as a path pattern; a part
// that does not parse ends the collection, silently).
std::vector<std::string> DestinationSegments(std::string_view destination);

}  // namespace faaslint::vercel
