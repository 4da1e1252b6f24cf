#include "core/glob.h"

#include <utility>

namespace faaslint {
namespace {

// Parses the `[...]` class opening at pattern[open]; returns the index past its
// closing ']', or npos when there is none (the '[' is then a literal). A ']' right
// after the '[' (or "[!") is a member; "a-z" is a range; a class never matches '/'.
// `last_close` is pattern.rfind(']'): a '[' with no ']' after its first member is
// known literal without a scan to the end (100,000 of them took 23 s).
size_t ParseClass(std::string_view pattern, size_t open, size_t last_close, std::bitset<256>* members) {
  size_t i = open + 1;
  const bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  if (last_close == std::string_view::npos || last_close <= i) return std::string_view::npos;
  std::bitset<256> bits;
  for (bool first = true; i < pattern.size() && (first || pattern[i] != ']'); ++i, first = false) {
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      for (unsigned c = static_cast<unsigned char>(pattern[i]); c <= static_cast<unsigned char>(pattern[i + 2]); ++c) {
        bits.set(c);
      }
      i += 2;
    } else {
      bits.set(static_cast<unsigned char>(pattern[i]));
    }
  }
  if (i >= pattern.size()) return std::string_view::npos;
  if (members) {
    *members = negate ? ~bits : bits;
    members->reset('/');
  }
  return i + 1;
}

// For each '{' that has a matching '}', the index of that '}' (and back); -1 for
// braces that are literal because they are unbalanced. Escaped characters and
// classes are skipped, as the compiler skips them (`last_close`: as ParseClass takes it).
std::vector<int> PairBraces(std::string_view pattern, size_t last_close) {
  std::vector<int> partner(pattern.size(), -1);
  std::vector<int> open;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      ++i;
    } else if (pattern[i] == '[') {
      size_t end = ParseClass(pattern, i, last_close, nullptr);
      if (end != std::string_view::npos) i = end - 1;
    } else if (pattern[i] == '{') {
      open.push_back(static_cast<int>(i));
    } else if (pattern[i] == '}' && !open.empty()) {
      partner[i] = open.back();
      partner[open.back()] = static_cast<int>(i);
      open.pop_back();
    }
  }
  return partner;
}

}  // namespace

// Thompson's construction, left to right and without recursion (a pattern may be
// megabytes of nested braces): `holes_` are the edges still waiting for the next
// state, and each open brace group keeps the ends of its finished alternatives.
class Glob::Builder {
 public:
  explicit Builder(Glob& glob) : glob_(glob) {}

  void Build(std::string_view pattern) {
    const size_t last_close = pattern.rfind(']');
    const std::vector<int> partner = PairBraces(pattern, last_close);
    holes_ = {kStartHole};
    size_t i = 0;
    while (i < pattern.size()) {
      const char c = pattern[i];
      if (c == '\\' && i + 1 < pattern.size()) {
        AddConsumer(Kind::kChar, pattern[i + 1]);
        i += 2;
      } else if (c == '*' && pattern.substr(i, 3) == "**/") {
        AddAnyFoldersThenSlash();
        i += 3;
      } else if (c == '*') {
        const bool spans = pattern.substr(i, 2) == "**";
        AddLoop(spans ? Kind::kAny : Kind::kInSegment);
        i += spans ? 2 : 1;
      } else if (c == '?') {
        AddConsumer(Kind::kInSegment);
        ++i;
      } else if (c == '[') {
        std::bitset<256> members;
        size_t end = ParseClass(pattern, i, last_close, &members);
        if (end == std::string_view::npos) {
          AddConsumer(Kind::kChar, '[');
          ++i;
        } else {
          glob_.classes_.push_back(members);
          int state = AddConsumer(Kind::kClass);
          glob_.states_[state].class_index = static_cast<int>(glob_.classes_.size()) - 1;
          i = end;
        }
      } else if (c == '{' && partner[i] >= 0) {
        OpenGroup(static_cast<int>(i));
        ++i;
      } else if (c == ',' && !groups_.empty()) {
        NextAlternative();
        ++i;
      } else if (c == '}' && !groups_.empty() && partner[i] == groups_.back().open) {
        CloseGroup();
        ++i;
      } else {
        AddConsumer(Kind::kChar, c);
        ++i;
      }
    }
    Patch(Add({Kind::kAccept}));
  }

 private:
  struct Hole {
    int state;  // -1: the automaton's start
    bool alt;
  };
  struct Group {
    int open;  // index of the '{' in the pattern
    int fork;  // the fork whose `alt` leads to the next alternative
    std::vector<Hole> ends;
  };
  static constexpr Hole kStartHole{-1, false};

  int Add(State state) {
    glob_.states_.push_back(state);
    return static_cast<int>(glob_.states_.size()) - 1;
  }
  void Patch(int target) {
    for (Hole hole : holes_) {
      if (hole.state < 0) {
        glob_.start_ = target;
      } else {
        (hole.alt ? glob_.states_[hole.state].alt : glob_.states_[hole.state].out) = target;
      }
    }
    holes_.clear();
  }
  int Link(State state) {
    int index = Add(state);
    Patch(index);
    return index;
  }
  int AddConsumer(Kind kind, char byte = 0) {
    int state = Link({kind, static_cast<unsigned char>(byte)});
    holes_ = {{state, false}};
    return state;
  }
  // `*` or `**`: a fork that either leaves or consumes one byte and comes back.
  void AddLoop(Kind consumer) {
    int fork = Link({Kind::kFork});
    glob_.states_[fork].alt = Add({consumer, 0, -1, fork});
    holes_ = {{fork, false}};
  }
  // `**/`: no folder at all, or anything followed by a '/'.
  void AddAnyFoldersThenSlash() {
    int skip = Link({Kind::kFork});
    int loop = Add({Kind::kFork});
    glob_.states_[loop].alt = Add({Kind::kAny, 0, -1, loop});
    int slash = Add({Kind::kChar, '/'});
    glob_.states_[loop].out = slash;
    glob_.states_[skip].alt = loop;
    holes_ = {{skip, false}, {slash, false}};
  }
  void OpenGroup(int open) {
    int fork = Link({Kind::kFork});
    groups_.push_back({open, fork, {}});
    holes_ = {{fork, false}};
  }
  void NextAlternative() {
    Group& group = groups_.back();
    group.ends.insert(group.ends.end(), holes_.begin(), holes_.end());
    int fork = Add({Kind::kFork});
    glob_.states_[group.fork].alt = fork;
    group.fork = fork;
    holes_ = {{fork, false}};
  }
  void CloseGroup() {
    std::vector<Hole> ends = std::move(groups_.back().ends);
    groups_.pop_back();
    holes_.insert(holes_.end(), ends.begin(), ends.end());
  }

  Glob& glob_;
  std::vector<Hole> holes_;
  std::vector<Group> groups_;
};

Glob::Glob(std::string_view pattern) {
  if (pattern.starts_with("./")) pattern.remove_prefix(2);
  const size_t wildcard = pattern.find_first_of("*?[{\\");
  prefix_ = pattern.substr(0, wildcard);
  if (wildcard != std::string_view::npos) Builder(*this).Build(pattern);
}

bool Glob::Consumes(const State& state, unsigned char c) const {
  switch (state.kind) {
    case Kind::kChar: return c == state.byte;
    case Kind::kInSegment: return c != '/';
    case Kind::kAny: return true;
    case Kind::kClass: return classes_[state.class_index].test(c);
    default: return false;
  }
}

// Adds `state` and every state reachable from it through forks to `list` (forks
// themselves are not kept: only states that consume a byte or accept).
void Glob::AddWithClosure(int state, std::vector<int>& list, std::vector<unsigned>& seen_in,
                          unsigned generation, std::vector<int>& stack) const {
  stack.push_back(state);
  while (!stack.empty()) {
    int s = stack.back();
    stack.pop_back();
    if (s < 0 || seen_in[s] == generation) continue;
    seen_in[s] = generation;
    if (states_[s].kind == Kind::kFork) {
      stack.push_back(states_[s].alt);
      stack.push_back(states_[s].out);
    } else {
      list.push_back(s);
    }
  }
}

// Runs all alive states in step over the path (Thompson's simulation).
bool Glob::Matches(std::string_view path) const {
  if (states_.empty()) return path == prefix_;
  if (!path.starts_with(prefix_)) return false;
  std::vector<unsigned> seen_in(states_.size(), 0);
  std::vector<int> current, next, stack;
  unsigned generation = 1;
  AddWithClosure(start_, current, seen_in, generation, stack);
  for (char c : path) {
    ++generation;
    next.clear();
    for (int s : current) {
      if (Consumes(states_[s], static_cast<unsigned char>(c))) {
        AddWithClosure(states_[s].out, next, seen_in, generation, stack);
      }
    }
    current.swap(next);
    if (current.empty()) return false;
  }
  for (int s : current) {
    if (states_[s].kind == Kind::kAccept) return true;
  }
  return false;
}

}  // namespace faaslint
