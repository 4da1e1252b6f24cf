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

// One part of a parsed pattern: literal text, or a parameter.
struct Part {
  bool param = false;
  std::string text;  // literal
  std::string name, prefix, suffix, pattern, modifier;
};

// path-to-regexp 6.1.0 `parse` (prefixes "./", delimiter "/").
class Parser {
 public:
  explicit Parser(const std::vector<Token>& tokens) : tokens_(tokens) {}

  std::optional<std::string> Run(std::vector<Part>* parts) {
    const std::string default_pattern = "[^\\/]+?";
    std::string path;
    auto flush = [&] {
      if (!path.empty()) parts->push_back({false, path, "", "", "", "", ""});
      path.clear();
    };
    while (i_ < tokens_.size()) {
      std::optional<std::string> character = TryConsumeValue(Tok::kChar);
      std::optional<std::string> name = TryConsumeValue(Tok::kName);
      std::optional<std::string> pattern = TryConsumeValue(Tok::kPattern);
      if (name || pattern) {
        if (pattern && !CheckPattern(*pattern)) return error_;
        std::string prefix = character.value_or("");
        if (prefix != "." && prefix != "/" && !prefix.empty()) {
          path += prefix;
          prefix.clear();
        }
        flush();
        Part part{true, "", name.value_or(std::string(kUnnamedSegment)), prefix, "", pattern.value_or(default_pattern), ""};
        part.modifier = TryConsumeValue(Tok::kModifier).value_or("");
        parts->push_back(std::move(part));
        continue;
      }
      std::optional<std::string> value = character ? character : TryConsumeValue(Tok::kEscaped);
      if (value) {
        path += *value;
        continue;
      }
      flush();
      if (TryConsume(Tok::kOpen)) {
        std::string prefix = ConsumeText();
        std::optional<std::string> inner_name = TryConsumeValue(Tok::kName);
        std::optional<std::string> inner_pattern = TryConsumeValue(Tok::kPattern);
        if (inner_pattern && !CheckPattern(*inner_pattern)) return error_;
        std::string suffix = ConsumeText();
        if (!MustConsume(Tok::kClose)) return error_;
        Part part{true, "", inner_name ? *inner_name : (inner_pattern ? std::string(kUnnamedSegment) : ""), prefix,
                  suffix, inner_name && !inner_pattern ? default_pattern : inner_pattern.value_or(""), ""};
        part.modifier = TryConsumeValue(Tok::kModifier).value_or("");
        parts->push_back(std::move(part));
        continue;
      }
      if (!MustConsume(Tok::kEnd)) return error_;
    }
    flush();
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
  std::string ConsumeText() {
    std::string text;
    while (true) {
      std::optional<std::string> value = TryConsumeValue(Tok::kChar);
      if (!value) value = TryConsumeValue(Tok::kEscaped);
      if (!value) return text;
      text += *value;
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

// path-to-regexp 6.1.0 escapeString.
std::string Escape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (std::string_view(".+*?=^!:${}()[]|/\\").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::optional<std::string> Parse(std::string_view pattern, std::vector<Part>* parts) {
  std::vector<Token> tokens;
  if (std::optional<std::string> error = Lex(pattern, &tokens)) return error;
  return Parser(tokens).Run(parts);
}

}  // namespace

std::optional<std::string> ParsePathPattern(std::string_view pattern, std::vector<std::string>* segments) {
  std::vector<Part> parts;
  if (std::optional<std::string> error = Parse(pattern, &parts)) return error;
  for (const Part& part : parts) {
    if (part.param && !part.pattern.empty()) segments->push_back(part.name);
  }
  return std::nullopt;
}

std::optional<std::string> PathPatternRegex(std::string_view pattern) {
  std::vector<Part> parts;
  if (Parse(pattern, &parts)) return std::nullopt;
  // path-to-regexp 6.1.0 tokensToRegexp with strict, end and start set.
  std::string route = "^";
  for (const Part& part : parts) {
    if (!part.param) {
      route += Escape(part.text);
      continue;
    }
    std::string prefix = Escape(part.prefix), suffix = Escape(part.suffix);
    if (part.pattern.empty()) {
      route += "(?:" + prefix + suffix + ")" + part.modifier;
    } else if (prefix.empty() && suffix.empty()) {
      route += "(" + part.pattern + ")" + part.modifier;
    } else if (part.modifier == "+" || part.modifier == "*") {
      route += "(?:" + prefix + "((?:" + part.pattern + ")(?:" + suffix + prefix + "(?:" + part.pattern + "))*)" +
               suffix + ")" + (part.modifier == "*" ? "?" : "");
    } else {
      route += "(?:" + prefix + "(" + part.pattern + ")" + suffix + ")" + part.modifier;
    }
  }
  return route + "$";
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
