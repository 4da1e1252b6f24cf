#include "python/invisible_characters.h"

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace faaslint::python {
namespace {

// Measured on tree-sitter-python 0.23.6 against python3.11: of every code point up to
// U+FFFF, these are the ones `x<c>= 1` parses without an error and Python refuses
// (besides `:`, which makes a walrus, and four letters of newer Unicode versions).
struct Encoded {
  char32_t code_point;
  std::string_view utf8;
};
constexpr Encoded kInvisible[] = {
    {0x000B, "\x0B"},          {0x200B, "\xE2\x80\x8B"}, {0x200C, "\xE2\x80\x8C"},
    {0x200D, "\xE2\x80\x8D"}, {0x2060, "\xE2\x81\xA0"}, {0xFEFF, "\xEF\xBB\xBF"},
};

// Inside a string literal's text or a comment, where Python takes any character.
bool InStringOrComment(TSNode root, uint32_t start, uint32_t end) {
  TSNode node = ts_node_descendant_for_byte_range(root, start, end);
  for (; !ts_node_is_null(node); node = ts_node_parent(node)) {
    const char* type = ts_node_type(node);
    if (std::strcmp(type, "interpolation") == 0) return false;  // f"{code}"
    if (std::strcmp(type, "string") == 0 || std::strcmp(type, "comment") == 0) return true;
  }
  return false;
}

// Whether one of the eight bytes of `word` is 0x0B or has its high bit set (the lead bytes
// 0xE2 and 0xEF among them). Plain ASCII code, nearly all of every file, is passed over
// eight bytes at a time: a byte at a time, this scan was 1% of `check --all`'s instructions
// on the standard library.
bool MayHoldALeadByte(uint64_t word) {
  constexpr uint64_t kOnes = 0x0101010101010101u, kHighBits = 0x8080808080808080u;
  const uint64_t vertical_tabs_zeroed = word ^ (kOnes * 0x0B);
  const uint64_t has_zero_byte = (vertical_tabs_zeroed - kOnes) & ~vertical_tabs_zeroed;
  return ((word | has_zero_byte) & kHighBits) != 0;
}

}  // namespace

InvisibleCharacter FirstInvisibleCharacterInCode(TSNode root, std::string_view source) {
  for (size_t at = 0; at < source.size();) {
    if (source.size() - at >= sizeof(uint64_t)) {
      uint64_t word;
      std::memcpy(&word, source.data() + at, sizeof word);
      if (!MayHoldALeadByte(word)) {
        at += sizeof word;
        continue;
      }
    }
    for (const size_t end = std::min(source.size(), at + sizeof(uint64_t)); at < end; ++at) {
      const unsigned char byte = static_cast<unsigned char>(source[at]);
      if (byte != 0x0B && byte != 0xE2 && byte != 0xEF) continue;  // the lead bytes of the set
      for (const Encoded& candidate : kInvisible) {
        if (source.compare(at, candidate.utf8.size(), candidate.utf8) != 0) continue;
        if (at == 0 && candidate.code_point == 0xFEFF) break;  // a byte order mark
        const auto start = static_cast<uint32_t>(at);
        if (InStringOrComment(root, start, start + static_cast<uint32_t>(candidate.utf8.size()))) break;
        const auto line = static_cast<uint32_t>(std::count(source.begin(), source.begin() + at, '\n')) + 1;
        return {line, candidate.code_point};
      }
    }
  }
  return {};
}

}  // namespace faaslint::python
