#include "core/message_text.h"

#include <cstdio>

namespace faaslint {

std::string EscapeControlCharacters(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    unsigned char byte = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (byte < 0x20 || byte == 0x7F) {
      char escaped[5];
      std::snprintf(escaped, sizeof escaped, "\\x%02X", byte);
      out += escaped;
    } else {
      out += c;
    }
  }
  return out;
}

std::string QuoteUserText(std::string_view text) {
  constexpr size_t kMaxBytes = 60;
  std::string_view shown = text;
  bool cut = false;
  if (shown.size() > kMaxBytes) {
    size_t end = kMaxBytes;
    // Do not split a UTF-8 sequence: back up over continuation bytes.
    while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    shown = text.substr(0, end);
    cut = true;
  }
  return "'" + EscapeControlCharacters(shown) + (cut ? "...'" : "'");
}

}  // namespace faaslint
