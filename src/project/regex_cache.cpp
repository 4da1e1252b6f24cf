#include "project/regex_cache.h"

#include <algorithm>
#include <cctype>
#include <optional>
#include <utility>
#include <vector>

namespace faaslint::project {
namespace {

// Longer patterns are "unknown": libstdc++ compiles a regex recursively, one level per
// term, so a 500 KB route `src` overflowed the stack. Real routes are far shorter.
constexpr size_t kMaxRegexBytes = 1000;

// libstdc++ reads the number of a back-reference (`\12`) or a repetition (`{12}`) into
// a long without a bound (regex_compiler.tcc, _M_cur_int_value): 20 digits overflow it,
// undefined behaviour that UBSan reports (found by the `vercel` fuzz target). More than
// four digits there is no route anyone writes, so such a pattern is "unknown".
constexpr size_t kMaxCountDigits = 4;

// libstdc++ builds an automaton state per character, group and quantifier, and copies a
// counted repetition's operand once per count: `(a?){3000}` took 12 ms to compile and
// 0.35 s to match against a 500-character path, all its states alive at every character.
// Past this estimate (EstimatedStates) a pattern is "unknown"; real routes stay far
// below it (`/api/(.*)` is 9, `[a-f0-9]{64}` 65, 1,000 bytes without counts about 1,000).
constexpr uint64_t kMaxRegexStates = 2'000;

bool HasLongCount(std::string_view pattern) {
  for (size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '\\' && pattern[i] != '{' && pattern[i] != ',') continue;
    size_t digits = 0;
    while (i + 1 + digits < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[i + 1 + digits]))) {
      ++digits;
    }
    if (digits > kMaxCountDigits) return true;
    if (pattern[i] == '\\') ++i;  // the escaped character is not an escape itself
  }
  return false;
}

// The `{n}`, `{n,}` or `{n,m}` at `open` (a `{`): how many copies of its operand
// libstdc++ builds (m, or n + 1 for the open-ended form) and where it closes; nullopt
// when the brace is a plain character.
std::optional<std::pair<uint64_t, size_t>> CountedRepetition(std::string_view pattern, size_t open) {
  size_t close = pattern.find('}', open);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view inside = pattern.substr(open + 1, close - open - 1);
  size_t comma = inside.find(',');
  auto number = [](std::string_view digits) -> std::optional<uint64_t> {
    if (digits.empty() || digits.size() > kMaxCountDigits) return std::nullopt;
    uint64_t value = 0;
    for (char digit : digits) {
      if (!std::isdigit(static_cast<unsigned char>(digit))) return std::nullopt;
      value = value * 10 + static_cast<uint64_t>(digit - '0');
    }
    return value;
  };
  std::optional<uint64_t> least = number(inside.substr(0, comma));
  if (!least) return std::nullopt;
  if (comma == std::string_view::npos) return std::pair{*least, close};
  if (comma + 1 == inside.size()) return std::pair{*least + 1, close};
  std::optional<uint64_t> most = number(inside.substr(comma + 1));
  if (!most) return std::nullopt;
  return std::pair{std::max(*least, *most), close};
}

bool IsOperator(char c) { return std::string_view(".^$|?*+()[]{}").find(c) != std::string_view::npos; }
bool IsQuantifier(char c) { return c == '?' || c == '*' || c == '+' || c == '{'; }

// The character that pattern[i] stands for when it is a plain one or an escaped one
// (`\/`, `\.`), with its width in the pattern and whether a quantifier follows it;
// nullopt for an operator, and for an escape that is a class, assertion, reference or
// code (`\d`, `\b`, `\1`, `\x41`, `\u0041`) or a trailing backslash.
struct Literal {
  char character;
  size_t width;
  bool quantified;  // optional or repeated: not text every match has
};
std::optional<Literal> LiteralAt(std::string_view pattern, size_t i) {
  Literal literal{pattern[i], 1, false};
  if (literal.character == '\\') {
    if (i + 1 >= pattern.size() || std::isalnum(static_cast<unsigned char>(pattern[i + 1]))) return std::nullopt;
    literal = {pattern[i + 1], 2, false};
  } else if (IsOperator(literal.character)) {
    return std::nullopt;
  }
  literal.quantified = i + literal.width < pattern.size() && IsQuantifier(pattern[i + literal.width]);
  return literal;
}

// The index past the group `(...)` or class `[...]` opening at pattern[open] (escapes,
// classes and nested groups inside it skipped), or the pattern's end when it is unclosed.
size_t SkipGroupOrClass(std::string_view pattern, size_t open) {
  int depth = 0;
  bool in_class = false;
  for (size_t i = open; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '\\') {
      ++i;
    } else if (in_class) {
      in_class = c != ']';
      if (!in_class && depth == 0) return i + 1;
    } else if (c == '[') {
      in_class = true;
    } else if (c == '(') {
      ++depth;
    } else if (c == ')' && --depth == 0) {
      return i + 1;
    }
  }
  return pattern.size();
}

bool ContainsInOrder(std::string_view text, const std::vector<std::string>& runs) {
  size_t at = 0;
  for (const std::string& run : runs) {
    at = text.find(run, at);
    if (at == std::string_view::npos) return false;
    at += run.size();
  }
  return true;
}

}  // namespace

uint64_t EstimatedStates(std::string_view pattern) {
  constexpr uint64_t kSaturated = uint64_t{1} << 40;  // far past any limit; no overflow below
  std::vector<uint64_t> open_groups{0};  // the states so far of the pattern and each open group
  uint64_t operand = 0;                  // the states of the item a quantifier repeats
  auto add = [&](uint64_t states) { open_groups.back() = std::min(kSaturated, open_groups.back() + states); };
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c == '(') {
      open_groups.push_back(0);
      operand = 0;
    } else if (c == ')' && open_groups.size() > 1) {
      operand = open_groups.back() + 1;
      open_groups.pop_back();
      add(operand);
    } else if (c == '?' || c == '*' || c == '+') {
      add(1);  // a repeat or alternative state; the operand is not copied
      operand += 1;
    } else if (std::optional<std::pair<uint64_t, size_t>> counted;
               c == '{' && (counted = CountedRepetition(pattern, i))) {
      auto [copies, close] = *counted;
      add(std::min(kSaturated, operand * (copies == 0 ? 0 : copies - 1) + 1));
      operand = std::min(kSaturated, operand * copies + 1);
      i = close;
    } else {
      if (c == '\\') {
        ++i;  // the escaped character (or the first of a code) is this item
      } else if (c == '[') {
        i = SkipGroupOrClass(pattern, i) - 1;  // a class is one state
      }
      add(1);
      operand = 1;
    }
  }
  uint64_t states = 0;
  for (uint64_t group : open_groups) states = std::min(kSaturated, states + group);
  return states;
}

std::vector<std::string> RequiredLiterals(std::string_view pattern) {
  std::vector<std::string> runs;
  std::string run;
  auto end_run = [&] {
    if (!run.empty()) runs.push_back(std::exchange(run, {}));
  };
  for (size_t i = 0; i < pattern.size();) {
    const char c = pattern[i];
    if (c == '|') return {};  // an alternative of the whole pattern: nothing is required
    if (c == '(' || c == '[') {
      end_run();
      i = SkipGroupOrClass(pattern, i);
      continue;
    }
    if (c == '{') {  // a count (or a literal brace in Annex B): skipped, which only requires less
      end_run();
      const size_t close = pattern.find('}', i);
      i = close == std::string_view::npos ? pattern.size() : close + 1;
      continue;
    }
    const std::optional<Literal> literal = LiteralAt(pattern, i);
    if (!literal) {
      end_run();
      // An operator; or an escape that is no character, with the letters and digits of
      // its name or code (`\x41`): nothing of either is required.
      for (++i; c == '\\' && i < pattern.size() && std::isalnum(static_cast<unsigned char>(pattern[i]));) ++i;
      continue;
    }
    if (literal->quantified) {
      end_run();
    } else {
      run += literal->character;
    }
    i += literal->width;
  }
  end_run();
  return runs;
}

std::string LiteralPrefix(std::string_view pattern) {
  if (pattern.find('|') != std::string_view::npos) return {};
  std::string prefix;
  for (size_t i = pattern.starts_with('^') ? 1 : 0; i < pattern.size();) {
    const std::optional<Literal> literal = LiteralAt(pattern, i);
    if (!literal || literal->quantified) break;
    prefix += literal->character;
    i += literal->width;
  }
  return prefix;
}

// std::regex throws on patterns it cannot compile (lookbehind, ...): that is "unknown".
// `__polynomial` (libstdc++) matches breadth-first, in time linear in the text: the
// default backtracking took 34 s to match `/api/(a+)+x` against a 32-byte cron path,
// and doubled with every byte more. Such a pattern also has no back-references, which
// that mode refuses (a regex_error: unknown as well).
std::shared_ptr<const CompiledRegex> CompiledRegex::Compile(const std::string& pattern, uint64_t states) {
  try {
    std::regex regex(pattern, std::regex::ECMAScript | std::regex_constants::__polynomial);
    return std::shared_ptr<const CompiledRegex>(
        new CompiledRegex(std::move(regex), LiteralPrefix(pattern), RequiredLiterals(pattern), states));
  } catch (const std::regex_error&) {
    return nullptr;
  }
}

std::shared_ptr<const CompiledRegex> RegexCache::Get(const std::string& pattern) const {
  if (pattern.size() > kMaxRegexBytes) return nullptr;  // not kept either
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto found = compiled_.find(pattern);
    if (found != compiled_.end()) return found->second;
  }
  std::shared_ptr<const CompiledRegex> regex;  // compiled outside the lock
  if (!HasLongCount(pattern)) {
    const uint64_t states = EstimatedStates(pattern);
    if (states <= kMaxRegexStates && Spend(states_, states, budget_.states)) {
      regex = CompiledRegex::Compile(pattern, states);
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return compiled_.emplace(pattern, std::move(regex)).first->second;  // the first stored wins
}

std::optional<bool> RegexCache::Matches(const CompiledRegex& regex, std::string_view text) const {
  if (!text.starts_with(regex.prefix_)) return false;
  if (!regex.required_.empty()) {
    // Charged as a naive search of each run costs at most: text and runs are untrusted.
    if (!Spend(steps_, regex.required_bytes_ * (text.size() + 1), budget_.steps)) return std::nullopt;
    if (!ContainsInOrder(text, regex.required_)) return false;
  }
  if (!Spend(steps_, regex.states_ * (text.size() + 1), budget_.steps)) return std::nullopt;
  return std::regex_match(text.begin(), text.end(), regex.regex_);
}

std::optional<bool> RegexCache::Matches(const std::string& pattern, std::string_view text) const {
  std::shared_ptr<const CompiledRegex> regex = Get(pattern);
  if (!regex) return std::nullopt;
  return Matches(*regex, text);
}

}  // namespace faaslint::project
