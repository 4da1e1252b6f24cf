#include "vercel/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <string_view>

#include "core/edit_distance.h"
#include "vercel/python_builder_versions.h"
#include "vercel/schema_tree.h"
#include "vercel/semver.h"

namespace faaslint::vercel {
namespace {

std::string Quote(std::string_view key) {
  // Vercel's errors write identifiers as `.key` and anything else as `['key']`.
  bool identifier = !key.empty() && !isdigit(static_cast<unsigned char>(key[0]));
  for (char c : key) {
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') identifier = false;
  }
  return identifier ? "." + std::string(key) : "['" + std::string(key) + "']";
}

std::string Join(const std::string& path, std::string_view key) {
  std::string quoted = Quote(key);
  if (path.empty() && quoted[0] == '.') return quoted.substr(1);
  return path + quoted;
}

std::string DescribeTypes(unsigned types) {
  std::vector<std::string_view> names;
  if (types & kString) names.push_back("a string");
  if (types & kNumber) names.push_back("a number");
  else if (types & kInteger) names.push_back("an integer");
  if (types & kBoolean) names.push_back("a boolean");
  if (types & kObject) names.push_back("an object");
  if (types & kArray) names.push_back("an array");
  if (types & kNull) names.push_back("null");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string_view Found(const JsonValue& value) {
  if (value.is_number() && !value.is_integer) return "a fraction";
  switch (value.kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kBool: return "a boolean";
    case JsonKind::kNumber: return "a number";
    case JsonKind::kString: return "a string";
    case JsonKind::kArray: return "an array";
    case JsonKind::kObject: return "an object";
  }
  return "a value";
}

std::string FormatNumber(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

class Validator {
 public:
  explicit Validator(std::vector<SchemaIssue>* out) : out_(out) {}

  void Check(const JsonValue& value, const SchemaNode& node, const std::string& path) {
    if (!TypeMatches(value, node)) {
      Invalid(value.range, path,
              fmt::format("`{}` must be {}, not {}", Shown(path), DescribeTypes(node.types), Found(value)));
      return;
    }
    switch (value.kind) {
      case JsonKind::kString: CheckString(value, node, path); break;
      case JsonKind::kNumber: CheckNumber(value, node, path); break;
      case JsonKind::kObject: CheckObject(value, node, path); break;
      case JsonKind::kArray: CheckArray(value, node, path); break;
      default: break;
    }
  }

 private:
  static std::string Shown(const std::string& path) { return path.empty() ? "vercel.json" : path; }

  static bool TypeMatches(const JsonValue& value, const SchemaNode& node) {
    switch (value.kind) {
      case JsonKind::kString: return node.types & kString;
      case JsonKind::kNumber:
        return (node.types & kNumber) || ((node.types & kInteger) && value.is_integer);
      case JsonKind::kBool: return node.types & kBoolean;
      case JsonKind::kObject: return node.types & kObject;
      case JsonKind::kArray: return node.types & kArray;
      case JsonKind::kNull: return node.types & kNull;
    }
    return false;
  }

  void Invalid(Range range, const std::string& path, std::string message, std::string help = {}) {
    out_->push_back({SchemaIssueKind::kInvalidValue, range, path, std::move(message), std::move(help)});
  }

  void CheckString(const JsonValue& value, const SchemaNode& node, const std::string& path) {
    if (!node.enum_values.empty()) {
      bool known = false;
      for (std::string_view allowed : node.enum_values) known = known || allowed == value.text;
      // A node taking numbers too (maxDuration) lists only its string values.
      if (!known) {
        std::string allowed;
        for (std::string_view v : node.enum_values) allowed += (allowed.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
        std::string extra = (node.types & (kInteger | kNumber)) ? " or a number" : "";
        Invalid(value.range, path, fmt::format("`{}` must be one of {}{}, not \"{}\"", Shown(path), allowed, extra, value.text));
      }
      return;
    }
    // Vercel's limits count UTF-16 code units (JavaScript string length).
    size_t length = 0;
    for (unsigned char c : value.text) {
      if ((c & 0xC0) != 0x80) length += c >= 0xF0 ? 2 : 1;
    }
    if (length > node.max_length) {
      Invalid(value.range, path,
              fmt::format("`{}` is {} characters long; the limit is {}", Shown(path), length, node.max_length));
    }
  }

  void CheckNumber(const JsonValue& value, const SchemaNode& node, const std::string& path) {
    if (value.number < node.minimum || value.number > node.maximum) {
      std::string range =
          std::isinf(node.maximum)
              ? fmt::format("at least {}", FormatNumber(node.minimum))
              : fmt::format("between {} and {}", FormatNumber(node.minimum), FormatNumber(node.maximum));
      if (!node.enum_values.empty()) range += fmt::format(" or \"{}\"", node.enum_values.front());
      Invalid(value.range, path, fmt::format("`{}` must be {} (got {})", Shown(path), range, value.text));
    }
  }

  void CheckObject(const JsonValue& value, const SchemaNode& given, const std::string& path) {
    const SchemaNode& node = HasVariantShape(value, given) ? *given.variant : given;
    for (std::string_view key : node.required) {
      if (!value.Find(key)) {
        Invalid(value.range, path, fmt::format("`{}` is missing the required property `{}`", Shown(path), key));
      }
    }
    if (!node.required_one_of.empty() &&
        std::none_of(node.required_one_of.begin(), node.required_one_of.end(),
                     [&](std::string_view key) { return value.Find(key) != nullptr; })) {
      Invalid(value.range, path,
              fmt::format("`{}` must set `{}` (or `{}`)", Shown(path), node.required_one_of[0], node.required_one_of[1]));
    }
    if (value.members.size() < node.min_properties) {
      Invalid(value.range, path, fmt::format("`{}` must not be empty", Shown(path)));
    }
    if (value.members.size() > node.max_properties) {
      Invalid(value.range, path,
              fmt::format("`{}` has {} entries; at most {} are allowed", Shown(path), value.members.size(), node.max_properties));
    }
    for (const JsonMember& member : value.members) {
      std::string child = Join(path, member.key);
      const SchemaNode* schema = nullptr;
      for (const auto& [name, property] : node.properties) {
        if (name == member.key) schema = property;
      }
      if (!schema && node.each_value) {
        if (member.key.empty() || member.key.size() > node.max_key_length) {
          Invalid(member.key_range, child,
                  fmt::format("key of `{}` must be 1 to {} characters long", Shown(path), node.max_key_length));
          continue;
        }
        schema = node.each_value;
      }
      if (!schema) {
        if (node.closed) Unknown(member, node, path);
        continue;
      }
      Check(member.value, *schema, child);
    }
  }

  static bool HasVariantShape(const JsonValue& value, const SchemaNode& node) {
    if (!node.variant) return false;
    const JsonMember* key = value.Find(node.variant_key);
    if (!key) return false;
    return node.variant_value.empty() || (key->value.is_string() && key->value.text == node.variant_value);
  }

  void Unknown(const JsonMember& member, const SchemaNode& node, const std::string& path) {
    std::vector<std::string_view> names;
    for (const auto& [name, property] : node.properties) names.push_back(name);
    std::string_view suggestion = ClosestMatch(member.key, names).value_or("");
    std::string where = path.empty() ? "at the top level of vercel.json" : fmt::format("in `{}`", path);
    std::string message = fmt::format("unknown property `{}` {}", member.key, where);
    if (!node.unknown_property_note.empty()) message += fmt::format(": {}", node.unknown_property_note);
    if (!suggestion.empty()) message += fmt::format("; did you mean `{}`?", suggestion);
    std::string help = suggestion.empty()
                           ? "Vercel rejects a deployment whose vercel.json has properties it does not know; remove it"
                           : fmt::format("rename it to `{}`", suggestion);
    out_->push_back({SchemaIssueKind::kUnknownProperty, member.key_range, Join(path, member.key), std::move(message),
                     std::move(help)});
  }

  void CheckArray(const JsonValue& value, const SchemaNode& node, const std::string& path) {
    if (value.items.size() < node.min_items) {
      Invalid(value.range, path, fmt::format("`{}` must have at least {} item{}", Shown(path), node.min_items,
                                             node.min_items == 1 ? "" : "s"));
    }
    if (value.items.size() > node.max_items) {
      Invalid(value.range, path,
              fmt::format("`{}` has {} items; at most {} are allowed", Shown(path), value.items.size(), node.max_items));
    }
    if (!node.items) return;
    for (size_t i = 0; i < value.items.size(); ++i) {
      Check(value.items[i], *node.items, fmt::format("{}[{}]", path, i));
    }
  }

  std::vector<SchemaIssue>* out_;
};

// What to do with a `runtime` that names no version, for the language of the pattern's
// files: its extension part (`py`, `js`, `{js,ts}`).
std::string RuntimeHelp(std::string_view pattern) {
  const size_t dot = pattern.rfind('.');
  const std::string_view extension = dot == std::string_view::npos ? std::string_view() : pattern.substr(dot + 1);
  const bool python = extension.find("py") != std::string_view::npos;
  const bool node = extension.find("js") != std::string_view::npos || extension.find("ts") != std::string_view::npos;
  if (python && !node) return "Python functions need no `runtime`: remove it, or pin a runtime package version";
  if (node && !python) {
    return "Node.js functions take their version from package.json `engines.node` or the project settings: remove "
           "`runtime`, or pin a runtime package version";
  }
  return "Vercel's own runtimes need no `runtime`: remove it, or pin a runtime package version";
}

// A function's `runtime` must end in a full version (`vercel-php@0.7.3`). `3.9` in
// "@vercel/python@3.9" is a Python version in the runtime's place.
void CheckRuntimeVersion(const JsonValue& runtime, const std::string& path, std::string_view pattern,
                         std::vector<SchemaIssue>* out) {
  std::string_view tag = runtime.text;
  const size_t at = tag.rfind('@');
  if (at != std::string_view::npos) tag = tag.substr(at + 1);
  if (IsSemver(tag)) return;
  if (at != std::string_view::npos && at > 0 && LooksLikePythonVersion(tag)) {
    out->push_back({SchemaIssueKind::kInvalidValue, runtime.range, path + ".runtime",
                    fmt::format("`{}.runtime` \"{}\" ends in `{}`, a Python version, not the runtime's; a "
                                "runtime is written `name@1.2.3`",
                                path, runtime.text, tag),
                    fmt::format("remove `runtime`: Python functions need none, and {}", kPythonVersionSource)});
    return;
  }
  out->push_back({SchemaIssueKind::kInvalidValue, runtime.range, path + ".runtime",
                  fmt::format("`{}.runtime` \"{}\" has no version; a community runtime is written `name@1.2.3`",
                              path, runtime.text),
                  RuntimeHelp(pattern)});
}

// @vercel/fs-detectors 7.7.3 validateFunctions(): checks beyond the JSON schema.
void CheckFunctionEntries(const JsonValue& root, std::vector<SchemaIssue>* out) {
  const JsonValue* functions = root.Get("functions");
  if (!functions || !functions->is_object()) return;
  for (const JsonMember& entry : functions->members) {
    std::string path = "functions" + Quote(entry.key);
    if (!entry.key.empty() && entry.key[0] == '/') {
      out->push_back({SchemaIssueKind::kInvalidValue, entry.key_range, path,
                      fmt::format("function pattern \"{}\" starts with `/`; it must be relative to the project root",
                                  entry.key),
                      fmt::format("write \"{}\"", entry.key.substr(entry.key.find_first_not_of('/') == std::string::npos
                                                                      ? entry.key.size()
                                                                      : entry.key.find_first_not_of('/')))});
    }
    if (entry.value.is_object() && entry.value.members.empty()) {
      out->push_back({SchemaIssueKind::kInvalidValue, entry.value.range, path,
                      fmt::format("`{}` must set at least one property", path), ""});
    }
    const JsonValue* runtime = entry.value.Get("runtime");
    if (runtime && runtime->is_string()) CheckRuntimeVersion(*runtime, path, entry.key, out);
  }
}

}  // namespace

namespace {

// As for JSON errors (json.cpp): past 100 issues of a kind, one more says how many were
// left out. Thousands of wrong values are no configuration gone slightly wrong, and each
// finding copies its source line (100,000 numbers in `regions`, a 200 KB line, took 8 GB).
constexpr size_t kMaxIssuesPerKind = 100;

std::vector<SchemaIssue> Capped(std::vector<SchemaIssue> issues) {
  std::vector<SchemaIssue> kept;
  std::map<SchemaIssueKind, size_t> seen;
  for (SchemaIssue& issue : issues) {
    if (++seen[issue.kind] <= kMaxIssuesPerKind) kept.push_back(std::move(issue));
  }
  for (const auto& entry : seen) {
    const SchemaIssueKind kind = entry.first;  // not a structured binding: clang 14 cannot capture one
    const size_t count = entry.second;
    if (count <= kMaxIssuesPerKind) continue;
    auto last = std::find_if(kept.rbegin(), kept.rend(), [&](const SchemaIssue& issue) { return issue.kind == kind; });
    kept.push_back({kind, last->range, last->path,
                    fmt::format("{} more {} after this one are not listed", count - kMaxIssuesPerKind,
                                kind == SchemaIssueKind::kUnknownProperty ? "unknown properties" : "invalid values"),
                    "fix the ones listed first"});
  }
  return kept;
}

}  // namespace

std::vector<SchemaIssue> ValidateSchema(const JsonValue& root) {
  std::vector<SchemaIssue> issues;
  Validator(&issues).Check(root, VercelJsonSchema(), "");
  if (root.is_object()) CheckFunctionEntries(root, &issues);
  return Capped(std::move(issues));
}

}  // namespace faaslint::vercel
