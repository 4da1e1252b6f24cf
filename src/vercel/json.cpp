#include "vercel/json.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <unordered_map>

#include "core/utf8.h"
#include "vercel/json_lexical.h"
#include "vercel/line_index.h"
#include "vercel/ts_handles.h"

extern "C" const TSLanguage* tree_sitter_json();

namespace faaslint::vercel {

const JsonMember* JsonValue::Find(std::string_view key) const {
  if (kind != JsonKind::kObject) return nullptr;
  for (const JsonMember& member : members) {
    if (member.key == key) return &member;
  }
  return nullptr;
}

const JsonValue* JsonValue::Get(std::string_view key) const {
  const JsonMember* member = Find(key);
  return member ? &member->value : nullptr;
}

namespace {
uint32_t CodePoints(std::string_view text) {
  uint32_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}
}  // namespace

Range StringSubRange(const JsonValue& string, size_t offset, size_t length) {
  const Range& whole = string.range;
  if (!string.is_string() || whole.start.line != whole.end.line ||
      whole.end.column - whole.start.column != CodePoints(string.text) + 2 || offset > string.text.size()) {
    return whole;
  }
  std::string_view text = string.text;
  uint32_t start = whole.start.column + 1 + CodePoints(text.substr(0, offset));
  uint32_t end = start + CodePoints(text.substr(offset, length));
  return {{whole.start.line, start}, {whole.start.line, end}};
}

namespace {

// Deeper documents are no configuration; the limit keeps the recursion bounded and
// keeps tree-sitter away from the nesting that crashes it (json_lexical.h).
constexpr int kMaxDepth = 256;
// A vercel.json is a few kilobytes; a thousand redirects are a few hundred. Past this,
// a file is not read: every value costs a tree node and a JsonValue (20 MB of numbers
// took over 5 GB and a minute).
constexpr size_t kMaxBytes = 1u << 20;
// A file with more errors than this is not JSON gone slightly wrong; listing them all
// would only flood the report (and each finding copies its source line).
constexpr size_t kMaxDiagnostics = 100;

std::string TooDeepMessage() { return fmt::format("nesting deeper than {} levels", kMaxDepth); }
constexpr const char* kTooDeepHelp = "vercel.json needs a handful of levels";

// Strict JSON number (RFC 8259 §6); the grammar also accepts `1.` and `-`-less oddities.
bool IsStrictNumber(std::string_view s) {
  size_t i = 0;
  if (i < s.size() && s[i] == '-') ++i;
  if (i >= s.size()) return false;
  if (s[i] == '0') {
    ++i;
  } else if (s[i] >= '1' && s[i] <= '9') {
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
  } else {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    size_t digits = ++i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    size_t digits = i;
    while (i < s.size() && isdigit(static_cast<unsigned char>(s[i]))) ++i;
    if (i == digits) return false;
  }
  return i == s.size();
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

bool ReadHex4(std::string_view s, size_t at, uint32_t* value) {
  if (at + 4 > s.size()) return false;
  *value = 0;
  for (size_t k = at; k < at + 4; ++k) {
    char c = s[k];
    int digit = isdigit(static_cast<unsigned char>(c)) ? c - '0'
                : (c >= 'a' && c <= 'f')               ? c - 'a' + 10
                : (c >= 'A' && c <= 'F')               ? c - 'A' + 10
                                                       : -1;
    if (digit < 0) return false;
    *value = *value * 16 + static_cast<uint32_t>(digit);
  }
  return true;
}

// The children of `node` (only the named ones when `named_only`), in order. A cursor
// steps to each in constant time; ts_node_child(node, i) walks from the first child
// every time, which made a 1,000,000-item array take minutes.
std::vector<TSNode> Children(TSNode node, bool named_only) {
  std::vector<TSNode> children;
  TsCursor cursor(node);
  if (ts_tree_cursor_goto_first_child(cursor.get())) {
    do {
      TSNode child = ts_tree_cursor_current_node(cursor.get());
      if (!named_only || ts_node_is_named(child)) children.push_back(child);
    } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
  }
  return children;
}

class Builder {
 public:
  // Offsets index both texts alike: `cleaned` only has bytes blanked, never removed.
  Builder(std::string_view original, std::string_view cleaned, const LineIndex& lines, JsonDocument* doc)
      : original_(original), cleaned_(cleaned), lines_(lines), doc_(doc) {}

  void ReportTreeErrors(TSNode node, int depth = 0) {
    if (depth > kMaxDepth) return;  // Value() reports the nesting
    if (ts_node_is_missing(node)) {
      uint32_t at = ts_node_start_byte(node);
      Error(at, at, fmt::format("syntax error: expected `{}`", ts_node_type(node)),
            "the JSON is incomplete here");
      return;
    }
    if (std::strcmp(ts_node_type(node), "ERROR") == 0) {
      TSNode parent = ts_node_parent(node);
      if (!ts_node_is_null(parent) && std::strcmp(ts_node_type(parent), "string") == 0) {
        return;  // a bad escape: DecodeString reports it precisely
      }
      uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
      std::string_view snippet = cleaned_.substr(start, std::min<uint32_t>(end - start, 24));
      snippet = snippet.substr(0, snippet.find('\n'));
      while (!snippet.empty() && snippet.back() == ' ') snippet.remove_suffix(1);
      Error(start, end, fmt::format("syntax error: unexpected `{}`", snippet),
            "check for a missing comma, quote or bracket just before this point");
      return;
    }
    if (!ts_node_has_error(node)) return;
    for (TSNode child : Children(node, false)) ReportTreeErrors(child, depth + 1);
  }

  std::optional<JsonValue> Document(TSNode document) {
    std::optional<JsonValue> root;
    for (TSNode child : Children(document, true)) {
      if (!IsValue(child)) continue;
      if (root) {
        Error(ts_node_start_byte(child), ts_node_end_byte(child),
              "unexpected value after the end of the top-level value",
              "a JSON file holds exactly one value; merge them into one object");
        break;
      }
      root = Value(child);
    }
    return root;
  }

 private:
  static bool IsValue(TSNode node) {
    if (ts_node_is_missing(node)) return false;
    const char* type = ts_node_type(node);
    return std::strcmp(type, "ERROR") != 0 && std::strcmp(type, "comment") != 0;
  }

  void Error(uint32_t start, uint32_t end, std::string message, std::string help) {
    doc_->errors.push_back({lines_.Span(start, end), std::move(message), std::move(help)});
  }

  Range RangeOf(TSNode node) const {
    return lines_.Span(ts_node_start_byte(node), ts_node_end_byte(node));
  }

  JsonValue Value(TSNode node, int depth = 0) {
    JsonValue value;
    value.range = RangeOf(node);
    if (depth > kMaxDepth) {
      if (!too_deep_reported_) {
        Error(ts_node_start_byte(node), ts_node_end_byte(node), TooDeepMessage(), kTooDeepHelp);
        too_deep_reported_ = true;
      }
      return value;  // read as null
    }
    std::string_view type = ts_node_type(node);
    std::string_view text = original_.substr(ts_node_start_byte(node),
                                            ts_node_end_byte(node) - ts_node_start_byte(node));
    if (type == "object") {
      value.kind = JsonKind::kObject;
      Object(node, &value, depth);
    } else if (type == "array") {
      value.kind = JsonKind::kArray;
      for (TSNode child : Children(node, true)) {
        if (IsValue(child)) value.items.push_back(Value(child, depth + 1));
      }
    } else if (type == "string") {
      value.kind = JsonKind::kString;
      value.text = DecodeString(node);
    } else if (type == "number") {
      value.kind = JsonKind::kNumber;
      value.text = std::string(text);
      if (!IsStrictNumber(text)) {
        Error(ts_node_start_byte(node), ts_node_end_byte(node),
              fmt::format("invalid number `{}`", text), "write digits after the decimal point");
      }
      value.number = std::strtod(value.text.c_str(), nullptr);
      // JSON Schema's "integer" (what Vercel validates vercel.json against) is any number
      // with a zero fractional part, however written: 1024.0 and 1e3 are integers (JSON
      // Schema Core 2020-12, section 4.2.1; JSON.parse gives 1024 for both).
      value.is_integer = std::isfinite(value.number) && value.number == std::trunc(value.number);
    } else if (type == "true" || type == "false") {
      value.kind = JsonKind::kBool;
      value.boolean = type == "true";
    } else {
      value.kind = JsonKind::kNull;
    }
    return value;
  }

  // A repeated key keeps its last value, at the place of the last occurrence. Keys are
  // found by a hash lookup: comparing each key with every earlier one took 8 M string
  // comparisons for the 4,000 `functions` keys of one object.
  void Object(TSNode node, JsonValue* object, int depth) {
    std::unordered_map<std::string, size_t> position;  // key -> its member's index
    std::vector<bool> replaced;                         // by a later member of the same key
    for (TSNode pair : Children(node, true)) {
      if (std::strcmp(ts_node_type(pair), "pair") != 0) continue;
      TSNode key = ts_node_child_by_field_name(pair, "key", 3);
      TSNode value = ts_node_child_by_field_name(pair, "value", 5);
      if (ts_node_is_null(key) || ts_node_is_null(value) || !IsValue(key) || !IsValue(value)) {
        continue;
      }
      JsonMember member{DecodeString(key), RangeOf(key), Value(value, depth + 1)};
      auto [previous, first] = position.try_emplace(member.key, object->members.size());
      if (!first) {
        doc_->errors.push_back(
            {member.key_range,
             fmt::format("duplicate key `{}` (first defined on line {})", member.key,
                         object->members[previous->second].key_range.start.line),
             "JSON parsers keep only the last value of a repeated key; remove one of them"});
        replaced[previous->second] = true;
        previous->second = object->members.size();
      }
      object->members.push_back(std::move(member));
      replaced.push_back(false);
    }
    if (std::find(replaced.begin(), replaced.end(), true) == replaced.end()) return;
    std::vector<JsonMember> kept;
    for (size_t i = 0; i < object->members.size(); ++i) {
      if (!replaced[i]) kept.push_back(std::move(object->members[i]));
    }
    object->members = std::move(kept);
  }

  // Decodes a string node's content, reporting what strict JSON forbids in it.
  std::string DecodeString(TSNode node) {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    std::string_view raw = cleaned_.substr(start, end - start);
    if (raw.size() >= 2 && raw.front() == '"' && raw.back() == '"') {
      raw = raw.substr(1, raw.size() - 2);
      ++start;
    }
    std::string out;
    for (size_t i = 0; i < raw.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(raw[i]);
      if (c < 0x20) {
        Error(start + i, start + i + 1, "control character in a string",
              "write it as an escape (\\t, \\n) instead");
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (c != '\\') {
        out.push_back(static_cast<char>(c));
        continue;
      }
      if (i + 1 >= raw.size()) break;
      char e = raw[++i];
      switch (e) {
        case '"': out.push_back('"'); break;
        case '\\': out.push_back('\\'); break;
        case '/': out.push_back('/'); break;
        case 'b': out.push_back('\b'); break;
        case 'f': out.push_back('\f'); break;
        case 'n': out.push_back('\n'); break;
        case 'r': out.push_back('\r'); break;
        case 't': out.push_back('\t'); break;
        case 'u': {
          uint32_t cp;
          if (!ReadHex4(raw, i + 1, &cp)) {
            Error(start + i - 1, start + i + 1, "invalid `\\u` escape: expected 4 hex digits",
                  "write \\u followed by four hexadecimal digits");
            break;
          }
          i += 4;
          uint32_t low;
          if (cp >= 0xD800 && cp <= 0xDBFF && i + 2 < raw.size() && raw[i + 1] == '\\' &&
              raw[i + 2] == 'u' && ReadHex4(raw, i + 3, &low) && low >= 0xDC00 && low <= 0xDFFF) {
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
            i += 6;
          }
          AppendUtf8(cp, &out);
          break;
        }
        default:
          Error(start + i - 1, start + i + 1, fmt::format("invalid escape `\\{}` in a string", e),
                "JSON knows only \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
          out.push_back(e);
      }
    }
    return out;
  }

  bool too_deep_reported_ = false;
  std::string_view original_;
  std::string_view cleaned_;
  const LineIndex& lines_;
  JsonDocument* doc_;
};

}  // namespace

JsonDocument ParseJson(std::string_view text) {
  JsonDocument doc;
  if (text.size() > kMaxBytes) {
    doc.errors.push_back({{{1, 1}, {1, 1}},
                          fmt::format("file is {} bytes, over the {} MiB faaslint reads", text.size(), kMaxBytes >> 20),
                          "a vercel.json of this size is generated or not a configuration; it was not read"});
    return doc;
  }
  LineIndex lines(text);
  std::vector<LexicalIssue> lexical;
  std::string cleaned = BlankLexicalIssues(text, &lexical);
  for (const LexicalIssue& issue : lexical) {
    doc.errors.push_back({lines.Span(issue.start_byte, issue.end_byte), issue.message, issue.help});
  }
  if (cleaned.find_first_not_of(" \t\r\n") == std::string::npos) {
    Position end = lines.At(static_cast<uint32_t>(text.size()));
    doc.errors.push_back({{{1, 1}, end},
                          text.empty() ? "file is empty, which is not valid JSON"
                                       : "file has no JSON value",
                          "write `{}` for an empty configuration, or delete the file"});
  } else if (std::optional<uint32_t> too_deep = FindNestingDeeperThan(cleaned, kMaxDepth)) {
    // Not parsed at all: the nesting alone makes this no configuration.
    doc.errors.push_back({lines.Span(*too_deep, *too_deep + 1), TooDeepMessage(),
                          std::string(kTooDeepHelp) + "; the rest of the file was not read"});
  } else {
    TsParser parser(ts_parser_new());
    ts_parser_set_language(parser.get(), tree_sitter_json());
    TsTree tree(ts_parser_parse_string(parser.get(), nullptr, cleaned.data(),
                                       static_cast<uint32_t>(cleaned.size())));
    if (tree) {
      TSNode root = ts_tree_root_node(tree.get());
      Builder builder(text, cleaned, lines, &doc);
      builder.ReportTreeErrors(root);
      doc.root = builder.Document(root);
    }
  }
  if (std::optional<Position> invalid = FindInvalidUtf8(text)) {
    doc.errors.push_back({{*invalid, {invalid->line, invalid->column + 1}},
                          "invalid UTF-8 byte: JSON text must be UTF-8 (RFC 8259 section 8.1)",
                          "save the file as UTF-8"});
  }
  std::stable_sort(doc.errors.begin(), doc.errors.end(),
                   [](const JsonDiagnostic& a, const JsonDiagnostic& b) {
                     return a.range.start < b.range.start;
                   });
  if (doc.errors.size() > kMaxDiagnostics) {
    const size_t more = doc.errors.size() - kMaxDiagnostics;
    doc.errors.resize(kMaxDiagnostics);
    doc.errors.push_back({doc.errors.back().range, fmt::format("{} more errors after this one are not listed", more),
                          "fix the errors listed first; this many usually means the file is not JSON at all"});
  }
  return doc;
}

}  // namespace faaslint::vercel
