// Internal to config/: both file formats are read into this one tree, so one
// validator (schema.cpp) checks keys and types for YAML and TOML alike.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "core/finding.h"

namespace faaslint::config {

struct Value {
  enum class Kind { kNull, kScalar, kList, kMap };
  Kind kind = Kind::kNull;
  Position position;                              // where the value starts in the file
  std::string text;                               // kScalar: as written, unquoted
  std::vector<Value> items;                       // kList
  std::vector<std::pair<Value, Value>> entries;   // kMap: scalar key -> value, in file order
};

// An error inside the file; Load prefixes the path.
struct Problem {
  Position position;
  std::string message;
};

// YAML text -> tree. An empty document (or a file of comments) is a kNull root.
// Refuses aliases (a "billion laughs" file would otherwise expand exponentially in any
// walk over the tree), a second document, duplicate keys and non-scalar keys.
bool ParseYaml(std::string_view text, Value* root, Problem* problem);

// pyproject.toml text -> the [tool.faaslint] table. *found is false (and true is
// returned) when the file parses but has no such table.
bool ParsePyproject(std::string_view text, Value* table, bool* found, Problem* problem);

// Whether pyproject.toml text declares [tool.faaslint] (or a sub-table), judged from the
// text alone: for files that fail to parse, or builds without toml++.
bool MentionsFaaslintTable(std::string_view text);

// The tree -> Config, checking every key, type, rule code and option.
bool Interpret(const Value& root, const rules::Registry& registry, Config* out,
               Problem* problem);

}  // namespace faaslint::config
