#include "vercel/js_regex.h"

#include <fmt/format.h>

#include <cctype>
#include <set>
#include <vector>

namespace faaslint::vercel {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == '$' || (c & 0x80);
}
bool IsIdPart(char c) { return IsIdStart(c) || IsDigit(c); }

class Checker {
 public:
  explicit Checker(std::string_view s) : s_(s) {
    // V8 treats `\k` as a named back reference only when the pattern has a named group.
    for (size_t k = 0; k + 2 < s.size(); ++k) {
      if (s[k] == '\\') {
        ++k;
      } else if (s[k] == '(' && s[k + 1] == '?' && s[k + 2] == '<' && k + 3 < s.size() &&
                 s[k + 3] != '=' && s[k + 3] != '!') {
        named_groups_ = true;
      }
    }
  }

  std::optional<JsRegexError> Run() {
    Disjunction(0);
    if (!error_ && i_ < s_.size()) Fail("Unmatched ')'");
    if (!error_) {
      for (const auto& [name, at] : references_) {
        if (!names_.count(name)) {
          i_ = at;
          Fail("Invalid named capture referenced");
          break;
        }
      }
    }
    if (!error_) return std::nullopt;
    return JsRegexError{*error_, error_at_};
  }

 private:
  bool AtEnd() const { return i_ >= s_.size(); }
  char Peek(size_t ahead = 0) const { return i_ + ahead < s_.size() ? s_[i_ + ahead] : '\0'; }
  void Fail(std::string message) {
    if (!error_) {
      error_ = std::move(message);
      error_at_ = i_;
    }
  }

  void Disjunction(int depth) {
    while (!error_) {
      Alternative(depth);
      if (error_ || AtEnd() || Peek() != '|') return;
      ++i_;
    }
  }

  void Alternative(int depth) {
    while (!error_ && !AtEnd()) {
      char c = Peek();
      if (c == '|') return;
      if (c == ')') {
        if (depth == 0) Fail("Unmatched ')'");
        return;
      }
      Term();
    }
  }

  // Reads {n}, {n,} or {n,m} at i_; returns false (moving nothing) when it is not one.
  bool BracedQuantifier(bool consume) {
    size_t k = i_ + 1;
    size_t start = k;
    while (k < s_.size() && IsDigit(s_[k])) ++k;
    if (k == start) return false;
    std::string low(s_.substr(start, k - start)), high;
    if (k < s_.size() && s_[k] == ',') {
      size_t hs = ++k;
      while (k < s_.size() && IsDigit(s_[k])) ++k;
      high = std::string(s_.substr(hs, k - hs));
    } else {
      high = low;
    }
    if (k >= s_.size() || s_[k] != '}') return false;
    if (consume) {
      auto value = [](const std::string& digits) {
        double v = 0;
        for (char d : digits) v = v * 10 + (d - '0');
        return v;
      };
      if (!high.empty() && value(low) > value(high)) {
        Fail("numbers out of order in {} quantifier");
        return true;
      }
      i_ = k + 1;
    }
    return true;
  }

  bool AtQuantifier() {
    char c = Peek();
    return c == '*' || c == '+' || c == '?' || (c == '{' && BracedQuantifier(false));
  }

  void Term() {
    char c = Peek();
    bool quantifiable = true;
    switch (c) {
      case '^':
      case '$':
        ++i_;
        quantifiable = false;
        break;
      case '*':
      case '+':
      case '?':
        Fail("Nothing to repeat");
        return;
      case '{':
        if (BracedQuantifier(false)) {
          Fail("Nothing to repeat");
          return;
        }
        ++i_;
        break;
      case '(':
        if (group_depth_ == kMaxGroupDepth) {
          Fail(fmt::format("groups nested deeper than {} levels", kMaxGroupDepth));
          return;
        }
        ++group_depth_;
        quantifiable = Group();
        --group_depth_;
        break;
      case '[':
        CharacterClass();
        break;
      case '\\':
        quantifiable = Escape();
        break;
      default:
        ++i_;
    }
    if (error_) return;
    if (AtQuantifier()) {
      if (!quantifiable) {
        Fail(c == '(' ? "Invalid quantifier" : "Nothing to repeat");  // V8's words for a lookbehind
        return;
      }
      if (Peek() == '{') {
        BracedQuantifier(true);
      } else {
        ++i_;
      }
      if (error_) return;
      if (Peek() == '?') ++i_;  // lazy
      if (AtQuantifier()) Fail("Nothing to repeat");
    }
  }

  // Returns whether the group may take a quantifier.
  bool Group() {
    size_t open = i_;
    ++i_;
    bool quantifiable = true;
    if (Peek() == '?') {
      char kind = Peek(1);
      if (kind == ':' || kind == '=' || kind == '!') {
        i_ += 2;
      } else if (kind == '<' && (Peek(2) == '=' || Peek(2) == '!')) {
        i_ += 3;
        quantifiable = false;  // lookbehinds take no quantifier, even in Annex B
      } else if (kind == '<') {
        i_ += 2;
        size_t start = i_;
        if (!IsIdStart(Peek())) {
          Fail("Invalid capture group name");
          return false;
        }
        while (IsIdPart(Peek())) ++i_;
        if (Peek() != '>') {
          Fail("Invalid capture group name");
          return false;
        }
        std::string name(s_.substr(start, i_ - start));
        if (!names_.insert(name).second) {
          Fail("Duplicate capture group name");
          return false;
        }
        ++i_;
      } else {
        ++i_;
        Fail("Invalid group");
        return false;
      }
    }
    Disjunction(1);
    if (error_) return false;
    if (AtEnd()) {
      i_ = open;
      Fail("Unterminated group");
      return false;
    }
    ++i_;  // ')'
    return quantifiable;
  }

  // One class atom at i_; returns its code unit, or -1 for a class escape (\d, \w, ...).
  int ClassAtom() {
    char c = Peek();
    if (c != '\\') {
      ++i_;
      return static_cast<unsigned char>(c);
    }
    ++i_;
    if (AtEnd()) {
      Fail("\\ at end of pattern");
      return -1;
    }
    char e = Peek();
    ++i_;
    switch (e) {
      case 'd': case 'D': case 'w': case 'W': case 's': case 'S': return -1;
      case 'b': return 8;
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'f': return '\f';
      case 'v': return '\v';
      case '0': return 0;
      default: return static_cast<unsigned char>(e);
    }
  }

  void CharacterClass() {
    size_t open = i_;
    ++i_;
    if (Peek() == '^') ++i_;
    while (!error_) {
      if (AtEnd()) {
        i_ = open;
        Fail("Unterminated character class");
        return;
      }
      if (Peek() == ']') {
        ++i_;
        return;
      }
      size_t atom_start = i_;
      int low = ClassAtom();
      if (error_) return;
      if (Peek() == '-' && Peek(1) != ']' && i_ + 1 < s_.size()) {
        ++i_;
        int high = ClassAtom();
        if (error_) return;
        if (low >= 0 && high >= 0 && low > high) {
          i_ = atom_start;
          Fail("Range out of order in character class");
          return;
        }
      }
    }
  }

  // Returns whether the escape may take a quantifier (\b and \B may not).
  bool Escape() {
    ++i_;
    if (AtEnd()) {
      --i_;
      Fail("\\ at end of pattern");
      return false;
    }
    char e = Peek();
    ++i_;
    if (e == 'b' || e == 'B') return false;
    if (e == 'k' && named_groups_) {
      if (Peek() != '<') {
        Fail("Invalid named reference");
        return false;
      }
      size_t at = i_ - 2;
      ++i_;
      size_t start = i_;
      while (!AtEnd() && Peek() != '>') ++i_;
      if (AtEnd()) {
        Fail("Invalid named reference");
        return false;
      }
      references_.push_back({std::string(s_.substr(start, i_ - start)), at});
      ++i_;
    }
    return true;
  }

  // Groups recurse here. V8 gives up on deep nesting too, with a stack overflow at a
  // depth its stack decides; no route needs 256 levels, and a 4 KB pattern of `(` once
  // overflowed this checker's stack.
  static constexpr int kMaxGroupDepth = 256;
  int group_depth_ = 0;
  std::string_view s_;
  size_t i_ = 0;
  bool named_groups_ = false;
  std::set<std::string> names_;
  std::vector<std::pair<std::string, size_t>> references_;
  std::optional<std::string> error_;
  size_t error_at_ = 0;
};

}  // namespace

std::optional<JsRegexError> CheckJsRegex(std::string_view pattern) { return Checker(pattern).Run(); }

std::string Describe(const JsRegexError& error, long shift) {
  long at = static_cast<long>(error.offset) + shift;
  return fmt::format("{} (at character {})", error.reason, at < 0 ? 1 : at + 1);
}

}  // namespace faaslint::vercel
