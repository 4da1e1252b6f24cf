// The import scan from tokens. Python's statements can be found by their lines:
// indentation opens and closes blocks, brackets and backslashes join physical lines. So
// imports, the `__main__` guard and top-level entry names are read here without a syntax
// tree, which costs a fraction of a parse. Whatever this reading is not sure of gives up
// (nullopt), and the tree scan decides.
#include "python/import_tokens.h"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace faaslint::python {
namespace {

// Deeper nesting is left to the tree scan, which has a depth limit of its own.
constexpr size_t kMaxBlocks = 50;
// The length of the longest operator at the start of `s` (which is not empty): Python's
// operators and delimiters of more than one character are `**=` `//=` `>>=` `<<=` `...`
// `->` `:=` `==` `!=` `<=` `>=` `<>` and an augmented assignment of any other operator (the
// Python language reference, "Operators" and "Delimiters").
size_t OperatorLength(std::string_view s) {
  char c = s[0];
  char next = s.size() > 1 ? s[1] : '\0';
  char third = s.size() > 2 ? s[2] : '\0';
  switch (c) {
    case '*': case '/': case '>': case '<':
      if (next == c) return third == '=' ? 3 : 2;                   // ** // >> << and **= //= >>= <<=
      return next == '=' || (c == '<' && next == '>') ? 2 : 1;      // *= /= >= <= <>
    case '.':
      return next == '.' && third == '.' ? 3 : 1;
    case '-':
      return next == '>' || next == '=' ? 2 : 1;
    case ':': case '=': case '!': case '+': case '%': case '&': case '|': case '^': case '@':
      return next == '=' ? 2 : 1;
    default:
      return 1;
  }
}

bool IsNameByte(unsigned char c) {
  return c == '_' || c >= 0x80 || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

enum class Kind : uint8_t { kName, kString, kOp };

struct Token {
  Kind kind;
  uint32_t begin, end;  // byte offsets into the source
  int depth;            // brackets open around it in its line (a bracket: around the pair)
};

// One logical line: the indentation of its first physical line, and its tokens.
struct Line {
  uint32_t indent = 0;
  std::vector<Token> tokens;
};

// Splits the source into logical lines, handing each to `take` as it ends (one token
// buffer for the whole file). False when `take` refuses a line, or on what this reader
// does not handle: tabs or form feeds in the indentation of a line that is not blank, a
// lone \r, an unclosed string or bracket, a closer without an opener, a control
// character or a non-ASCII byte outside strings and comments.
class Lexer {
 public:
  explicit Lexer(std::string_view source) : s_(source) {}

  template <typename Take>
  bool Run(Take&& take) {
    Line line;
    bool line_start = true;
    int depth = 0;  // open brackets: a newline inside them does not end the line
    while (i_ < s_.size()) {
      unsigned char c = s_[i_];
      if (line_start) {
        size_t start = i_;
        while (i_ < s_.size() && s_[i_] == ' ') ++i_;
        line.indent = static_cast<uint32_t>(i_ - start);
        if (i_ < s_.size() && (s_[i_] == '\t' || s_[i_] == '\f')) {
          // Tabs and form feeds count as Python counts them, which this reader does not:
          // only a blank line (a page break) may have them.
          size_t after = s_.find_first_not_of(" \t\f", i_);
          if (after != std::string_view::npos && s_[after] != '\n' && s_[after] != '\r' && s_[after] != '#') {
            return false;
          }
          i_ = after == std::string_view::npos ? s_.size() : after;
        }
        line_start = false;
      } else if (c == '\n') {
        ++i_;
        if (depth > 0) continue;
        if (!line.tokens.empty() && !take(line)) return false;
        line.tokens.clear();
        line_start = true;
      } else if (c == '\r') {
        if (i_ + 1 >= s_.size() || s_[i_ + 1] != '\n') return false;
        ++i_;
      } else if (c == ' ' || c == '\t' || c == '\f') {
        ++i_;
      } else if (c == '#') {
        while (i_ < s_.size() && s_[i_] != '\n') ++i_;
      } else if (c == '\\') {  // a continuation: the next physical line joins this one
        size_t next = i_ + 1;
        if (next < s_.size() && s_[next] == '\r') ++next;
        if (next >= s_.size() || s_[next] != '\n') return false;
        i_ = next + 1;
      } else if (c == '"' || c == '\'') {
        if (!String(i_, depth, line)) return false;
      } else if (c < 0x20 || c == 0x7f) {
        // Other control characters: tree-sitter reads a vertical tab as a space, Python
        // refuses it; either way not a file to be sure of.
        return false;
      } else if (IsNameByte(c)) {
        size_t start = i_;
        while (i_ < s_.size() && IsNameByte(s_[i_])) {
          // A name with non-ASCII letters: rare, and among those bytes are spaces that
          // tree-sitter skips as whitespace (U+00A0, U+3000...), which would split the name.
          if (static_cast<unsigned char>(s_[i_]) >= 0x80) return false;
          ++i_;
        }
        bool quote_next = i_ < s_.size() && (s_[i_] == '"' || s_[i_] == '\'');
        if (quote_next && IsStringPrefix(start, i_)) {
          if (!String(start, depth, line)) return false;
          continue;
        }
        line.tokens.push_back({Kind::kName, static_cast<uint32_t>(start), static_cast<uint32_t>(i_), depth});
      } else {
        if ((c == ')' || c == ']' || c == '}') && --depth < 0) return false;
        int around = depth;
        if (c == '(' || c == '[' || c == '{') ++depth;
        // The longest operator here ("==", ":=", "**=", "->", "..."): a lone '=' is then an
        // assignment and a lone ':' the end of a header.
        size_t length = OperatorLength(s_.substr(i_));
        line.tokens.push_back({Kind::kOp, static_cast<uint32_t>(i_), static_cast<uint32_t>(i_ + length), around});
        i_ += length;
      }
    }
    if (depth != 0) return false;
    return line.tokens.empty() || take(line);
  }

 private:
  // r, b, f, u and their pairs, in any case.
  bool IsStringPrefix(size_t begin, size_t end) const {
    if (end - begin > 2) return false;
    for (size_t k = begin; k < end; ++k) {
      char lower = static_cast<char>(s_[k] | 0x20);
      if (lower != 'r' && lower != 'b' && lower != 'f' && lower != 'u') return false;
    }
    return true;
  }

  // A string literal from `begin` (its prefix, or its quote) to its closing quote.
  bool String(size_t begin, int depth, Line& line) {
    char q = s_[i_];
    bool triple = i_ + 2 < s_.size() && s_[i_ + 1] == q && s_[i_ + 2] == q;
    i_ += triple ? 3 : 1;
    while (true) {
      if (i_ >= s_.size()) return false;
      char c = s_[i_];
      if (c == '\\') {  // escapes the next byte, in raw strings too: r"\"" goes on
        i_ += 2;
        continue;
      }
      if (c == '\n' && !triple) return false;
      if (c == q && (!triple || (i_ + 2 < s_.size() && s_[i_ + 1] == q && s_[i_ + 2] == q))) {
        i_ += triple ? 3 : 1;
        break;
      }
      ++i_;
    }
    line.tokens.push_back({Kind::kString, static_cast<uint32_t>(begin), static_cast<uint32_t>(i_), depth});
    return true;
  }

  std::string_view s_;
  size_t i_ = 0;
};

enum class Block : uint8_t { kOther, kDefinition, kScriptOnly };

// Reads the logical lines as statements, tracking the blocks around each.
class Reader {
 public:
  Reader(std::string_view source, ImportScan& out) : s_(source), out_(out) {}

  bool Take(const Line& line) {
    return Indent(line.indent) && Statement(line.tokens, 0, line.tokens.size(), line.indent);
  }
  bool Finish() const { return !expecting_body_; }  // a header on the last line has no body

 private:
  struct Open {
    Block kind;
    uint32_t header_indent;
    uint32_t body_indent = 0;  // set by the block's first line
  };

  std::string_view Text(const Token& t) const { return s_.substr(t.begin, t.end - t.begin); }
  std::string_view Text(const std::vector<Token>& t, size_t from, size_t to) const {
    if (from >= to) return {};
    return s_.substr(t[from].begin, t[to - 1].end - t[from].begin);
  }
  bool IsOp(const Token& t, std::string_view op) const { return t.kind == Kind::kOp && Text(t) == op; }
  bool IsKeyword(const Token& t, std::string_view word) const { return t.kind == Kind::kName && Text(t) == word; }

  // Closes the blocks a line's indentation leaves; false on indentation Python rejects.
  bool Indent(uint32_t indent) {
    if (expecting_body_) {
      expecting_body_ = false;
      if (indent <= blocks_.back().header_indent) return false;  // a header without a body
      blocks_.back().body_indent = indent;
      return true;
    }
    while (!blocks_.empty() && indent < blocks_.back().body_indent) blocks_.pop_back();
    uint32_t expected = blocks_.empty() ? 0 : blocks_.back().body_indent;
    return indent == expected;  // an unexpected indent, or a dedent to no open level
  }

  bool TopLevel() const {
    return std::none_of(blocks_.begin(), blocks_.end(), [](const Open& b) { return b.kind == Block::kDefinition; });
  }
  bool ScriptOnly() const {
    return std::any_of(blocks_.begin(), blocks_.end(), [](const Open& b) { return b.kind == Block::kScriptOnly; });
  }

  // The first ':' outside brackets from `from`, or `to`.
  size_t HeaderColon(const std::vector<Token>& t, size_t from, size_t to) const {
    for (size_t k = from; k < to; ++k) {
      if (t[k].depth == 0 && IsOp(t[k], ":")) return k;
    }
    return to;
  }

  bool IsCompoundKeyword(const std::vector<Token>& t, size_t from, size_t to) const {
    static constexpr std::string_view kKeywords[] = {"if",   "elif",   "else",  "for",  "while", "try",
                                                     "except", "finally", "with", "def", "class", "async"};
    const Token& first = t[from];
    if (first.kind != Kind::kName) return false;
    std::string_view word = Text(first);
    return std::find(std::begin(kKeywords), std::end(kKeywords), word) != std::end(kKeywords) ||
           // Soft keywords: a line that ends in ':' can only be a header.
           ((word == "match" || word == "case") && to - from > 1 && IsOp(t[to - 1], ":"));
  }

  bool Statement(const std::vector<Token>& t, size_t from, size_t to, uint32_t indent) {
    if (from >= to) return true;
    std::string_view first = Text(t[from]);
    if (t[from].kind == Kind::kName && (first == "match" || first == "case") && !IsCompoundKeyword(t, from, to) &&
        HeaderColon(t, from, to) != to) {
      return false;  // a soft keyword with an inline body, or an annotated `match: int`
    }
    if (IsCompoundKeyword(t, from, to)) return Header(t, from, to, indent);
    // Simple statements, separated by ';' outside brackets.
    size_t start = from;
    for (size_t k = from; k <= to; ++k) {
      if (k == to || (t[k].depth == 0 && IsOp(t[k], ";"))) {
        if (!Simple(t, start, k)) return false;
        start = k + 1;
      }
    }
    return true;
  }

  bool Header(const std::vector<Token>& t, size_t from, size_t to, uint32_t indent) {
    size_t colon = HeaderColon(t, from, to);
    if (colon == to) return false;
    // A lambda outside brackets before it: its ':' may be the one found.
    for (size_t k = from; k < colon; ++k) {
      if (t[k].depth == 0 && IsKeyword(t[k], "lambda")) return false;
    }
    size_t keyword = from;
    if (IsKeyword(t[from], "async")) ++keyword;
    if (keyword >= colon) return false;
    Block kind = Block::kOther;
    std::string_view word = Text(t[keyword]);
    if (word == "def" || word == "class") {
      kind = Block::kDefinition;
      if (keyword + 1 >= colon || t[keyword + 1].kind != Kind::kName) return false;
      if (TopLevel() && !ScriptOnly() && IsVercelEntryName(Text(t[keyword + 1]))) out_.binds_entry_name = true;
    } else if (word == "if" && IsScriptOnly(Text(t, keyword + 1, colon))) {
      kind = Block::kScriptOnly;
    }
    if (blocks_.size() >= kMaxBlocks) return false;
    blocks_.push_back({kind, indent});
    if (colon + 1 < to) {  // a body on the header's line: `if x: import y`
      bool read = Statement(t, colon + 1, to, indent);
      blocks_.pop_back();
      return read;
    }
    expecting_body_ = true;
    return true;
  }

  // The condition of `if __name__ == "__main__":`, written either way round (as the tree
  // scan reads it: spaces and parentheses dropped, quotes made double).
  static bool IsScriptOnly(std::string_view text) {
    std::string condition;
    for (char c : text) {
      if (c == '\'') condition += '"';
      else if (c != ' ' && c != '(' && c != ')') condition += c;
    }
    return condition == "__name__==\"__main__\"" || condition == "\"__main__\"==__name__";
  }

  bool Simple(const std::vector<Token>& t, size_t from, size_t to) {
    if (from >= to || ScriptOnly()) return true;
    if (IsKeyword(t[from], "import")) return Import(t, from + 1, to);
    if (IsKeyword(t[from], "from")) return FromImport(t, from + 1, to);
    if (IsPathShim(t, from, to)) return false;  // its path is an expression: the tree evaluates it
    if (t[from].kind == Kind::kName && TopLevel()) Assignment(t, from, to);
    return true;
  }

  // `sys.path.insert(...)`, `sys.path.append(...)`, `site.addsitedir(...)`.
  bool IsPathShim(const std::vector<Token>& t, size_t from, size_t to) const {
    size_t name_end = DottedName(t, from, to);
    std::string_view name = Text(t, from, name_end);
    return (name == "sys.path.insert" || name == "sys.path.append" || name == "site.addsitedir") &&
           name_end < to && IsOp(t[name_end], "(");
  }

  // `a.b as c, d`: each a dotted name, maybe aliased. A bare `import` or a trailing comma
  // is a syntax error that tree-sitter repairs by reading on past the line end (`import`,
  // newline, `x` reads as `import x`): the tree decides what such a file imports.
  bool Import(const std::vector<Token>& t, size_t from, size_t to) {
    if (from >= to) return false;
    size_t k = from;
    while (k < to) {
      size_t name_end = DottedName(t, k, to);
      if (name_end == k) return false;
      out_.imports.push_back({std::string(Text(t, k, name_end)), 0, {}});
      k = name_end;
      if (k < to && IsKeyword(t[k], "as")) {
        if (k + 1 >= to || t[k + 1].kind != Kind::kName) return false;
        if (TopLevel() && IsVercelEntryName(Text(t[k + 1]))) out_.binds_entry_name = true;
        k += 2;
      }
      if (k == to) break;
      if (!IsOp(t[k], ",") || k + 1 == to) return false;
      ++k;
    }
    return true;
  }

  // `.`s and an optional dotted name, `import`, then `*`, names, or names in parentheses.
  bool FromImport(const std::vector<Token>& t, size_t from, size_t to) {
    ImportRef ref;
    size_t k = from;
    size_t dots = k;
    while (k < to && t[k].kind == Kind::kOp && std::all_of(s_.begin() + t[k].begin, s_.begin() + t[k].end,
                                                           [](char c) { return c == '.'; })) {
      ++k;
    }
    if (k > dots) ref.level = static_cast<int>(Text(t, dots, k).size());
    size_t name_end = DottedName(t, k, to);
    if (name_end > k) ref.module = std::string(Text(t, k, name_end));
    else if (k == dots) return false;  // neither dots nor a module
    k = name_end;
    if (k >= to || !IsKeyword(t[k], "import")) return false;
    ++k;
    if (k < to && IsOp(t[k], "*")) {
      if (k + 1 != to) return false;
      out_.imports.push_back(std::move(ref));
      return true;
    }
    bool parenthesized = k < to && IsOp(t[k], "(");
    size_t end = to;
    if (parenthesized) {
      if (!IsOp(t[to - 1], ")")) return false;
      ++k;
      --end;
    }
    while (k < end) {
      size_t name = DottedName(t, k, end);
      if (name == k) return false;
      std::string_view bound = Text(t, k, name);
      ref.names.emplace_back(bound);
      k = name;
      if (k < end && IsKeyword(t[k], "as")) {
        if (k + 1 >= end || t[k + 1].kind != Kind::kName) return false;
        bound = Text(t[k + 1]);
        k += 2;
      }
      if (TopLevel() && IsVercelEntryName(bound)) out_.binds_entry_name = true;
      if (k == end) break;
      if (!IsOp(t[k], ",") || (k + 1 == end && !parenthesized)) return false;  // `(a, b,)` is allowed
      ++k;
    }
    if (ref.names.empty()) return false;
    // `from __future__ import ...` is a compiler directive; the tree scan does not list it.
    if (ref.level == 0 && ref.module == "__future__") return true;
    out_.imports.push_back(std::move(ref));
    return true;
  }

  // Where a dotted name starting at `k` ends (`k` itself when there is none).
  size_t DottedName(const std::vector<Token>& t, size_t k, size_t to) const {
    if (k >= to || t[k].kind != Kind::kName || IsKeyword(t[k], "import") || IsKeyword(t[k], "as")) return k;
    size_t end = k + 1;
    while (end + 1 < to && IsOp(t[end], ".") && t[end + 1].kind == Kind::kName) end += 2;
    return end;
  }

  // `app = ...`, `app: Flask = ...`, `app = application = ...`: the targets before each
  // '=' outside brackets (an annotation cut off the first).
  void Assignment(const std::vector<Token>& t, size_t from, size_t to) {
    size_t start = from;
    for (size_t k = from; k < to; ++k) {
      if (t[k].depth == 0 && IsOp(t[k], "=")) {
        size_t target_end = start == from ? HeaderColon(t, start, k) : k;
        if (IsVercelEntryName(Text(t, start, target_end)) && target_end == start + 1) out_.binds_entry_name = true;
        start = k + 1;
      }
    }
  }

  std::string_view s_;
  ImportScan& out_;
  std::vector<Open> blocks_;
  bool expecting_body_ = false;
};

}  // namespace

std::optional<ImportScan> ScanImportsByTokens(std::string_view source) {
  // NUL bytes and a byte order mark are left to the tree.
  if (source.find('\0') != std::string_view::npos || source.starts_with("\xEF\xBB\xBF")) {
    return std::nullopt;
  }
  ImportScan scan;
  Reader reader(source, scan);
  if (!Lexer(source).Run([&](const Line& line) { return reader.Take(line); }) || !reader.Finish()) {
    return std::nullopt;
  }
  return scan;
}

}  // namespace faaslint::python
