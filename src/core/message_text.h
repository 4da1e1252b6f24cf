// Error messages quote what the user wrote, and must stay one line: a key with a
// newline in it, or a megabyte-long value, must not break or flood the message.
#pragma once

#include <string>
#include <string_view>

namespace faaslint {

// Control characters and DEL as C escapes (\n, \t, \x01); the rest unchanged.
std::string EscapeControlCharacters(std::string_view text);

// 'text' in single quotes, escaped, cut to about 60 characters with "...".
std::string QuoteUserText(std::string_view text);

}  // namespace faaslint
