// Constant evaluation for rules: the string a expression holds (through names bound to
// constants), where a path expression points (/tmp, the source tree, the working
// directory...), and the values a configuration key is given anywhere in a module.
// Everything here answers "unknown" rather than guess: rules flag only what is known.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/flat_multimap.h"
#include "python/module.h"

namespace faaslint::python {

// A constant string, or the known start of one (an f-string, `PREFIX + name`) and, when
// the model sees it, its known end: "?mode=ro" of f"file:{path}?mode=ro".
struct StringValue {
  std::string text;
  bool prefix_only = false;
  std::string known_end;  // prefix_only: the text after its last unknown part; may be empty
};

enum class PathKind : uint8_t {
  kUnknown,
  kTemp,        // /tmp or the tempfile module: writable, one per instance
  kDevice,      // /dev/null, /dev/stdout, /proc/...: not storage
  kSourceTree,  // built from __file__ or app.root_path: the deployed bundle
  kRelative,    // resolved against the working directory
  kHome,        // ~ or Path.home()
  kAbsolute,    // any other absolute path (/var/data, /app)
};

struct PathValue {
  PathKind kind = PathKind::kUnknown;
  std::string shown;         // what is known of the path, for messages ("uploads", "~/.app/x.db")
  bool path_object = false;  // a pathlib object, so write_text/mkdir/... are its methods
  bool known() const { return kind != PathKind::kUnknown; }
  // Storage that is not /tmp: read-only on the platform (or not there at all).
  bool OutsideTmp() const {
    return kind == PathKind::kSourceTree || kind == PathKind::kRelative || kind == PathKind::kHome ||
           kind == PathKind::kAbsolute;
  }
};

// The call an expression is, or null (not a call, or a call the model did not keep).
const Call* CallOf(const Module& module, const Expr& expr);

// "`uploads/…` (relative to the working directory)": where a path points, for messages.
std::string DescribePath(const PathValue& path);

// Classifies literal path text ("/tmp/x" -> kTemp, "data.json" -> kRelative). `prefix_only`
// when only the start is known: then a kind is given only when the start decides it.
PathKind ClassifyPathText(std::string_view text, bool prefix_only);

// `condition` holds when `target` (a name or attribute as written: "path", "self._client")
// is unset: `not x`, `x is None`, `x == None`, or one of those within `and`/`or`.
bool TestsUnset(const Expr& condition, std::string_view target);

// A value given to a configuration key: `app.config["K"] = v`, `{"K": v}`, `K=v` in a
// call, or `K = v` at module or class level.
struct KeyedValue {
  const Expr* value = nullptr;
  int function = -1;
  bool guarded = false;
  bool module_name = false;  // `K = v` at module level (not in a class): a plain constant
};

class Values {
 public:
  explicit Values(const Module& module);
  Values(const Values&) = delete;  // bindings_ points into with_items_
  Values& operator=(const Values&) = delete;

  const Module& module() const { return module_; }
  std::optional<StringValue> String(const Expr& expr, int function) const;
  PathValue Path(const Expr& expr, int function) const;
  // The values `name` is bound to where `function` reads it: its own bindings when it has
  // any (null entries for ones that cannot be known, such as parameters), else the
  // enclosing functions', else the module's. Guarded bindings are left out.
  std::span<const Expr* const> Bindings(std::string_view name, int function) const;
  // The function whose local `name` is meant in `function` (its own, an enclosing
  // one's), or -1 for the module's (also when nothing binds it).
  int ScopeOf(std::string_view name, int function) const;
  // The module's assignments first, then its calls' arguments, each in module order.
  // Valid while this Values lives.
  std::span<const KeyedValue> KeyedValues(std::string_view key) const;
  // True when the assignment is in a class body (a class attribute, not a module name).
  bool InClassBody(const Assignment& assignment) const;

 private:
  // A value given to `self.x` in a method, and that method (the value is read there).
  struct AttributeBinding {
    const Expr* value = nullptr;  // null: unknown (`self.x += 1`, `self.x, self.y = ...`)
    int function = -1;
  };
  // The class whose methods' first parameter `name` is where `function` reads it (the
  // instance, `self`), or -1: not a parameter of a plain method, or rebound.
  int InstanceClass(std::string_view name, int function) const;
  // What `self.x` is bound to where `function` reads it: every `self.x = ...` in the
  // methods of the class. Empty (unknown) when `x` is also stored on anything else.
  std::span<const AttributeBinding> SelfAttribute(const Expr& attribute, int function) const;
  // `path or Path("data")`: the right side, when `path` is a parameter that defaults to
  // None, is bound nowhere else, and no call of the module passes it. Else null.
  const Expr* Fallback(const Expr& bool_op, int function) const;
  // What the evaluation takes `name` to hold where `function` reads it: its Bindings, or
  // the defaults of a parameter that defaults_ knows.
  std::span<const Expr* const> PossibleValues(std::string_view name, int function) const;
  void IndexDefaults();
  // Some call in the module may give `function` its parameter `param`.
  bool MayBePassed(int function, std::string_view param) const;

  std::optional<StringValue> StringAt(const Expr& expr, int function, int depth) const;
  PathValue PathAt(const Expr& expr, int function, int depth) const;
  PathValue CallPath(const Call& call, int function, int depth) const;
  PathValue FStringPath(const Expr& fstring, int function, int depth) const;
  PathValue Join(const std::vector<Argument>& args, int function, int depth) const;
  std::optional<StringValue> ConfigString(const Expr& subscript, int function, int depth) const;
  // What a message shows of a part of a path: its text, with "…" for what is unknown.
  std::string ShownPart(const Expr& part, int function, int depth) const;
  const Expr* ConfigValue(const Expr& subscript) const;

  const Module& module_;
  // The outermost class bodies of each function (-1: the module), sorted: disjoint, so
  // InClassBody is one binary search (a scan of every class for every assignment took
  // 3 s in a file of 25,000 classes).
  std::vector<std::pair<int, Range>> class_bodies_;
  // (function, name) -> the expressions it is bound to there, in module order; null:
  // bound to something unknown. The names are views into the module (its source,
  // parameters, call targets), which outlives this.
  FlatMultimap<std::pair<int, std::string_view>, const Expr*> bindings_;
  // (function, parameter) -> the defaults it is given, for a parameter that defaults to
  // None, that no call of the module passes, and that its function binds only to a
  // default: `if not path: path = X` (or `if path is None:`) and `path = path or X`. Where
  // such a parameter is a path, it holds one of them: while it is None, `open(path)`
  // writes nothing. Like every binding here, where the write stands does not matter.
  FlatMultimap<std::pair<int, std::string_view>, const Expr*> defaults_;
  std::deque<Expr> with_items_;  // `with f(...) as name`: the call, as an Expr bindings_ can point at
  // (class, "x") -> what `self.x` is given in its methods, in module order; class -1: `x`
  // stored on something else (`obj.x = ...`, `cls.x = ...`), which may be an instance.
  FlatMultimap<std::pair<int, std::string_view>, AttributeBinding> attributes_;
  // Every value given to a string key (a view into the module), built on the first
  // KeyedValues: a Values lives for one check of one module.
  void BuildKeyedIndex() const;
  mutable bool keyed_built_ = false;
  mutable FlatMultimap<std::string_view, KeyedValue> keyed_;
  mutable int steps_left_ = 0;  // evaluation budget of one String or Path question
};

}  // namespace faaslint::python
