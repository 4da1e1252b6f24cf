// The scan for characters Python refuses in code passes plain ASCII over eight bytes at a
// time: a character must be found wherever it falls in those eight, and after any text.
// (tests/e2e/bad_input_test.cpp checks the notes against python3 itself.)
#include "python/invisible_characters.h"

#include <gtest/gtest.h>

#include <string>

#include "python/module.h"
#include "python/parser.h"

namespace faaslint::python {
namespace {

struct Character {
  const char* utf8;
  char32_t code_point;
};
constexpr Character kCharacters[] = {
    {"\x0B", 0x000B}, {"\xE2\x80\x8B", 0x200B}, {"\xE2\x80\x8C", 0x200C},
    {"\xE2\x80\x8D", 0x200D}, {"\xE2\x81\xA0", 0x2060}, {"\xEF\xBB\xBF", 0xFEFF},
};

TEST(InvisibleCharacters, FoundAtEveryOffsetOfTheWordsPassedOver) {
  Parser parser;
  for (const Character& character : kCharacters) {
    for (size_t padding = 0; padding < 20; ++padding) {
      // Line 3; before it, a line whose non-ASCII comment makes the scan look byte by byte.
      const std::string source =
          "import os  # caf\xC3\xA9\nx = 1\nvalue" + std::string(padding, 'a') + character.utf8 + "= 1\n";
      std::unique_ptr<Module> module = ParseModule(parser, "app.py", source);
      ASSERT_FALSE(module->has_syntax_errors()) << padding;
      EXPECT_EQ(module->invisible_character().line, 3u) << std::hex << static_cast<uint32_t>(character.code_point) << " after " << padding;
      EXPECT_EQ(static_cast<uint32_t>(module->invisible_character().code_point), static_cast<uint32_t>(character.code_point)) << padding;
    }
  }
}

TEST(InvisibleCharacters, NotInCommentsAndStringsAtAnyOffset) {
  Parser parser;
  for (const Character& character : kCharacters) {
    for (size_t padding = 0; padding < 20; ++padding) {
      const std::string pad(padding, 'a');
      const std::string source = "x = 1  # " + pad + character.utf8 + "\ns = '" + pad + character.utf8 + "'\n";
      std::unique_ptr<Module> module = ParseModule(parser, "app.py", source);
      EXPECT_EQ(module->invisible_character().line, 0u) << std::hex << static_cast<uint32_t>(character.code_point) << " after " << padding;
    }
  }
  // Plain ASCII, long and of every length modulo eight, and a byte order mark at the start.
  for (size_t length = 990; length < 1000; ++length) {
    std::unique_ptr<Module> module = ParseModule(parser, "app.py", "x = '" + std::string(length, 'a') + "'\n");
    EXPECT_EQ(module->invisible_character().line, 0u) << length;
  }
  EXPECT_EQ(ParseModule(parser, "app.py", "\xEF\xBB\xBFx = 1\n")->invisible_character().line, 0u);
}

}  // namespace
}  // namespace faaslint::python
