// UTF-8 validation for inputs read from disk: parsers downstream (yaml-cpp, tree-sitter)
// silently replace bad bytes, so a user would see errors about text they never wrote.
#pragma once

#include <optional>
#include <string_view>

#include "core/finding.h"

namespace faaslint {

// Where the first byte that is not well-formed UTF-8 sits (1-based line, column in
// code points), or nullopt when all of `text` is valid. Overlong forms, surrogates and
// code points above U+10FFFF are invalid (RFC 3629 §3).
std::optional<Position> FindInvalidUtf8(std::string_view text);

}  // namespace faaslint
