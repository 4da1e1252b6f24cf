// [tool.faaslint] in pyproject.toml via toml++ (optional: FAASLINT_HAVE_TOML).
#include <algorithm>
#include <cctype>
#include <sstream>
#include <string>

#include "config/tree.h"

#if FAASLINT_HAVE_TOML
#include <toml++/toml.h>
#endif

namespace faaslint::config {

bool MentionsFaaslintTable(std::string_view text) {
  // A header line such as `[tool.faaslint]`, `[ tool . faaslint . rules ]`, or a dotted
  // key `tool.faaslint.select = ...`. Whitespace-insensitive, quotes ignored.
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string line;
    for (char c : text.substr(start, end - start)) {
      if (c == '#') break;
      if (!std::isspace(static_cast<unsigned char>(c)) && c != '"' && c != '\'') line += c;
    }
    // `[tool.faaslint` with its `]` missing counts too: the TOML parser then names the
    // error, where the table would otherwise be ignored without a word.
    constexpr std::string_view kHeader = "[tool.faaslint";
    std::string_view after = std::string_view(line).substr(std::min(line.size(), kHeader.size()));
    if ((line.starts_with(kHeader) && (after.empty() || after[0] == ']' || after[0] == '.')) ||
        line.starts_with("tool.faaslint.")) {
      return true;
    }
    start = end + 1;
  }
  return false;
}

#if FAASLINT_HAVE_TOML
namespace {

Position ToPosition(const toml::source_region& region) {
  return Position{std::max<uint32_t>(1, region.begin.line), std::max<uint32_t>(1, region.begin.column)};
}

Value Convert(const toml::node& node) {
  Value value;
  value.position = ToPosition(node.source());
  if (const toml::table* table = node.as_table()) {
    value.kind = Value::Kind::kMap;
    for (const auto& [key, child] : *table) {
      Value key_value;
      key_value.kind = Value::Kind::kScalar;
      key_value.position = ToPosition(key.source());
      key_value.text = std::string(key.str());
      value.entries.push_back({std::move(key_value), Convert(child)});
    }
  } else if (const toml::array* array = node.as_array()) {
    value.kind = Value::Kind::kList;
    for (const toml::node& child : *array) value.items.push_back(Convert(child));
  } else if (const auto* text = node.as_string()) {
    value.kind = Value::Kind::kScalar;
    value.text = text->get();
  } else {
    // Numbers, booleans, dates: their TOML spelling, which is what a YAML scalar holds.
    value.kind = Value::Kind::kScalar;
    std::ostringstream out;
    node.visit([&](const auto& leaf) { out << leaf; });
    value.text = out.str();
  }
  return value;
}

}  // namespace

bool ParsePyproject(std::string_view text, Value* table, bool* found, Problem* problem) {
  try {
    toml::table document = toml::parse(text);
    const toml::node* node = document.at_path("tool.faaslint").node();
    *found = node != nullptr;
    if (node) *table = Convert(*node);
    return true;
  } catch (const toml::parse_error& e) {
    *problem = Problem{ToPosition(e.source()), "invalid TOML: " + std::string(e.description())};
    return false;
  }
}

#else

bool ParsePyproject(std::string_view, Value*, bool*, Problem* problem) {
  *problem = Problem{Position{}, "this faaslint was built without toml++ (libtomlplusplus-dev), "
                                 "so it cannot read pyproject.toml; use .faaslint.yaml"};
  return false;
}

#endif

}  // namespace faaslint::config
