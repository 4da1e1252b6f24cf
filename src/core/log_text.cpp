#include "core/log_text.h"

#include "core/message_text.h"

namespace faaslint {

std::string LogSafe(std::string_view text) {
  std::string escaped = EscapeControlCharacters(text);
  constexpr std::string_view kLegacyCommand = "##[";
  for (size_t at = escaped.find(kLegacyCommand); at != std::string::npos; at = escaped.find(kLegacyCommand, at)) {
    escaped.replace(at + 1, 1, "\\x23");
  }
  return escaped;
}

}  // namespace faaslint
