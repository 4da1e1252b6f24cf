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
  // Not std::pair<Value, Value>: clang with libstdc++ refuses a pair of a type that is
  // still incomplete, and a vector of a declared struct is fine (C++17).
  struct Entry;
  Kind kind = Kind::kNull;
  Position position;                              // where the value starts in the file
  std::string text;                               // kScalar: as written, unquoted
  std::vector<Value> items;                       // kList
  std::vector<Entry> entries;                     // kMap: scalar key -> value, in file order
};

struct Value::Entry {
  Value key;
  Value value;
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
