// Characters that tree-sitter skips like a space but Python refuses outside strings and
// comments ("invalid non-printable character"): a vertical tab and the zero-width
// characters that code copied from a web page or a chat brings along. A file holding one
// parses without an error node, and every cold start of it fails with a SyntaxError.
#pragma once

#include <tree_sitter/api.h>

#include <cstdint>
#include <string_view>

namespace faaslint::python {

struct InvisibleCharacter {
  uint32_t line = 0;  // 1-based; 0 when there is none
  char32_t code_point = 0;
};

// The first of them in code, that is outside string literals (but inside an f-string's
// replacement fields) and comments. A byte order mark at the very start is not one:
// Python skips it.
InvisibleCharacter FirstInvisibleCharacterInCode(TSNode root, std::string_view source);

}  // namespace faaslint::python
