#include "core/message_text.h"

#include <gtest/gtest.h>

namespace faaslint {
namespace {

TEST(MessageText, ControlCharactersBecomeEscapes) {
  EXPECT_EQ(EscapeControlCharacters("a\nb\r\tc\x01\x7F"), "a\\nb\\r\\tc\\x01\\x7F");
  EXPECT_EQ(EscapeControlCharacters("caf\xC3\xA9 ok"), "caf\xC3\xA9 ok");
}

TEST(MessageText, QuotesAreCutWithoutSplittingACharacter) {
  EXPECT_EQ(QuoteUserText("FL999"), "'FL999'");
  EXPECT_EQ(QuoteUserText(std::string(59, 'x') + "\xC3\xA9" + "tail"), "'" + std::string(59, 'x') + "...'");
  EXPECT_EQ(QuoteUserText(std::string(60, 'x')), "'" + std::string(60, 'x') + "'");
}

}  // namespace
}  // namespace faaslint
