#include "python/import_scan.h"

#include <tree_sitter/api.h>

#include <algorithm>
#include <cstring>
#include <optional>

#include "core/ts_cursor.h"
#include "python/import_tokens.h"
#include "python/parser.h"

namespace faaslint::python {
namespace {

constexpr int kMaxDepth = 200;

bool Is(TSNode node, const char* type) { return std::strcmp(ts_node_type(node), type) == 0; }

bool EndsWith(const char* text, std::string_view suffix) { return std::string_view(text).ends_with(suffix); }

TSNode Field(TSNode node, const char* name) {
  return ts_node_child_by_field_name(node, name, static_cast<uint32_t>(std::strlen(name)));
}

// A path expression evaluated as far as sys.path shims need: relative to the file's
// folder (`os.path.dirname(__file__)`) or to the working directory (`"src"`).
struct PathValue {
  bool is_file = false;  // __file__ itself
  bool from_file_folder = true;
  std::string relative;

  PathValue Parent() const {
    if (is_file) return PathValue{false, true, ""};
    return PathValue{false, from_file_folder, relative.empty() ? ".." : relative + "/.."};
  }
  PathValue Join(std::string_view part) const {
    if (is_file) return PathValue{false, true, "<file>"};  // nonsense: fails to resolve later
    return PathValue{false, from_file_folder, relative.empty() ? std::string(part) : relative + "/" + std::string(part)};
  }
};

class Scanner {
 public:
  Scanner(std::string_view source, ImportScan& out) : source_(source), out_(out) {}

  void Statements(TSNode node, bool top_level, int depth) {
    if (depth > kMaxDepth || ts_node_is_null(node)) return;
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      const char* type = ts_node_type(child);
      if (!std::strcmp(type, "import_statement")) {
        Import(child, top_level);
      } else if (!std::strcmp(type, "import_from_statement")) {
        FromImport(child, top_level);
      } else if (!std::strcmp(type, "if_statement")) {
        If(child, top_level, depth);
      } else if (!std::strcmp(type, "expression_statement")) {
        Expression(child, top_level);
      } else if (!std::strcmp(type, "function_definition") || !std::strcmp(type, "class_definition")) {
        if (top_level && IsVercelEntryName(Text(Field(child, "name")))) out_.binds_entry_name = true;
        Statements(Field(child, "body"), false, depth + 1);
      } else if (!std::strcmp(type, "decorated_definition")) {
        TSNode definition = Field(child, "definition");
        if (ts_node_is_null(definition)) continue;
        if (top_level && IsVercelEntryName(Text(Field(definition, "name")))) out_.binds_entry_name = true;
        Statements(Field(definition, "body"), false, depth + 1);
      } else if (!std::strcmp(type, "block") || EndsWith(type, "_clause") || EndsWith(type, "_statement")) {
        Statements(child, top_level, depth + 1);  // for, while, try, with, match and their blocks
      }
    }
  }

 private:
  std::string_view Text(TSNode node) const {
    if (ts_node_is_null(node)) return {};
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > source_.size() || start > end) return {};
    return source_.substr(start, end - start);
  }

  void Import(TSNode node, bool top_level) {
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      TSNode name = Is(child, "aliased_import") ? Field(child, "name") : child;
      if (!Is(name, "dotted_name")) continue;
      out_.imports.push_back({std::string(Text(name)), 0, {}});
      if (top_level && Is(child, "aliased_import") && IsVercelEntryName(Text(Field(child, "alias")))) {
        out_.binds_entry_name = true;
      }
    }
  }

  void FromImport(TSNode node, bool top_level) {
    ImportRef ref;
    TSNode module = Field(node, "module_name");
    if (ts_node_is_null(module)) return;
    if (Is(module, "relative_import")) {
      uint32_t count = ts_node_named_child_count(module);
      for (uint32_t i = 0; i < count; ++i) {
        TSNode part = ts_node_named_child(module, i);
        if (Is(part, "import_prefix")) ref.level = static_cast<int>(Text(part).size());
        else if (Is(part, "dotted_name")) ref.module = std::string(Text(part));
      }
    } else {
      ref.module = std::string(Text(module));
    }
    TsCursor cursor(node);
    if (ts_tree_cursor_goto_first_child(cursor.get())) {
      do {
        const char* field = ts_tree_cursor_current_field_name(cursor.get());
        if (!field || std::strcmp(field, "name") != 0) continue;
        TSNode child = ts_tree_cursor_current_node(cursor.get());
        TSNode name = Is(child, "aliased_import") ? Field(child, "name") : child;
        std::string_view bound = Is(child, "aliased_import") ? Text(Field(child, "alias")) : Text(name);
        ref.names.emplace_back(Text(name));
        if (top_level && IsVercelEntryName(bound)) out_.binds_entry_name = true;
      } while (ts_tree_cursor_goto_next_sibling(cursor.get()));
    }
    out_.imports.push_back(std::move(ref));
  }

  // `if __name__ == "__main__":` runs only as a script: its imports are not the function's.
  void If(TSNode node, bool top_level, int depth) {
    std::string condition;
    for (char c : Text(Field(node, "condition"))) {
      if (c == '\'') condition += '"';
      else if (c != ' ' && c != '(' && c != ')') condition += c;
    }
    bool script_only = condition == "__name__==\"__main__\"" || condition == "\"__main__\"==__name__";
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(node, i);
      if (Is(child, "block")) {
        if (!script_only) Statements(child, top_level, depth + 1);
      } else if (Is(child, "elif_clause") || Is(child, "else_clause")) {
        Statements(child, top_level, depth + 1);
      }
    }
  }

  void Expression(TSNode statement, bool top_level) {
    uint32_t count = ts_node_named_child_count(statement);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode child = ts_node_named_child(statement, i);
      // app = Flask(__name__); also chained `app = application = ...`.
      for (TSNode assignment = child; Is(assignment, "assignment"); assignment = Field(assignment, "right")) {
        if (top_level && IsVercelEntryName(Text(Field(assignment, "left")))) out_.binds_entry_name = true;
        if (ts_node_is_null(Field(assignment, "right"))) break;
      }
      if (Is(child, "call")) PathShim(child);
    }
  }

  // sys.path.insert(0, <path>), sys.path.append(<path>), site.addsitedir(<path>).
  void PathShim(TSNode call) {
    std::string_view function = Text(Field(call, "function"));
    size_t index;
    if (function == "sys.path.insert") index = 1;
    else if (function == "sys.path.append" || function == "site.addsitedir") index = 0;
    else return;
    TSNode arguments = Field(call, "arguments");
    if (ts_node_is_null(arguments) || ts_node_named_child_count(arguments) <= index) return;
    std::optional<PathValue> value = Evaluate(ts_node_named_child(arguments, static_cast<uint32_t>(index)), 0);
    if (value && !value->is_file) out_.path_additions.push_back({value->from_file_folder, value->relative});
  }

  std::optional<std::string> StringValue(TSNode node) const {
    if (!Is(node, "string")) return std::nullopt;
    std::string value;
    uint32_t count = ts_node_named_child_count(node);
    for (uint32_t i = 0; i < count; ++i) {
      TSNode part = ts_node_named_child(node, i);
      if (Is(part, "interpolation")) return std::nullopt;
      if (Is(part, "string_start") && Text(part).find_first_of("fFbB") != std::string_view::npos) return std::nullopt;
      if (Is(part, "string_content")) value += Text(part);
    }
    return value;
  }

  std::optional<PathValue> Evaluate(TSNode node, int depth) const {
    if (ts_node_is_null(node) || depth > 16) return std::nullopt;
    if (Is(node, "identifier")) {
      if (Text(node) == "__file__") return PathValue{true, true, ""};
      return std::nullopt;
    }
    if (Is(node, "parenthesized_expression") && ts_node_named_child_count(node) == 1) {
      return Evaluate(ts_node_named_child(node, 0), depth + 1);
    }
    if (std::optional<std::string> text = StringValue(node)) {
      if (text->starts_with("/") || text->starts_with("~")) return std::nullopt;
      return PathValue{false, false, *text == "." ? "" : *text};
    }
    if (Is(node, "attribute")) {  // Path(__file__).parent
      if (Text(Field(node, "attribute")) != "parent") return std::nullopt;
      std::optional<PathValue> object = Evaluate(Field(node, "object"), depth + 1);
      return object ? std::optional(object->Parent()) : std::nullopt;
    }
    if (Is(node, "subscript")) {  // Path(__file__).parents[1]
      TSNode object = Field(node, "value");
      if (!Is(object, "attribute") || Text(Field(object, "attribute")) != "parents") return std::nullopt;
      std::string_view index_text = Text(Field(node, "subscript"));
      if (index_text.size() != 1 || index_text[0] < '0' || index_text[0] > '9') return std::nullopt;
      std::optional<PathValue> value = Evaluate(Field(object, "object"), depth + 1);
      for (int i = 0; value && i <= index_text[0] - '0'; ++i) value = value->Parent();
      return value;
    }
    if (Is(node, "binary_operator")) {  // Path(__file__).parent / "src"
      if (Text(Field(node, "operator")) != "/") return std::nullopt;
      std::optional<PathValue> left = Evaluate(Field(node, "left"), depth + 1);
      std::optional<std::string> right = StringValue(Field(node, "right"));
      if (!left || !right) return std::nullopt;
      return left->Join(*right);
    }
    if (!Is(node, "call")) return std::nullopt;
    TSNode function = Field(node, "function");
    TSNode arguments = Field(node, "arguments");
    std::string_view name = Text(function);
    name = name.substr(name.rfind('.') == std::string_view::npos ? 0 : name.rfind('.') + 1);
    std::vector<TSNode> args;
    if (!ts_node_is_null(arguments)) {
      uint32_t count = ts_node_named_child_count(arguments);
      for (uint32_t i = 0; i < count; ++i) args.push_back(ts_node_named_child(arguments, i));
    }
    // Methods that keep the path: Path(__file__).resolve(), .absolute().
    if ((name == "resolve" || name == "absolute") && Is(function, "attribute")) {
      return Evaluate(Field(function, "object"), depth + 1);
    }
    if (args.empty()) {
      if (name == "getcwd" || name == "cwd") return PathValue{false, false, ""};
      return std::nullopt;
    }
    if (name == "dirname") {
      std::optional<PathValue> inner = Evaluate(args[0], depth + 1);
      return inner ? std::optional(inner->Parent()) : std::nullopt;
    }
    if (name == "abspath" || name == "realpath" || name == "normpath" || name == "Path" || name == "PurePath" ||
        name == "str" || name == "fspath") {
      if (args.size() == 1) return Evaluate(args[0], depth + 1);
      if (name != "Path" && name != "PurePath") return std::nullopt;
    }
    if (name == "join" || name == "Path" || name == "PurePath") {  // os.path.join(base, "..", "src")
      std::optional<PathValue> value = Evaluate(args[0], depth + 1);
      for (size_t i = 1; value && i < args.size(); ++i) {
        std::optional<std::string> part = StringValue(args[i]);
        if (!part) return std::nullopt;
        value = value->Join(*part);
      }
      return value;
    }
    return std::nullopt;
  }

  std::string_view source_;
  ImportScan& out_;
};

}  // namespace

bool IsVercelEntryName(std::string_view name) {
  // The Python runtime docs: "app" or "application" for WSGI/ASGI, "handler" for a
  // BaseHTTPRequestHandler class.
  static constexpr std::string_view kEntryNames[] = {"app", "application", "handler"};
  return std::find(std::begin(kEntryNames), std::end(kEntryNames), name) != std::end(kEntryNames);
}

ImportScan ScanImports(Parser& parser, std::string_view source) {
  if (std::optional<ImportScan> scan = ScanImportsByTokens(source)) return std::move(*scan);
  return ScanImportsByTree(parser, source);
}

ImportScan ScanImportsByTree(Parser& parser, std::string_view source) {
  TreePtr tree = parser.Parse(source);
  if (!tree) return {};
  return ScanImportsInTree(ts_tree_root_node(tree.get()), source);
}

ImportScan ScanImportsInTree(TSNode root, std::string_view source) {
  ImportScan scan;
  Scanner(source, scan).Statements(root, true, 0);
  return scan;
}

}  // namespace faaslint::python
