#include "project/cron_secret.h"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <string_view>

namespace faaslint::project {
namespace {

// Whether a function's lines mention CRON_SECRET.
bool BodyMentionsCronSecret(const python::Module& module, const python::Function& function) {
  for (uint32_t line = function.range.start.line; line <= function.range.end.line; ++line) {
    if (module.Line(line).find("CRON_SECRET") != std::string_view::npos) return true;
  }
  return false;
}

// Whether a function, or a function of its module it calls, mentions CRON_SECRET.
bool MentionsCronSecret(const python::Module& module, const python::Function& function) {
  if (BodyMentionsCronSecret(module, function)) return true;
  return std::any_of(function.calls.begin(), function.calls.end(), [&](int call) {
    int target = module.calls()[call].target;
    return target >= 0 && BodyMentionsCronSecret(module, module.functions()[target]);
  });
}

}  // namespace

std::vector<int> CronSecretScope(const CronHandler& handler) {
  const python::Module& module = *handler.module;
  const python::Function& function = module.functions()[handler.function];
  std::vector<int> scope{handler.function};
  for (int call : function.calls) {
    if (int target = module.calls()[call].target; target >= 0) scope.push_back(target);
  }
  for (const python::Expr& decorator : function.decorators) {
    std::string name = decorator.kind == python::Expr::Kind::kCall && decorator.call >= 0
                           ? module.calls()[decorator.call].callee
                           : decorator.qualified;
    if (int target = module.FindFunction(name); target >= 0) scope.push_back(target);
  }
  for (size_t hook = 0; hook < module.functions().size(); ++hook) {
    if (module.functions()[hook].is_cold_start) scope.push_back(static_cast<int>(hook));  // before_request and friends
  }
  std::sort(scope.begin(), scope.end());
  scope.erase(std::unique(scope.begin(), scope.end()), scope.end());
  return scope;
}

bool ChecksCronSecret(const CronHandler& handler) {
  const python::Module& module = *handler.module;
  const python::Function& function = module.functions()[handler.function];
  if (MentionsCronSecret(module, function)) return true;
  for (const python::Expr& decorator : function.decorators) {
    std::string name = decorator.kind == python::Expr::Kind::kCall && decorator.call >= 0
                           ? module.calls()[decorator.call].callee
                           : decorator.qualified;
    int target = module.FindFunction(name);
    if (target >= 0 && BodyMentionsCronSecret(module, module.functions()[target])) return true;
  }
  for (const python::Function& hook : module.functions()) {
    if (hook.is_cold_start && BodyMentionsCronSecret(module, hook)) return true;  // before_request and friends
  }
  return std::any_of(handler.dependencies.begin(), handler.dependencies.end(), [](const ModuleFunction& dependency) {
    return MentionsCronSecret(*dependency.module, dependency.module->functions()[dependency.function]);
  });
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
std::optional<Location> BareComparisonIn(const python::Module& module, int index) {
  const python::Function& function = module.functions()[index];
  if (!BodyMentionsCronSecret(module, function)) return std::nullopt;
  const std::vector<std::string> lines = CodeLines(module, function);
  const std::initializer_list<std::string_view> kCutsTheScheme = {
      "bearer", "split", "partition", "removeprefix", "replace", "strip", "startswith", "[7:]"};
  if (!Contains(lines, {"authorization"}) || Contains(lines, kCutsTheScheme)) return std::nullopt;
  for (int call : function.calls) {
    const int target = module.calls()[call].target;
    if (target >= 0 && Contains(CodeLines(module, module.functions()[target]), kCutsTheScheme)) return std::nullopt;
  }
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& code = lines[i];
    if (!LineContains(code, {"compare_digest", "==", "!="}) || !LineContains(code, {"authoriz", "secret"})) continue;
    const uint32_t line = function.range.start.line + static_cast<uint32_t>(i);
    const uint32_t column = static_cast<uint32_t>(code.find_first_not_of(" \t")) + 1;
    return Location{module.path(), Range{{line, column}, {line, column}}};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Location> FindBareSecretComparison(const CronHandler& handler) {
  if (std::optional<Location> bare = BareComparisonIn(*handler.module, handler.function)) return bare;
  for (const ModuleFunction& dependency : handler.dependencies) {
    if (std::optional<Location> bare = BareComparisonIn(*dependency.module, dependency.function)) return bare;
  }
  return std::nullopt;
}

}  // namespace faaslint::project
