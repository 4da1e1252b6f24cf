// One walk of the tree-sitter tree into Module's tables. Statements carry a Scope
// (enclosing function, guard, loops, try/except); expressions are summarised into Expr
// and every call is recorded where it is met, so calls come out in source order.
#include <tree_sitter/api.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>

#include "core/flat_multimap.h"
#include "core/ts_cursor.h"
#include "python/guards.h"
#include "python/module.h"
#include "python/node_types.h"
#include "python/off_platform.h"
#include "python/parser.h"

namespace faaslint::python {

namespace {

using Kind = Expr::Kind;

// Deeper nesting than this is not summarised (Python's own parser stops near 200).
constexpr int kMaxDepth = 400;
// An except clause is searched this deep for a raise or a returned error: clauses are
// short, and a deeper one (generated code) counts as carrying on.
constexpr int kMaxClauseDepth = 64;
constexpr size_t kMaxExprText = 160;

TSNode Field(TSNode node, TSFieldId field) { return ts_node_child_by_field_id(node, field); }

// Lists of a node's named children (comments left out), collected with one cursor
// (ts_node_child(i) is linear). The walk asks for a list at almost every node, so the
// vectors are lent from a pool and the cursor is reset, not made anew: a fresh vector and
// cursor per node cost more than the rest of the walk (callgrind, docs/BENCHMARKS.md).
class ChildLists {
 public:
  template <typename T>
  class List {
   public:
    List(std::vector<std::vector<T>>* spare, std::vector<T> items) : spare_(spare), items_(std::move(items)) {}
    List(const List&) = delete;
    List& operator=(const List&) = delete;
    ~List() { spare_->push_back(std::move(items_)); }
    auto begin() const { return items_.begin(); }
    auto end() const { return items_.end(); }
    size_t size() const { return items_.size(); }
    bool empty() const { return items_.empty(); }
    const T& back() const { return items_.back(); }
    const T& operator[](size_t i) const { return items_[i]; }

   private:
    std::vector<std::vector<T>>* spare_;
    std::vector<T> items_;
  };

  // A child (named or not) with its field id (0 for none).
  struct Child {
    TSNode node;
    TSFieldId field;
  };

  ChildLists(TSNode root, NodeType comment) : cursor_(ts_tree_cursor_new(root)), comment_(comment) {}
  ~ChildLists() { ts_tree_cursor_delete(&cursor_); }
  ChildLists(const ChildLists&) = delete;
  ChildLists& operator=(const ChildLists&) = delete;

  // The named children that are not comments.
  List<TSNode> Named(TSNode node) {
    std::vector<TSNode> nodes = Borrow(spare_nodes_);
    // Through the cursor a list costs a reset and a step to the first child (about 260
    // instructions) and then about 610 a child; by index about 590 a child, each lookup
    // starting over from the first (libtree-sitter 0.20.7, callgrind). Up to 4 children,
    // the index is cheaper.
    uint32_t count = ts_node_named_child_count(node);
    if (count <= kFewChildren) {
      for (uint32_t i = 0; i < count; ++i) {
        TSNode child = ts_node_named_child(node, i);
        if (!Is(child, comment_)) nodes.push_back(child);
      }
      return List<TSNode>(&spare_nodes_, std::move(nodes));
    }
    ts_tree_cursor_reset(&cursor_, node);
    if (ts_tree_cursor_goto_first_child(&cursor_)) {
      do {
        TSNode child = ts_tree_cursor_current_node(&cursor_);
        if (ts_node_is_named(child) && !Is(child, comment_)) nodes.push_back(child);
      } while (ts_tree_cursor_goto_next_sibling(&cursor_));
    }
    return List<TSNode>(&spare_nodes_, std::move(nodes));
  }

  // Every child, named or not, with its field.
  List<Child> All(TSNode node) {
    std::vector<Child> children = Borrow(spare_children_);
    ts_tree_cursor_reset(&cursor_, node);
    if (ts_tree_cursor_goto_first_child(&cursor_)) {
      do {
        children.push_back({ts_tree_cursor_current_node(&cursor_), ts_tree_cursor_current_field_id(&cursor_)});
      } while (ts_tree_cursor_goto_next_sibling(&cursor_));
    }
    return List<Child>(&spare_children_, std::move(children));
  }

 private:
  template <typename T>
  static std::vector<T> Borrow(std::vector<std::vector<T>>& spare) {
    if (spare.empty()) return {};
    std::vector<T> items = std::move(spare.back());
    spare.pop_back();
    items.clear();
    return items;
  }

  static constexpr uint32_t kFewChildren = 4;

  TSTreeCursor cursor_;
  NodeType comment_;
  std::vector<std::vector<TSNode>> spare_nodes_;
  std::vector<std::vector<Child>> spare_children_;
};

struct Scope {
  int function = -1;
  int klass = -1;
  bool guarded = false;
  bool in_try = false;
  uint16_t loop_depth = 0;
  std::vector<int> loops;            // enclosing loops of this function, innermost last
  std::vector<Catch> caught;         // except clauses around this point, outermost first
};

// The leftmost ERROR or MISSING node's line: down the first child holding an error, with
// one cursor (ts_node_child(i) starts over from the first child: quadratic on a wide
// node). tree-sitter's error symbol is ts_builtin_sym_error, ((TSSymbol)-1)
// (tree_sitter/parser.h).
// Inside an ERROR node, what parsed whole before the error: complete statements and
// comments. tree-sitter often wraps a module from its first line in one ERROR node when
// a later `def f()` lacks its colon; the error is where these stop.
bool ParsedWhole(TSNode node) {
  if (!ts_node_is_named(node) || ts_node_has_error(node) || ts_node_is_missing(node)) return false;
  std::string_view type = ts_node_type(node);
  return type.ends_with("_statement") || type == "comment" || type == "function_definition" ||
         type == "class_definition" || type == "decorated_definition";
}

uint32_t FirstErrorLine(TSNode root) {
  TsCursor cursor(root);
  for (;;) {
    TSNode node = ts_tree_cursor_current_node(cursor.get());
    if (ts_node_is_missing(node)) break;
    if (ts_node_symbol(node) == static_cast<TSSymbol>(-1)) {
      // Past the statements that parsed whole, into the first part that did not.
      if (!ts_tree_cursor_goto_first_child(cursor.get())) break;
      while (ParsedWhole(ts_tree_cursor_current_node(cursor.get())) && ts_tree_cursor_goto_next_sibling(cursor.get())) {
      }
      TSNode part = ts_tree_cursor_current_node(cursor.get());
      if (ParsedWhole(part)) {  // all of it parsed: the ERROR itself is where it stops
        ts_tree_cursor_goto_parent(cursor.get());
        break;
      }
      if (!ts_node_has_error(part)) break;  // a token no statement took: the error starts here
      continue;                             // an ERROR, MISSING, or a node with an error inside
    }
    bool descended = false;
    if (ts_tree_cursor_goto_first_child(cursor.get())) {
      do {
        descended = ts_node_has_error(ts_tree_cursor_current_node(cursor.get()));
      } while (!descended && ts_tree_cursor_goto_next_sibling(cursor.get()));
      if (!descended) ts_tree_cursor_goto_parent(cursor.get());
    }
    if (!descended) break;
  }
  return ts_node_start_point(ts_tree_cursor_current_node(cursor.get())).row + 1;
}

}  // namespace

class ModuleBuilder {
 public:
  ModuleBuilder(Module& module, TSNode root, const std::vector<int>& run_elsewhere)
      : m_(module), root_(root), run_elsewhere_(run_elsewhere) {}

  void Build() {
    if (ts_node_has_error(root_)) m_.first_error_line_ = FirstErrorLine(root_);
    else m_.invisible_character_ = FirstInvisibleCharacterInCode(root_, m_.source());
    Scope scope;
    Block(root_, scope, 0);
    IndexDefs();
    ResolveCallTargets();
    IndexCallersAndValueUses();
    MarkRegisteredHandlers();
    MarkOffPlatform(m_, run_elsewhere_);
    CollectNoqa();
  }

 private:
  // ---- positions and text --------------------------------------------------
  Position ToPosition(TSPoint point) const {
    Position position{point.row + 1, point.column + 1};
    if (point.row < m_.line_is_ascii_.size() && !m_.line_is_ascii_[point.row]) {
      size_t start = m_.line_starts_[point.row];
      position.column = 1 + m_.CodePointsBefore(start + point.column) - m_.CodePointsBefore(start);
      // A byte order mark is not a column: editors do not show it.
      if (point.row == 0 && point.column >= 3 && m_.source_.starts_with("\xEF\xBB\xBF")) --position.column;
    }
    return position;
  }
  Range RangeOf(TSNode node) const {
    return {ToPosition(ts_node_start_point(node)), ToPosition(ts_node_end_point(node))};
  }
  static ByteSpan BytesOf(TSNode node) { return {ts_node_start_byte(node), ts_node_end_byte(node)}; }
  std::string_view Text(TSNode node) const {
    uint32_t start = ts_node_start_byte(node), end = ts_node_end_byte(node);
    if (end > m_.source_.size() || start > end) return {};
    return std::string_view(m_.source_).substr(start, end - start);
  }

  // ---- statements ----------------------------------------------------------
  void Block(TSNode block, Scope scope, int depth) {
    if (depth > kMaxDepth) {
      m_.truncated_ = true;
      return;
    }
    ChildLists::List<TSNode> statements = NamedChildren(block);
    if (m_.first_error_line_ == 0) CheckIndentation(block, statements);
    const bool module = depth == 0;
    // Where the statements before the current one that only fall through to it begin
    // (none returns, breaks, continues or defines: FinallyClause::setup).
    bool falling_through = false;
    Position falls_through_from;
    for (TSNode statement : statements) {
      if (module && IsCompound(statement)) m_.module_level_blocks_.push_back(RangeOf(statement));
      const Position start = RangeOf(statement).start;
      if (Is(statement, t_.try_statement)) try_setup_ = TrySetup{start, falling_through ? falls_through_from : start};
      const uint64_t jumps = jumps_;
      Statement(statement, scope, depth + 1);
      if (jumps_ != jumps) {
        falling_through = false;
      } else if (!falling_through) {
        falling_through = true;
        falls_through_from = start;
      }
    }
  }

  bool IsCompound(TSNode statement) const {
    const TSSymbol type = ts_node_symbol(statement);
    return t_.if_statement.Matches(type) || t_.for_statement.Matches(type) || t_.while_statement.Matches(type) ||
           t_.try_statement.Matches(type) || t_.with_statement.Matches(type) || t_.match_statement.Matches(type);
  }

  // Python refuses to import a file whose indentation does not line up (IndentationError),
  // but tree-sitter's indentation scanner reads on without an error node: a statement
  // indented at module level, one dedented to no open level, a header with no body. The
  // tree still shows each: the statements of a block that begin their line must begin in
  // one column (the module's: 0), and a block (other than the module) has a statement.
  void CheckIndentation(TSNode block, const ChildLists::List<TSNode>& statements) {
    const bool module = ts_node_eq(block, root_);
    if (!module && statements.size() == 0) {
      NoteIndentationError(ts_node_start_point(block).row + 1);
      return;
    }
    std::optional<uint32_t> column;
    if (module) column = 0;
    for (TSNode statement : statements) {
      TSPoint start = ts_node_start_point(statement);
      if (!BeginsItsLine(start)) {
        // A body on its header's line (`if x: y`): its column says nothing.
        if (!column) return;
        continue;
      }
      if (!column) column = start.column;
      if (start.column != *column) {
        NoteIndentationError(start.row + 1);
        return;
      }
    }
  }

  // Whether only spaces and tabs come before `point` on its line, and the line before does
  // not continue into it with a backslash. A form feed in the indentation resets Python's
  // count of it (the language reference, "Indentation"), so such a line is left alone.
  bool BeginsItsLine(TSPoint point) const {
    std::string_view line = m_.Line(point.row + 1);
    if (point.column > line.size()) return false;
    std::string_view before = line.substr(0, point.column);
    if (before.find_first_not_of(" \t") != std::string_view::npos) return false;
    return point.row == 0 || !m_.Line(point.row).ends_with('\\');
  }

  void NoteIndentationError(uint32_t line) {
    if (m_.first_indentation_error_line_ == 0 || line < m_.first_indentation_error_line_) {
      m_.first_indentation_error_line_ = line;
    }
  }

  // True when a block ends by leaving the enclosing block (return, raise, exit).
  bool BlockExits(TSNode block) {
    auto statements = NamedChildren(block);
    if (statements.empty()) return false;
    TSNode last = statements.back();
    if (Is(last, t_.return_statement) || Is(last, t_.raise_statement) || Is(last, t_.continue_statement)) return true;
    if (Is(last, t_.expression_statement)) {
      std::string_view text = Text(last);
      return text.starts_with("sys.exit(") || text.starts_with("exit(") || text.starts_with("os._exit(");
    }
    return false;
  }

  void Statement(TSNode node, Scope& scope, int depth) {
    const TSSymbol type = ts_node_symbol(node);
    if (t_.return_statement.Matches(type) || t_.break_statement.Matches(type) || t_.continue_statement.Matches(type) ||
        t_.function_definition.Matches(type) || t_.class_definition.Matches(type) ||
        t_.decorated_definition.Matches(type)) {
      ++jumps_;
    }
    if (t_.expression_statement.Matches(type)) {
      ChildLists::List<TSNode> children = NamedChildren(node);
      for (TSNode child : children) {
        if (Is(child, t_.assignment) || Is(child, t_.augmented_assignment)) {
          Assign(child, scope, depth);
        } else {
          Expr expr = Expression(child, scope, ResultUse::kDiscarded, {}, depth);
          if (children.size() == 1 && expr.kind == Kind::kCall) m_.calls_[expr.call].statement_bytes = BytesOf(node);
        }
      }
    } else if (t_.if_statement.Matches(type)) {
      If(node, scope, depth);
    } else if (t_.function_definition.Matches(type)) {
      FunctionDef(node, {}, scope, depth);
    } else if (t_.class_definition.Matches(type)) {
      ClassDef(node, {}, scope, depth);
    } else if (t_.decorated_definition.Matches(type)) {
      std::vector<Expr> decorators;
      for (TSNode child : NamedChildren(node)) {
        if (Is(child, t_.decorator)) {
          for (TSNode expr : NamedChildren(child)) decorators.push_back(Expression(expr, scope, ResultUse::kOther, {}, depth));
        }
      }
      TSNode definition = Field(node, f_.definition);
      if (ts_node_is_null(definition)) return;
      if (Is(definition, t_.function_definition)) FunctionDef(definition, std::move(decorators), scope, depth);
      else ClassDef(definition, std::move(decorators), scope, depth);
    } else if (t_.while_statement.Matches(type) || t_.for_statement.Matches(type)) {
      LoopStatement(node, scope, depth);
    } else if (t_.try_statement.Matches(type)) {
      Try(node, scope, depth);
    } else if (t_.with_statement.Matches(type)) {
      With(node, scope, depth);
    } else if (t_.return_statement.Matches(type)) {
      for (int loop : scope.loops) m_.loops_[loop].has_return = true;
      Return statement{Summary(node, Kind::kNone), RangeOf(node), scope.function};
      for (TSNode child : NamedChildren(node)) {
        Expr value = Expression(child, scope, ResultUse::kReturned, {}, depth);
        if (!Is(child, t_.comment)) statement.value = std::move(value);
      }
      m_.returns_.push_back(std::move(statement));
    } else if (t_.raise_statement.Matches(type)) {
      for (int loop : scope.loops) m_.loops_[loop].has_return = true;
      for (TSNode child : NamedChildren(node)) Expression(child, scope, ResultUse::kOther, {}, depth);
    } else if (t_.break_statement.Matches(type)) {
      if (!scope.loops.empty()) m_.loops_[scope.loops.back()].has_break = true;
    } else if (t_.global_statement.Matches(type) || t_.nonlocal_statement.Matches(type)) {
      if (scope.function >= 0) {
        for (TSNode name : NamedChildren(node)) m_.functions_[scope.function].globals.emplace_back(Text(name));
      }
    } else if (t_.import_statement.Matches(type) || t_.import_from_statement.Matches(type) ||
               t_.future_import_statement.Matches(type)) {
      ImportStatement(node, scope);
    } else if (t_.delete_statement.Matches(type)) {
      for (TSNode child : NamedChildren(node)) Target(child, scope, depth);
    } else {
      // match, type aliases, assert, print, exec...: visit what they contain.
      Generic(node, scope, depth);
    }
  }

  void Generic(TSNode node, Scope& scope, int depth) {
    if (depth > kMaxDepth) {
      m_.truncated_ = true;
      return;
    }
    for (TSNode child : NamedChildren(node)) {
      if (Is(child, t_.block)) Block(child, scope, depth + 1);
      else if (ts_node_named_child_count(child) > 0 && (Is(child, t_.case_clause) || Is(child, t_.match_statement) ||
                                                      Is(child, t_.else_clause) || Is(child, t_.finally_clause)))
        Generic(child, scope, depth + 1);
      else Expression(child, scope, ResultUse::kOther, {}, depth + 1);
    }
  }

  void If(TSNode node, Scope& scope, int depth) {
    Expr condition = Expression(Field(node, f_.condition), scope, ResultUse::kOther, {}, depth);
    GuardFacts facts = EvaluateGuard(condition, m_.calls_, guard_names_);
    Scope body = scope;
    body.guarded = scope.guarded || facts.implies_off;
    TSNode consequence = Field(node, f_.consequence);
    std::vector<size_t> clauses{m_.if_tests_.size()};  // this statement's tests, not those nested in it
    m_.if_tests_.push_back({condition, RangeOf(consequence), scope.function, {}, facts.known()});
    Block(consequence, body, depth);
    bool any_on_implies = facts.on_implies;
    bool has_alternative = false;
    for (const ChildLists::Child& child : AllChildren(node)) {
      if (child.field == 0 || child.field != f_.alternative) continue;
      has_alternative = true;
      if (Is(child.node, t_.elif_clause)) {
        Expr elif_condition = Expression(Field(child.node, f_.condition), scope, ResultUse::kOther, {}, depth);
        GuardFacts elif_facts = EvaluateGuard(elif_condition, m_.calls_, guard_names_);
        Scope elif_body = scope;
        elif_body.guarded = scope.guarded || any_on_implies || elif_facts.implies_off;
        clauses.push_back(m_.if_tests_.size());
        m_.if_tests_.push_back(
            {elif_condition, RangeOf(Field(child.node, f_.consequence)), scope.function, {}, elif_facts.known()});
        Block(Field(child.node, f_.consequence), elif_body, depth);
        any_on_implies = any_on_implies || elif_facts.on_implies;
      } else {
        Scope else_body = scope;
        else_body.guarded = scope.guarded || any_on_implies;
        Block(Field(child.node, f_.body), else_body, depth);
      }
    }
    // Each clause's alternative: from the end of its body to the end of the statement.
    const Position end = RangeOf(node).end;
    for (size_t clause : clauses) {
      if (has_alternative && m_.if_tests_[clause].body.end < end) {
        m_.if_tests_[clause].alternative = {m_.if_tests_[clause].body.end, end};
      }
    }
    // `if on_platform(): return` — what follows in this block never runs there.
    if (!has_alternative && facts.on_implies && BlockExits(consequence)) scope.guarded = true;
  }

  void FunctionDef(TSNode node, std::vector<Expr> decorators, Scope& scope, int depth) {
    Function function;
    TSNode name = Field(node, f_.name);
    function.name = std::string(Text(name));
    function.name_range = RangeOf(name);
    function.range = RangeOf(node);
    function.parent = scope.function;
    function.class_index = scope.klass;
    function.guarded = scope.guarded;
    function.is_async = Text(node).starts_with("async");
    std::string prefix;
    if (scope.klass >= 0) prefix = m_.classes_[scope.klass].name + ".";
    else if (scope.function >= 0) prefix = m_.functions_[scope.function].qualified_name + ".";
    function.qualified_name = prefix + function.name;
    TSNode parameters = Field(node, f_.parameters);
    if (!ts_node_is_null(parameters)) {
      for (TSNode parameter : NamedChildren(parameters)) {
        TSNode param_name = Is(parameter, t_.identifier) ? parameter : Field(parameter, f_.name);
        if (ts_node_is_null(param_name) && ts_node_named_child_count(parameter) > 0) {
          param_name = ts_node_named_child(parameter, 0);
        }
        if (!ts_node_is_null(param_name)) function.params.emplace_back(Text(param_name));
        // A default value and an annotation are evaluated where the def runs (at import,
        // for a module-level def), not in the body: `webhook=os.environ["URL"]`,
        // `db=Depends(get_db)`, `db: Annotated[Session, Depends(get_db)]`.
        TSNode default_value = Field(parameter, f_.value);
        if (!ts_node_is_null(default_value)) Expression(default_value, scope, ResultUse::kArgument, {}, depth + 1);
        if (!ts_node_is_null(default_value) && Is(default_value, t_.none) && !ts_node_is_null(param_name)) {
          function.none_defaults.emplace_back(Text(param_name));
        }
        TSNode annotation = Field(parameter, f_.type);
        if (!ts_node_is_null(annotation) && ts_node_named_child_count(annotation) > 0) {
          Expression(ts_node_named_child(annotation, 0), scope, ResultUse::kOther, {}, depth + 1);
        }
        CollectDependencies(parameter, function, 0);
      }
    }
    function.decorators = std::move(decorators);
    ClassifyByDecorators(function);
    if (scope.klass >= 0) ClassifyMethod(function, m_.classes_[scope.klass]);
    // A bare WSGI application, `def app(environ, start_response)`: Vercel calls it per request.
    // PEP 3333 names no parameter; `start_response` is the one every WSGI app spells so.
    if (function.parent == -1 && function.class_index == -1 && function.params.size() == 2 &&
        function.params[1] == "start_response") {  // the first is `environ` or `env`, as its author named it
      function.is_handler = true;
    }
    int index = static_cast<int>(m_.functions_.size());
    m_.functions_.push_back(std::move(function));
    if (scope.klass >= 0) m_.classes_[scope.klass].methods.push_back(index);

    Scope body;
    body.function = index;
    body.guarded = scope.guarded;
    TSNode block = Field(node, f_.body);
    Block(block, body, depth);
    RecordGuardHelper(index, block);
  }

  // FastAPI's `Depends(f)` and `Security(f)` in a parameter's default or annotation
  // (`_: None = Depends(verify)`, `user: Annotated[User, Depends(verify)]`), read from the
  // tree: the calls that the walk of defaults and annotations records run at import, in
  // the enclosing scope, and do not say whose parameter they belong to.
  void CollectDependencies(TSNode node, Function& function, int depth) {
    constexpr int kMaxParameterDepth = 16;  // Annotated[...] nests a few levels, not more
    if (depth > kMaxParameterDepth) return;
    if (Is(node, t_.call) && IsFastApiDependency(m_.Resolve(Text(Field(node, f_.function))))) {
      for (TSNode argument : NamedChildren(Field(node, f_.arguments))) {
        TSNode value = argument;  // Depends(verify) or Depends(dependency=verify)
        if (Is(argument, t_.keyword_argument)) {
          if (Text(Field(argument, f_.name)) != "dependency") continue;
          value = Field(argument, f_.value);
        }
        if (Is(value, t_.identifier) || Is(value, t_.attribute)) function.dependencies.emplace_back(Text(value));
        break;
      }
      return;
    }
    for (TSNode child : NamedChildren(node)) CollectDependencies(child, function, depth + 1);
  }

  // `def is_serverless(): return bool(os.environ.get("VERCEL"))` makes a guard.
  void RecordGuardHelper(int index, TSNode block) {
    auto statements = NamedChildren(block);
    if (statements.size() != 1 || !Is(statements[0], t_.return_statement)) return;
    Function& function = m_.functions_[index];
    if (function.parent != -1 || function.class_index != -1 || !function.params.empty()) return;
    auto values = NamedChildren(statements[0]);
    if (values.size() != 1) return;
    // Re-evaluate the returned expression without recording its calls twice.
    size_t calls_before = m_.calls_.size(), loads_before = m_.name_loads_.size();
    size_t subscripts_before = m_.subscripts_.size();
    Scope scratch;
    Expr value = Expression(values[0], scratch, ResultUse::kReturned, {}, 0);
    GuardFacts facts = EvaluateGuard(value, m_.calls_, guard_names_);
    RemoveCallsFrom(calls_before);
    m_.subscripts_.resize(subscripts_before);  // recorded once already, in the function's scope
    m_.name_loads_.resize(loads_before);
    if (facts.known()) {
      guard_names_.functions[function.name] = facts;
      function.returns_platform_test = facts.on_implies ? 1 : -1;
    }
  }

  void RemoveCallsFrom(size_t first) { m_.calls_.resize(first); }

  void ClassDef(TSNode node, std::vector<Expr> decorators, Scope& scope, int depth) {
    Class klass;
    TSNode name = Field(node, f_.name);
    klass.name = std::string(Text(name));
    klass.name_range = RangeOf(name);
    klass.range = RangeOf(node);
    klass.function = scope.function;
    klass.decorators = std::move(decorators);
    TSNode bases = Field(node, f_.superclasses);
    if (!ts_node_is_null(bases)) {
      for (TSNode base : NamedChildren(bases)) {
        if (Is(base, t_.keyword_argument)) continue;
        klass.bases.push_back(Expression(base, scope, ResultUse::kOther, {}, depth));
      }
    }
    int index = static_cast<int>(m_.classes_.size());
    m_.classes_.push_back(std::move(klass));
    Scope body = scope;
    body.klass = index;
    Block(Field(node, f_.body), body, depth);
  }

  void LoopStatement(TSNode node, Scope& scope, int depth) {
    bool is_while = Is(node, t_.while_statement);
    Loop loop;
    loop.is_while = is_while;
    loop.range = RangeOf(node);
    TSNode body_node = Field(node, f_.body);
    loop.header_range = {RangeOf(node).start, ToPosition(ts_node_start_point(body_node))};
    loop.function = scope.function;
    loop.guarded = scope.guarded;
    loop.caught = scope.caught;
    if (is_while) {
      loop.condition = Expression(Field(node, f_.condition), scope, ResultUse::kOther, {}, depth);
      loop.constant_true = loop.condition.IsTrue();
    } else {
      loop.target = Target(Field(node, f_.left), scope, depth);
      loop.condition = Expression(Field(node, f_.right), scope, ResultUse::kOther, {}, depth);
    }
    int index = static_cast<int>(m_.loops_.size());
    m_.loops_.push_back(std::move(loop));
    Scope body = scope;
    body.loop_depth++;
    body.loops.push_back(index);
    Block(body_node, body, depth);
    for (const ChildLists::Child& child : AllChildren(node)) {
      if (Is(child.node, t_.else_clause)) Block(Field(child.node, f_.body), scope, depth);
    }
  }

  void Try(TSNode node, Scope& scope, int depth) {
    // Set by Block just before for this statement; taken now, before the blocks below set it
    // for their own.
    const Position try_start = RangeOf(node).start;
    const Position setup_start = try_setup_ && try_setup_->statement == try_start ? try_setup_->from : try_start;
    try_setup_.reset();
    std::vector<Catch> caught;
    for (TSNode child : NamedChildren(node)) {
      if (!Is(child, t_.except_clause) && !Is(child, t_.except_group_clause)) continue;
      TSNode value = Field(child, f_.value);
      if (ts_node_is_null(value)) {
        auto parts = NamedChildren(child);
        if (!parts.empty() && !Is(parts[0], t_.block)) value = parts[0];
      }
      TSNode alias = Field(child, f_.alias);
      if (!ts_node_is_null(value) && Is(value, t_.as_pattern)) alias = Field(value, f_.alias);
      const bool carries_on = !ReportsFailure(ClauseBlock(child), ts_node_is_null(alias) ? "" : Text(alias));
      if (ts_node_is_null(value)) {
        caught.push_back({"*", carries_on});
        continue;
      }
      if (Is(value, t_.as_pattern) && ts_node_named_child_count(value) > 0) value = ts_node_named_child(value, 0);
      Scope scratch = scope;
      size_t calls_before = m_.calls_.size(), loads_before = m_.name_loads_.size();
      Expr types = Expression(value, scratch, ResultUse::kOther, {}, depth);
      RemoveCallsFrom(calls_before);
      m_.name_loads_.resize(loads_before);
      auto add = [&](const Expr& type) {
        std::string name = type.qualified.empty() ? std::string(type.text) : type.qualified;
        if (name == "Exception" || name == "BaseException") name = "*";
        caught.push_back({std::move(name), carries_on});
      };
      if (types.kind == Kind::kTuple || types.kind == Kind::kList) {
        for (const Expr& type : types.items) add(type);
      } else {
        add(types);
      }
    }
    Scope body = scope;
    body.in_try = true;
    body.caught.insert(body.caught.end(), caught.begin(), caught.end());
    Block(Field(node, f_.body), body, depth);
    for (TSNode child : NamedChildren(node)) {
      if (Is(child, t_.block)) continue;
      for (TSNode part : NamedChildren(child)) {
        if (!Is(part, t_.block)) continue;
        if (Is(child, t_.finally_clause)) {
          m_.finally_clauses_.push_back(
              {{try_start, RangeOf(child).start}, RangeOf(part), {setup_start, try_start}, scope.function});
        }
        Block(part, scope, depth);
      }
    }
  }

  // ---- except clauses: carry on, or report the failure (Catch::carries_on) --------
  TSNode ClauseBlock(TSNode clause) {
    for (TSNode part : NamedChildren(clause)) {
      if (Is(part, t_.block)) return part;
    }
    return TSNode{};
  }

  // A raise, an abort() or a returned error anywhere in the clause, outside nested defs
  // and lambdas (they run later, if at all). `exception` is the name the clause binds.
  bool ReportsFailure(TSNode node, std::string_view exception, int depth = 0) {
    if (ts_node_is_null(node) || depth > kMaxClauseDepth) return false;
    if (Is(node, t_.function_definition) || Is(node, t_.class_definition) || Is(node, t_.lambda)) return false;
    if (Is(node, t_.raise_statement)) return true;
    if (Is(node, t_.return_statement)) return ReturnsError(node, exception);
    if (Is(node, t_.call) && IsAbort(m_.Resolve(Text(Field(node, f_.function))))) return true;
    for (TSNode child : NamedChildren(node)) {
      if (ReportsFailure(child, exception, depth + 1)) return true;
    }
    return false;
  }

  // Flask's and Werkzeug's abort(): raises the HTTPException of a status.
  static bool IsAbort(std::string_view callee) {
    return callee == "flask.abort" || callee == "werkzeug.exceptions.abort" || callee == "werkzeug.abort";
  }

  // `return jsonify(error=str(e)), 500`, `return JSONResponse(..., status_code=500)`,
  // `return {"error": "not saved"}`: a response (or a value for the caller) that says the
  // work failed. A fallback (`return None`, `return DEFAULTS`) says nothing of the kind.
  bool ReturnsError(TSNode statement, std::string_view exception) {
    auto values = NamedChildren(statement);
    if (values.empty()) return false;
    TSNode value = values[0];
    while (Is(value, t_.parenthesized_expression) && ts_node_named_child_count(value) == 1) {
      value = ts_node_named_child(value, 0);
    }
    if (Is(value, t_.expression_list) || Is(value, t_.tuple)) {
      auto items = NamedChildren(value);  // (body, status) or (body, status, headers)
      for (size_t i = 1; i < items.size(); ++i) {
        if (IsErrorStatus(items[i])) return true;
      }
    }
    return MentionsError(value, exception, 0);
  }

  // The caught exception read (`str(e)`, f"{e}"), an error status given as `status=` or
  // `status_code=`, or an "error"/"errors" key or keyword, anywhere in `node`.
  bool MentionsError(TSNode node, std::string_view exception, int depth) {
    if (ts_node_is_null(node) || depth > kMaxClauseDepth) return false;
    if (Is(node, t_.identifier)) return !exception.empty() && Text(node) == exception;
    if (Is(node, t_.lambda)) return false;
    if (Is(node, t_.attribute)) return MentionsError(Field(node, f_.object), exception, depth + 1);
    if (Is(node, t_.keyword_argument)) {
      std::string_view name = Text(Field(node, f_.name));
      TSNode argument = Field(node, f_.value);
      if (name == "error" || name == "errors") return true;
      if ((name == "status" || name == "status_code") && IsErrorStatus(argument)) return true;
      return MentionsError(argument, exception, depth + 1);
    }
    if (Is(node, t_.pair)) {
      std::string_view key = Text(Field(node, f_.key));
      if (key == "\"error\"" || key == "'error'" || key == "\"errors\"" || key == "'errors'") return true;
    }
    for (TSNode child : NamedChildren(node)) {
      if (MentionsError(child, exception, depth + 1)) return true;
    }
    return false;
  }

  // 400 to 599 as a number, or Starlette's (and FastAPI's) `status.HTTP_500_...`.
  bool IsErrorStatus(TSNode node) const {
    if (ts_node_is_null(node)) return false;
    std::string_view text = Text(node);
    if (Is(node, t_.integer)) return text.size() == 3 && (text[0] == '4' || text[0] == '5');
    if (!Is(node, t_.attribute)) return false;
    std::string_view name = Text(Field(node, f_.attribute));
    return name.starts_with("HTTP_4") || name.starts_with("HTTP_5");
  }

  void With(TSNode node, Scope& scope, int depth) {
    for (TSNode child : NamedChildren(node)) {
      if (!Is(child, t_.with_clause)) continue;
      for (TSNode item : NamedChildren(child)) {
        TSNode value = Field(item, f_.value);
        if (ts_node_is_null(value)) continue;
        if (Is(value, t_.as_pattern)) {
          auto parts = NamedChildren(value);
          std::string alias;
          TSNode target = Field(value, f_.alias);
          if (!ts_node_is_null(target)) alias = std::string(Text(target));
          if (!parts.empty()) Expression(parts[0], scope, ResultUse::kWithItem, alias, depth);
        } else {
          Expression(value, scope, ResultUse::kWithItem, {}, depth);
        }
      }
    }
    Block(Field(node, f_.body), scope, depth);
  }

  void ImportStatement(TSNode node, const Scope& scope) {
    auto add = [&](std::string module, std::string name, std::string bound, TSNode at, bool wildcard) {
      Import import;
      import.module = std::move(module);
      import.name = std::move(name);
      import.bound = std::move(bound);
      import.range = RangeOf(at);
      import.function = scope.function;
      import.guarded = scope.guarded;
      import.in_try = scope.in_try;
      import.wildcard = wildcard;
      if (!import.bound.empty()) {
        std::string qualified = import.name.empty() ? import.module
                                : import.module.empty() || import.module.back() == '.'
                                    ? import.module + import.name
                                    : import.module + "." + import.name;
        // `import os.path` binds `os` to the package `os`.
        if (import.name.empty() && import.bound != import.module) {
          if (import.module.starts_with(import.bound + ".")) qualified = import.bound;
        }
        m_.aliases_[import.bound] = qualified;
      }
      m_.imports_.push_back(std::move(import));
    };
    if (Is(node, t_.import_statement)) {
      for (TSNode child : NamedChildren(node)) {
        if (Is(child, t_.aliased_import)) {
          std::string module(Text(Field(child, f_.name)));
          add(module, "", std::string(Text(Field(child, f_.alias))), child, false);
        } else {
          std::string module(Text(child));
          add(module, "", module.substr(0, module.find('.')), child, false);
        }
      }
      return;
    }
    if (Is(node, t_.future_import_statement)) return;
    TSNode module_node = Field(node, f_.module_name);
    std::string module = ts_node_is_null(module_node) ? "" : std::string(Text(module_node));
    module.erase(std::remove_if(module.begin(), module.end(), [](char c) { return c == ' ' || c == '\t'; }),
                 module.end());
    bool any = false;
    for (const ChildLists::Child& child : AllChildren(node)) {
      if (Is(child.node, t_.wildcard_import)) {
        add(module, "*", "", child.node, true);
        any = true;
        continue;
      }
      if (child.field == 0 || child.field != f_.name) continue;
      any = true;
      if (Is(child.node, t_.aliased_import)) {
        add(module, std::string(Text(Field(child.node, f_.name))), std::string(Text(Field(child.node, f_.alias))),
            child.node, false);
      } else {
        std::string name(Text(child.node));
        add(module, name, name, child.node, false);
      }
    }
    if (!any) add(module, "", "", node, false);
  }

  // ---- assignments ----------------------------------------------------------
  void Assign(TSNode node, Scope& scope, int depth) {
    TSNode left = Field(node, f_.left);
    TSNode right = Field(node, f_.right);
    bool augmented = Is(node, t_.augmented_assignment);
    std::string op = "=";
    if (augmented) op = std::string(Text(Field(node, f_.operator_)));
    std::string target_text = ts_node_is_null(left) ? "" : std::string(Text(left));
    Expr value;
    if (!ts_node_is_null(right)) {
      if (Is(right, t_.assignment) || Is(right, t_.augmented_assignment)) {
        Assign(right, scope, depth + 1);  // a = b = value
        TSNode inner = right;
        while (Is(inner, t_.assignment) && !ts_node_is_null(Field(inner, f_.right))) inner = Field(inner, f_.right);
        value.kind = Kind::kOther;
      } else {
        value = Expression(right, scope, ResultUse::kAssigned, target_text, depth);
      }
    }
    if (ts_node_is_null(left)) return;
    Expr target = Target(left, scope, depth);
    // Module-level flags that hold a platform test: IS_VERCEL = bool(os.environ.get("VERCEL")).
    if (scope.function == -1 && !augmented && target.kind == Kind::kName) {
      GuardFacts facts = EvaluateGuard(value, m_.calls_, guard_names_);
      if (facts.known()) guard_names_.flags[target.qualified] = facts;
      else guard_names_.flags.erase(target.qualified);
    }
    Assignment assignment;
    assignment.target = std::move(target);
    assignment.value = std::move(value);
    assignment.op = std::move(op);
    assignment.range = RangeOf(node);
    assignment.function = scope.function;
    assignment.guarded = scope.guarded;
    assignment.declaration = ts_node_is_null(right) && !ts_node_is_null(Field(node, f_.type));
    m_.assignments_.push_back(std::move(assignment));
  }

  // A store target: names and attributes are summarised; subscripts are recorded as stores.
  Expr Target(TSNode node, Scope& scope, int depth) {
    if (ts_node_is_null(node)) return {};
    if (Is(node, t_.subscript)) {
      Expr object = Expression(Field(node, f_.value), scope, ResultUse::kOther, {}, depth);
      Expr key = Expression(Field(node, f_.subscript), scope, ResultUse::kOther, {}, depth);
      Expr target = Summary(node, Kind::kSubscript);
      m_.subscripts_.push_back({object, key, RangeOf(node), true, scope.function, scope.guarded, scope.caught});
      target.items.reserve(2);  // not `= {...}`: an initializer list copies its items
      target.items.push_back(std::move(object));
      target.items.push_back(std::move(key));
      return target;
    }
    if (Is(node, t_.pattern_list) || Is(node, t_.tuple_pattern) || Is(node, t_.list_pattern) ||
        Is(node, t_.expression_list)) {
      Expr target = Summary(node, Kind::kTuple);
      for (TSNode child : NamedChildren(node)) target.items.push_back(Target(child, scope, depth + 1));
      return target;
    }
    if (Is(node, t_.identifier)) {
      Expr target = Summary(node, Kind::kName);
      target.qualified = target.text;  // a store binds a local name: no import resolution
      return target;
    }
    return Expression(node, scope, ResultUse::kOther, {}, depth);
  }

  // ---- expressions ---------------------------------------------------------
  Expr Summary(TSNode node, Kind kind) const {
    Expr expr;
    expr.kind = kind;
    expr.range = RangeOf(node);
    std::string_view text = Text(node);
    expr.text = text.substr(0, kMaxExprText);
    return expr;
  }

  Expr Expression(TSNode node, Scope& scope, ResultUse use, const std::string& assigned_to, int depth,
                  int parent_call = -1) {
    if (ts_node_is_null(node)) return {};
    if (depth > kMaxDepth) {
      m_.truncated_ = true;
      return Summary(node, Kind::kOther);
    }
    const TSSymbol type = ts_node_symbol(node);
    if (t_.identifier.Matches(type)) {
      Expr expr = Summary(node, Kind::kName);
      expr.qualified = m_.Resolve(expr.text);
      m_.name_loads_.push_back({expr.text, expr.range, scope.function, scope.guarded, use});
      return expr;
    }
    if (t_.attribute.Matches(type)) {
      Expr object = Expression(Field(node, f_.object), scope, ResultUse::kOther, {}, depth + 1);
      Expr expr = Summary(node, Kind::kAttribute);
      std::string attribute(Text(Field(node, f_.attribute)));
      if (object.kind == Kind::kName || object.kind == Kind::kAttribute) {
        if (!object.qualified.empty()) expr.qualified = object.qualified + "." + attribute;
      } else if (object.kind == Kind::kCall && object.call >= 0) {
        expr.qualified = m_.calls_[object.call].callee + "()." + attribute;
      }
      expr.str = attribute;
      expr.items.push_back(std::move(object));
      return expr;
    }
    if (t_.call.Matches(type)) return CallExpr(node, scope, use, assigned_to, depth, parent_call);
    if (t_.string.Matches(type) || t_.concatenated_string.Matches(type)) return StringExpr(node, scope, depth);
    if (t_.integer.Matches(type) || t_.float_.Matches(type)) {
      Expr expr = Summary(node, Kind::kNumber);
      std::string digits;
      for (char c : expr.text) if (c != '_') digits += c;
      if (digits.size() > 2 && digits[0] == '0' && (digits[1] == 'x' || digits[1] == 'X')) {
        expr.number = static_cast<double>(std::strtoull(digits.c_str() + 2, nullptr, 16));
      } else {
        expr.number = std::strtod(digits.c_str(), nullptr);
      }
      return expr;
    }
    if (t_.true_.Matches(type) || t_.false_.Matches(type)) {
      Expr expr = Summary(node, Kind::kBool);
      expr.number = t_.true_.Matches(type) ? 1 : 0;
      return expr;
    }
    if (t_.none.Matches(type)) return Summary(node, Kind::kNone);
    if (t_.parenthesized_expression.Matches(type)) {
      auto inner = NamedChildren(node);
      if (inner.size() == 1) return Expression(inner[0], scope, use, assigned_to, depth + 1, parent_call);
      return Summary(node, Kind::kOther);
    }
    // `(t := Thread(...))` binds `t` like `t = Thread(...)` (in the enclosing function, also
    // inside a comprehension) and is worth the value.
    if (t_.named_expression.Matches(type)) {
      TSNode name = Field(node, f_.name);
      if (ts_node_is_null(name) || !Is(name, t_.identifier)) return Summary(node, Kind::kOther);
      Expr target = Summary(name, Kind::kName);
      target.qualified = target.text;
      Expr value = Expression(Field(node, f_.value), scope, ResultUse::kAssigned, std::string(target.text), depth + 1);
      Assignment assignment;
      assignment.target = std::move(target);
      assignment.value = value;
      assignment.op = "=";
      assignment.range = RangeOf(node);
      assignment.function = scope.function;
      assignment.guarded = scope.guarded;
      m_.assignments_.push_back(std::move(assignment));
      return value;
    }
    if (t_.yield.Matches(type)) {
      if (scope.function >= 0) m_.functions_[scope.function].is_generator = true;
      Expr expr = Summary(node, Kind::kOther);
      for (TSNode child : NamedChildren(node)) Expression(child, scope, ResultUse::kReturned, {}, depth + 1);
      return expr;
    }
    if (t_.await.Matches(type)) {
      Expr expr = Summary(node, Kind::kAwait);
      for (TSNode child : NamedChildren(node)) expr.items.push_back(Expression(child, scope, ResultUse::kAwaited, {}, depth + 1));
      return expr;
    }
    if (t_.binary_operator.Matches(type) || t_.boolean_operator.Matches(type)) {
      Expr expr = Summary(node, t_.binary_operator.Matches(type) ? Kind::kBinary : Kind::kBoolOp);
      expr.str = std::string(Text(Field(node, f_.operator_)));
      expr.items.reserve(2);
      expr.items.push_back(Expression(Field(node, f_.left), scope, ResultUse::kOther, {}, depth + 1));
      expr.items.push_back(Expression(Field(node, f_.right), scope, ResultUse::kOther, {}, depth + 1));
      return expr;
    }
    if (t_.comparison_operator.Matches(type)) {
      Expr expr = Summary(node, Kind::kComparison);
      for (const ChildLists::Child& child : AllChildren(node)) {
        if (child.field != 0 && child.field == f_.operators) {
          if (!expr.str.empty()) expr.str += " ";
          expr.str += std::string(Text(child.node));
        } else if (ts_node_is_named(child.node) && !Is(child.node, t_.comment)) {
          expr.items.push_back(Expression(child.node, scope, ResultUse::kOther, {}, depth + 1));
        }
      }
      return expr;
    }
    if (t_.not_operator.Matches(type)) {
      Expr expr = Summary(node, Kind::kNot);
      expr.items.push_back(Expression(Field(node, f_.argument), scope, ResultUse::kOther, {}, depth + 1));
      return expr;
    }
    if (t_.subscript.Matches(type)) {
      Expr expr = Summary(node, Kind::kSubscript);
      Expr object = Expression(Field(node, f_.value), scope, ResultUse::kOther, {}, depth + 1);
      Expr key = Expression(Field(node, f_.subscript), scope, ResultUse::kOther, {}, depth + 1);
      m_.subscripts_.push_back({object, key, expr.range, false, scope.function, scope.guarded, scope.caught});
      expr.items.reserve(2);  // not `= {...}`: an initializer list copies its items
      expr.items.push_back(std::move(object));
      expr.items.push_back(std::move(key));
      return expr;
    }
    Kind collection = t_.list.Matches(type)         ? Kind::kList
                      : t_.tuple.Matches(type)      ? Kind::kTuple
                      : t_.set.Matches(type)        ? Kind::kSet
                      : t_.dictionary.Matches(type) ? Kind::kDict
                      : t_.lambda.Matches(type)     ? Kind::kLambda
                                                         : Kind::kOther;
    Expr expr = Summary(node, collection);
    if (collection == Kind::kLambda) {
      TSNode body = Field(node, f_.body);
      if (!ts_node_is_null(body)) m_.lambda_bodies_.push_back(RangeOf(body));
    }
    // `return pid, fd`, `procs.extend([p])`: a name inside a collection goes where the collection goes.
    bool hands_on = use == ResultUse::kReturned || use == ResultUse::kAssigned || use == ResultUse::kArgument;
    auto mark_handed_on = [&](const Expr& item) {
      if (hands_on && item.kind == Kind::kName && !m_.name_loads_.empty()) m_.name_loads_.back().use = use;
    };
    const bool conditional = t_.conditional_expression.Matches(type);
    std::vector<Expr> parts;  // A, C and B of `A if C else B`
    for (TSNode child : NamedChildren(node)) {
      if (collection == Kind::kDict && Is(child, t_.pair)) {
        expr.items.push_back(Expression(Field(child, f_.key), scope, ResultUse::kOther, {}, depth + 1));
        expr.items.push_back(Expression(Field(child, f_.value), scope, ResultUse::kOther, {}, depth + 1));
        mark_handed_on(expr.items.back());
      } else {
        Expr item = Expression(child, scope, ResultUse::kOther, {}, depth + 1);
        if (collection != Kind::kLambda) mark_handed_on(item);
        if (conditional) {
          parts.push_back(std::move(item));
        } else if (collection != Kind::kOther && collection != Kind::kLambda) {
          expr.items.push_back(std::move(item));
        }
      }
    }
    // `A if C else B` is an `if C:` around A to what reads if_tests: FL405's
    // `os.environ["K"] if "K" in os.environ else None`.
    if (parts.size() == 3) {
      const bool tests_platform = EvaluateGuard(parts[1], m_.calls_, guard_names_).known();
      m_.if_tests_.push_back({std::move(parts[1]), parts[0].range, scope.function, parts[2].range, tests_platform});
    }
    return expr;
  }

  Expr StringExpr(TSNode node, Scope& scope, int depth) {
    Expr expr = Summary(node, Kind::kString);
    bool stop = false;  // after the first interpolation only the prefix is known
    std::string end;    // the text after the last interpolation: `?mode=ro` of f"file:{p}?mode=ro"
    // f"{BASE}/data.json": the value of a leading interpolation and the text after it, up to
    // the next one (module.h), so that a path built from a known folder is known.
    std::optional<Expr> lead;
    Expr after_lead;
    after_lead.kind = Kind::kString;
    bool in_lead = false;
    auto add_part = [&](TSNode part) {
      for (TSNode child : NamedChildren(part)) {
        if (Is(child, t_.string_start)) {
          std::string_view prefix = Text(child);
          if (prefix.find_first_of("fF") != std::string_view::npos) expr.is_fstring = true;
        } else if (Is(child, t_.string_content)) {
          (stop ? end : expr.str) += Text(child);
          if (in_lead) after_lead.str += Text(child);
        } else if (Is(child, t_.interpolation)) {
          // Only a bare `{name}` leads: `{x!r}` and `{x:>8}` are not the value's text.
          ChildLists::List<TSNode> inner_nodes = NamedChildren(child);
          const bool leads = !stop && expr.str.empty() && inner_nodes.size() == 1;
          if (in_lead) after_lead.is_fstring = true;
          in_lead = false;
          stop = true;
          end.clear();
          expr.is_fstring = true;
          for (TSNode inner : inner_nodes) {
            Expr value = Expression(inner, scope, ResultUse::kOther, {}, depth + 1);
            if (leads) {
              lead = std::move(value);
              in_lead = true;
            }
          }
        }
      }
    };
    if (Is(node, t_.concatenated_string)) {
      for (TSNode part : NamedChildren(node)) add_part(part);
    } else {
      add_part(node);
    }
    if (!end.empty() || lead) {
      Expr literal_end;
      literal_end.kind = Kind::kString;
      literal_end.str = std::move(end);
      expr.items.reserve(lead ? 3 : 1);
      expr.items.push_back(std::move(literal_end));
      if (lead) {
        expr.items.push_back(std::move(*lead));
        expr.items.push_back(std::move(after_lead));
      }
    }
    return expr;
  }

  Expr CallExpr(TSNode node, Scope& scope, ResultUse use, const std::string& assigned_to, int depth, int parent_call) {
    Expr expr = Summary(node, Kind::kCall);
    TSNode function_node = Field(node, f_.function);
    Expr callee = Expression(function_node, scope, ResultUse::kOther, {}, depth + 1);
    int index = static_cast<int>(m_.calls_.size());
    m_.calls_.emplace_back();
    {
      Call& call = m_.calls_.back();
      call.range = expr.range;
      call.bytes = BytesOf(node);
      call.callee_range = callee.range;
      call.use = use;
      if (use == ResultUse::kAssigned || use == ResultUse::kWithItem) call.assigned_to = assigned_to;
      call.function = scope.function;
      call.parent_call = parent_call;
      call.guarded = scope.guarded;
      call.loop_depth = scope.loop_depth;
      call.caught = scope.caught;
      // Calling what a call returned (`make_handler()()`) is not calling the callee again:
      // its name is "<callee>()", as in "<callee>().<attr>" for an attribute of a result.
      if (callee.kind == Kind::kCall) call.callee = callee.qualified + "()";
      else call.callee = callee.qualified.empty() ? std::string(callee.text) : callee.qualified;
      if (callee.kind == Kind::kAttribute) {
        call.method = callee.str;
        if (!callee.items.empty()) call.receiver = std::move(callee.items[0]);  // callee is not used after
      }
    }
    if (scope.function >= 0) m_.functions_[scope.function].calls.push_back(index);
    TSNode arguments = Field(node, f_.arguments);
    std::vector<Argument> args;
    if (!ts_node_is_null(arguments)) {
      if (!Is(arguments, t_.generator_expression)) m_.calls_[index].arguments_bytes = BytesOf(arguments);
      if (Is(arguments, t_.generator_expression)) {
        Argument arg;
        arg.value = Expression(arguments, scope, ResultUse::kArgument, {}, depth + 1, index);
        args.push_back(std::move(arg));
      } else {
        auto children = NamedChildren(arguments);
        args.reserve(children.size());  // an Argument is large: growing the vector moves them all
        for (TSNode child : children) {
          Argument arg;
          arg.bytes = BytesOf(child);
          if (Is(child, t_.keyword_argument)) {
            arg.name = std::string(Text(Field(child, f_.name)));
            arg.value = Expression(Field(child, f_.value), scope, ResultUse::kArgument, {}, depth + 1, index);
          } else if (Is(child, t_.list_splat) || Is(child, t_.dictionary_splat)) {
            arg.star = Is(child, t_.list_splat);
            arg.double_star = !arg.star;
            auto inner = NamedChildren(child);
            if (!inner.empty()) arg.value = Expression(inner[0], scope, ResultUse::kArgument, {}, depth + 1, index);
          } else {
            arg.value = Expression(child, scope, ResultUse::kArgument, {}, depth + 1, index);
          }
          args.push_back(std::move(arg));
        }
      }
    }
    m_.calls_[index].args = std::move(args);  // the vector may have grown: index, not reference
    expr.call = index;
    expr.qualified = m_.calls_[index].callee;
    return expr;
  }

  // ---- classification --------------------------------------------------------
  // Route decorators (Flask, FastAPI, Starlette, blueprints, routers) and cold-start hooks.
  void ClassifyByDecorators(Function& function) {
    static constexpr std::string_view kVerbs[] = {"get", "post", "put", "delete", "patch", "head", "options"};
    for (const Expr& decorator : function.decorators) {
      const Call* call = decorator.kind == Kind::kCall ? &m_.calls_[decorator.call] : nullptr;
      std::string_view method = call ? std::string_view(call->method) : std::string_view(decorator.str);
      if (decorator.kind != Kind::kCall && decorator.kind != Kind::kAttribute) continue;
      if (method == "route" || method == "api_route" || method == "websocket" || method == "websocket_route" ||
          std::find(std::begin(kVerbs), std::end(kVerbs), method) != std::end(kVerbs)) {
        function.is_handler = true;
        Route route;
        route.range = decorator.range;
        route.call = call ? decorator.call : -1;
        route.websocket = method.starts_with("websocket");
        if (call) ReadPathAndMethods(*call, method == "route" ? "rule" : "path", route);
        if (route.methods.empty() && !route.websocket) {
          // Flask's and FastAPI's default; `@app.post` and friends name theirs.
          route.methods.push_back(method == "route" || method == "api_route" ? "GET" : UpperCase(method));
        }
        function.routes.push_back(std::move(route));
      } else if (method == "before_first_request" || method == "before_request" || method == "before_serving") {
        function.is_cold_start = true;
      } else if (method == "on_event" && call) {
        const Argument* event = call->Positional(0);
        if (event && event->value.IsString() && event->value.str == "startup") function.is_cold_start = true;
      } else if (method == "on" && call) {
        function.is_handler = true;  // socketio.on("event")
      } else if (IsBotListener(method, call)) {
        function.is_handler = true;
      }
    }
  }

  // A listener that a bot or chat framework runs for each update its webhook receives,
  // which on Vercel is one request: pyTelegramBotAPI and aiogram 2 (`@bot.message_handler`),
  // aiogram 3 (`@router.message()`), Pyrogram (`@app.on_message()`), Slack Bolt
  // (`@app.event("app_mention")`, `@app.command("/echo")`, `@app.action("approve")`).
  static bool IsBotListener(std::string_view method, const Call* call) {
    static constexpr std::string_view kDecorators[] = {
        "message_handler", "edited_message_handler", "channel_post_handler", "callback_query_handler",
        "inline_handler", "chosen_inline_handler", "inline_query_handler", "pre_checkout_query_handler",
        "my_chat_member_handler", "chat_member_handler", "poll_handler", "on_message", "on_edited_message",
        "on_callback_query", "on_inline_query"};
    // Called, and with names other libraries use too: aiogram 3's and Slack Bolt's.
    static constexpr std::string_view kCalledDecorators[] = {"message", "edited_message", "channel_post",
                                                             "callback_query", "inline_query", "my_chat_member",
                                                             "event", "action", "shortcut"};
    if (std::find(std::begin(kDecorators), std::end(kDecorators), method) != std::end(kDecorators)) return true;
    if (call == nullptr) return false;
    if (std::find(std::begin(kCalledDecorators), std::end(kCalledDecorators), method) != std::end(kCalledDecorators)) {
      return true;
    }
    // Slack Bolt's `@app.command("/echo")`; click's and Typer's `@cli.command()` are a CLI.
    const Argument* name = call->Positional(0);
    return method == "command" && name && name->value.IsString() && name->value.str.starts_with("/");
  }

  // BaseHTTPRequestHandler.do_GET and friends serve requests (Vercel's `handler` class).
  void ClassifyMethod(Function& function, const Class& klass) {
    if (ServesRequestsPerMethod(klass, 0) && IsViewMethod(function.name)) {
      function.is_handler = true;  // no route: the URL is bound elsewhere (`as_view()` in urls.py or add_url_rule)
      return;
    }
    if (function.name == "ready" && IsDjangoAppConfig(klass)) {
      // Django calls every installed app's AppConfig.ready() in django.setup(), which the
      // WSGI/ASGI entry runs on import: at every cold start.
      function.is_cold_start = true;
      return;
    }
    if (!function.name.starts_with("do_")) return;
    bool request_handler = std::any_of(klass.bases.begin(), klass.bases.end(), [](const Expr& base) {
      return base.qualified.ends_with("BaseHTTPRequestHandler") || base.qualified.ends_with("SimpleHTTPRequestHandler");
    });
    if (!request_handler) return;
    function.is_handler = true;
    Route route;
    route.range = function.name_range;
    route.methods.push_back(function.name.substr(3));
    function.routes.push_back(std::move(route));
  }

  static bool IsDjangoAppConfig(const Class& klass) {
    return std::any_of(klass.bases.begin(), klass.bases.end(), [](const Expr& base) {
      return base.qualified == "django.apps.AppConfig" || base.qualified == "django.apps.config.AppConfig";
    });
  }

  // A class-based view: Flask's `MethodView`/`View`, Django's views and Django REST
  // framework's, directly or through a base class of this module. The framework makes an
  // instance per request and calls the method named by the HTTP verb.
  bool ServesRequestsPerMethod(const Class& klass, int depth) const {
    static constexpr std::string_view kViewModules[] = {"flask.views.", "django.views.", "rest_framework."};
    return std::any_of(klass.bases.begin(), klass.bases.end(), [&](const Expr& base) {
      for (std::string_view prefix : kViewModules) {
        if (base.qualified.starts_with(prefix)) return true;
      }
      if (depth >= 4 || base.kind != Kind::kName) return false;
      auto local = std::find_if(m_.classes_.begin(), m_.classes_.end(),
                                [&](const Class& other) { return other.name == base.text && &other != &klass; });
      return local != m_.classes_.end() && ServesRequestsPerMethod(*local, depth + 1);
    });
  }

  static bool IsViewMethod(std::string_view name) {
    static constexpr std::string_view kMethods[] = {
        "get", "post", "put", "patch", "delete", "head", "options", "dispatch_request", "dispatch",
        // Django's generic views and DRF's viewsets call these for each request.
        "get_queryset", "get_object", "get_context_data", "form_valid", "list", "create", "retrieve", "update",
        "partial_update", "destroy", "perform_create", "perform_update", "perform_destroy"};
    return std::find(std::begin(kMethods), std::end(kMethods), name) != std::end(kMethods);
  }

  // Defs by where they are and their name: a linear search per lookup was quadratic on
  // generated code (16,000 routes each starting a thread with `target=`).
  void IndexDefs() {
    for (size_t i = 0; i < m_.functions_.size(); ++i) {
      const Function& function = m_.functions_[i];
      if (function.class_index < 0) m_.defs_.Add({function.parent, function.name}, static_cast<int>(i));
    }
    m_.defs_.Seal();
  }

  void ResolveCallTargets() {
    // (scope, name) -> the callee of the call every binding of the name there is (`bot =
    // Bot()` at module level or in main()), for `bot.run()`; "" when the name is also bound to
    // something else (`bot = None`, a parameter, a loop variable, `a, bot = ...`). Names are
    // views into the module, which does not change while this runs.
    std::map<std::pair<int, std::string_view>, std::string_view> instances;
    auto declared_global = [&](int function, std::string_view name) {
      const std::vector<std::string>& globals = m_.functions_[function].globals;
      return std::find(globals.begin(), globals.end(), name) != globals.end();
    };
    auto bind = [&](int scope, std::string_view name, std::string_view callee) {
      if (scope >= 0 && declared_global(scope, name)) scope = -1;
      auto [it, added] = instances.try_emplace({scope, name}, callee);
      if (!added && it->second != callee) it->second = {};
    };
    for (const Assignment& assignment : m_.assignments_) {
      if (assignment.target.kind == Kind::kTuple) {
        for (const Expr& item : assignment.target.items) {
          if (item.kind == Kind::kName) bind(assignment.function, item.text, {});
        }
      }
      if (assignment.target.kind != Kind::kName) continue;
      const bool instance = assignment.op == "=" && assignment.value.kind == Kind::kCall && assignment.value.call >= 0;
      bind(assignment.function, assignment.target.text,
           instance ? std::string_view(m_.calls_[assignment.value.call].callee) : std::string_view());
    }
    for (size_t i = 0; i < m_.functions_.size(); ++i) {
      for (const std::string& param : m_.functions_[i].params) bind(static_cast<int>(i), param, {});
    }
    for (const Loop& loop : m_.loops_) {
      if (loop.target.kind == Kind::kName) bind(loop.function, loop.target.text, {});
      for (const Expr& item : loop.target.items) {
        if (item.kind == Kind::kName) bind(loop.function, item.text, {});
      }
    }
    for (const Call& call : m_.calls_) {
      if (call.use == ResultUse::kWithItem && !call.assigned_to.empty()) bind(call.function, call.assigned_to, {});
    }
    // What `name` holds where `function` reads it, as Python's scoping finds it; nullopt
    // when nothing binds it (a class's own name: `Checker.create()`).
    auto instance_of = [&](std::string_view name, int function) -> std::optional<std::string_view> {
      for (int scope = function; scope >= 0; scope = m_.functions_[scope].parent) {
        if (declared_global(scope, name)) break;
        if (auto it = instances.find({scope, name}); it != instances.end()) return it->second;
      }
      if (auto it = instances.find({-1, name}); it != instances.end()) return it->second;
      return std::nullopt;
    };
    // Methods by (class, name) and module-level classes by name, in module order: a big
    // class asked once per `self.x()` call was quadratic (16,000 methods: 1 s).
    FlatMultimap<std::pair<int, std::string_view>, int> methods;
    FlatMultimap<std::string_view, int> module_classes;
    for (size_t c = 0; c < m_.classes_.size(); ++c) {
      for (int index : m_.classes_[c].methods) methods.Add({static_cast<int>(c), m_.functions_[index].name}, index);
      if (m_.classes_[c].function == -1) module_classes.Add(m_.classes_[c].name, static_cast<int>(c));
    }
    methods.Seal();
    module_classes.Seal();
    // The first method of that name of the first module-level class of that name.
    auto method_of_class = [&](std::string_view klass, std::string_view method) {
      for (int c : module_classes.Find(klass)) {
        if (std::span<const int> found = methods.Find({c, method}); !found.empty()) return found.front();
      }
      return -1;
    };
    // A def as Python's scoping finds it from inside `function`: nested in it or in an
    // enclosing function, else at module level.
    auto visible = [&](const std::string& name, int function) {
      for (int scope = function;; scope = m_.functions_[scope].parent) {
        if (int def = m_.FindDef(scope, name); def >= 0) return def;
        if (scope < 0) return -1;
      }
    };
    for (Call& call : m_.calls_) {
      if (call.callee.find('.') == std::string::npos) {
        call.target = visible(call.callee, call.function);
        if (call.target < 0) call.target = method_of_class(call.callee, "__init__");  // Checker()
        continue;
      }
      if (call.function >= 0 && (call.callee.starts_with("self.") || call.callee.starts_with("cls."))) {
        int klass = m_.functions_[call.function].class_index;
        if (klass < 0) continue;
        std::string_view name = std::string_view(call.callee).substr(call.callee.find('.') + 1);
        if (std::span<const int> found = methods.Find({klass, name}); !found.empty()) call.target = found.back();
        continue;
      }
      // Checker().start(), Checker.create(), checker.start() with `checker = Checker()` at module level.
      if (call.method.empty()) continue;
      std::string klass;
      if (call.receiver.kind == Kind::kCall && call.receiver.call >= 0) {
        klass = m_.calls_[call.receiver.call].callee;
      } else if (call.receiver.kind == Kind::kName) {
        klass = instance_of(call.receiver.text, call.function).value_or(call.receiver.text);
      }
      if (!klass.empty()) call.target = method_of_class(klass, call.method);
    }
  }

  // What "who runs this function" questions need, built once rather than asked of every
  // call and name read per question: the calls of each function, and which module-level
  // functions are read as values handed on.
  void IndexCallersAndValueUses() {
    for (size_t i = 0; i < m_.calls_.size(); ++i) {
      if (int target = m_.calls_[i].target; target >= 0) m_.functions_[target].callers.push_back(static_cast<int>(i));
    }
    for (size_t i = 0; i < m_.name_loads_.size(); ++i) {
      const NameLoad& load = m_.name_loads_[i];
      if (load.use == ResultUse::kOther || load.use == ResultUse::kDiscarded) continue;
      for (int function : m_.defs_.Find({-1, load.name})) {
        m_.functions_[function].handed_on_by.push_back(static_cast<int>(i));
      }
    }
  }

  static std::string UpperCase(std::string_view text) {
    std::string upper(text);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return upper;
  }

  // A route's literal path (the first argument, or the keyword of that name) and its
  // `methods=[...]`, upper case.
  static void ReadPathAndMethods(const Call& call, std::string_view path_keyword, Route& route) {
    const Argument* path = call.Arg(0, path_keyword);
    if (path && path->value.IsString() && !path->value.is_fstring) {
      route.path = path->value.str;
      route.path_known = true;
    }
    if (const Argument* methods = call.Keyword("methods")) {
      for (const Expr& item : methods->value.items) {
        if (item.IsString()) route.methods.push_back(UpperCase(item.str));
      }
    }
  }

  // app.add_url_rule("/x", view_func=f), Starlette's Route("/x", f) and FastAPI(lifespan=f)
  // name functions by reference.
  void MarkRegisteredHandlers() {
    for (size_t index = 0; index < m_.calls_.size(); ++index) {
      const Call& call = m_.calls_[index];
      MarkDjangoView(call, static_cast<int>(index));
      MarkRegisteredStartupHook(call);
      MarkRouteByReference(call, static_cast<int>(index));
      if (const Argument* lifespan = call.Keyword("lifespan")) {
        if (lifespan->value.kind != Kind::kName) continue;
        int function = m_.FindFunction(lifespan->value.text);
        if (function >= 0) m_.functions_[function].is_cold_start = true;
      }
    }
  }

  // A route that names its view: Flask's `app.add_url_rule(rule, endpoint, view_func)`,
  // FastAPI's `router.add_api_route(path, endpoint)`, Starlette's `app.add_route(path,
  // route)` and `Route(path, endpoint)` in a route list (which Mount or the app takes).
  // Each defaults to GET (Flask's and Starlette's add HEAD, which a cron job never sends).
  void MarkRouteByReference(const Call& call, int index) {
    struct Registration {
      bool by_method;  // `x.add_url_rule(...)`; else the callee itself (`Route(...)`)
      std::string_view name;
      size_t view_position;
      std::string_view view_keyword;
      bool websocket;
    };
    static constexpr Registration kRegistrations[] = {
        {true, "add_url_rule", 2, "view_func", false},
        {true, "add_api_route", 1, "endpoint", false},
        {true, "add_route", 1, "route", false},
        {true, "add_websocket_route", 1, "route", true},
        {true, "add_api_websocket_route", 1, "endpoint", true},
        {false, "starlette.routing.Route", 1, "endpoint", false},
        {false, "starlette.routing.WebSocketRoute", 1, "endpoint", true},
        {false, "fastapi.routing.APIRoute", 1, "endpoint", false},
    };
    const bool method_call = call.receiver.kind != Kind::kOther;
    const Registration* found = nullptr;
    for (const Registration& registration : kRegistrations) {
      if (registration.by_method ? method_call && call.method == registration.name : call.callee == registration.name) {
        found = &registration;
      }
    }
    if (!found) return;
    const Argument* view = call.Arg(found->view_position, found->view_keyword);
    if (!view || view->value.kind != Kind::kName) return;
    int function = m_.FindFunction(view->value.text);
    if (function < 0) return;
    m_.functions_[function].is_handler = true;
    Route route;
    route.range = call.range;
    route.call = index;
    route.websocket = found->websocket;
    ReadPathAndMethods(call, found->name == "add_url_rule" ? "rule" : "path", route);
    if (route.methods.empty() && !route.websocket) route.methods.push_back("GET");
    m_.functions_[function].routes.push_back(std::move(route));
  }

  // Startup hooks registered by reference rather than by decorator:
  // app.before_first_request(f), app.add_event_handler("startup", f),
  // FastAPI(on_startup=[f]) / Starlette(on_startup=[f]).
  void MarkRegisteredStartupHook(const Call& call) {
    auto mark = [&](const Expr& reference) {
      if (reference.kind != Kind::kName) return;
      int function = m_.FindFunction(reference.text);
      if (function >= 0) m_.functions_[function].is_cold_start = true;
    };
    if (call.method == "before_first_request" || call.method == "before_request" || call.method == "before_serving") {
      if (const Argument* hook = call.Positional(0)) mark(hook->value);
    } else if (call.method == "add_event_handler") {
      const Argument* event = call.Positional(0);
      const Argument* hook = call.Positional(1);
      if (event && hook && event->value.IsString() && event->value.str == "startup") mark(hook->value);
    }
    if (const Argument* hooks = call.Keyword("on_startup")) {
      for (const Expr& hook : hooks->value.items) mark(hook);
    }
  }

  // Django's urlpatterns: path("checks/", views.check), re_path(...), url(...) name a view
  // by reference; one defined in this module serves requests.
  void MarkDjangoView(const Call& call, int index) {
    if (call.callee != "django.urls.path" && call.callee != "django.urls.re_path" &&
        call.callee != "django.conf.urls.url") {
      return;
    }
    const Argument* view = call.Arg(1, "view");
    if (!view || view->value.kind != Kind::kName) return;
    int function = m_.FindFunction(view->value.text);
    if (function < 0) return;
    Function& target = m_.functions_[function];
    target.is_handler = true;
    Route route;
    route.range = call.range;
    route.call = index;
    const Argument* path = call.Arg(0, "route");
    // re_path/url take a regular expression, not a path: leave those unknown.
    if (call.callee == "django.urls.path" && path && path->value.IsString() && !path->value.is_fstring) {
      route.path = "/" + path->value.str;
      route.path_known = true;
    }
    target.routes.push_back(std::move(route));  // Django views accept every method unless decorated
  }

  // `# noqa` and `# noqa: FL101, FL401` in comments (not in strings): find the word,
  // then ask the tree whether it sits in a comment.
  void CollectNoqa() {
    const std::string& source = m_.source_;
    size_t at = 0;
    while ((at = FindNoqa(source, at)) != std::string::npos) {
      TSNode node = ts_node_descendant_for_byte_range(root_, static_cast<uint32_t>(at), static_cast<uint32_t>(at + 4));
      size_t next = at + 4;
      if (!ts_node_is_null(node) && Is(node, t_.comment)) {
        std::string_view comment = Text(node);
        size_t offset = at - ts_node_start_byte(node);
        // Only `#`, then spaces, then noqa — "# see noqa docs" is prose.
        std::string_view before = comment.substr(0, offset);
        size_t hash = before.find_last_of('#');
        bool directive = hash != std::string_view::npos &&
                         before.find_first_not_of(" \t", hash + 1) == std::string_view::npos;
        if (directive) {
          uint32_t line = ts_node_start_point(node).row + 1;
          std::vector<std::string> codes;
          std::string_view rest = comment.substr(offset + 4);
          if (!rest.empty() && rest[0] == ':') {
            size_t i = 1;
            while (i < rest.size()) {
              while (i < rest.size() && (rest[i] == ' ' || rest[i] == ',' || rest[i] == '\t')) ++i;
              size_t start = i;
              while (i < rest.size() && std::isalnum(static_cast<unsigned char>(rest[i]))) ++i;
              if (i == start) break;
              std::string code(rest.substr(start, i - start));
              for (char& c : code) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
              codes.push_back(std::move(code));
            }
          }
          auto [it, inserted] = m_.noqa_.try_emplace(line, codes);
          if (!inserted && !it->second.empty()) {
            if (codes.empty()) it->second.clear();
            else it->second.insert(it->second.end(), codes.begin(), codes.end());
          }
        }
        next = ts_node_end_byte(node);
      }
      at = next;
    }
  }

  // The next "noqa" (any case) after a `#` on its line: only a comment can hold the
  // directive, and memchr finds the few `#`s faster than a scan for the word.
  static size_t FindNoqa(const std::string& source, size_t from) {
    while (from < source.size()) {
      const char* hash = static_cast<const char*>(std::memchr(source.data() + from, '#', source.size() - from));
      if (!hash) return std::string::npos;
      size_t start = hash - source.data();
      size_t end = source.find('\n', start);
      if (end == std::string::npos) end = source.size();
      for (size_t i = start + 1; i + 4 <= end; ++i) {
        if ((source[i] | 0x20) == 'n' && (source[i + 1] | 0x20) == 'o' && (source[i + 2] | 0x20) == 'q' &&
            (source[i + 3] | 0x20) == 'a') {
          return i;
        }
      }
      from = end;
    }
    return std::string::npos;
  }


  // Return, break and continue statements and definitions met so far: a statement during
  // whose walk the count grows may leave its block other than by falling through.
  uint64_t jumps_ = 0;
  // Where the statements that fall through to the try statement Block is about to walk begin.
  struct TrySetup {
    Position statement;  // the try statement's start
    Position from;
  };
  std::optional<TrySetup> try_setup_;

  Module& m_;
  TSNode root_;
  const std::vector<int>& run_elsewhere_;  // functions another module's platform code calls
  const NodeTypes& t_ = NodeTypes::Python();
  const NodeTypes::Fields& f_ = t_.field;
  ChildLists lists_{root_, t_.comment};

  ChildLists::List<TSNode> NamedChildren(TSNode node) { return lists_.Named(node); }
  ChildLists::List<ChildLists::Child> AllChildren(TSNode node) { return lists_.All(node); }
  GuardNames guard_names_;
};

std::unique_ptr<Module> ParseModule(Parser& parser, std::string path, std::string source) {
  return ParseModule(parser, std::move(path), std::move(source), {});
}

std::unique_ptr<Module> ParseModule(Parser& parser, std::string path, std::string source,
                                    const std::vector<int>& run_elsewhere) {
  auto module = std::make_unique<Module>(std::move(path), std::move(source));
  TreePtr tree = parser.Parse(module->source());
  if (tree) {
    ModuleBuilder(*module, ts_tree_root_node(tree.get()), run_elsewhere).Build();
  } else {
    module->parse_abandoned_ = true;
    module->too_deep_line_ = parser.too_deep_line();
  }
  return module;
}

}  // namespace faaslint::python
