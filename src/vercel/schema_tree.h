// The vercel.json schema as data: one node per value, saying which JSON types it takes,
// its range or length limits, its properties and items. Built once from the sources
// named in schema.h (the CLI schema, routing-utils, build-utils, @vercel/config types);
// read by the validator in schema.cpp.
#pragma once

#include <limits>
#include <string_view>
#include <utility>
#include <vector>

namespace faaslint::vercel {

// Allowed JSON types of a node, as a bit set.
enum TypeBits : unsigned {
  kString = 1, kNumber = 2, kInteger = 4, kBoolean = 8, kObject = 16, kArray = 32, kNull = 64,
  kAnyType = 127,
};

struct SchemaNode {
  unsigned types = kAnyType;
  double minimum = -std::numeric_limits<double>::infinity();
  double maximum = std::numeric_limits<double>::infinity();
  size_t max_length = std::numeric_limits<size_t>::max();
  std::vector<std::string_view> enum_values;  // strings this node may take
  // Objects: named properties; `closed` rejects any other key (additionalProperties:
  // false); `each_value` validates the values of a map-like object (functions, env).
  std::vector<std::pair<std::string_view, const SchemaNode*>> properties;
  bool closed = false;
  const SchemaNode* each_value = nullptr;
  size_t max_key_length = std::numeric_limits<size_t>::max();
  size_t min_properties = 0;
  size_t max_properties = std::numeric_limits<size_t>::max();
  std::vector<std::string_view> required;
  std::vector<std::string_view> required_one_of;  // at least one of these must be present
  // An object holding `variant_key` is validated against `variant` instead (routes: a
  // `{"handle": ...}` entry has its own shape); with a `variant_value`, only when the key
  // holds that string (a `has` condition of `"type": "host"`).
  std::string_view variant_key;
  std::string_view variant_value;
  const SchemaNode* variant = nullptr;
  // Said after "unknown property" for this object: the shape it has, when a property that
  // is allowed in its siblings is not allowed here.
  std::string_view unknown_property_note;
  // Arrays.
  const SchemaNode* items = nullptr;
  size_t min_items = 0;
  size_t max_items = std::numeric_limits<size_t>::max();
};

// The root node (the whole vercel.json). Immutable; built on first use.
const SchemaNode& VercelJsonSchema();

}  // namespace faaslint::vercel
