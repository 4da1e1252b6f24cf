// vercel.json's legacy `routes`, its `redirects` and `rewrites`, prepared once per run
// for matching paths: each pattern converted (a path-to-regexp `source`, a route's `src`
// anchored) and compiled once, in order. Cron resolution walks these for every cron in
// three rules; converting every pattern again for each took 1.2 s for 100 crons and
// 2,048 rewrites (Vercel's limits).
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "project/regex_cache.h"
#include "vercel/json.h"

namespace faaslint::project {

struct PreparedRoute {
  // Where it sends a matching path: a legacy route's `dest` (or `destination`), always a
  // string when usable; a rewrite's `destination`, which may be missing or no string.
  const vercel::JsonValue* destination = nullptr;
  // False for an entry routing skips: no string pattern (and, for a legacy route, no
  // string `dest`), or a rewrite `source` that is no valid path pattern (FL609's).
  bool usable = false;
  std::shared_ptr<const CompiledRegex> regex;  // null when usable but unknown: give up
  // A `has` or `missing` condition: whether it applies depends on the request's headers,
  // cookies, query or host.
  bool conditional = false;
};

struct RouteTable {
  std::vector<PreparedRoute> routes;    // one per `routes` item, `handle` entries included
  // Where the first `{"handle": "filesystem"}` is in `routes`: Vercel checks the routes
  // before it, then the filesystem, then the routes after it. None: all come first.
  std::optional<size_t> filesystem;
  std::vector<PreparedRoute> redirects;  // one per `redirects` item
  std::vector<PreparedRoute> rewrites;   // one per `rewrites` item
  std::optional<bool> trailing_slash;    // `trailingSlash`, when a boolean
  // Where the `routes` and `rewrites` arrays are in vercel.json, `[` to `]`; none when
  // there is no such array.
  std::optional<Range> routes_span;
  std::optional<Range> rewrites_span;
};

// From vercel.json's root object (null: an empty table).
RouteTable BuildRouteTable(const vercel::JsonValue* config, const RegexCache& regexes);

}  // namespace faaslint::project
