// UTF-8 validation for inputs read from disk: parsers downstream (yaml-cpp, tree-sitter)
// silently replace bad bytes, so a user would see errors about text they never wrote.
#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>

#include "core/finding.h"

namespace faaslint {

// Where the first byte that is not well-formed UTF-8 sits (1-based line, column in
// code points), or nullopt when all of `text` is valid. Overlong forms, surrogates and
// code points above U+10FFFF are invalid (RFC 3629 §3).
std::optional<Position> FindInvalidUtf8(std::string_view text);

// How many leading bytes of `text` are ASCII, eight at a time: source code is mostly
// ASCII, so the byte-by-byte UTF-8 and column work can skip straight past them.
inline size_t AsciiPrefixLength(std::string_view text) {
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    if (word & 0x8080808080808080ull) break;
  }
  while (i < text.size() && static_cast<unsigned char>(text[i]) < 0x80) ++i;
  return i;
}

// The number of code points in `text` as editors count columns: every byte that is not a
// UTF-8 continuation byte (10xxxxxx), so a stray or cut sequence still counts once per
// lead byte. Eight bytes at a time: columns are counted on every finding and every
// vercel.json diagnostic.
inline size_t CodePointCount(std::string_view text) {
  size_t count = 0;
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, text.data() + i, 8);
    // A continuation byte has its top bit set and the next one clear.
    const uint64_t continuation = word & ~(word << 1) & 0x8080808080808080ull;
    count += 8 - static_cast<size_t>(std::popcount(continuation));
  }
  for (; i < text.size(); ++i) count += (static_cast<unsigned char>(text[i]) & 0xC0) != 0x80;
  return count;
}

}  // namespace faaslint
