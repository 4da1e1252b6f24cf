#include "vercel/line_index.h"

#include <gtest/gtest.h>

#include <string>

namespace faaslint::vercel {
namespace {

// Line and column as an editor counts them, the slow way.
Position Naive(std::string_view text, uint32_t offset) {
  Position at{1, 1};
  for (uint32_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') {
      at = {at.line + 1, 1};
    } else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) {
      ++at.column;
    }
  }
  return at;
}

// Every offset of a text that mixes one- to four-byte characters and newlines across
// many checkpoints (the index keeps one every 256 bytes), up to the end.
TEST(VercelLineIndex, EveryOffsetMatchesCountingFromTheStart) {
  const char* kPieces[] = {"a", "\xC3\xA9", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\n", "bc"};
  for (size_t length : {0u, 1u, 255u, 256u, 257u, 512u, 3000u}) {
    std::string text;
    for (size_t i = 0; text.size() < length; ++i) text += kPieces[(i * 7 + i / 5) % 6];
    text.resize(length);  // may cut a character: a continuation byte at the end, too
    LineIndex index(text);
    for (uint32_t offset = 0; offset <= text.size(); ++offset) {
      ASSERT_EQ(index.At(offset), Naive(text, offset)) << "length " << length << " offset " << offset;
    }
    EXPECT_EQ(index.At(static_cast<uint32_t>(text.size()) + 10), Naive(text, static_cast<uint32_t>(text.size())));
  }
}

// A 4 MB single line, non-ASCII: a column late in it is the number of characters
// before it, found without walking the line for every lookup.
TEST(VercelLineIndex, LongNonAsciiLineHasCodePointColumns) {
  std::string line;
  for (int i = 0; i < 2000000; ++i) line += "\xC3\xA9";
  const std::string text = "{\n" + line + "x";
  LineIndex index(text);  // keeps a view of the text
  for (uint32_t i = 0; i < 3000; ++i) {
    ASSERT_EQ(index.At(2 + 2 * (1999999 - i)), (Position{2, 2000000 - i}));
  }
  EXPECT_EQ(index.At(2 + 4000000), (Position{2, 2000001}));
}

}  // namespace
}  // namespace faaslint::vercel
