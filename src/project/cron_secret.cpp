#include "project/cron_secret.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

#include "project/app_mounts.h"

namespace faaslint::project {
namespace {

// How many calls deep from the handler, a decorator or a dependency a check counts.
constexpr size_t kCallDepth = 3;

// Whether a function's lines mention CRON_SECRET.
bool BodyMentionsCronSecret(const ModuleFunction& function) {
  const python::Function& definition = function.module->functions()[function.function];
  for (uint32_t line = definition.range.start.line; line <= definition.range.end.line; ++line) {
    if (function.module->Line(line).find("CRON_SECRET") != std::string_view::npos) return true;
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

bool ChecksCronSecret(const Project& project, const CronHandler& handler) {
  std::vector<ModuleFunction> scope = CronSecretScope(project, handler);
  return std::any_of(scope.begin(), scope.end(), BodyMentionsCronSecret);
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

// The bare comparison in `function`, if it is one (FindBareSecretComparison).
std::optional<Location> BareComparisonIn(const Project& project, const ModuleFunction& function) {
  if (!BodyMentionsCronSecret(function)) return std::nullopt;
  const python::Module& module = *function.module;
  const python::Function& definition = module.functions()[function.function];
  const std::vector<std::string> lines = CodeLines(module, definition);
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
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& code = lines[i];
    if (!LineContains(code, {"compare_digest", "==", "!="}) || !LineContains(code, {"authoriz", "secret"})) continue;
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

}  // namespace faaslint::project
