// Path globs as .gitignore-style tools and Vercel's `functions` keys write them:
// `*` and `?` stay within one path segment, `**` spans segments, `[abc]`/`[!a-z]`
// classes, `{a,b}` alternatives. Paths are '/'-separated and root-relative.
#pragma once

#include <string_view>

namespace faaslint {

bool GlobMatch(std::string_view pattern, std::string_view path);

}  // namespace faaslint
