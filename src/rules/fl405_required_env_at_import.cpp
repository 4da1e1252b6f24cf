#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <vector>

#include "project/project.h"
#include "python/guards.h"
#include "python/module.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL405", "required-env-at-import", Severity::kError,
    "a required environment variable is read when the module is imported",
    R"(## What it does
Finds `os.environ["NAME"]` read at import time — at module level or in a class body,
outside a function, and in the default values and decorators of module-level functions
and methods, which run when the `def` does — unless a `try:` around it catches
`KeyError` or an `if` around it checks that the variable is set. `os.environ.get(...)`,
`os.getenv(...)` and reads inside functions are not reported, unless the None they return
for a missing variable is converted or used at import time without a default:
`int(os.getenv("PORT"))` raises TypeError, `os.getenv("HOSTS").split(",")` AttributeError
(None given as the default is no default; a module-level name that holds the read, `port =
os.getenv("PORT")` and then `int(port)`, is followed unless an `if` tests it first).
python-decouple's `config("NAME")` without a default is reported as well (it raises UndefinedValueError),
and so is django-environ's `env("NAME")`, `env.str("NAME")`, `env.db()` ... without a
default, of its call or of the `environ.Env(NAME=(type, default))` scheme (it raises
ImproperlyConfigured), unless the project has a `.env` or `settings.ini` the library
could read the value from. So is a module-level `if not load_dotenv(...): raise ...`
(or `sys.exit()`) in a project without a `.env` file: load_dotenv() then returns False.
So is a pydantic-settings `Settings()` (a `BaseSettings` subclass) created at import with
no arguments when its class declares fields without a default (`db_host: str`; an
Optional field is left out), unless the project has a `.env` file: pydantic raises
ValidationError for a missing variable.

## Why it fails on serverless
Every function instance imports your module on its cold start. If the variable is
missing in that environment — not added in the project settings, added only for
Production but not for Preview, misspelt, or added after the last deployment — the
import raises `KeyError`, the module never loads, and every request to the function
fails with FUNCTION_INVOCATION_FAILED. The traceback is in the function logs, not in
the response, so it looks like the platform is broken.

## Example
```python
import os

DATABASE_URL = os.environ["DATABASE_URL"]
app = Flask(__name__)
```

## Instead
Read it with a default, or where it is used, and fail with a clear message:
```python
DATABASE_URL = os.environ.get("DATABASE_URL")

def get_db():
    if not DATABASE_URL:
        raise RuntimeError("DATABASE_URL is not set for this deployment")
    return connect(DATABASE_URL)
```
and add the variable for every environment (Production, Preview, Development) in the
project's settings.)"};

constexpr std::string_view kKeyErrors[] = {"KeyError", "LookupError", "*"};

bool IsEnviron(const python::Expr& expr) {
  return (expr.kind == python::Expr::Kind::kName || expr.kind == python::Expr::Kind::kAttribute) &&
         expr.qualified == "os.environ";
}

// The condition checks that `key` is set: `"K" in os.environ`, `os.environ.get("K")`,
// `os.getenv("K")` anywhere in it.
bool TestsPresence(const python::Module& module, const python::Expr& condition, const std::string& key) {
  using Kind = python::Expr::Kind;
  if (condition.kind == Kind::kComparison && condition.str == "in" && condition.items.size() == 2) {
    if (condition.items[0].IsString() && condition.items[0].str == key && IsEnviron(condition.items[1])) return true;
  }
  if (condition.kind == Kind::kCall && condition.call >= 0) {
    const python::Call& call = module.calls()[condition.call];
    const python::Argument* name = call.Positional(0);
    if (call.GetsEnvironmentVariable() && name && name->value.IsString() && name->value.str == key) return true;
    return std::any_of(call.args.begin(), call.args.end(),
                       [&](const python::Argument& arg) { return TestsPresence(module, arg.value, key); });
  }
  return std::any_of(condition.items.begin(), condition.items.end(),
                     [&](const python::Expr& item) { return TestsPresence(module, item, key); });
}

bool GuardedByPresenceTest(const python::Module& module, const Range& read, const python::Expr& key) {
  if (!key.IsString()) return false;
  return std::any_of(module.if_tests().begin(), module.if_tests().end(), [&](const python::IfTest& test) {
    return test.function == -1 && Encloses(test.body, read) && TestsPresence(module, test.condition, key.str);
  });
}

// Secrets and connection strings the app cannot run without: failing at once when one is
// missing is deliberate (Django's docs read SECRET_KEY so), and `.get()` would only trade
// the KeyError for a None that fails later, or tempt an insecure default.
bool LooksRequired(std::string_view key) {
  constexpr std::string_view kRequiredParts[] = {"SECRET", "KEY",          "TOKEN",     "PASSWORD", "DSN",
                                                 "_URI",   "DATABASE_URL", "REDIS_URL", "CRED",     "SERVICE_ACCOUNT"};
  return std::any_of(std::begin(kRequiredParts), std::end(kRequiredParts),
                     [&](std::string_view part) { return key.find(part) != std::string_view::npos; });
}

constexpr std::string_view kSetEverywhere =
    "set the variable for every environment (Production, Preview, Development) in the project settings";

std::string Help(const python::Expr& key) {
  std::string help(kSetEverywhere);
  if (key.IsString() && LooksRequired(key.str)) return help;
  return help + fmt::format("; if the app can run without it, read it with os.environ.get({}) where it is used",
                            key.text);
}

// A settings file of the project that python-decouple or django-environ may read the value
// from: then the variable need not be in the environment.
bool ProjectHasSettingsFile(const PyContext& cx) {
  if (cx.project == nullptr) return false;
  const std::vector<std::string>& files = cx.project->snapshot().files();
  return std::any_of(files.begin(), files.end(), [](const std::string& file) {
    const std::string_view base = std::string_view(file).substr(file.rfind('/') + 1);
    return base == ".env" || base == "settings.ini";
  });
}

// A read at import time that raises when the variable is missing: not in a function, not
// guarded, not in a lambda, and no except clause for `error` (or everything) around it.
bool RaisesAtImport(const python::Module& module, const python::Call& call, std::string_view error) {
  if (call.function != -1 || call.guarded || module.InLambdaBody(call.range)) return false;
  return std::none_of(call.caught.begin(), call.caught.end(), [&](const python::Catch& caught) {
    return caught.type == "*" || caught.type.ends_with(error);
  });
}

// `shown`: the read as the user wrote it (`config("X")`, `env.db()`); `key`: the variable.
void ReportLibraryRead(const python::Call& call, const std::string& shown, const python::Expr& key,
                       std::string_view library, std::string_view error, Sink& out) {
  out.Report(call.range,
             fmt::format("`{}` ({}) is read at import time without a default: if the variable is missing from the "
                         "deployment's environment, every cold start fails with {}",
                         shown, library, error),
             Help(key));
}

// python-decouple's `config("NAME")` without a default raises UndefinedValueError when
// neither the environment nor a settings.ini or .env file of the deployment has it
// (https://github.com/HBNetwork/python-decouple#how-does-it-work): at import, like the
// KeyError above.
void CheckDecouple(const PyContext& cx, Sink& out) {
  for (const python::Call& call : cx.module.calls()) {
    if (call.callee != "decouple.config" || !RaisesAtImport(cx.module, call, "UndefinedValueError")) continue;
    const python::Argument* name = call.Positional(0);
    if (!name || call.Positional(1) || call.Keyword("default")) continue;
    if (ProjectHasSettingsFile(cx)) return;
    ReportLibraryRead(call, fmt::format("config({})", name->value.text), name->value, "python-decouple",
                      "UndefinedValueError", out);
  }
}

// django-environ: `env = environ.Env(DEBUG=(bool, False))`, then `env("SECRET_KEY")` or
// `env.str("SECRET_KEY")` raises ImproperlyConfigured when the variable is unset and
// neither a `default=` nor the Env's own scheme (`DEBUG=(bool, False)`) gives one
// (https://django-environ.readthedocs.io: "Set default values ... otherwise raise
// ImproperlyConfigured"). `env.db()` reads DATABASE_URL.
constexpr std::string_view kEnvironReaders[] = {"str", "bool", "int", "float", "list", "tuple", "dict",
                                                "json", "url", "db_url", "db", "cache_url", "cache",
                                                "email_url", "email", "search_url", "path"};

void CheckDjangoEnviron(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  std::map<std::string, const python::Call*, std::less<>> envs;  // `env` -> its environ.Env(...)
  for (const python::Call& call : module.calls()) {
    if (call.callee == "environ.Env" && call.function == -1 && !call.assigned_to.empty()) envs[call.assigned_to] = &call;
  }
  if (envs.empty()) return;
  for (const python::Call& call : module.calls()) {
    const bool called = envs.count(call.callee) > 0;  // env("X")
    const bool method = call.receiver.kind == python::Expr::Kind::kName && envs.count(call.receiver.text) > 0 &&
                        OneOf(call.method, kEnvironReaders);
    if ((!called && !method) || !RaisesAtImport(module, call, "ImproperlyConfigured")) continue;
    const python::Call& env = *envs.find(called ? call.callee : call.receiver.text)->second;
    if (call.Keyword("default") || call.Positional(called ? 2 : 1)) continue;
    const python::Argument* name = call.Positional(0);
    if (name == nullptr && call.method != "db" && call.method != "db_url") continue;
    // The Env's scheme gives this variable a default: `environ.Env(DEBUG=(bool, False))`.
    if (name && name->value.IsString() && !name->value.is_fstring) {
      const python::Argument* scheme = env.Keyword(name->value.str);
      if (scheme && scheme->value.kind == python::Expr::Kind::kTuple && scheme->value.items.size() >= 2) continue;
    }
    if (std::any_of(env.args.begin(), env.args.end(), [](const python::Argument& arg) { return arg.double_star; })) {
      continue;  // Env(**scheme): may give it a default
    }
    if (ProjectHasSettingsFile(cx)) return;
    python::Expr database_url;  // what env.db() reads
    database_url.kind = python::Expr::Kind::kString;
    database_url.str = "DATABASE_URL";
    database_url.text = "\"DATABASE_URL\"";
    const python::Expr& key = name ? name->value : database_url;
    const std::string args(name ? name->value.text : std::string_view());
    ReportLibraryRead(call, called ? fmt::format("{}({})", call.callee, args)
                                   : fmt::format("{}.{}({})", call.receiver.text, call.method, args),
                      key, "django-environ", "ImproperlyConfigured", out);
  }
}

// `os.getenv("NAME")` without a default, or with None as the default
// (`os.environ.get("X", None)`, `os.getenv("X", default=None)`), as an expression: the
// read whose None a conversion or a method call below turns into an exception.
const python::Call* ReadWithoutDefault(const python::Module& module, const python::Expr& expr) {
  if (expr.kind != python::Expr::Kind::kCall || expr.call < 0) return nullptr;
  const python::Call& read = module.calls()[expr.call];
  if (!read.GetsEnvironmentVariable()) return nullptr;
  const python::Argument* fallback = read.Positional(1) ? read.Positional(1) : read.Keyword("default");
  if (read.args.size() != (fallback ? 2u : 1u)) return nullptr;
  if (fallback && fallback->value.kind != python::Expr::Kind::kNone) return nullptr;
  const python::Argument* name = read.Positional(0);
  if (name == nullptr || !name->value.IsString() || name->value.is_fstring) return nullptr;
  if (python::IsPlatformVariable(name->value.str)) return nullptr;
  return &read;
}

bool Mentions(const python::Module& module, const python::Expr& expr, std::string_view name) {
  return AnyPart(module, expr, [&](const python::Expr& part) {
    return part.kind == python::Expr::Kind::kName && part.text == name;
  });
}

// `os.getenv("X") and int(os.getenv("X"))`, `port and int(port)`: an `and` whose left side,
// tested first, satisfies `tests`, with the use on its right. Found under `expr`.
template <typename Tests>
bool TestedByShortCircuit(const python::Expr& expr, const Range& use, const Tests& tests) {
  if (!Encloses(expr.range, use)) return false;
  if (expr.kind == python::Expr::Kind::kBoolOp && expr.str == "and" && expr.items.size() == 2 &&
      Encloses(expr.items[1].range, use) && tests(expr.items[0])) {
    return true;
  }
  return std::any_of(expr.items.begin(), expr.items.end(),
                     [&](const python::Expr& item) { return TestedByShortCircuit(item, use, tests); });
}

bool HoldsAnd(const python::Expr& expr) {
  if (expr.kind == python::Expr::Kind::kBoolOp && expr.str == "and") return true;
  return std::any_of(expr.items.begin(), expr.items.end(), HoldsAnd);
}

// The module-level assignment values and `if` conditions that hold an `and`: where
// TestedByShortCircuit can find one. Collected once per module, at the first question (most
// modules never ask): they are few, the assignments many.
class ModuleLevelAnds {
 public:
  explicit ModuleLevelAnds(const python::Module& module) : module_(module) {}

  template <typename Tests>
  bool TestBefore(const Range& use, const Tests& tests) const {
    if (!exprs_) Collect();
    return std::any_of(exprs_->begin(), exprs_->end(),
                       [&](const python::Expr* expr) { return TestedByShortCircuit(*expr, use, tests); });
  }

 private:
  void Collect() const {
    exprs_.emplace();
    for (const python::Assignment& assignment : module_.assignments()) {
      if (assignment.function == -1 && HoldsAnd(assignment.value)) exprs_->push_back(&assignment.value);
    }
    for (const python::IfTest& test : module_.if_tests()) {
      if (test.function == -1 && HoldsAnd(test.condition)) exprs_->push_back(&test.condition);
    }
  }

  const python::Module& module_;
  mutable std::optional<std::vector<const python::Expr*>> exprs_;
};

// `PORT = os.getenv("PORT")` at module level, the name's only binding in the module: the
// name holds the read's None (QA round 5). Found once per module, so that looking a name
// up costs the same in a file of a million assignments (usually there is none).
class NamesHoldingReads {
 public:
  NamesHoldingReads(const python::Module& module, const ModuleLevelAnds& ands) : module_(module), ands_(ands) {
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.target.kind == python::Expr::Kind::kName && assignment.function == -1 && !assignment.guarded &&
          assignment.op == "=" && ReadWithoutDefault(module, assignment.value)) {
        reads_.emplace(assignment.target.text, &assignment);  // the first, if bound twice
      }
    }
    if (reads_.empty()) return;
    std::map<std::string_view, int> bindings;  // of the names above: how many assignments bind each
    for (const python::Assignment& assignment : module.assignments()) {
      if (assignment.target.kind == python::Expr::Kind::kName && reads_.count(assignment.target.text)) {
        ++bindings[assignment.target.text];
      }
    }
    std::erase_if(reads_, [&](const auto& read) { return bindings[read.first] != 1; });
  }

  // The assignment whose None `name` holds where `use` reads it; null when there is none,
  // or a module-level `if` before or around the use, or an `and` before it, tests the name
  // (`if not PORT: raise ...`, `int(PORT) if PORT else 80`, `PORT and int(PORT)`): then the
  // author has seen the None.
  const python::Assignment* At(const python::Expr& name, const Range& use) const {
    if (reads_.empty() || name.kind != python::Expr::Kind::kName) return nullptr;
    auto found = reads_.find(name.text);
    if (found == reads_.end() || !(found->second->range.end <= use.start)) return nullptr;
    auto mentions = [&](const python::Expr& test) { return Mentions(module_, test, name.text); };
    const bool tested = std::any_of(module_.if_tests().begin(), module_.if_tests().end(), [&](const python::IfTest& test) {
      const bool before_or_around = test.condition.range.start < use.start || Encloses(test.body, use);
      return test.function == -1 && before_or_around && mentions(test.condition);
    });
    return tested || ands_.TestBefore(use, mentions) ? nullptr : found->second;
  }

 private:
  const python::Module& module_;
  const ModuleLevelAnds& ands_;
  std::map<std::string_view, const python::Assignment*> reads_;
};

// Conversions that raise TypeError when given None (`int(None)`); `str` and `bool` do not.
constexpr std::string_view kConversions[] = {"int", "float", "complex", "json.loads", "decimal.Decimal",
                                             "datetime.datetime.fromisoformat", "uuid.UUID"};

// `int(os.getenv("PORT"))`, `os.environ.get("HOSTS").split(",")` at import time: `.get()`
// returns None for a missing variable and the conversion or the method call raises, so
// the cold start fails as surely as with `os.environ["PORT"]` (QA round 3: a
// `int(os.getenv("CACHE_TTL"))` in a settings module).
void CheckNoneAtImport(const python::Module& module, Sink& out) {
  const ModuleLevelAnds ands(module);
  const NamesHoldingReads names(module, ands);
  for (const python::Call& call : module.calls()) {
    const python::Expr* operand = nullptr;
    std::string_view error;
    if (OneOf(call.callee, kConversions) && call.Positional(0)) {
      operand = &call.Positional(0)->value;
      error = "TypeError";
    } else if (!call.method.empty()) {
      operand = &call.receiver;
      error = "AttributeError";
    }
    if (operand == nullptr || !RaisesAtImport(module, call, error)) continue;
    const python::Call* read = ReadWithoutDefault(module, *operand);
    const python::Assignment* alias = read ? nullptr : names.At(*operand, call.range);
    if (alias) read = ReadWithoutDefault(module, alias->value);
    if (read == nullptr) continue;
    const python::Expr& key = read->Positional(0)->value;
    if (GuardedByPresenceTest(module, call.range, key)) continue;
    if (ands.TestBefore(call.range, [&](const python::Expr& left) {
          return TestsPresence(module, left, key.str);
        })) {
      continue;
    }
    const std::string read_text = SourceText(module, read->range, fmt::format("{}({})", read->callee, key.text));
    std::string shown = SourceText(module, call.range, "");
    if (shown.empty() || shown.size() > 80) shown = fmt::format("{}(...)", call.callee);
    const std::string where_read =
        alias ? fmt::format(" (line {}, into `{}`)", alias->range.start.line, operand->text) : "";
    std::string message = fmt::format(
        "`{}` runs at import time: when {} is missing from the deployment's environment, `{}`{} returns None and "
        "every cold start fails with {}",
        shown, key.str, read_text, where_read, error);
    // A secret or credential has no default that works (QA round 7: `json.loads(os.getenv(
    // "GOOGLE_CRED_JSON"))`): only setting it helps.
    std::string help = LooksRequired(key.str)
                           ? std::string(kSetEverywhere)
                           : fmt::format("{}, or give it a default: {}({}, \"...\")", kSetEverywhere,
                                         SourceText(module, read->callee_range, read->callee), key.text);
    if (!alias) {
      out.Report(call.range, std::move(message), std::move(help));
      continue;
    }
    // Deleting the default from the assignment is the change that makes the conversion fail.
    out.Report(Location{module.path(), call.range}, std::move(message), std::move(help), {},
               {Dependency::LinesOf(module.path(), alias->range)});
  }
}

// The block stops the import: its first statement raises or exits.
bool StopsTheImport(const python::Module& module, const Range& body) {
  for (uint32_t line = body.start.line; line <= body.end.line; ++line) {
    std::string_view text = module.Line(line);
    if (line == body.start.line) text.remove_prefix(std::min<size_t>(text.size(), body.start.column - 1));
    size_t first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos || text[first] == '#') continue;
    text.remove_prefix(first);
    return text.starts_with("raise") || text.starts_with("sys.exit(") || text.starts_with("exit(") ||
           text.starts_with("quit(");
  }
  return false;
}

// `if not load_dotenv(): raise ...` at import (QA round 6): python-dotenv's load_dotenv()
// returns False when it finds no .env file, and a deployment from a repository without
// one has none, so every cold start raises. Vercel sets the project's variables itself.
void CheckRequiredDotenv(const PyContext& cx, Sink& out) {
  if (cx.project == nullptr || ProjectHasSettingsFile(cx)) return;  // a committed .env is deployed
  const python::Module& module = cx.module;
  for (const python::IfTest& test : module.if_tests()) {
    if (test.function != -1 || test.condition.kind != python::Expr::Kind::kNot || test.condition.items.empty()) continue;
    const python::Expr& operand = test.condition.items[0];
    if (operand.kind != python::Expr::Kind::kCall || operand.call < 0) continue;
    const python::Call& call = module.calls()[operand.call];
    if (call.callee != "dotenv.load_dotenv" || call.guarded || !StopsTheImport(module, test.body)) continue;
    out.Report(call.range,
               fmt::format("`{}` finds no .env file in the deployment (the repository has none), so it returns False "
                           "and the import stops here on every cold start",
                           operand.text),
               "set the variables in the project settings (Production, Preview, Development) and call load_dotenv() "
               "without testing its result: it is for local runs");
  }
}

// The fields of a pydantic-settings class that have no default, declared in its own body
// (`db_host: str`): pydantic fills each from the environment variable of its name and
// raises ValidationError when it is missing. An Optional (`str | None`) field is left out:
// pydantic v1 gives it the default None.
std::vector<const python::Assignment*> RequiredFields(const python::Module& module, const python::Class& settings) {
  std::vector<const python::Assignment*> fields;
  auto in_nested_class = [&](const Range& range) {  // `class Config:` inside it
    return std::any_of(module.classes().begin(), module.classes().end(), [&](const python::Class& other) {
      return &other != &settings && Encloses(settings.range, other.range) && Encloses(other.range, range);
    });
  };
  for (const python::Assignment& field : module.assignments()) {
    if (!field.declaration || field.function != settings.function || !Encloses(settings.range, field.range) ||
        field.target.kind != python::Expr::Kind::kName || field.target.text.starts_with('_') ||
        field.target.text == "model_config" || in_nested_class(field.range)) {
      continue;
    }
    const std::string declared = SourceText(module, field.range, "?");
    const std::string_view annotation = std::string_view(declared).substr(declared.find(':') + 1);
    if (declared == "?" || annotation.find("Optional") != std::string_view::npos ||
        annotation.find("None") != std::string_view::npos || annotation.find("ClassVar") != std::string_view::npos) {
      continue;
    }
    fields.push_back(&field);
  }
  return fields;
}

// `settings = Settings()` at import, where Settings is a pydantic-settings BaseSettings
// with fields without a default (QA round 7: a FastAPI app's app/config.py): a missing
// variable raises pydantic's ValidationError (https://docs.pydantic.dev/latest/concepts/
// pydantic_settings/: "the field's value is read from the environment variable"; a field
// without a default is required), so every cold start fails, as with os.environ["X"].
void CheckPydanticSettings(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  for (const python::Class& settings : module.classes()) {
    if (settings.function != -1 ||
        std::none_of(settings.bases.begin(), settings.bases.end(), [](const python::Expr& base) {
          return base.qualified == "pydantic_settings.BaseSettings" || base.qualified == "pydantic.BaseSettings" ||
                 base.qualified == "pydantic.v1.BaseSettings";
        })) {
      continue;
    }
    // A class with such a base is rare: its fields are read whether or not it is created.
    const std::vector<const python::Assignment*> fields = RequiredFields(module, settings);
    if (fields.empty() || ProjectHasSettingsFile(cx)) continue;  // a committed .env is deployed and read
    std::string names;
    for (size_t i = 0; i < fields.size() && i < 3; ++i) {
      names += fmt::format("{}`{}`", i == 0 ? "" : ", ", fields[i]->target.text);
    }
    if (fields.size() > 3) names += fmt::format(" and {} more", fields.size() - 3);
    for (const python::Call& call : module.calls()) {
      if (call.callee != settings.name || !call.args.empty() || !RaisesAtImport(module, call, "ValidationError")) {
        continue;
      }
      out.Report(Location{module.path(), call.range},
                 fmt::format("`{}()` runs at import time and reads {} from the environment ({} without a default): "
                             "if one is missing from the deployment's environment, every cold start fails with "
                             "pydantic's ValidationError",
                             settings.name, names, fields.size() == 1 ? "a field" : "fields"),
                 fmt::format("{}, or create the settings where they are first used (`@functools.lru_cache` on a "
                             "`get_settings()` that returns `{}()`)",
                             kSetEverywhere, settings.name),
                 {}, {Dependency::LinesOf(module.path(), settings.range)});
    }
  }
}

void Check(const PyContext& cx, Sink& out) {
  CheckNoneAtImport(cx.module, out);
  CheckPydanticSettings(cx, out);
  CheckRequiredDotenv(cx, out);
  CheckDecouple(cx, out);
  CheckDjangoEnviron(cx, out);
  const python::Module& module = cx.module;
  for (const python::SubscriptAccess& read : module.subscripts()) {
    if (read.store || read.function != -1 || read.guarded || !IsEnviron(read.object)) continue;
    if (std::any_of(read.caught.begin(), read.caught.end(),
                    [](const python::Catch& caught) { return OneOf(caught.type, kKeyErrors); })) {
      continue;
    }
    if (GuardedByPresenceTest(module, read.range, read.key)) continue;
    // VERCEL, AWS_LAMBDA_FUNCTION_NAME...: the platform always sets them.
    if (read.key.IsString() && python::IsPlatformVariable(read.key.str)) continue;
    if (module.InLambdaBody(read.range)) continue;  // runs when the lambda is called
    out.Report(read.range,
               fmt::format("`os.environ[{}]` is read at import time: if the variable is missing from the "
                           "deployment's environment, every cold start fails with KeyError",
                           read.key.text),
               Help(read.key));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
