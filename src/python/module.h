// A parsed Python file summarised for rules: one walk of the tree-sitter tree
// produces flat tables (calls, functions, assignments, loops, ...) with names resolved
// through imports and every entry marked with its scope and whether a guard keeps it
// off the serverless platform. Rules loop over these tables; none walks the tree.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/finding.h"
#include "core/flat_multimap.h"
#include "python/invisible_characters.h"

namespace faaslint::python {

// Byte offsets into Module::source(), [start, end): what fixes edit. Ranges count
// code points for people; edits need bytes.
struct ByteSpan {
  uint32_t start = 0;
  uint32_t end = 0;
  bool empty() const { return start == end; }
};

// An expression, evaluated as far as rules need it.
struct Expr {
  enum class Kind : uint8_t {
    kOther, kString, kNumber, kBool, kNone, kName, kAttribute, kCall, kBinary,
    kList, kTuple, kSet, kDict, kSubscript, kAwait, kLambda, kComparison, kNot, kBoolOp,
  };
  Kind kind = Kind::kOther;
  Range range;
  std::string_view text;  // source text (a view into Module::source()), cut at 160 bytes
  // kString: the value (for an f-string, the literal text before the first
  // interpolation, with is_fstring set). kBinary/kBoolOp/kComparison: the operator.
  std::string str;
  bool is_fstring = false;
  double number = 0;      // kNumber; kBool: 1 or 0
  // kName/kAttribute: the dotted name resolved through imports ("threading.Thread",
  // "os.environ"); names not bound by an import stay as written ("cache", "app.run").
  // An attribute of a call result is "<callee>().<attr>" ("threading.Thread().start").
  std::string qualified;
  int call = -1;          // kCall: index into Module::calls
  // kBinary/kComparison/kBoolOp: {left, right}; kList/kTuple/kSet: elements; kDict: key,
  // value, key, value...; kSubscript: {object, key}; kAwait/kNot: {operand};
  // kAttribute: {object}; kString (an f-string): {its literal text after the last
  // interpolation, as a kString}, when it has any; when it begins with a bare
  // interpolation, f"{base}/x/{name}", also {..., base, the text up to the next
  // interpolation ("/x/", is_fstring when one follows)}.
  std::vector<Expr> items;

  bool IsString() const { return kind == Kind::kString; }
  bool IsTrue() const;  // a constant that is true: True, a non-zero number, a non-empty string
};

struct Argument {
  std::string name;  // keyword name; empty for positional
  Expr value;
  bool star = false;         // *args
  bool double_star = false;  // **kwargs
  ByteSpan bytes;            // the whole argument, `name=value` for a keyword
};

// An except clause around a statement, in the same function: what it catches and what it
// does about the failure.
struct Catch {
  // Resolved ("OSError", "PermissionError"); "*" for a bare except, Exception or BaseException.
  std::string type;
  // The clause carries on without what failed (`pass`, a fallback value, a logged warning)
  // rather than report the failure: it neither raises, nor calls abort(), nor returns an
  // error (a value that carries the exception, such as `str(e)`, an HTTP status of 400 or
  // more, or an "error" key). Nested defs in the clause do not count: they run later.
  bool carries_on = true;
};

// How the value a call returns is used.
enum class ResultUse : uint8_t {
  kDiscarded,  // an expression statement: `Thread(...).start()`
  kAssigned,   // `t = Thread(...)` (assigned_to = "t")
  kAwaited,    // `await x(...)`
  kReturned,   // `return x(...)`, `yield x(...)`
  kWithItem,   // `with x(...) as y` (assigned_to = "y" when named)
  kArgument,   // passed to another call
  kOther,      // anything else: part of an expression, a collection, a comparison...
};

struct Call {
  std::string callee;        // resolved dotted name of the callee (see Expr::qualified)
  std::string method;        // the last attribute when the callee is an attribute
  Expr receiver;             // the object of a method call; kOther when not a method call
  Range range;               // the whole call
  Range callee_range;        // the callee expression: where findings usually point
  std::vector<Argument> args;
  ResultUse use = ResultUse::kOther;
  std::string assigned_to;   // kAssigned/kWithItem target as written ("t", "self.worker")
  int function = -1;         // enclosing function (index into functions), -1 at module level
  int target = -1;           // the module's own function this call invokes, when known
  int parent_call = -1;      // kArgument: the call it is passed to
  bool guarded = false;      // a guard keeps this off the platform (see module.cpp)
  // Guarded only because its function runs off the platform (Function::off_platform): no
  // guard of its own, so a caller in another module may still run it (project/module_callers.h).
  bool guarded_by_callers = false;
  uint16_t loop_depth = 0;   // enclosing for/while loops in the same function
  // The except clauses of the try statements around the call in the same function,
  // outermost first.
  std::vector<Catch> caught;
  ByteSpan bytes;            // the whole call
  ByteSpan arguments_bytes;  // `(...)` with its parentheses; empty for `f(x for x in y)`
  // The expression statement that is exactly this call (`app.run()` on its own);
  // empty when the call is part of something larger.
  ByteSpan statement_bytes;

  const Argument* Keyword(std::string_view name) const;
  const Argument* Positional(size_t index) const;  // index among positional args
  // A positional argument or, failing that, the keyword of that name.
  const Argument* Arg(size_t index, std::string_view name) const;
  // `os.environ.get(...)` or `os.getenv(...)`: a read of the environment that gives None
  // (or its default) for a missing variable.
  bool GetsEnvironmentVariable() const { return callee == "os.environ.get" || callee == "os.getenv"; }
};

struct Route {
  std::string path;                  // "/api/check"; empty when not a literal (see path_known)
  bool path_known = false;           // a literal path: also `@router.get("")`, the router's prefix
  std::vector<std::string> methods;  // upper case; Flask's default is GET
  Range range;                       // the decorator or add_url_rule call
  bool websocket = false;
  // The call that registers it, as an index into Module::calls: the decorator
  // (`@bp.get("/x")`), `app.add_url_rule(...)` or Django's `path(...)`. Its receiver is
  // the app, blueprint or router the route belongs to. -1 for a bare decorator and a
  // `do_GET` method.
  int call = -1;
};

struct Function {
  std::string name;
  std::string qualified_name;  // "Handler.do_GET", "outer.inner"
  Range range;
  Range name_range;
  int parent = -1;             // enclosing function
  int class_index = -1;        // enclosing class, for methods
  bool is_async = false;
  bool guarded = false;
  bool guarded_by_callers = false;  // guarded only because its enclosing function runs off the platform
  bool is_handler = false;     // serves requests: route decorators, do_GET, add_url_rule, ...
  bool is_cold_start = false;  // runs at instance start: startup hooks, lifespan, before_first_request
  std::vector<Expr> decorators;
  std::vector<Route> routes;
  std::vector<std::string> params;
  // The parameters whose default is None (`path=None`): in `path or DEFAULT`, DEFAULT is
  // what the function uses when a caller leaves them out.
  std::vector<std::string> none_defaults;
  // FastAPI runs these before the function: the callables its parameters name in
  // `Depends(f)` or `Security(f)`, as a default or inside an `Annotated[...]`
  // annotation, as written ("verify", "auth.verify").
  std::vector<std::string> dependencies;
  std::vector<std::string> globals;  // names declared `global` in its body
  std::vector<int> calls;            // calls directly in its body (not nested functions)
  std::vector<int> callers;          // calls that invoke it (Call::target), in module order
  // Module-level functions: the reads of its name that hand the function on as a value
  // (`Thread(target=f)`, `return f`, `handlers = [f]`; indices into name_loads), so it may
  // run where that value goes.
  std::vector<int> handed_on_by;
  // `return <platform test>` as its only statement: a guard helper (see guards).
  int8_t returns_platform_test = 0;
  bool is_generator = false;  // contains `yield`: its loops run only as far as the caller pulls
  // Reached only through guarded code, or a command-line command: the platform never runs
  // its body, and everything in it is marked guarded (python/off_platform.h says when).
  bool off_platform = false;
  // off_platform follows from `callers` and `handed_on_by` alone, so that callers in other
  // modules may change it (project/module_callers.h): a top-level function that is no
  // handler, startup hook, command or decorated function, or a plain method whose name no
  // call the module cannot resolve (`x.run()`) and no attribute read (`target=bot.run`)
  // spells, called through the module's own instances. Otherwise off_platform stands.
  bool off_platform_by_callers = false;
};

struct Class {
  std::string name;
  Range range;
  Range name_range;
  int function = -1;  // enclosing function
  std::vector<Expr> bases;
  std::vector<Expr> decorators;
  std::vector<int> methods;
};

struct Import {
  std::string module;  // "os.path"; relative imports keep their dots: ".utils", ".."
  std::string name;    // the imported name of a from-import; empty for `import x`
  std::string bound;   // the local name it binds ("np", "Thread", "os" for `import os.path`)
  Range range;
  int function = -1;
  bool guarded = false;
  bool in_try = false;  // inside try: (optional imports)
  bool wildcard = false;
  bool guarded_by_callers = false;  // as Call::guarded_by_callers
};

struct Assignment {
  Expr target;         // a name, attribute or subscript (kSubscript: items = {object, key})
  Expr value;          // kOther for a tuple-unpacking target or an annotation without value
  std::string op;      // "=" or the augmented operator ("+=")
  Range range;
  int function = -1;
  bool guarded = false;
  bool declaration = false;  // an annotation without a value: `db_host: str`
  bool guarded_by_callers = false;  // as Call::guarded_by_callers
};

// A subscript read or write: `os.environ["X"]`, `cache[key] = v`.
struct SubscriptAccess {
  Expr object;
  Expr key;
  Range range;
  bool store = false;  // a target of (augmented) assignment or del
  int function = -1;
  bool guarded = false;
  // The except clauses around the access (as Call::caught).
  std::vector<Catch> caught;
  bool guarded_by_callers = false;  // as Call::guarded_by_callers
};

// The test of an `if`/`elif` and the block it guards: `if "X" in os.environ: ...`.
struct IfTest {
  Expr condition;
  Range body;        // the consequence block
  int function = -1;
  // What runs when the condition is false: the `elif`/`else` clauses after the body
  // (the `B` of `A if C else B`); empty (start == end) when there is none.
  Range alternative;
  bool tests_platform = false;  // the condition tells on and off the platform apart (guards.h)
};

struct Loop {
  bool is_while = true;
  Range range;
  Range header_range;    // `while True:` / `for x in y:`
  Expr condition;        // while: the condition; for: the iterable
  bool constant_true = false;  // while True / while 1
  bool has_break = false;      // a break that leaves this loop
  bool has_return = false;     // a return/raise inside it (same function)
  int function = -1;
  bool guarded = false;
  bool guarded_by_callers = false;  // as Call::guarded_by_callers
  Expr target;  // for: the loop variable(s) (`x`, or a kTuple of names); while: kOther
  // The except clauses around the loop in the same function (as Call::caught):
  // `try: while True: next(it) except StopIteration:` leaves the loop by exception.
  std::vector<Catch> caught;
};

// The finally clause of a try statement, which runs however the statements before it end:
// `try: os.environ["TZ"] = tz ... finally: os.environ.pop("TZ")` undoes the change.
struct FinallyClause {
  Range covers;  // the try statement up to the clause: its try block, except and else clauses
  Range body;    // the clause's block
  // The statements right before the try statement, in its block, that only fall through to
  // it (`os.environ["TZ"] = tz`, a `with` block, then `try:`): none returns, breaks,
  // continues or defines a function or class, so the clause runs after them too (unless
  // they raise). It ends where `covers` begins; empty there when there are none.
  Range setup;
  int function = -1;
};

// A `return` statement and what it returns: a helper's verdict (`return key == secret`)
// that its caller tests.
struct Return {
  Expr value;  // kNone for a bare `return`; kOther for several values (`return a, b`)
  Range range;
  int function = -1;
};

// A read of a bare name (`task`, `pool` in `pool.submit`): what "is this name used
// again" questions need. Stores are not reads; neither are keyword-argument names.
struct NameLoad {
  std::string_view name;  // a view into Module::source(), like Expr::text
  Range range;
  int function = -1;  // enclosing function, -1 at module level
  bool guarded = false;
  // kArgument (`procs.append(p)`), kReturned (`return p`, also inside a returned tuple),
  // kAssigned (`self.p = p`), kAwaited: the value is handed on. kOther: read in place
  // (`p.pid`, `p == 0`, `if p:`). kDiscarded: a bare expression statement.
  ResultUse use = ResultUse::kOther;
};

class Parser;

class Module {
 public:
  Module(std::string path, std::string source);

  const std::string& path() const { return path_; }
  const std::string& source() const { return source_; }
  bool has_syntax_errors() const { return first_error_line_ != 0; }
  // The line of the first syntax error tree-sitter met (its leftmost ERROR or MISSING
  // node), or 0. On the stdlib and 1,602 files of Debian's dist-packages it flags none.
  uint32_t first_error_line() const { return first_error_line_; }
  // In a file tree-sitter parses without an error, the first line whose indentation
  // Python refuses (an IndentationError: tree-sitter reads past those), or 0.
  uint32_t first_indentation_error_line() const { return first_indentation_error_line_; }
  // The first character in code that Python refuses and tree-sitter skips as a space
  // (python/invisible_characters.h); line 0 when there is none.
  InvisibleCharacter invisible_character() const { return invisible_character_; }
  // Python would not import the file: one of the three above.
  bool python_refuses() const {
    return has_syntax_errors() || first_indentation_error_line_ != 0 || invisible_character_.line != 0;
  }
  bool truncated() const { return truncated_; }  // nesting too deep to summarise fully
  // The parser gave up (its time limit, or brackets nested too deep): every table is empty.
  bool parse_abandoned() const { return parse_abandoned_; }
  // When abandoned because brackets nest too deep to parse safely: where (else 0).
  uint32_t too_deep_line() const { return too_deep_line_; }

  const std::vector<Import>& imports() const { return imports_; }
  // In preorder: a function comes before the functions nested in it, and those follow it
  // without a gap (the builder adds a def before walking its body).
  const std::vector<Function>& functions() const { return functions_; }
  const std::vector<Class>& classes() const { return classes_; }
  const std::vector<Call>& calls() const { return calls_; }
  const std::vector<Assignment>& assignments() const { return assignments_; }
  const std::vector<SubscriptAccess>& subscripts() const { return subscripts_; }
  const std::vector<Loop>& loops() const { return loops_; }
  const std::vector<IfTest>& if_tests() const { return if_tests_; }
  const std::vector<Return>& returns() const { return returns_; }
  const std::vector<NameLoad>& name_loads() const { return name_loads_; }
  const std::vector<FinallyClause>& finally_clauses() const { return finally_clauses_; }
  // The compound statements at module level (if, for, while, try, with, match): a name
  // bound inside one is not bound by a top-level statement, the only ones Vercel's
  // builder reads (project/entrypoint.h).
  const std::vector<Range>& module_level_blocks() const { return module_level_blocks_; }
  // `range` lies in the body of a lambda: code that runs when the lambda is called, not
  // where it is written (its parameters' default values run there, and are outside it).
  bool InLambdaBody(const Range& range) const;

  // Text of a 1-based line without its line ending; empty past the end.
  std::string_view Line(uint32_t line) const;
  uint32_t line_count() const { return static_cast<uint32_t>(line_starts_.size()); }
  // Byte offset where a 1-based line starts; source().size() past the end.
  uint32_t LineStartByte(uint32_t line) const;
  // The 1-based line holding a byte offset.
  uint32_t LineOfByte(uint32_t byte) const;
  // One level of indentation as the file writes it (its first indented block: a tab or
  // spaces), four spaces when it has none. Found once: a fix asks for it per finding,
  // and a file of 20,000 thread starts and no block took 12 s rescanning it.
  const std::string& indent_unit() const { return indent_unit_; }
  // Suppressions: the codes of a `# noqa: A, B` comment on `line`; an empty vector
  // for a bare `# noqa`; null when the line has none.
  const std::vector<std::string>* Noqa(uint32_t line) const;
  // Every suppression of the file by line (small: kept after the module is dropped).
  using NoqaMap = std::map<uint32_t, std::vector<std::string>>;
  const NoqaMap& noqa() const { return noqa_; }

  // Resolves a dotted name through the module's imports ("T" -> "threading.Thread").
  std::string Resolve(std::string_view dotted) const;
  // A module-level function by name, or -1.
  int FindFunction(std::string_view name) const { return FindDef(-1, name); }
  // The first def of that name directly in function `scope` (-1: at module level) that
  // is not a method, or -1.
  int FindDef(int scope, std::string_view name) const;
  // The constructor a module-level name was last assigned from (`app = Flask(__name__)` ->
  // "flask.Flask"), or "" when unknown.
  std::string_view ModuleLevelConstructor(std::string_view name) const;
  // The call enclosing a function's body and so on: the function chain of a call.
  bool IsInHandler(int function) const;    // the function or an enclosing one is a handler
  bool IsInColdStart(int function) const;  // ... is a cold-start hook

 private:
  friend class ModuleBuilder;
  friend class OffPlatformMarker;
  friend std::unique_ptr<const Module> RemarkedCopy(const Module& module, const std::vector<int>& run_elsewhere);
  friend std::unique_ptr<Module> ParseModule(Parser& parser, std::string path, std::string source,
                                             const std::vector<int>& run_elsewhere);
  std::string path_;
  std::string source_;
  std::vector<uint32_t> line_starts_;
  std::vector<bool> line_is_ascii_;
  // Code points before every 256-byte block of source_, when some line is not ASCII: a
  // column is then counted in at most one block, not from its line start (which is
  // quadratic on a megabyte-long line).
  std::vector<uint32_t> code_points_before_block_;
  std::string indent_unit_;
  uint32_t CodePointsBefore(size_t offset) const;
  bool parse_abandoned_ = false;
  uint32_t too_deep_line_ = 0;
  uint32_t first_error_line_ = 0;
  uint32_t first_indentation_error_line_ = 0;
  InvisibleCharacter invisible_character_;
  bool truncated_ = false;
  std::vector<Import> imports_;
  std::vector<Function> functions_;
  // (enclosing function, name) -> the defs there that are not methods, in module order;
  // filled once the walk is done (the keys view functions_' names).
  FlatMultimap<std::pair<int, std::string_view>, int> defs_;
  std::vector<Class> classes_;
  std::vector<Call> calls_;
  std::vector<Assignment> assignments_;
  std::vector<SubscriptAccess> subscripts_;
  std::vector<Loop> loops_;
  std::vector<IfTest> if_tests_;
  std::vector<Return> returns_;
  std::vector<NameLoad> name_loads_;
  std::vector<FinallyClause> finally_clauses_;
  std::vector<Range> lambda_bodies_;
  std::vector<Range> module_level_blocks_;
  std::map<std::string, std::string, std::less<>> aliases_;  // bound name -> qualified
  NoqaMap noqa_;
};

// Whether a resolved callee is FastAPI's `Depends` or `Security` (fastapi.Depends,
// fastapi.params.Depends, ...), or the bare name when a star import hides where it
// comes from: the callable it is given runs before the route.
bool IsFastApiDependency(std::string_view callee);

// Parses `source` and summarises it. Never fails: a file with syntax errors yields
// what tree-sitter recovered (has_syntax_errors() tells).
std::unique_ptr<Module> ParseModule(Parser& parser, std::string path, std::string source);
// ... taking the functions `run_elsewhere` (indices into functions(), as a parse of the
// same source numbers them) to run on the platform whatever their callers in this module:
// another module's code on the platform calls them (project/module_callers.h,
// ModuleCallers::RunElsewhere). What only they call runs too; nothing else changes.
std::unique_ptr<Module> ParseModule(Parser& parser, std::string path, std::string source,
                                    const std::vector<int>& run_elsewhere);

}  // namespace faaslint::python
