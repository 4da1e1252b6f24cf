// Whether a string is a valid JavaScript regular expression, as `new RegExp(text)`
// decides in Node.js 20 (V8, no flags: Annex B syntax, where a lone `{`, `}` or `]`
// is a literal and unknown escapes are identity escapes). Vercel compiles every
// route `src` and every rewrite/redirect/header `source` this way
// (@vercel/routing-utils 6.6.0, checkRegexSyntax).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace faaslint::vercel {

struct JsRegexError {
  std::string reason;  // V8's words: "Unterminated group", "Nothing to repeat", ...
  size_t offset;       // 0-based byte offset where it was found
};

// Empty when valid.
std::optional<JsRegexError> CheckJsRegex(std::string_view pattern);

// "reason (at character N)", N 1-based, after moving the offset by `shift` (for a
// pattern that was prefixed before compiling).
std::string Describe(const JsRegexError& error, long shift = 0);

}  // namespace faaslint::vercel
