// What the JSON-based formats (json, sarif, gitlab) share: how a document is written.
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>

namespace faaslint::report {

// ordered_json keeps keys in the order written, so reports read top-down and goldens
// stay stable.
using Json = nlohmann::ordered_json;

// Pretty-printed with two spaces and a final newline. nlohmann's dump() throws on
// invalid UTF-8; a file name or source line in another encoding must not cost the
// whole report, so invalid bytes are written as U+FFFD instead.
inline void WriteJson(const Json& document, std::ostream& out) {
  out << document.dump(2, ' ', false, Json::error_handler_t::replace) << '\n';
}

}  // namespace faaslint::report
