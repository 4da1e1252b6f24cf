#include "project/cron_secret.h"

#include <algorithm>
#include <cctype>
#include <deque>
#include <initializer_list>
#include <string_view>
#include <utility>

#include "project/app_mounts.h"

namespace faaslint::project {
namespace {

// How many calls deep from the handler, a decorator or a dependency a check counts.
constexpr size_t kCallDepth = 3;

// Whether a function's lines spell CRON_SECRET: the checks below that judge how the
// secret is compared look only at a function that names it.
bool BodyMentionsCronSecret(const ModuleFunction& function) {
  const python::Function& definition = function.module->functions()[function.function];
  for (uint32_t line = definition.range.start.line; line <= definition.range.end.line; ++line) {
    if (function.module->Line(line).find("CRON_SECRET") != std::string_view::npos) return true;
  }
  return false;
}

bool IsNameCharacter(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Whether `text` spells `name` as a whole: a variable as a word (`key`, not `api_key`),
// an attribute (`auth.token`, not `oauth.token` nor `auth.tokens`), an expression
// (`request.args.get("key")`) wherever it is not the tail of a longer name.
bool Spells(std::string_view text, std::string_view name) {
  if (name.empty()) return false;
  const bool word_start = IsNameCharacter(name.front()), word_end = IsNameCharacter(name.back());
  for (size_t at = text.find(name); at != std::string_view::npos; at = text.find(name, at + 1)) {
    const size_t end = at + name.size();
    if ((!word_start || at == 0 || !IsNameCharacter(text[at - 1])) &&
        (!word_end || end == text.size() || !IsNameCharacter(text[end]))) {
      return true;
    }
  }
  return false;
}

// CRON_SECRET in any case: a pydantic settings field `cron_secret` reads the variable
// (its names are case-insensitive by default).
bool SpellsCronSecretInAnyCase(std::string_view text) {
  constexpr std::string_view kName = "cron_secret";
  auto same = [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; };
  return std::search(text.begin(), text.end(), kName.begin(), kName.end(), same) != text.end();
}

// Names bound at module level to a value that spells the secret: a check may read it
// through them (`SECRET = os.getenv("CRON_SECRET")`, then `f"Bearer {SECRET}"`).
std::vector<std::string_view> SecretAliases(const python::Module& module) {
  std::vector<std::string_view> aliases;
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function == -1 && assignment.target.kind == python::Expr::Kind::kName &&
        SpellsCronSecretInAnyCase(assignment.value.text)) {
      aliases.push_back(assignment.target.text);
    }
  }
  return aliases;
}

// Whether a function reads the secret: spells it in any case, or a module-level name
// bound to it (a helper's QA false warnings: `SECRET = os.getenv("CRON_SECRET")` at the
// top, `settings.cron_secret` from a pydantic BaseSettings).
bool BodyReadsCronSecret(const ModuleFunction& function) {
  const python::Function& definition = function.module->functions()[function.function];
  const std::vector<std::string_view> aliases = SecretAliases(*function.module);
  for (uint32_t line = definition.range.start.line; line <= definition.range.end.line; ++line) {
    const std::string_view text = function.module->Line(line);
    if (SpellsCronSecretInAnyCase(text)) return true;
    if (std::any_of(aliases.begin(), aliases.end(), [&](std::string_view alias) { return Spells(text, alias); })) {
      return true;
    }
  }
  return false;
}

// A callee or decorator as its module writes it ("verify", "auth.verify"), which is what
// the module's imports bind (Call::callee is already resolved through them); empty when
// it is not a dotted name.
std::string WrittenName(const python::Module& module, const python::Call& call) {
  if (call.arguments_bytes.empty() || call.arguments_bytes.start < call.bytes.start) return "";
  std::string name;
  const std::string_view source = module.source();
  for (char c : source.substr(call.bytes.start, call.arguments_bytes.start - call.bytes.start)) {
    if (std::isspace(static_cast<unsigned char>(c))) continue;
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '.') return "";
    name += c;
  }
  return name;
}

// The module-level function of the project that `name`, written in `module`, is: one of
// the module's own or one a project module it imports defines.
std::optional<ModuleFunction> ProjectFunction(const Project& project, const python::Module& module,
                                              std::string_view name) {
  if (name.empty()) return std::nullopt;
  ObjectKey key = ResolveImportedName(project, module.path(), std::string(name));
  const python::Module* defining = project.PythonModule(key.file);
  int function = defining ? defining->FindFunction(key.name) : -1;
  if (function < 0) return std::nullopt;
  return ModuleFunction{defining, function};
}

std::optional<ModuleFunction> DecoratorFunction(const Project& project, const python::Module& module,
                                                const python::Expr& decorator) {
  if (decorator.kind == python::Expr::Kind::kCall) {
    return decorator.call >= 0 ? ProjectFunction(project, module, WrittenName(module, module.calls()[decorator.call]))
                               : std::nullopt;
  }
  return ProjectFunction(project, module, decorator.text);
}

// `function` itself, then the functions nested in it (they follow it in preorder).
template <typename Visit>
void ForEachNested(const python::Module& module, int function, Visit visit) {
  const std::vector<python::Function>& functions = module.functions();
  for (int nested = function; nested < static_cast<int>(functions.size()); ++nested) {
    int outer = nested;
    while (outer != -1 && outer != function) outer = functions[outer].parent;
    if (outer != function) break;
    visit(nested);
  }
}

void AddOnce(std::vector<ModuleFunction>& functions, const ModuleFunction& function) {
  if (std::find(functions.begin(), functions.end(), function) == functions.end()) functions.push_back(function);
}

// The functions `caller` calls, in its body or a function nested in it (a decorator's
// wrapper), of its own module or of the project modules it imports.
void AddCallees(const Project& project, const ModuleFunction& caller, std::vector<ModuleFunction>& out) {
  const python::Module& module = *caller.module;
  ForEachNested(module, caller.function, [&](int nested) {
    for (int index : module.functions()[nested].calls) {
      const python::Call& call = module.calls()[index];
      if (call.target >= 0) {
        AddOnce(out, {&module, call.target});
      } else if (std::optional<ModuleFunction> callee = ProjectFunction(project, module, WrittenName(module, call))) {
        AddOnce(out, *callee);
      }
    }
  });
}

}  // namespace

std::vector<ModuleFunction> CronSecretScope(const Project& project, const CronHandler& handler) {
  const python::Module& module = *handler.module;
  // What runs for the request: a check counts in these and in the functions they call.
  std::vector<ModuleFunction> entries{{&module, handler.function}};
  for (const python::Expr& decorator : module.functions()[handler.function].decorators) {
    if (std::optional<ModuleFunction> function = DecoratorFunction(project, module, decorator)) {
      AddOnce(entries, *function);
    }
  }
  for (const ModuleFunction& dependency : handler.dependencies) AddOnce(entries, dependency);
  // A helper often reads the secret through another (verify_cron -> is_authorized ->
  // expected_token), so calls are followed three deep; a job's own code seldom mentions
  // the secret that close to the handler.
  std::vector<ModuleFunction> scope = entries;
  for (size_t depth = 0, begin = 0; depth < kCallDepth; ++depth) {
    const size_t end = scope.size();
    for (size_t caller = begin; caller < end; ++caller) AddCallees(project, ModuleFunction(scope[caller]), scope);
    begin = end;
  }
  // Hooks run for every request of the app, whatever they call: only their own lines count.
  for (size_t hook = 0; hook < module.functions().size(); ++hook) {
    if (module.functions()[hook].is_cold_start) AddOnce(scope, {&module, static_cast<int>(hook)});
  }
  return scope;
}

bool ChecksCronSecret(const std::vector<ModuleFunction>& scope) {
  return std::any_of(scope.begin(), scope.end(), BodyReadsCronSecret);
}

namespace {

std::string LowerCase(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

// A line without its comment: up to a `#` outside a string literal (near enough: a
// quote opens a literal until the same quote, backslash escapes aside).
std::string_view WithoutComment(std::string_view line) {
  char quote = 0;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
    } else if (c == '"' || c == '\'') {
      quote = c;
    } else if (c == '#') {
      return line.substr(0, i);
    }
  }
  return line;
}

// The code of each line of `function`, comments aside and in lower case: read once per
// function, then searched for several words.
std::vector<std::string> CodeLines(const python::Module& module, const python::Function& function) {
  std::vector<std::string> lines;
  for (uint32_t line = function.range.start.line; line <= function.range.end.line; ++line) {
    lines.push_back(LowerCase(WithoutComment(module.Line(line))));
  }
  return lines;
}

bool LineContains(std::string_view line, std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(),
                     [&](std::string_view needle) { return line.find(needle) != std::string_view::npos; });
}

bool Contains(const std::vector<std::string>& lines, std::initializer_list<std::string_view> needles) {
  return std::any_of(lines.begin(), lines.end(), [&](const std::string& line) { return LineContains(line, needles); });
}

bool SpellsAny(std::string_view text, const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return Spells(text, name); });
}

// `names` (lower case), and the variables `function` gives a value that spells one of
// them, in order (`auth = request.headers.get("authorization")`, then `token = auth.strip()`).
std::vector<std::string> WithVariablesGiven(const ModuleFunction& function, std::vector<std::string> names) {
  for (const python::Assignment& assignment : function.module->assignments()) {
    if (assignment.function != function.function || assignment.target.kind != python::Expr::Kind::kName) continue;
    if (SpellsAny(LowerCase(assignment.value.text), names)) names.push_back(LowerCase(assignment.target.text));
  }
  return names;
}

// One parameter of a def, as written.
struct Parameter {
  std::string_view name;
  std::string_view annotation;     // empty when it has none
  std::string_view default_value;  // empty when it has none
  uint32_t start = 0, end = 0;     // bytes of the whole parameter
};

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// The parameters of `function`, read from its source: the module keeps only their names.
// Brackets, strings and comments are stepped over; empty when the list is not found (or
// longer than any real one).
constexpr size_t kMaxParameterBytes = 10000;
std::vector<Parameter> ParametersOf(const python::Module& module, const python::Function& function) {
  const std::string_view source = module.source();
  if (function.name.empty()) return {};
  size_t at = module.LineStartByte(function.name_range.start.line);
  for (;; at += function.name.size()) {  // the name that `(` follows: not the `de` of `def de(`
    at = source.find(function.name, at);
    if (at == std::string_view::npos) return {};
    size_t open = source.find_first_not_of(" \t", at + function.name.size());
    if (open != std::string_view::npos && source[open] == '(' && at > 0 && !IsNameCharacter(source[at - 1])) {
      at = open;
      break;
    }
  }
  std::vector<Parameter> parameters;
  int depth = 0;
  char quote = 0;
  size_t start = at + 1, colon = 0, equals = 0;
  for (size_t i = at + 1; i < source.size() && i < at + kMaxParameterBytes; ++i) {
    const char c = source[i];
    if (quote != 0) {
      if (c == '\\') ++i;
      else if (c == quote) quote = 0;
      continue;
    }
    if (c == '"' || c == '\'') quote = c;
    else if (c == '#') i = source.find('\n', i) == std::string_view::npos ? source.size() : source.find('\n', i);
    else if (c == '(' || c == '[' || c == '{') ++depth;
    else if ((c == ')' || c == ']' || c == '}') && depth > 0) --depth;
    else if (depth == 0 && c == ':' && colon == 0 && equals == 0) colon = i;
    else if (depth == 0 && c == '=' && equals == 0 && source.substr(i + 1, 1) != "=") equals = i;
    else if (depth == 0 && (c == ',' || c == ')')) {
      std::string_view whole = source.substr(start, i - start);
      size_t name_end = colon ? colon : equals ? equals : i;
      Parameter parameter{Trim(source.substr(start, name_end - start)), {}, {}, static_cast<uint32_t>(start),
                          static_cast<uint32_t>(i)};
      if (colon) parameter.annotation = Trim(source.substr(colon + 1, (equals ? equals : i) - colon - 1));
      if (equals) parameter.default_value = Trim(source.substr(equals + 1, i - equals - 1));
      if (!Trim(whole).empty()) parameters.push_back(parameter);
      if (c == ')') return parameters;
      start = i + 1;
      colon = equals = 0;
    }
  }
  return {};
}

// A FastAPI parameter that takes the Authorization header (`authorization: str =
// Header(None)`, `auth: str = Header(alias="Authorization")`).
bool TakesAuthorization(const python::Module& module, const Parameter& parameter) {
  const std::string whole = LowerCase(module.source().substr(parameter.start, parameter.end - parameter.start));
  return whole.find("authorization") != std::string::npos && whole.find("header") != std::string::npos;
}

// Whether `function` (or a function nested in it) reads the variable `name`.
bool ReadsName(const ModuleFunction& function, std::string_view name) {
  const python::Module& module = *function.module;
  bool reads = false;
  ForEachNested(module, function.function, [&](int nested) {
    auto of_name = [&](const python::NameLoad& load) { return load.function == nested && load.name == name; };
    reads = reads || std::any_of(module.name_loads().begin(), module.name_loads().end(), of_name);
  });
  return reads;
}

// The code lines of `function` (CodeLines) without the FastAPI parameters that take the
// Authorization header and that nothing reads: a handler that declares the header and
// compares another one with the secret (QA) has not looked at it.
std::vector<std::string> CodeLinesWithoutUnreadAuthorization(const ModuleFunction& function) {
  const python::Module& module = *function.module;
  const python::Function& definition = module.functions()[function.function];
  std::vector<std::string> lines = CodeLines(module, definition);
  for (const Parameter& parameter : ParametersOf(module, definition)) {
    if (!TakesAuthorization(module, parameter) || ReadsName(function, parameter.name)) continue;
    for (uint32_t byte = parameter.start; byte < parameter.end; ++byte) {
      const uint32_t line = module.LineOfByte(byte);
      if (line < definition.range.start.line || line > definition.range.end.line) continue;
      std::string& code = lines[line - definition.range.start.line];
      const uint32_t column = byte - module.LineStartByte(line);
      if (column < code.size()) code[column] = ' ';
    }
  }
  return lines;
}

// Werkzeug's parse of the Authorization header (Flask's `request.authorization`, from
// Werkzeug 2.3): `.type` is the scheme in lower case ("bearer"), `.token` what follows
// it. The names `function` holds it by, lower case: the attribute, and the variables
// given it (`auth = request.authorization`).
std::vector<std::string> ParsedAuthorizationNames(const ModuleFunction& function) {
  std::vector<std::string> names = {"request.authorization", "req.authorization", "self.request.authorization"};
  for (const python::Assignment& assignment : function.module->assignments()) {
    if (assignment.function != function.function || assignment.target.kind != python::Expr::Kind::kName) continue;
    const std::string value = LowerCase(Trim(assignment.value.text));
    const bool parsed = std::any_of(names.begin(), names.end(),
                                    [&](const std::string& name) { return value == name || value == "flask." + name; });
    if (parsed) names.push_back(LowerCase(assignment.target.text));
  }
  return names;
}

// The names with `.token` (or `.type`) after each: reads of that part of the parse.
std::vector<std::string> PartOf(const std::vector<std::string>& parsed, std::string_view part) {
  std::vector<std::string> reads;
  for (const std::string& name : parsed) reads.push_back(name + "." + std::string(part));
  return reads;
}

// `code` without the tests of Werkzeug's parsed scheme (`auth.type != "bearer"`,
// `request.authorization.type.lower() == 'bearer'`): spelling the scheme there neither
// cuts it from the header nor compares the secret.
std::string WithoutSchemeTests(std::string code, const std::vector<std::string>& types) {
  for (const std::string& type : types) {
    for (size_t at = code.find(type); at != std::string::npos; at = code.find(type, at + 1)) {
      if (at > 0 && IsNameCharacter(code[at - 1])) continue;
      const size_t quote = code.find_first_of("\"'", at + type.size());
      if (quote == std::string::npos) break;
      const std::string_view between = std::string_view(code).substr(at + type.size(), quote - at - type.size());
      const bool only_a_test = LineContains(between, {"==", "!=", " in "}) &&
                               between.find_first_not_of("abcdefghijklmnopqrstuvwxyz_.() =!") == std::string::npos &&
                               !LineContains(between, {" and ", " or "});
      const size_t close = code.find(code[quote], quote + 1);
      if (!only_a_test || close == std::string::npos) continue;
      code.replace(at, close + 1 - at, close + 1 - at, ' ');
    }
  }
  return code;
}

// The names `function` holds the Authorization header in, lower case: the FastAPI
// parameters that take it, and the variables given a value that spells it or another of
// these (`auth = request.headers.get("Authorization")`, `token = auth.strip()`).
std::vector<std::string> AuthorizationHolders(const ModuleFunction& function) {
  const python::Module& module = *function.module;
  std::vector<std::string> holders;
  for (const Parameter& parameter : ParametersOf(module, module.functions()[function.function])) {
    if (TakesAuthorization(module, parameter)) holders.push_back(LowerCase(parameter.name));
  }
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function == function.function && assignment.target.kind == python::Expr::Kind::kName &&
        LowerCase(assignment.value.text).find("authoriz") != std::string::npos) {
      holders.push_back(LowerCase(assignment.target.text));
    }
  }
  return WithVariablesGiven(function, std::move(holders));
}

// The bare comparison in `function`, if it is one (FindBareSecretComparison): a line
// that compares the header, or a variable holding it, with something.
std::optional<Location> BareComparisonIn(const Project& project, const ModuleFunction& function) {
  if (!BodyMentionsCronSecret(function)) return std::nullopt;
  const python::Module& module = *function.module;
  const python::Function& definition = module.functions()[function.function];
  const std::vector<std::string> parsed = ParsedAuthorizationNames(function);
  const std::vector<std::string> types = PartOf(parsed, "type");
  const std::vector<std::string> tokens = WithVariablesGiven(function, PartOf(parsed, "token"));
  std::vector<std::string> lines = CodeLines(module, definition);
  for (std::string& line : lines) line = WithoutSchemeTests(std::move(line), types);
  const std::initializer_list<std::string_view> kCutsTheScheme = {
      "bearer", "split", "partition", "removeprefix", "replace", "strip", "startswith", "[7:]"};
  if (!Contains(lines, {"authorization"}) || Contains(lines, kCutsTheScheme)) return std::nullopt;
  std::vector<ModuleFunction> callees;
  AddCallees(project, function, callees);
  for (const ModuleFunction& callee : callees) {
    if (Contains(CodeLines(*callee.module, callee.module->functions()[callee.function]), kCutsTheScheme)) {
      return std::nullopt;
    }
  }
  const std::vector<std::string> holders = AuthorizationHolders(function);
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& code = lines[i];
    if (!LineContains(code, {"compare_digest", "==", "!="})) continue;
    if (!LineContains(code, {"authoriz"}) && !SpellsAny(code, holders)) continue;
    // Werkzeug's token comes without the scheme: compared with the bare secret, it matches.
    if (SpellsAny(code, tokens)) continue;
    const uint32_t line = definition.range.start.line + static_cast<uint32_t>(i);
    const uint32_t column = static_cast<uint32_t>(code.find_first_not_of(" \t")) + 1;
    return Location{module.path(), Range{{line, column}, {line, column}}};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Location> FindBareSecretComparison(const Project& project, const CronHandler& handler) {
  if (std::optional<Location> bare = BareComparisonIn(project, {handler.module, handler.function})) return bare;
  for (const ModuleFunction& dependency : handler.dependencies) {
    if (std::optional<Location> bare = BareComparisonIn(project, dependency)) return bare;
  }
  return std::nullopt;
}

namespace {

// A value of the request a check may compare with a secret.
struct Presented {
  std::string what;                // "the header `X-Cron-Secret`", "the query parameter `key`"
  bool query = false;
  // Where Vercel puts the secret: the Authorization header, or the token Werkzeug parses
  // from it. A comparison with it is not misplaced.
  bool authorization = false;
  std::vector<std::string> names;  // lower case: the read as written, the variables it is put in
};

// What holds the request's headers or query: `request.headers`, `req.args`,
// `request.query_params`, Django's `request.GET` and `request.META`, a
// BaseHTTPRequestHandler's `self.headers`.
enum class Carrier { kNone, kHeaders, kMeta, kQuery };
Carrier CarrierOf(std::string_view object) {
  if (object == "self.headers") return Carrier::kHeaders;
  for (std::string_view prefix : {"self.request.", "request.", "req."}) {
    if (!object.starts_with(prefix)) continue;
    std::string_view rest = object.substr(prefix.size());
    if (rest == "headers") return Carrier::kHeaders;
    if (rest == "META") return Carrier::kMeta;
    if (rest == "args" || rest == "query_params" || rest == "GET" || rest == "values") return Carrier::kQuery;
  }
  return Carrier::kNone;
}

// A read of `carrier` by the literal `key` (`.get("X-Cron-Secret")`, `["key"]`); nullopt
// for a META entry that is no header (`REMOTE_ADDR`).
std::optional<Presented> ReadOf(Carrier carrier, const std::string& key, std::string_view text) {
  Presented read;
  if (carrier == Carrier::kMeta) {
    if (!key.starts_with("HTTP_")) return std::nullopt;
    read.what = "the header `" + key + "`";
    read.authorization = key == "HTTP_AUTHORIZATION";
  } else {
    read.query = carrier == Carrier::kQuery;
    read.what = (read.query ? "the query parameter `" : "the header `") + key + "`";
    read.authorization = !read.query && LowerCase(key) == "authorization";
  }
  read.names.push_back(LowerCase(text));
  return read;
}

// What a FastAPI route or dependency takes from the request by its parameters:
// `x_cron_secret: str = Header(...)` (FastAPI reads the header x-cron-secret),
// `key: str = Query(...)`, and a plain `key: str` of a route, a query parameter when its
// path has no `{key}`.
std::vector<Presented> FastApiParameters(const python::Module& module, const python::Function& function,
                                         std::string_view route_path) {
  std::vector<Presented> presented;
  for (const Parameter& parameter : ParametersOf(module, function)) {
    const std::string name(parameter.name);
    const python::Call* param_call = nullptr;
    bool any_call = false;
    for (const python::Call& call : module.calls()) {
      if (call.bytes.start < parameter.start || call.bytes.start >= parameter.end) continue;
      any_call = true;
      if (call.callee == "fastapi.Header" || call.callee == "fastapi.Query" || call.callee == "fastapi.params.Header" ||
          call.callee == "fastapi.params.Query") {
        param_call = &call;
      }
    }
    Presented read;
    read.names.push_back(LowerCase(name));
    if (param_call) {
      const python::Argument* alias = param_call->Keyword("alias");
      std::string key = alias && alias->value.IsString() && !alias->value.is_fstring ? alias->value.str : name;
      read.query = param_call->callee.ends_with("Query");
      if (!read.query && !alias) {
        const python::Argument* convert = param_call->Keyword("convert_underscores");
        if (!convert || convert->value.kind != python::Expr::Kind::kBool || convert->value.number != 0) {
          std::replace(key.begin(), key.end(), '_', '-');
        }
      }
      read.what = (read.query ? "the query parameter `" : "the header `") + key + "`";
      read.authorization = !read.query && LowerCase(key) == "authorization";
      presented.push_back(std::move(read));
      continue;
    }
    // A plain string parameter without a call (no Depends, Body, Path...) and not in the path.
    static constexpr std::string_view kStrings[] = {"str", "Optional[str]", "str | None", "None | str",
                                                    "typing.Optional[str]", "Union[str, None]"};
    const bool string = std::find(std::begin(kStrings), std::end(kStrings), parameter.annotation) != std::end(kStrings);
    const std::string_view value = parameter.default_value;
    const bool literal_default = value.empty() || value == "None" || value.starts_with('"') || value.starts_with('\'');
    if (any_call || !string || !literal_default) continue;
    if (route_path.find("{" + name + "}") != std::string_view::npos ||
        route_path.find("{" + name + ":") != std::string_view::npos) {
      continue;
    }
    read.query = true;
    read.what = "the query parameter `" + name + "`";
    presented.push_back(std::move(read));
  }
  return presented;
}

bool ImportsFastApi(const python::Module& module) {
  return std::any_of(module.imports().begin(), module.imports().end(), [](const python::Import& import) {
    return import.module == "fastapi" || import.module.starts_with("fastapi.");
  });
}

// What `function` reads of the request by a literal name, each with the variables its
// body puts it in; nullopt when it reads a header or query value whose name is not a
// literal, or hands the headers or the query on whole: what it compares is then unknown.
// `fastapi_route`: the function is a FastAPI route or dependency of one, whose
// parameters FastAPI fills from the request (`route_path` tells its path parameters).
std::optional<std::vector<Presented>> RequestReadsOf(const ModuleFunction& function, bool fastapi_route,
                                                     std::string_view route_path) {
  const python::Module& module = *function.module;
  const python::Function& definition = module.functions()[function.function];
  std::vector<Presented> reads;
  for (int index : definition.calls) {
    const python::Call& call = module.calls()[index];
    for (const python::Argument& argument : call.args) {
      if (CarrierOf(argument.value.text) != Carrier::kNone) return std::nullopt;  // check(request.headers)
    }
    const Carrier carrier = CarrierOf(call.receiver.text);
    if (carrier == Carrier::kNone) continue;
    const python::Argument* key = call.Positional(0);
    if (call.method != "get" || !key || !key->value.IsString() || key->value.is_fstring) return std::nullopt;
    const std::string_view text = module.source();
    const std::string_view written = text.substr(call.bytes.start, call.bytes.end - call.bytes.start);
    if (std::optional<Presented> read = ReadOf(carrier, key->value.str, written)) reads.push_back(std::move(*read));
  }
  for (const python::SubscriptAccess& access : module.subscripts()) {
    if (access.function != function.function) continue;
    const Carrier carrier = CarrierOf(access.object.text);
    if (carrier == Carrier::kNone) continue;
    if (access.store || !access.key.IsString() || access.key.is_fstring) return std::nullopt;
    std::string text = std::string(access.object.text) + "[" + std::string(access.key.text);
    if (std::optional<Presented> read = ReadOf(carrier, access.key.str, text)) reads.push_back(std::move(*read));
  }
  if (fastapi_route) {
    for (Presented& read : FastApiParameters(module, definition, route_path)) reads.push_back(std::move(read));
  }
  reads.push_back({"the Authorization header", false, true, PartOf(ParsedAuthorizationNames(function), "token")});
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function != function.function) continue;
    if (CarrierOf(assignment.value.text) != Carrier::kNone) return std::nullopt;  // headers = request.headers
  }
  for (Presented& read : reads) read.names = WithVariablesGiven(function, std::move(read.names));
  return reads;
}

// Whether an expression reads the environment or names what looks like a secret
// (`os.environ["CRON_TOKEN"]`, `settings.API_KEY`, `expected_token`), and is no literal.
bool LooksLikeASecret(const python::Expr& side) {
  using Kind = python::Expr::Kind;
  if ((side.kind == Kind::kString && !side.is_fstring) || side.kind == Kind::kNumber || side.kind == Kind::kBool ||
      side.kind == Kind::kNone) {
    return false;
  }
  return LineContains(LowerCase(side.text), {"environ", "getenv", "secret", "token", "key", "passw"});
}

// A function's reads of the request and the names it holds the secret in.
struct FunctionFacts {
  ModuleFunction function;
  bool filled_by_fastapi = false;
  std::vector<Presented> reads;
  std::vector<std::string> secret;  // lower case
};

// Judges what the comparisons of a handler's gates compare with the secret (CRON_SECRET,
// or with SecretKind::kAnySecret any value of the environment or that looks like a
// secret) and whether a request that does not carry it gets through.
class SecretComparisons {
 public:
  SecretComparisons(const Project& project, SecretKind kind, const std::vector<ModuleFunction>& scope)
      : project_(project), kind_(kind), scope_(scope) {}

  // Null when what the function reads of the request is not known (RequestReadsOf).
  const FunctionFacts* Facts(const ModuleFunction& function, bool filled_by_fastapi, std::string_view route_path) {
    for (const FunctionFacts& facts : facts_) {
      if (facts.function == function && facts.filled_by_fastapi == filled_by_fastapi) return &facts;
    }
    std::optional<std::vector<Presented>> reads = RequestReadsOf(function, filled_by_fastapi, route_path);
    if (!reads) return nullptr;
    FunctionFacts& facts = facts_.emplace_back(FunctionFacts{function, filled_by_fastapi, std::move(*reads), {}});
    for (const python::Assignment& assignment : function.module->assignments()) {
      if (assignment.target.kind != python::Expr::Kind::kName) continue;
      if (assignment.function != function.function && assignment.function != -1) continue;
      if (IsSecret(facts, assignment.value)) facts.secret.push_back(LowerCase(assignment.target.text));
    }
    return &facts;
  }

  // The reads whose mismatch with the secret makes `condition` come out `value`; empty
  // when there is none, or one of them is the Authorization header. True: `key !=
  // secret`, `not compare_digest(key, secret)`, either side of an `or`, every side of an
  // `and` but a test that the secret is set. False: `key == secret`,
  // `compare_digest(key, secret)`, a helper whose every true return is such a match,
  // either side of an `and`, every side of an `or` but a test that the secret is unset.
  std::vector<const Presented*> Forces(const FunctionFacts& facts, const python::Expr& condition, bool value,
                                       size_t depth) {
    using Kind = python::Expr::Kind;
    if (condition.kind == Kind::kBoolOp) {
      // One side decides `or` true and `and` false; both sides decide the other way.
      const bool one_decides = condition.str == (value ? "or" : "and");
      std::vector<const Presented*> all;
      for (const python::Expr& item : condition.items) {
        if (!one_decides && (value ? TestsSecretSet(facts, item) : TestsSecretUnset(facts, item))) continue;
        std::vector<const Presented*> reads = Forces(facts, item, value, depth);
        if (one_decides && !reads.empty()) return reads;
        if (!one_decides && reads.empty()) return {};
        all.insert(all.end(), reads.begin(), reads.end());
      }
      return one_decides ? std::vector<const Presented*>{} : all;
    }
    if (condition.kind == Kind::kComparison && condition.str == (value ? "!=" : "==") && condition.items.size() == 2) {
      return Misplaced(ComparedWithSecret(facts, condition.items[0], condition.items[1]));
    }
    if (condition.kind == Kind::kNot && condition.items.size() == 1) {
      return Forces(facts, condition.items[0], !value, depth);
    }
    if (value || condition.kind != Kind::kCall || condition.call < 0) return {};
    const python::Module& module = *facts.function.module;
    const python::Call& call = module.calls()[condition.call];
    if (call.callee.ends_with("compare_digest")) {
      const python::Argument* a = call.Positional(0);
      const python::Argument* b = call.Positional(1);
      return a && b ? Misplaced(ComparedWithSecret(facts, a->value, b->value)) : std::vector<const Presented*>{};
    }
    return HelperVerdict(module, call, depth);
  }

  // Whether `condition` is true only when the secret is not set (`not secret`, `secret
  // is None`, `secret == ""`): where it is set, a request does not get through there.
  bool TestsSecretUnset(const FunctionFacts& facts, const python::Expr& condition) const {
    using Kind = python::Expr::Kind;
    if (condition.kind == Kind::kNot && condition.items.size() == 1) return HoldsTheSecret(facts, condition.items[0]);
    return ComparesSecretWithNothing(facts, condition, {"is", "=="});
  }

  // Whether `condition` is the secret, or `secret is not None`: true wherever it is set.
  bool TestsSecretSet(const FunctionFacts& facts, const python::Expr& condition) const {
    return HoldsTheSecret(facts, condition) || ComparesSecretWithNothing(facts, condition, {"is not", "!="});
  }

  // The read one side of a comparison is, when the other side is the secret; null otherwise.
  const Presented* ComparedWithSecret(const FunctionFacts& facts, const python::Expr& left,
                                      const python::Expr& right) const {
    for (auto [presented, other] : {std::pair{&left, &right}, std::pair{&right, &left}}) {
      const Presented* read = ReadIn(facts, *presented);
      if (read && IsSecret(facts, *other)) return read;
    }
    return nullptr;
  }

 private:
  const Presented* ReadIn(const FunctionFacts& facts, const python::Expr& side) const {
    const std::string text = LowerCase(side.text);
    for (const Presented& read : facts.reads) {
      if (SpellsAny(text, read.names)) return &read;
    }
    return nullptr;
  }

  bool IsSecret(const FunctionFacts& facts, const python::Expr& side) const {
    if ((side.kind == python::Expr::Kind::kString && !side.is_fstring) || ReadIn(facts, side)) return false;
    if (SpellsCronSecretInAnyCase(side.text) || SpellsAny(LowerCase(side.text), facts.secret)) return true;
    return kind_ == SecretKind::kAnySecret && LooksLikeASecret(side);
  }

  // Whether `expr` is the secret itself: a name, attribute or item that holds it, or a read
  // of the environment (`os.environ.get("CRON_SECRET")`); not a call that may judge a
  // request (`check_cron_secret(request)`).
  bool HoldsTheSecret(const FunctionFacts& facts, const python::Expr& expr) const {
    using Kind = python::Expr::Kind;
    const bool reads_environment =
        expr.kind == Kind::kCall && expr.call >= 0 && facts.function.module->calls()[expr.call].GetsEnvironmentVariable();
    const bool holds = expr.kind == Kind::kName || expr.kind == Kind::kAttribute || expr.kind == Kind::kSubscript;
    return (holds || reads_environment) && IsSecret(facts, expr);
  }

  // `secret <op> None` or `secret <op> ""` for one of `ops`.
  bool ComparesSecretWithNothing(const FunctionFacts& facts, const python::Expr& condition,
                                 std::initializer_list<std::string_view> ops) const {
    using Kind = python::Expr::Kind;
    if (condition.kind != Kind::kComparison || condition.items.size() != 2) return false;
    if (std::find(ops.begin(), ops.end(), condition.str) == ops.end()) return false;
    auto nothing = [](const python::Expr& side) {
      return side.kind == Kind::kNone || (side.IsString() && !side.is_fstring && side.str.empty());
    };
    const python::Expr& a = condition.items[0];
    const python::Expr& b = condition.items[1];
    return (HoldsTheSecret(facts, a) && nothing(b)) || (HoldsTheSecret(facts, b) && nothing(a));
  }

  static std::vector<const Presented*> Misplaced(const Presented* read) {
    if (!read || read->authorization) return {};
    return {read};
  }

  // The reads a helper of the scope that `call` invokes needs to match the secret for it
  // to return something true: each of its returns is such a match, false, or inside an
  // `if` that the secret is unset (`if not secret: return True`, which lets every
  // request in where the project has no secret, and none where it has one). Empty when
  // another return may let a request in.
  std::vector<const Presented*> HelperVerdict(const python::Module& module, const python::Call& call, size_t depth) {
    std::optional<ModuleFunction> helper;
    if (call.target >= 0) helper = ModuleFunction{&module, call.target};
    else helper = ProjectFunction(project_, module, WrittenName(module, call));
    if (!helper || depth >= kCallDepth || std::find(scope_.begin(), scope_.end(), *helper) == scope_.end()) return {};
    const FunctionFacts* facts = Facts(*helper, false, "");
    if (!facts) return {};
    const python::Module& defining = *helper->module;
    std::vector<const Presented*> all;
    for (const python::Return& statement : defining.returns()) {
      if (statement.function != helper->function) continue;
      const python::Expr& value = statement.value;
      using Kind = python::Expr::Kind;
      if (value.kind == Kind::kNone || (value.kind == Kind::kBool && value.number == 0)) continue;
      std::vector<const Presented*> reads = Forces(*facts, value, false, depth + 1);
      if (!reads.empty()) {
        all.insert(all.end(), reads.begin(), reads.end());
        continue;
      }
      auto when_unset = [&](const python::IfTest& test) {
        return test.function == helper->function && Encloses(test.body, statement.range) &&
               TestsSecretUnset(*facts, test.condition);
      };
      if (std::none_of(defining.if_tests().begin(), defining.if_tests().end(), when_unset)) return {};
    }
    return all;
  }

  const Project& project_;
  SecretKind kind_;
  const std::vector<ModuleFunction>& scope_;
  std::deque<FunctionFacts> facts_;  // a deque: the reads handed out stay where they are
};

// Whether a block answers with a refusal: it aborts, raises, or returns 401 or 403.
bool Refuses(const python::Module& module, const Range& block) {
  for (uint32_t line = block.start.line; line <= block.end.line; ++line) {
    const std::string code = LowerCase(WithoutComment(module.Line(line)));
    if (LineContains(code, {"abort", "raise", "401", "403", "unauthori", "forbidden"})) return true;
  }
  return false;
}

// The `if` of `function` that refuses every request whose read values are not the
// secret, and the reads: an `if` in no other `if` (but one that the secret is set),
// before which every `if` of the function refuses too, or tests that the secret is unset
// (none lets a request through early where the project has a secret).
struct Refusal {
  Location where;
  std::vector<const Presented*> reads;
};
std::optional<Refusal> RefusingComparison(SecretComparisons& comparisons, const FunctionFacts& facts) {
  const python::Module& module = *facts.function.module;
  const int function = facts.function.function;
  for (const python::IfTest& test : module.if_tests()) {
    if (test.function != function) continue;
    std::vector<const Presented*> reads = comparisons.Forces(facts, test.condition, true, 0);
    if (reads.empty() || !Refuses(module, test.body)) continue;
    const Range& condition = test.condition.range;
    for (const python::IfTest& other : module.if_tests()) {
      if (other.function != function || &other == &test) continue;
      if (Encloses(other.body, condition)) {
        if (!comparisons.TestsSecretSet(facts, other.condition)) return std::nullopt;
      } else if (other.condition.range.start < condition.start && !Refuses(module, other.body) &&
                 !comparisons.TestsSecretUnset(facts, other.condition)) {
        return std::nullopt;
      }
    }
    const uint32_t line = condition.start.line;
    const uint32_t column = static_cast<uint32_t>(module.Line(line).find_first_not_of(" \t")) + 1;
    return Refusal{Location{module.path(), Range{{line, column}, {line, column}}}, std::move(reads)};
  }
  return std::nullopt;
}

// The functions that run for every request of the handler, whose refusals refuse it: the
// handler, its decorators with the wrappers nested in them, its FastAPI dependencies, and
// the functions the handler calls outside any `if`.
std::vector<ModuleFunction> Gates(const Project& project, const CronHandler& handler) {
  const python::Module& module = *handler.module;
  const python::Function& function = module.functions()[handler.function];
  std::vector<ModuleFunction> gates{{&module, handler.function}};
  for (const python::Expr& decorator : function.decorators) {
    if (std::optional<ModuleFunction> wrapper = DecoratorFunction(project, module, decorator)) {
      ForEachNested(*wrapper->module, wrapper->function,
                    [&](int nested) { AddOnce(gates, {wrapper->module, nested}); });
    }
  }
  for (const ModuleFunction& dependency : handler.dependencies) AddOnce(gates, dependency);
  for (int index : function.calls) {
    const python::Call& call = module.calls()[index];
    auto in_if = [&](const python::IfTest& test) {
      return test.function == handler.function && (Encloses(test.condition.range, call.range) ||
                                                   Encloses(test.body, call.range) ||
                                                   Encloses(test.alternative, call.range));
    };
    if (std::any_of(module.if_tests().begin(), module.if_tests().end(), in_if)) continue;
    if (call.target >= 0) {
      AddOnce(gates, {&module, call.target});
    } else if (std::optional<ModuleFunction> callee = ProjectFunction(project, module, WrittenName(module, call))) {
      AddOnce(gates, *callee);
    }
  }
  return gates;
}

// Whether FastAPI fills the parameters of `function` from the request: the handler's
// route and its dependencies, in a module that imports FastAPI.
bool FilledByFastApi(const CronHandler& handler, const ModuleFunction& function) {
  return ImportsFastApi(*handler.module) &&
         (function == ModuleFunction{handler.module, handler.function} ||
          std::find(handler.dependencies.begin(), handler.dependencies.end(), function) !=
              handler.dependencies.end());
}

// "the header `A`", "the header `A` and the query parameter `b`".
std::string Describe(const std::vector<const Presented*>& reads) {
  std::vector<std::string_view> named;
  for (const Presented* read : reads) {
    if (std::find(named.begin(), named.end(), read->what) == named.end()) named.push_back(read->what);
  }
  std::string text;
  for (size_t i = 0; i < named.size(); ++i) {
    if (i > 0) text += i + 1 == named.size() ? " and " : ", ";
    text += named[i];
  }
  return text;
}

// Each comparison of `expr` (`a == b`, `a != b`) and those inside it.
template <typename Visit>
void ForEachComparison(const python::Expr& expr, Visit visit) {
  const bool equality = expr.str == "==" || expr.str == "!=";
  if (expr.kind == python::Expr::Kind::kComparison && expr.items.size() == 2 && equality) {
    visit(expr.items[0], expr.items[1]);
  }
  for (const python::Expr& item : expr.items) ForEachComparison(item, visit);
}

}  // namespace

std::optional<MisplacedSecret> FindMisplacedSecretComparison(const Project& project, const CronHandler& handler,
                                                             const std::vector<ModuleFunction>& scope,
                                                             bool path_has_query, SecretKind kind) {
  // Anything that may look at what Vercel does send leaves the check alone: the
  // Authorization header, a Bearer scheme, Vercel's user agent `vercel-cron/1.0`.
  // A read whose name is not known (`request.headers.get(NAME)`) may be of any of them.
  for (const ModuleFunction& function : scope) {
    const python::Module& module = *function.module;
    const std::vector<std::string> lines = CodeLinesWithoutUnreadAuthorization(function);
    if (Contains(lines, {"authorization", "bearer", "user-agent", "user_agent", "vercel-cron", "x-vercel"})) {
      return std::nullopt;
    }
    bool known = true;
    ForEachNested(module, function.function, [&](int nested) {
      known = known && RequestReadsOf({&module, nested}, false, "").has_value();
    });
    if (!known) return std::nullopt;
  }
  SecretComparisons comparisons(project, kind, scope);
  for (const ModuleFunction& gate : Gates(project, handler)) {
    const FunctionFacts* facts = comparisons.Facts(gate, FilledByFastApi(handler, gate), handler.route->path);
    if (!facts) continue;
    std::optional<Refusal> refusal = RefusingComparison(comparisons, *facts);
    if (!refusal) continue;
    // A cron path may carry its own query (`/api/cron?key=...`): Vercel calls it as written.
    const bool reads_query =
        std::any_of(refusal->reads.begin(), refusal->reads.end(), [](const Presented* read) { return read->query; });
    if (reads_query && path_has_query) return std::nullopt;
    return MisplacedSecret{refusal->where, Describe(refusal->reads)};
  }
  return std::nullopt;
}

bool ComparesAuthorizationWithASecret(const Project& project, const CronHandler& handler,
                                      const std::vector<ModuleFunction>& scope) {
  SecretComparisons comparisons(project, SecretKind::kAnySecret, scope);
  bool compares = false;
  for (const ModuleFunction& entry : scope) {
    const python::Module& module = *entry.module;
    ForEachNested(module, entry.function, [&](int nested) {  // a decorator's wrapper too
      if (compares) return;
      const ModuleFunction function{&module, nested};
      const FunctionFacts* facts = comparisons.Facts(function, FilledByFastApi(handler, function), handler.route->path);
      if (!facts) return;
      auto look_at = [&](const python::Expr& left, const python::Expr& right) {
        const Presented* read = comparisons.ComparedWithSecret(*facts, left, right);
        compares = compares || (read && read->authorization);
      };
      for (const python::IfTest& test : module.if_tests()) {
        if (test.function == nested) ForEachComparison(test.condition, look_at);
      }
      for (const python::Return& statement : module.returns()) {
        if (statement.function == nested) ForEachComparison(statement.value, look_at);
      }
      for (const python::Assignment& assignment : module.assignments()) {
        if (assignment.function == nested) ForEachComparison(assignment.value, look_at);
      }
      for (int index : module.functions()[nested].calls) {
        const python::Call& call = module.calls()[index];
        const python::Argument* a = call.Positional(0);
        const python::Argument* b = call.Positional(1);
        if (call.callee.ends_with("compare_digest") && a && b) look_at(a->value, b->value);
      }
    });
    if (compares) return true;
  }
  return false;
}

namespace {

// The literal a read of CRON_SECRET falls back to, when `call` is one with a non-empty
// string default: `os.environ.get("CRON_SECRET", "dev-secret")`, `os.getenv(..., default=)`.
std::optional<std::string> LiteralDefaultOf(const python::Call& call) {
  if (!call.GetsEnvironmentVariable()) return std::nullopt;
  const python::Argument* name = call.Arg(0, "key");
  const python::Argument* fallback = call.Arg(1, "default");
  auto literal = [](const python::Argument* argument) {
    return argument && argument->value.IsString() && !argument->value.is_fstring;
  };
  if (!literal(name) || name->value.str != "CRON_SECRET" || !literal(fallback) || fallback->value.str.empty()) {
    return std::nullopt;
  }
  return fallback->value.str;
}

}  // namespace

std::vector<LiteralSecretDefault> FindLiteralSecretDefaults(const std::vector<ModuleFunction>& scope) {
  std::vector<LiteralSecretDefault> found;
  auto look_at = [&found](const python::Module& module, const python::Call& call) {
    std::optional<std::string> literal = LiteralDefaultOf(call);
    if (!literal) return;
    Location where{module.path(), call.range};
    auto same = [&where](const LiteralSecretDefault& other) { return other.where == where; };
    if (std::none_of(found.begin(), found.end(), same)) found.push_back({std::move(where), std::move(*literal)});
  };
  std::vector<const python::Module*> modules;
  for (const ModuleFunction& function : scope) {
    const python::Module& module = *function.module;
    ForEachNested(module, function.function, [&](int nested) {
      for (int call : module.functions()[nested].calls) look_at(module, module.calls()[call]);
    });
    if (std::find(modules.begin(), modules.end(), &module) == modules.end()) modules.push_back(&module);
  }
  // `SECRET = os.getenv("CRON_SECRET", "changeme")` at module level, read by the check.
  for (const python::Module* module : modules) {
    for (const python::Call& call : module->calls()) {
      if (call.function == -1) look_at(*module, call);
    }
  }
  return found;
}

}  // namespace faaslint::project
