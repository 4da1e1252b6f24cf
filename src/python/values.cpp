#include "python/values.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace faaslint::python {
namespace {

using Kind = Expr::Kind;

// Names are followed this many steps (UPLOAD_DIR = BASE + "/uploads"; BASE = ...);
// deeper chains and cycles (`x = x + "a"`) are unknown.
constexpr int kMaxDepth = 8;
// Names bound many times to other names bound many times multiply; one evaluation gives
// up (unknown) after this many steps.
constexpr int kMaxSteps = 2000;

constexpr std::string_view kPathTypes[] = {"pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
                                           "pathlib.PurePosixPath"};
constexpr std::string_view kJoins[] = {"os.path.join", "posixpath.join"};
// Functions that return a path of the same kind as their first argument.
constexpr std::string_view kSameKind[] = {
    "os.path.abspath", "os.path.realpath", "os.path.normpath", "os.path.expanduser", "os.path.expandvars",
    "os.path.dirname", "os.path.normcase", "os.fspath", "os.fsencode", "os.fsdecode", "str",
};
constexpr std::string_view kTempDirs[] = {"tempfile.gettempdir", "tempfile.gettempdirb", "tempfile.mkdtemp",
                                          "tempfile.mktemp"};
constexpr std::string_view kTempFiles[] = {"tempfile.NamedTemporaryFile", "tempfile.TemporaryFile",
                                           "tempfile.SpooledTemporaryFile", "tempfile.TemporaryDirectory"};
constexpr std::string_view kWorkingDirectory[] = {"pathlib.Path.cwd", "os.getcwd", "os.getcwdb"};
// secure_filename() returns a bare file name: saved as is, it lands in the working directory.
constexpr std::string_view kBareFileNames[] = {"werkzeug.utils.secure_filename", "werkzeug.secure_filename"};
// Path methods that keep the kind of the path they are called on.
constexpr std::string_view kPathMethods[] = {"resolve", "absolute", "expanduser", "with_name",
                                             "with_suffix", "with_stem", "joinpath"};

template <size_t N>
bool In(std::string_view value, const std::string_view (&list)[N]) {
  return std::find(std::begin(list), std::end(list), value) != std::end(list);
}

const Argument* FirstPositional(const Call& call) { return call.Positional(0); }

// All evaluations of `bindings` must agree; any unknown one makes the result unknown, and
// so does having none. `eval` answers nullopt for an unknown binding.
template <typename T, typename Binding, typename Eval, typename Same>
std::optional<T> Agree(std::span<const Binding> bindings, Eval eval, Same same) {
  std::optional<T> result;
  for (const Binding& binding : bindings) {
    std::optional<T> value = eval(binding);
    if (!value) return std::nullopt;
    if (result && !same(*result, *value)) return std::nullopt;
    if (!result) result = std::move(value);
  }
  return result;
}

bool SameString(const StringValue& a, const StringValue& b) {
  return a.text == b.text && a.prefix_only == b.prefix_only && a.known_end == b.known_end;
}
// Bindings of paths agree when they point to the same kind of place.
bool SameKind(const PathValue& a, const PathValue& b) { return a.kind == b.kind; }
std::optional<PathValue> KnownPath(PathValue path) {
  if (!path.known()) return std::nullopt;
  return path;
}

// The literal text after an f-string's last interpolation (module.h keeps it in items).
std::string_view FStringEnd(const Expr& string) {
  return string.is_fstring && !string.items.empty() ? std::string_view(string.items[0].str) : std::string_view();
}

// f"{base}/x.json": the leading interpolation and the literal text after it (module.h), or
// nulls when the f-string does not begin with a bare interpolation.
struct FStringLead {
  const Expr* value = nullptr;
  const Expr* text = nullptr;  // is_fstring: another interpolation follows it
};
FStringLead LeadOf(const Expr& string) {
  if (!string.is_fstring || !string.str.empty() || string.items.size() != 3) return {};
  return {&string.items[1], &string.items[2]};
}

// Calls `visit` with each operand that `condition` tests unset (TestsUnset).
template <typename Visit>
void VisitUnset(const Expr& condition, const Visit& visit) {
  switch (condition.kind) {
    case Kind::kNot:
      if (!condition.items.empty()) visit(condition.items[0]);
      return;
    case Kind::kComparison:
      if (condition.items.size() == 2 && (condition.str == "is" || condition.str == "==") &&
          condition.items[1].kind == Kind::kNone) {
        visit(condition.items[0]);
      }
      return;
    case Kind::kBoolOp:
      for (const Expr& item : condition.items) VisitUnset(item, visit);
      return;
    default: return;
  }
}

// The body of an `if` that tests a parameter of `function` unset.
struct UnsetBody {
  int function = -1;
  std::string_view name;
  Range body;
  auto Key() const { return std::tie(function, name, body.start); }
};

}  // namespace

bool TestsUnset(const Expr& condition, std::string_view target) {
  bool found = false;
  VisitUnset(condition, [&](const Expr& operand) { found = found || operand.text == target; });
  return found;
}

PathKind ClassifyPathText(std::string_view text, bool prefix_only) {
  if (text.empty() || text.find("://") != std::string_view::npos || text == ":memory:") return PathKind::kUnknown;
  if (text.find('\n') != std::string_view::npos) return PathKind::kUnknown;
  if (text[0] == '/') {
    if (text == "/tmp" && !prefix_only) return PathKind::kTemp;
    if (text.starts_with("/tmp/")) return PathKind::kTemp;
    if (text.starts_with("/dev/") || text.starts_with("/proc/") || text.starts_with("/sys/")) return PathKind::kDevice;
    // f"/{x}/data": the top-level folder decides, so it must be known.
    if (prefix_only && text.find('/', 1) == std::string_view::npos) return PathKind::kUnknown;
    return PathKind::kAbsolute;
  }
  if (text[0] == '~') return PathKind::kHome;
  if (text.size() >= 3 && std::isalpha(static_cast<unsigned char>(text[0])) && text[1] == ':' &&
      (text[2] == '\\' || text[2] == '/')) {
    return PathKind::kAbsolute;  // C:\data
  }
  return PathKind::kRelative;
}

const Call* CallOf(const Module& module, const Expr& expr) {
  if (expr.kind != Kind::kCall || expr.call < 0 || static_cast<size_t>(expr.call) >= module.calls().size()) {
    return nullptr;
  }
  return &module.calls()[expr.call];
}

std::string DescribePath(const PathValue& path) {
  switch (path.kind) {
    case PathKind::kRelative:
      if (path.shown == ".") return "the working directory";
      if (path.shown == "a bare file name") return "a bare file name (in the working directory)";
      return "`" + path.shown + "` (relative to the working directory)";
    case PathKind::kSourceTree: return "`" + path.shown + "` (in the deployed code)";
    case PathKind::kHome: return "`" + path.shown + "` (in the home directory)";
    case PathKind::kTemp: return "`" + path.shown + "` (in /tmp)";
    default: return "`" + path.shown + "`";
  }
}

Values::Values(const Module& module) : module_(module) {
  std::vector<std::pair<int, Range>> bodies;
  for (const Class& klass : module.classes()) bodies.emplace_back(klass.function, klass.range);
  std::sort(bodies.begin(), bodies.end());  // an enclosing class before the classes in it
  for (const std::pair<int, Range>& body : bodies) {
    const bool nested = !class_bodies_.empty() && class_bodies_.back().first == body.first &&
                        Encloses(class_bodies_.back().second, body.second);
    if (!nested) class_bodies_.push_back(body);
  }
  auto bind = [&](int scope, std::string_view name, const Expr* value) { bindings_.Add({scope, name}, value); };
  for (const Assignment& assignment : module.assignments()) {
    if (assignment.guarded) continue;  // never runs on the platform
    if (assignment.function == -1 && InClassBody(assignment)) continue;
    if (assignment.target.kind == Kind::kName) {
      const Expr* value = assignment.op == "=" ? &assignment.value : nullptr;
      bind(assignment.function, assignment.target.text, value);
    } else if (assignment.target.kind == Kind::kTuple) {
      for (const Expr& item : assignment.target.items) {
        if (item.kind == Kind::kName) bind(assignment.function, item.text, nullptr);
      }
    }
  }
  // Loop variables hold values the evaluation does not follow.
  for (const Loop& loop : module.loops()) {
    if (loop.guarded) continue;
    const Expr& target = loop.target;
    if (target.kind == Kind::kName) bind(loop.function, target.text, nullptr);
    if (target.kind != Kind::kTuple) continue;
    for (const Expr& item : target.items) {
      if (item.kind == Kind::kName) bind(loop.function, item.text, nullptr);
    }
  }
  for (size_t i = 0; i < module.functions().size(); ++i) {
    for (const std::string& param : module.functions()[i].params) {
      bind(static_cast<int>(i), param, nullptr);
    }
  }
  for (size_t i = 0; i < module.calls().size(); ++i) {
    const Call& call = module.calls()[i];
    if (call.use != ResultUse::kWithItem || call.assigned_to.empty() || call.guarded) continue;
    if (!std::all_of(call.assigned_to.begin(), call.assigned_to.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; })) {
      continue;
    }
    Expr& item = with_items_.emplace_back();
    item.kind = Kind::kCall;
    item.call = static_cast<int>(i);
    item.range = call.range;
    item.qualified = call.callee;
    bind(call.function, call.assigned_to, &item);
  }
  bindings_.Seal();  // a name's bindings keep the order above
  IndexDefaults();
  // `self.x = v` in a method: read back as `self.x` in the class's methods, like a name.
  for (const Assignment& assignment : module.assignments()) {
    if (assignment.guarded) continue;
    auto bind = [&](const Expr& target, const Expr* value) {
      if (target.kind != Kind::kAttribute || target.items.empty()) return;
      const Expr& object = target.items[0];
      const int klass = object.kind == Kind::kName ? InstanceClass(object.text, assignment.function) : -1;
      attributes_.Add({klass, target.str}, {klass >= 0 ? value : nullptr, assignment.function});
    };
    if (assignment.target.kind != Kind::kTuple) {
      bind(assignment.target, assignment.op == "=" ? &assignment.value : nullptr);
      continue;
    }
    for (const Expr& item : assignment.target.items) bind(item, nullptr);
  }
  attributes_.Seal();
}

void Values::IndexDefaults() {
  const std::vector<Function>& functions = module_.functions();
  std::vector<std::pair<int, std::string_view>> params;  // that default to None, sorted
  for (size_t i = 0; i < functions.size(); ++i) {
    for (const std::string& name : functions[i].none_defaults) params.emplace_back(static_cast<int>(i), name);
  }
  std::sort(params.begin(), params.end());
  auto is_param = [&](int function, std::string_view name) {
    return std::binary_search(params.begin(), params.end(), std::pair<int, std::string_view>(function, name));
  };
  // The outermost bodies of the `if`s that test one unset, by parameter and start: disjoint,
  // so whether an assignment is in one is one binary search.
  std::vector<UnsetBody> bodies;
  if (!params.empty()) {
    for (const IfTest& test : module_.if_tests()) {
      if (test.function < 0) continue;
      VisitUnset(test.condition, [&](const Expr& operand) {
        if (operand.kind == Kind::kName && is_param(test.function, operand.text)) {
          bodies.push_back({test.function, operand.text, test.body});
        }
      });
    }
  }
  std::sort(bodies.begin(), bodies.end(), [](const UnsetBody& a, const UnsetBody& b) {
    if (a.Key() != b.Key()) return a.Key() < b.Key();
    return b.body.end < a.body.end;  // an enclosing body first
  });
  std::vector<UnsetBody> outermost;
  for (const UnsetBody& body : bodies) {
    const UnsetBody* last = outermost.empty() ? nullptr : &outermost.back();
    if (last && last->function == body.function && last->name == body.name && Encloses(last->body, body.body)) continue;
    outermost.push_back(body);
  }
  auto in_unset_body = [&](int function, std::string_view name, const Range& range) {
    // The last body of the parameter that starts no later than the assignment.
    const UnsetBody probe{function, name, {range.start, range.start}};
    auto after = std::upper_bound(outermost.begin(), outermost.end(), probe,
                                  [](const UnsetBody& a, const UnsetBody& b) { return a.Key() < b.Key(); });
    if (after == outermost.begin()) return false;
    const UnsetBody& body = *std::prev(after);
    return body.function == function && body.name == name && Encloses(body.body, range);
  };
  // The defaults each parameter is given, in module order.
  std::vector<std::pair<std::pair<int, std::string_view>, const Expr*>> given;
  for (const Assignment& assignment : module_.assignments()) {
    const Expr& target = assignment.target;
    if (assignment.guarded || assignment.op != "=" || target.kind != Kind::kName) continue;
    if (!is_param(assignment.function, target.text)) continue;
    const Expr& value = assignment.value;
    if (value.kind == Kind::kBoolOp && value.str == "or" && value.items.size() == 2 &&
        value.items[0].kind == Kind::kName && value.items[0].text == target.text) {
      given.push_back({{assignment.function, target.text}, &value.items[1]});  // path = path or X
    } else if (in_unset_body(assignment.function, target.text, assignment.range)) {
      given.push_back({{assignment.function, target.text}, &value});  // if not path: path = X
    }
  }
  std::stable_sort(given.begin(), given.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  for (size_t first = 0; first < given.size();) {
    size_t last = first;
    while (last < given.size() && given[last].first == given[first].first) ++last;
    const auto& [function, name] = given[first].first;
    // Bound only as the parameter and to these defaults (no other assignment, loop or with).
    const bool only_defaults = bindings_.Find({function, name}).size() == 1 + (last - first);
    if (only_defaults && !MayBePassed(function, name)) {
      for (size_t i = first; i < last; ++i) defaults_.Add(given[i].first, given[i].second);
    }
    first = last;
  }
  defaults_.Seal();
}

std::span<const Expr* const> Values::PossibleValues(std::string_view name, int function) const {
  const int scope = ScopeOf(name, function);
  std::span<const Expr* const> defaults = defaults_.Find({scope, name});
  return defaults.empty() ? bindings_.Find({scope, name}) : defaults;
}

int Values::InstanceClass(std::string_view name, int function) const {
  const int method = ScopeOf(name, function);
  if (method < 0) return -1;
  const Function& def = module_.functions()[method];
  if (def.class_index < 0 || def.params.empty() || def.params[0] != name) return -1;
  // A staticmethod's first parameter is an argument; a classmethod's, the class.
  for (const Expr& decorator : def.decorators) {
    if (decorator.text == "staticmethod" || decorator.text == "classmethod") return -1;
  }
  return bindings_.Find({method, name}).size() == 1 ? def.class_index : -1;
}

std::span<const Values::AttributeBinding> Values::SelfAttribute(const Expr& attribute, int function) const {
  if (attribute.items.empty() || attribute.items[0].kind != Kind::kName) return {};
  const Expr& object = attribute.items[0];
  if (object.qualified != object.text) return {};  // bound by an import
  const int klass = InstanceClass(object.text, function);
  if (klass < 0 || !attributes_.Find({-1, attribute.str}).empty()) return {};
  return attributes_.Find({klass, attribute.str});
}

const Expr* Values::Fallback(const Expr& bool_op, int function) const {
  if (bool_op.str != "or" || bool_op.items.size() != 2) return nullptr;
  const Expr& left = bool_op.items[0];
  if (left.kind != Kind::kName || left.qualified != left.text) return nullptr;
  const int scope = ScopeOf(left.text, function);
  // Bound once, as the parameter: `path = path or ...` binds it twice.
  if (scope < 0 || bindings_.Find({scope, left.text}).size() != 1) return nullptr;
  const std::vector<std::string>& none_defaults = module_.functions()[scope].none_defaults;
  if (std::find(none_defaults.begin(), none_defaults.end(), left.text) == none_defaults.end()) return nullptr;
  return MayBePassed(scope, left.text) ? nullptr : &bool_op.items[1];
}

// By keyword, by position, or through *args/**kwargs; a module-level function handed on
// as a value (`Thread(target=f, args=...)`) may get it anywhere. Calls from other modules
// are not seen.
bool Values::MayBePassed(int function, std::string_view param) const {
  const Function& def = module_.functions()[function];
  size_t index = std::find(def.params.begin(), def.params.end(), param) - def.params.begin();
  if (def.class_index >= 0 && index > 0) --index;  // `Store(path)`, `store.save(path)`: self is implicit
  for (int caller : def.callers) {
    size_t positional = 0;
    for (const Argument& arg : module_.calls()[caller].args) {
      if (arg.star || arg.double_star || arg.name == param) return true;
      if (arg.name.empty()) ++positional;
    }
    if (positional > index) return true;
  }
  return !def.handed_on_by.empty();
}

bool Values::InClassBody(const Assignment& assignment) const {
  // The last body of the assignment's function that starts no later than it.
  auto after = std::upper_bound(class_bodies_.begin(), class_bodies_.end(), assignment.function,
                                [&](int function, const std::pair<int, Range>& body) {
                                  return function < body.first ||
                                         (function == body.first && assignment.range.start < body.second.start);
                                });
  if (after == class_bodies_.begin()) return false;
  const std::pair<int, Range>& body = *std::prev(after);
  return body.first == assignment.function && Encloses(body.second, assignment.range);
}

int Values::ScopeOf(std::string_view name, int function) const {
  const std::vector<Function>& functions = module_.functions();
  int scope = function;
  while (scope >= 0) {
    const std::vector<std::string>& globals = functions[scope].globals;
    if (std::find(globals.begin(), globals.end(), name) != globals.end()) return -1;
    if (!bindings_.Find({scope, name}).empty()) return scope;
    scope = functions[scope].parent;
  }
  return -1;
}

std::span<const Expr* const> Values::Bindings(std::string_view name, int function) const {
  return bindings_.Find({ScopeOf(name, function), name});
}

std::span<const KeyedValue> Values::KeyedValues(std::string_view key) const {
  if (!keyed_built_) BuildKeyedIndex();
  return keyed_.Find(key);
}

// One walk indexes every value given to a string key, in the order KeyedValues promises:
// rules ask for some twenty keys per module, and a walk per key read every assignment and
// argument twenty times.
void Values::BuildKeyedIndex() const {
  keyed_built_ = true;
  auto walk = [&](auto& self, const Expr& expr, int function, bool guarded) -> void {
    if (expr.kind == Kind::kDict) {
      for (size_t i = 0; i + 1 < expr.items.size(); i += 2) {
        const Expr& pair_key = expr.items[i];
        if (pair_key.IsString() && !pair_key.is_fstring) {
          keyed_.Add(pair_key.str, {&expr.items[i + 1], function, guarded});
        }
      }
    }
    if (expr.kind == Kind::kDict || expr.kind == Kind::kList || expr.kind == Kind::kTuple) {
      for (const Expr& item : expr.items) self(self, item, function, guarded);
    }
  };
  for (const Assignment& assignment : module_.assignments()) {
    const Expr& target = assignment.target;
    if (assignment.function == -1 && target.kind == Kind::kName) {
      keyed_.Add(target.text, {&assignment.value, assignment.function, assignment.guarded, !InClassBody(assignment)});
    } else if (target.kind == Kind::kSubscript && target.items.size() == 2 && target.items[1].IsString()) {
      keyed_.Add(target.items[1].str, {&assignment.value, assignment.function, assignment.guarded});
    }
    walk(walk, assignment.value, assignment.function, assignment.guarded);
  }
  for (const Call& call : module_.calls()) {
    for (const Argument& arg : call.args) {
      if (!arg.name.empty()) keyed_.Add(arg.name, {&arg.value, call.function, call.guarded});
      walk(walk, arg.value, call.function, call.guarded);
    }
  }
  keyed_.Seal();
}

std::optional<StringValue> Values::String(const Expr& expr, int function) const {
  steps_left_ = kMaxSteps;
  return StringAt(expr, function, 0);
}

PathValue Values::Path(const Expr& expr, int function) const {
  steps_left_ = kMaxSteps;
  return PathAt(expr, function, 0);
}

// `app.config["UPLOAD_FOLDER"]` read back: the one value the module gives that key.
const Expr* Values::ConfigValue(const Expr& subscript) const {
  if (subscript.items.size() != 2 || !subscript.items[1].IsString() || subscript.items[1].is_fstring) return nullptr;
  std::string_view object = subscript.items[0].text;
  if (!object.ends_with("config")) return nullptr;
  std::span<const KeyedValue> values = KeyedValues(subscript.items[1].str);
  const Expr* only = nullptr;
  for (const KeyedValue& value : values) {
    if (value.guarded) continue;
    if (only != nullptr) return nullptr;  // set twice: which one holds is unknown
    only = value.value;
  }
  return only;
}

std::optional<StringValue> Values::ConfigString(const Expr& subscript, int function, int depth) const {
  const Expr* value = ConfigValue(subscript);
  return value ? StringAt(*value, function, depth + 1) : std::nullopt;
}

std::optional<StringValue> Values::StringAt(const Expr& expr, int function, int depth) const {
  if (depth > kMaxDepth || --steps_left_ < 0) return std::nullopt;
  switch (expr.kind) {
    case Kind::kString: {
      if (!expr.is_fstring || !expr.str.empty()) return StringValue{expr.str, expr.is_fstring, std::string(FStringEnd(expr))};
      FStringLead lead = LeadOf(expr);
      std::optional<StringValue> start = lead.value ? StringAt(*lead.value, function, depth + 1) : std::nullopt;
      if (!start) return std::nullopt;
      if (start->prefix_only) return StringValue{std::move(start->text), true, std::string(FStringEnd(expr))};
      const bool complete = !lead.text->is_fstring;
      return StringValue{start->text + lead.text->str, !complete, complete ? "" : std::string(FStringEnd(expr))};
    }
    case Kind::kName: {
      if (expr.qualified != expr.text) return std::nullopt;  // bound by an import
      return Agree<StringValue>(
          PossibleValues(expr.text, function),
          [&](const Expr* value) { return value ? StringAt(*value, function, depth + 1) : std::nullopt; },
          SameString);
    }
    case Kind::kAttribute:
      return Agree<StringValue>(
          SelfAttribute(expr, function),
          [&](const AttributeBinding& bound) {
            return bound.value ? StringAt(*bound.value, bound.function, depth + 1) : std::nullopt;
          },
          SameString);
    case Kind::kBoolOp: {
      const Expr* fallback = Fallback(expr, function);
      return fallback ? StringAt(*fallback, function, depth + 1) : std::nullopt;
    }
    case Kind::kBinary: {
      if (expr.items.size() != 2) return std::nullopt;
      std::optional<StringValue> left = StringAt(expr.items[0], function, depth + 1);
      if (!left) return std::nullopt;
      if (expr.str == "%") {
        left->text = left->text.substr(0, left->text.find('%'));
        left->prefix_only = true;
        return left->text.empty() ? std::nullopt : left;
      }
      if (expr.str != "+") return std::nullopt;
      std::optional<StringValue> right = StringAt(expr.items[1], function, depth + 1);
      if (!right) return StringValue{left->text, true, {}};
      if (left->prefix_only) {
        // "file:" + path + "?mode=ro": the start stays known, and so does the end.
        left->known_end = right->prefix_only ? right->known_end : left->known_end + right->text;
        return left;
      }
      return StringValue{left->text + right->text, right->prefix_only, right->known_end};
    }
    case Kind::kCall: {
      const Call* found = CallOf(module_, expr);
      if (!found) return std::nullopt;
      const Call& call = *found;
      if (call.method == "format" && call.receiver.IsString() && !call.receiver.is_fstring) {
        const std::string& format = call.receiver.str;
        std::string text = format.substr(0, format.find('{'));
        if (text.empty()) return std::nullopt;
        size_t last_field = format.rfind('}');
        return StringValue{text, true, last_field == std::string::npos ? "" : format.substr(last_field + 1)};
      }
      if (call.callee == "str" && call.args.size() == 1 && FirstPositional(call)) {
        return StringAt(FirstPositional(call)->value, function, depth + 1);
      }
      return std::nullopt;
    }
    case Kind::kSubscript: return ConfigString(expr, function, depth);
    default: return std::nullopt;
  }
}

// `"data/" + name + ".db"` shows as `data/….db`: a part that is not known is never left
// out, which would show a path that is not the one used (`data/.db`).
std::string Values::ShownPart(const Expr& part, int function, int depth) const {
  std::optional<StringValue> text = StringAt(part, function, depth + 1);
  if (!text) return "…";
  return text->prefix_only ? text->text + "…" + text->known_end : text->text;
}

// f"{base}/x.json": where the text points when `base` is a known string, else `base`'s
// place (a folder of the source tree, /tmp...) with the rest appended.
PathValue Values::FStringPath(const Expr& fstring, int function, int depth) const {
  if (std::optional<StringValue> text = StringAt(fstring, function, depth)) {
    std::string shown = text->prefix_only ? text->text + "…" + text->known_end : text->text;
    return {ClassifyPathText(text->text, text->prefix_only), std::move(shown)};
  }
  FStringLead lead = LeadOf(fstring);
  if (!lead.value) return {};
  PathValue base = PathAt(*lead.value, function, depth + 1);
  if (!base.known()) return {};
  base.shown += lead.text->str;
  if (lead.text->is_fstring) base.shown += "…" + std::string(FStringEnd(fstring));
  base.path_object = false;  // an f-string is text
  return base;
}

PathValue Values::PathAt(const Expr& expr, int function, int depth) const {
  if (depth > kMaxDepth || --steps_left_ < 0) return {};
  switch (expr.kind) {
    case Kind::kString: {
      if (expr.is_fstring && expr.str.empty()) return FStringPath(expr, function, depth);
      std::string shown = expr.is_fstring ? expr.str + "…" + std::string(FStringEnd(expr)) : expr.str;
      return {ClassifyPathText(expr.str, expr.is_fstring), std::move(shown)};
    }
    case Kind::kName: {
      if (expr.text == "__file__") return {PathKind::kSourceTree, "<source folder>"};
      if (expr.qualified != expr.text) return {};
      return Agree<PathValue>(
                 PossibleValues(expr.text, function),
                 [&](const Expr* value) {
                   return KnownPath(value ? PathAt(*value, function, depth + 1) : PathValue{});
                 },
                 SameKind)
          .value_or(PathValue{});
    }
    case Kind::kBoolOp: {
      const Expr* fallback = Fallback(expr, function);
      return fallback ? PathAt(*fallback, function, depth + 1) : PathValue{};
    }
    case Kind::kAttribute: {
      if (expr.qualified == "os.devnull") return {PathKind::kDevice, "os.devnull"};
      if (expr.items.empty()) return {};
      const Expr& object = expr.items[0];
      if (expr.str == "parent") {
        // The folder: what `path.parent.mkdir()` creates is not `path` itself.
        PathValue folder = PathAt(object, function, depth + 1);
        size_t slash = folder.shown.rfind('/');
        if (slash != std::string::npos) folder.shown.resize(std::max<size_t>(slash, 1));
        return folder;
      }
      // Flask's app.root_path / instance_path: folders of the deployed source.
      if (expr.str == "root_path" || expr.str == "instance_path") return {PathKind::kSourceTree, std::string(expr.text)};
      if (expr.str == "name" && CallOf(module_, object) && In(CallOf(module_, object)->callee, kTempFiles)) {
        return {PathKind::kTemp, "a tempfile"};
      }
      return Agree<PathValue>(
                 SelfAttribute(expr, function),
                 [&](const AttributeBinding& bound) {
                   return KnownPath(bound.value ? PathAt(*bound.value, bound.function, depth + 1) : PathValue{});
                 },
                 SameKind)
          .value_or(PathValue{});
    }
    case Kind::kBinary: {
      if (expr.items.size() != 2) return {};
      if (expr.str != "/" && expr.str != "+" && expr.str != "%") return {};
      if (expr.str == "%") {
        // "%s.py" % name: only the text before the first placeholder is known.
        std::optional<StringValue> format = StringAt(expr, function, depth + 1);
        if (!format) return {};
        return {ClassifyPathText(format->text, true), format->text + "…"};
      }
      PathValue left = PathAt(expr.items[0], function, depth + 1);
      if (!left.known()) return {};
      const Expr& right = expr.items[1];
      if (expr.str == "/" && right.IsString() && right.str.starts_with('/')) {
        return {ClassifyPathText(right.str, right.is_fstring), right.str, true};
      }
      left.shown += (expr.str == "/" ? "/" : "") + ShownPart(right, function, depth);
      return left;
    }
    case Kind::kCall: {
      const Call* call = CallOf(module_, expr);
      return call ? CallPath(*call, function, depth) : PathValue{};
    }
    case Kind::kSubscript: {
      const Expr* value = ConfigValue(expr);
      return value ? PathAt(*value, function, depth + 1) : PathValue{};
    }
    default: return {};
  }
}

PathValue Values::Join(const std::vector<Argument>& args, int function, int depth) const {
  PathValue result;
  bool first = true;
  for (const Argument& arg : args) {
    if (!arg.name.empty() || arg.double_star) continue;
    if (arg.star) return {};
    if (first) {
      result = PathAt(arg.value, function, depth + 1);
      if (!result.known()) return {};
      first = false;
      continue;
    }
    // A later absolute part replaces everything before it (os.path.join and pathlib agree).
    if (arg.value.IsString() && !arg.value.str.empty() && arg.value.str[0] == '/') {
      result = {ClassifyPathText(arg.value.str, arg.value.is_fstring), arg.value.str};
      continue;
    }
    result.shown += "/" + (arg.value.IsString() && !arg.value.str.empty() ? arg.value.str : std::string("…"));
  }
  return result;
}

PathValue Values::CallPath(const Call& call, int function, int depth) const {
  if (In(call.callee, kPathTypes)) {
    if (call.args.empty()) return {PathKind::kRelative, ".", true};
    PathValue path = Join(call.args, function, depth);
    path.path_object = path.known();
    return path;
  }
  if (In(call.callee, kJoins)) return Join(call.args, function, depth);
  if (In(call.callee, kSameKind)) {
    const Argument* arg = FirstPositional(call);
    if (!arg) return {};
    PathValue path = PathAt(arg->value, function, depth + 1);
    path.path_object = false;
    return path;
  }
  if (call.callee == "pathlib.Path.home") return {PathKind::kHome, "~", true};
  if (In(call.callee, kWorkingDirectory)) {
    return {PathKind::kRelative, ".", call.callee.starts_with("pathlib")};
  }
  if (In(call.callee, kTempDirs)) return {PathKind::kTemp, call.callee + "()"};
  if (In(call.callee, kBareFileNames)) return {PathKind::kRelative, "a bare file name"};
  if (In(call.method, kPathMethods) && call.receiver.kind != Kind::kOther) {
    PathValue receiver = PathAt(call.receiver, function, depth + 1);
    if (!receiver.path_object) return {};
    if (call.method != "joinpath") return receiver;
    std::vector<Argument> parts;
    Argument head;
    head.value = call.receiver;
    parts.push_back(std::move(head));
    parts.insert(parts.end(), call.args.begin(), call.args.end());
    PathValue joined = Join(parts, function, depth);
    joined.path_object = joined.known();
    return joined;
  }
  if (call.method == "format" && call.receiver.IsString()) {
    std::string prefix = call.receiver.str.substr(0, call.receiver.str.find('{'));
    return {ClassifyPathText(prefix, true), prefix + "…"};
  }
  return {};
}

}  // namespace faaslint::python
