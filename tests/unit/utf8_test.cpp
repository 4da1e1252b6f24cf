#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace faaslint {
namespace {

TEST(Utf8, AcceptsAsciiAndMultiByteText) {
  EXPECT_EQ(FindInvalidUtf8(""), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("select: [FL1]\n"), std::nullopt);
  EXPECT_EQ(FindInvalidUtf8("# caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80\n"), std::nullopt);
}

// Every length from 0 to 40 (so the eight-byte steps and the tail both count) of text
// mixing one- to four-byte characters, also cut mid-character, against a byte-by-byte count.
TEST(Utf8, CountsCodePointsAsEditorsCountColumns) {
  const std::string kMixed = "a\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80\nbc\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80xyz\xFF\x80";
  const std::string text = kMixed + kMixed;
  for (size_t length = 0; length <= 40 && length <= text.size(); ++length) {
    std::string_view part(text.data(), length);
    size_t expected = 0;
    for (char c : part) expected += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    EXPECT_EQ(CodePointCount(part), expected) << "length " << length;
  }
  EXPECT_EQ(CodePointCount("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), 8u);
}

TEST(Utf8, PointsAtTheFirstBadByteInCodePoints) {
  EXPECT_EQ(FindInvalidUtf8("ab\xFF"), (Position{1, 3}));
  // "é" is one column: the bad byte after it is column 3 of line 2.
  EXPECT_EQ(FindInvalidUtf8("x\n\xC3\xA9\x80"), (Position{2, 2}));
  EXPECT_EQ(FindInvalidUtf8("a\n\xC3\xA9z\xC3"), (Position{2, 3}));  // truncated sequence
}

TEST(Utf8, RejectsOverlongSurrogateAndOutOfRangeForms) {
  EXPECT_NE(FindInvalidUtf8("\xC0\xAF"), std::nullopt);          // overlong '/'
  EXPECT_NE(FindInvalidUtf8("\xE0\x80\xAF"), std::nullopt);      // overlong '/'
  EXPECT_NE(FindInvalidUtf8("\xED\xA0\x80"), std::nullopt);      // U+D800
  EXPECT_NE(FindInvalidUtf8("\xF4\x90\x80\x80"), std::nullopt);  // above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xF4\x8F\xBF\xBF"), std::nullopt);  // U+10FFFF itself
}

}  // namespace
}  // namespace faaslint
