#include "python/bracket_depth.h"

namespace faaslint::python {
namespace {

bool ThreeOf(std::string_view source, size_t i, char c) {
  return i + 2 < source.size() && source[i] == c && source[i + 1] == c && source[i + 2] == c;
}

}  // namespace

uint32_t LineWhereBracketsNestDeeperThan(std::string_view source, size_t limit) {
  size_t depth = 0;
  uint32_t line = 1;
  char quote = 0;       // the quote of the string we are in, or 0
  bool triple = false;  // the string is """ or '''
  bool comment = false;
  for (size_t i = 0; i < source.size(); ++i) {
    const char c = source[i];
    if (c == '\n') {
      ++line;
      comment = false;
      if (quote && !triple) quote = 0;  // an unterminated one-line string ends here
    } else if (c == '(' || c == '[' || c == '{') {
      if (++depth > limit) return line;
    } else if (comment) {
      // nothing closes in a comment
    } else if (quote) {
      if (c == '\\') {
        // An escaped character (in raw strings too, as far as where the string ends).
        if (i + 1 < source.size() && source[i + 1] == '\n') ++line;
        ++i;
      } else if (c == quote && (!triple || ThreeOf(source, i, c))) {
        if (triple) i += 2;
        quote = 0;
      }
    } else if (c == '#') {
      comment = true;
    } else if (c == '"' || c == '\'') {
      quote = c;
      triple = ThreeOf(source, i, c);
      if (triple) i += 2;
    } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return 0;
}

}  // namespace faaslint::python
