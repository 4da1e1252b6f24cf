// Path globs as .gitignore-style tools and Vercel's `functions` keys write them:
// `*` and `?` stay within one path segment, `**` spans segments (`**/` also matches
// no folder), `[abc]`/`[!a-z]` classes, `{a,b}` alternatives (nestable; a group is a
// unit, so `*{,}*` is two `*`, not a `**`), `\x` a literal x. Paths are '/'-separated
// and root-relative; a leading "./" is ignored.
//
// A pattern compiles to a small automaton that is run over the path once, so
// matching costs O(pattern x path) whatever the pattern: a backtracking matcher
// is exponential in the number of `*` and brace groups, and these patterns come
// from untrusted vercel.json and config files.
#pragma once

#include <algorithm>
#include <bitset>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace faaslint {

class Glob {
 public:
  explicit Glob(std::string_view pattern);
  bool Matches(std::string_view path) const;
  // The text before the first wildcard: every path the glob matches starts with it, so
  // in a sorted list of paths the candidates are one run (CandidatePaths).
  std::string_view literal_prefix() const { return prefix_; }

 private:
  enum class Kind : unsigned char { kChar, kInSegment, kAny, kClass, kFork, kAccept };
  struct State {
    Kind kind;
    unsigned char byte = 0;  // kChar
    int class_index = -1;    // kClass
    int out = -1;            // next state; for kFork the first branch
    int alt = -1;            // kFork: the second branch
  };
  class Builder;

  bool Consumes(const State& state, unsigned char c) const;
  void AddWithClosure(int state, std::vector<int>& list, std::vector<unsigned>& seen_in,
                      unsigned generation, std::vector<int>& stack) const;

  std::string prefix_;          // the text before the first wildcard: a quick "no"
  std::vector<State> states_;   // none for a pattern without wildcards: prefix_ is all of it
  std::vector<std::bitset<256>> classes_;
  int start_ = -1;
};

using PathRun = std::pair<std::vector<std::string>::const_iterator, std::vector<std::string>::const_iterator>;

// The paths of sorted `paths` that start with `prefix`: one run.
inline PathRun PathsStartingWith(const std::vector<std::string>& paths, std::string_view prefix) {
  auto first = std::lower_bound(paths.begin(), paths.end(), prefix,
                                [](const std::string& path, std::string_view p) { return std::string_view(path) < p; });
  auto last = first;
  while (last != paths.end() && std::string_view(*last).starts_with(prefix)) ++last;
  return {first, last};
}

// The paths of sorted `paths` that may match `glob`: those that start with its literal
// prefix. Patterns x files stays near linear for `functions` keys like `api/h1*.py` over
// thousands of files.
inline PathRun CandidatePaths(const Glob& glob, const std::vector<std::string>& paths) {
  return PathsStartingWith(paths, glob.literal_prefix());
}

}  // namespace faaslint
