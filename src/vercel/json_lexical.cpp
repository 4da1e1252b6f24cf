#include "vercel/json_lexical.h"

#include <cctype>

namespace faaslint::vercel {
namespace {

constexpr std::string_view kCommentHelp =
    "vercel.json is read as strict JSON; remove the comment (a `\"description\"`-like key "
    "is rejected too, so keep notes in a README)";

void Blank(std::string* text, size_t start, size_t end) {
  for (size_t i = start; i < end && i < text->size(); ++i) {
    if ((*text)[i] != '\n' && (*text)[i] != '\r') (*text)[i] = ' ';
  }
}

// Skips a string starting at text[i] == '"'; returns the offset after it. A string
// also ends at a newline (JSON strings cannot span lines; the grammar reports it).
size_t SkipString(std::string_view text, size_t i) {
  for (++i; i < text.size(); ++i) {
    if (text[i] == '\\') {
      ++i;
    } else if (text[i] == '"') {
      return i + 1;
    } else if (text[i] == '\n') {
      return i;
    }
  }
  return text.size();
}

void BlankComments(std::string* text, std::vector<LexicalIssue>* issues) {
  std::string_view view = *text;
  size_t i = 0;
  while (i < view.size()) {
    char c = view[i];
    if (c == '"') {
      i = SkipString(view, i);
      continue;
    }
    size_t end = i;
    std::string message;
    if (c == '#' || (c == '/' && i + 1 < view.size() && view[i + 1] == '/')) {
      end = view.find('\n', i);
      if (end == std::string_view::npos) end = view.size();
      if (end > i && view[end - 1] == '\r') --end;
      message = c == '#' ? "comments are not allowed in JSON (`#` comment)"
                         : "comments are not allowed in JSON (`//` comment)";
    } else if (c == '/' && i + 1 < view.size() && view[i + 1] == '*') {
      size_t close = view.find("*/", i + 2);
      end = close == std::string_view::npos ? view.size() : close + 2;
      message = close == std::string_view::npos
                    ? "comments are not allowed in JSON (unterminated `/*` comment)"
                    : "comments are not allowed in JSON (`/* */` comment)";
    } else {
      ++i;
      continue;
    }
    issues->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(end), message,
                       std::string(kCommentHelp)});
    Blank(text, i, end);
    i = end;
  }
}

bool IsJsonSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

// JSON allows `1e+5`; the grammar's exponent has no `+`. Writing `0` in its place
// keeps the token's length and makes the grammar accept it; values are read from
// the original text.
void NeutraliseExponentPlus(std::string* text) {
  std::string_view view = *text;
  for (size_t i = 0; i < view.size(); ++i) {
    if (view[i] == '"') {
      i = SkipString(view, i) - 1;
      continue;
    }
    if (view[i] == '+' && i >= 2 && (view[i - 1] == 'e' || view[i - 1] == 'E') &&
        isdigit(static_cast<unsigned char>(view[i - 2]))) {
      (*text)[i] = '0';
    }
  }
}

void BlankTrailingCommas(std::string* text, std::vector<LexicalIssue>* issues) {
  std::string_view view = *text;
  size_t i = 0;
  while (i < view.size()) {
    if (view[i] == '"') {
      i = SkipString(view, i);
      continue;
    }
    if (view[i] == ',') {
      size_t next = i + 1;
      while (next < view.size() && IsJsonSpace(view[next])) ++next;
      if (next < view.size() && (view[next] == '}' || view[next] == ']')) {
        issues->push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1),
                           std::string("trailing comma before `") + view[next] +
                               "` is not allowed in JSON",
                           "remove the comma after the last element"});
        (*text)[i] = ' ';
      }
    }
    ++i;
  }
}

}  // namespace

std::string BlankLexicalIssues(std::string_view input, std::vector<LexicalIssue>* issues) {
  std::string text(input);
  if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) {
    issues->push_back({0, 3, "file starts with a byte order mark (BOM), which JSON does not allow",
                       "save the file as UTF-8 without BOM"});
    Blank(&text, 0, 3);
  }
  BlankComments(&text, issues);  // before commas: a comment may sit between `,` and `}`
  BlankTrailingCommas(&text, issues);
  NeutraliseExponentPlus(&text);
  return text;
}

std::optional<uint32_t> FindNestingDeeperThan(std::string_view text, int limit) {
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '"') {
      i = SkipString(text, i) - 1;
    } else if (c == '[' || c == '{') {
      if (++depth > limit) return static_cast<uint32_t>(i);
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return std::nullopt;
}

}  // namespace faaslint::vercel
