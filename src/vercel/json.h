// A strict JSON reader with a source range for every key and value, built on the
// tree-sitter-json grammar (error recovery keeps the rest of a broken file usable).
// What JSON forbids but people write anyway — comments (`//`, `/* */`, `#`), trailing
// commas, duplicate keys, a byte order mark, an empty file — is reported as a
// diagnostic with its position, and the rest of the document is still read. What no
// configuration needs is refused with one diagnostic, so hostile input stays cheap:
// over 1 MiB, or nested deeper than 256 levels (then nothing is read), and past 100
// diagnostics one more says how many were left out.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"

namespace faaslint::vercel {

enum class JsonKind { kNull, kBool, kNumber, kString, kArray, kObject };

struct JsonMember;

struct JsonValue {
  JsonKind kind = JsonKind::kNull;
  Range range;
  bool boolean = false;
  double number = 0;
  bool is_integer = false;             // a number with a zero fractional part (1024.0 too)
  std::string text;                    // a string's decoded value, or a number as written
  std::vector<JsonValue> items;        // kArray
  std::vector<JsonMember> members;     // kObject, in source order; a duplicate key keeps
                                       // only its last value, as JavaScript's JSON.parse does

  bool is_object() const { return kind == JsonKind::kObject; }
  bool is_array() const { return kind == JsonKind::kArray; }
  bool is_string() const { return kind == JsonKind::kString; }
  bool is_number() const { return kind == JsonKind::kNumber; }
  bool is_bool() const { return kind == JsonKind::kBool; }
  bool is_null() const { return kind == JsonKind::kNull; }
  const JsonMember* Find(std::string_view key) const;  // null when absent or not an object
  const JsonValue* Get(std::string_view key) const;    // the member's value, or null
};

struct JsonMember {
  std::string key;
  Range key_range;
  JsonValue value;
};

struct JsonDiagnostic {
  Range range;
  std::string message;
  std::string help;
};

struct JsonDocument {
  std::optional<JsonValue> root;        // absent when nothing could be read
  std::vector<JsonDiagnostic> errors;   // in source order
};


// The range of bytes [offset, offset + length) of a string value's decoded text, when
// the string is written on one line without escapes (so text and source line up);
// otherwise the whole value's range.
Range StringSubRange(const JsonValue& string, size_t offset, size_t length);  // "object", "string", ... as Vercel's errors say
JsonDocument ParseJson(std::string_view text);

}  // namespace faaslint::vercel
