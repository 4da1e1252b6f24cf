#include "vercel/path_pattern.h"

#include <fmt/format.h>

#include "vercel/js_regex.h"

namespace faaslint::vercel {
namespace {

enum class Tok { kModifier, kEscaped, kOpen, kClose, kName, kPattern, kChar, kEnd };

struct Token {
  Tok type;
  size_t index;
  std::string value;
};

std::string_view TokName(Tok type) {
  switch (type) {
    case Tok::kModifier: return "MODIFIER";
    case Tok::kEscaped: return "ESCAPED_CHAR";
    case Tok::kOpen: return "OPEN";
    case Tok::kClose: return "CLOSE";
    case Tok::kName: return "NAME";
    case Tok::kPattern: return "PATTERN";
    case Tok::kChar: return "CHAR";
    case Tok::kEnd: return "END";
  }
  return "?";
}

bool IsNameChar(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
}

// path-to-regexp 6.1.0 `lexer`, error texts included.
std::optional<std::string> Lex(std::string_view s, std::vector<Token>* tokens) {
  size_t i = 0;
  while (i < s.size()) {
    char c = s[i];
    if (c == '*' || c == '+' || c == '?') {
      tokens->push_back({Tok::kModifier, i, std::string(1, c)});
      ++i;
    } else if (c == '\\') {
      tokens->push_back({Tok::kEscaped, i, i + 1 < s.size() ? std::string(1, s[i + 1]) : ""});
      i += 2;
    } else if (c == '{' || c == '}') {
      tokens->push_back({c == '{' ? Tok::kOpen : Tok::kClose, i, std::string(1, c)});
      ++i;
    } else if (c == ':') {
      size_t j = i + 1;
      while (j < s.size() && IsNameChar(s[j])) ++j;
      if (j == i + 1) return fmt::format("Missing parameter name at {}", i);
      tokens->push_back({Tok::kName, i, std::string(s.substr(i + 1, j - i - 1))});
      i = j;
    } else if (c == '(') {
      int count = 1;
      size_t j = i + 1;
      std::string pattern;
      if (j < s.size() && s[j] == '?') return fmt::format("Pattern cannot start with \"?\" at {}", j);
      while (j < s.size()) {
        if (s[j] == '\\') {
          pattern += s.substr(j, 2);
          j += 2;
          continue;
        }
        if (s[j] == ')') {
          if (--count == 0) {
            ++j;
            break;
          }
        } else if (s[j] == '(') {
          ++count;
          if (j + 1 >= s.size() || s[j + 1] != '?') {
            return fmt::format("Capturing groups are not allowed at {}", j);
          }
        }
        pattern += s[j++];
      }
      if (count) return fmt::format("Unbalanced pattern at {}", i);
      if (pattern.empty()) return fmt::format("Missing pattern at {}", i);
      tokens->push_back({Tok::kPattern, i, pattern});
      i = j;
    } else {
      tokens->push_back({Tok::kChar, i, std::string(1, c)});
      ++i;
    }
  }
  tokens->push_back({Tok::kEnd, i, ""});
  return std::nullopt;
}

// path-to-regexp 6.1.0 `parse`, keeping only what decides validity and the keys.
class Parser {
 public:
  explicit Parser(const std::vector<Token>& tokens) : tokens_(tokens) {}

  std::optional<std::string> Run(std::vector<std::string>* segments) {
    while (i_ < tokens_.size()) {
      bool had_char = TryConsume(Tok::kChar);
      std::optional<std::string> name = TryConsumeValue(Tok::kName);
      std::optional<std::string> pattern = TryConsumeValue(Tok::kPattern);
      if (name || pattern) {
        if (pattern && !CheckPattern(*pattern)) return error_;
        segments->push_back(name ? *name : std::string(kUnnamedSegment));
        TryConsume(Tok::kModifier);
        continue;
      }
      if (had_char || TryConsume(Tok::kEscaped)) continue;
      if (TryConsume(Tok::kOpen)) {
        ConsumeText();
        std::optional<std::string> inner_name = TryConsumeValue(Tok::kName);
        std::optional<std::string> inner_pattern = TryConsumeValue(Tok::kPattern);
        if (inner_pattern && !CheckPattern(*inner_pattern)) return error_;
        ConsumeText();
        if (!MustConsume(Tok::kClose)) return error_;
        if (inner_name) {
          segments->push_back(*inner_name);
        } else if (inner_pattern) {
          segments->push_back(std::string(kUnnamedSegment));
        }
        TryConsume(Tok::kModifier);
        continue;
      }
      if (!MustConsume(Tok::kEnd)) return error_;
    }
    return std::nullopt;
  }

 private:
  bool TryConsume(Tok type) { return TryConsumeValue(type).has_value(); }
  std::optional<std::string> TryConsumeValue(Tok type) {
    if (i_ < tokens_.size() && tokens_[i_].type == type) return tokens_[i_++].value;
    return std::nullopt;
  }
  bool MustConsume(Tok type) {
    if (TryConsume(type)) return true;
    error_ = fmt::format("Unexpected {} at {}, expected {}", TokName(tokens_[i_].type), tokens_[i_].index,
                         TokName(type));
    return false;
  }
  void ConsumeText() {
    while (TryConsume(Tok::kChar) || TryConsume(Tok::kEscaped)) {
    }
  }
  // The pattern becomes a group of the generated regex, which must compile.
  bool CheckPattern(const std::string& pattern) {
    if (std::optional<JsRegexError> error = CheckJsRegex("(" + pattern + ")")) {
      error_ = fmt::format("the group `({})` is not a valid regular expression: {}", pattern, error->reason);
      return false;
    }
    return true;
  }

  const std::vector<Token>& tokens_;
  size_t i_ = 0;
  std::optional<std::string> error_;
};

}  // namespace

std::optional<std::string> ParsePathPattern(std::string_view pattern, std::vector<std::string>* segments) {
  std::vector<Token> tokens;
  if (std::optional<std::string> error = Lex(pattern, &tokens)) return error;
  return Parser(tokens).Run(segments);
}

std::vector<std::string> DestinationSegments(std::string_view destination) {
  // Node's legacy url.parse: `scheme://host[:port]/path?query#hash`.
  std::string_view host, path = destination, query;
  size_t scheme = destination.find("://");
  if (scheme != std::string_view::npos && scheme > 0 &&
      destination.substr(0, scheme).find_first_of("/?#") == std::string_view::npos) {
    std::string_view rest = destination.substr(scheme + 3);
    size_t end = rest.find_first_of("/?#");
    host = rest.substr(0, end);
    path = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    size_t port = host.rfind(':');
    if (port != std::string_view::npos &&
        host.substr(port + 1).find_first_not_of("0123456789") == std::string_view::npos) {
      host = host.substr(0, port);
    }
  }
  size_t hash = path.find('#');
  if (hash != std::string_view::npos) path = path.substr(0, hash);
  size_t question = path.find('?');
  if (question != std::string_view::npos) {
    query = path.substr(question + 1);
    path = path.substr(0, question);
  }
  std::vector<std::string_view> parts = {host, path};
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    size_t eq = pair.find('=');
    parts.push_back(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  std::vector<std::string> segments;
  for (std::string_view part : parts) {
    std::vector<std::string> found;
    if (ParsePathPattern(part, &found)) break;  // routing-utils stops at the first failure
    segments.insert(segments.end(), found.begin(), found.end());
  }
  return segments;
}

}  // namespace faaslint::vercel
