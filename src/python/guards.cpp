#include "python/guards.h"

#include <algorithm>

namespace faaslint::python {
namespace {

using Kind = Expr::Kind;

// Variables the platforms set in every function instance. Sources: Vercel "System
// Environment Variables" docs (VERCEL, VERCEL_ENV, VERCEL_URL, VERCEL_REGION); AWS
// Lambda "Defined runtime environment variables" (AWS_LAMBDA_FUNCTION_NAME,
// AWS_EXECUTION_ENV, LAMBDA_TASK_ROOT, AWS_LAMBDA_RUNTIME_API).
constexpr std::string_view kPlatformVariables[] = {
    "VERCEL", "VERCEL_ENV", "VERCEL_URL", "VERCEL_REGION", "NOW_REGION",
    "AWS_LAMBDA_FUNCTION_NAME", "AWS_EXECUTION_ENV", "LAMBDA_TASK_ROOT", "AWS_LAMBDA_RUNTIME_API",
};

constexpr GuardFacts kOnTest{false, true};   // true exactly on the platform
constexpr GuardFacts kOffTest{true, false};  // true only off the platform

bool IsEnviron(const Expr& expr) {
  return (expr.kind == Kind::kAttribute || expr.kind == Kind::kName) && expr.qualified == "os.environ";
}

// `os.environ.get("VERCEL")`, `os.getenv("VERCEL")`, `os.environ["VERCEL"]`: the
// variable's name when `expr` reads a platform variable.
bool ReadsPlatformVariable(const Expr& expr, const std::vector<Call>& calls) {
  if (expr.kind == Kind::kCall && expr.call >= 0) {
    const Call& call = calls[expr.call];
    if (call.callee != "os.environ.get" && call.callee != "os.getenv") return false;
    const Argument* name = call.Positional(0);
    return name && name->value.IsString() && IsPlatformVariable(name->value.str);
  }
  if (expr.kind == Kind::kSubscript && expr.items.size() == 2) {
    return IsEnviron(expr.items[0]) && expr.items[1].IsString() && IsPlatformVariable(expr.items[1].str);
  }
  return false;
}

bool IsEmptyOrNone(const Expr& expr) {
  return expr.kind == Kind::kNone || (expr.IsString() && expr.str.empty() && !expr.is_fstring) ||
         (expr.kind == Kind::kNumber && expr.number == 0) || (expr.kind == Kind::kBool && expr.number == 0);
}

GuardFacts Negate(GuardFacts facts) { return {facts.on_implies, facts.implies_off}; }

GuardFacts Comparison(const Expr& expr, const std::vector<Call>& calls) {
  if (expr.items.size() != 2) return {};
  const Expr& left = expr.items[0];
  const Expr& right = expr.items[1];
  const std::string& op = expr.str;
  // __name__ == "__main__": only true when run as a script, never when imported.
  auto is_main = [](const Expr& a, const Expr& b) {
    return a.kind == Kind::kName && a.qualified == "__name__" && b.IsString() && b.str == "__main__";
  };
  if (is_main(left, right) || is_main(right, left)) {
    if (op == "==") return kOffTest;
    if (op == "!=") return kOnTest;  // not a platform test, but its else is script-only
    return {};
  }
  // "VERCEL" in os.environ
  if (left.IsString() && IsPlatformVariable(left.str) && IsEnviron(right)) {
    if (op == "in") return kOnTest;
    if (op == "not in") return kOffTest;
    return {};
  }
  const Expr* read = ReadsPlatformVariable(left, calls) ? &left
                     : ReadsPlatformVariable(right, calls) ? &right : nullptr;
  if (read == nullptr) return {};
  const Expr& other = read == &left ? right : left;
  bool empty = IsEmptyOrNone(other);
  if (op == "is not" || op == "!=") return empty ? kOnTest : GuardFacts{};
  if (op == "is" || op == "==") {
    if (empty) return kOffTest;
    // VERCEL == "1": true on the platform. A comparison with "development" is vercel dev.
    if (other.IsString() && other.str != "development") return kOnTest;
  }
  return {};
}

}  // namespace

bool IsPlatformVariable(std::string_view name) {
  return std::find(std::begin(kPlatformVariables), std::end(kPlatformVariables), name) !=
         std::end(kPlatformVariables);
}

GuardFacts EvaluateGuard(const Expr& condition, const std::vector<Call>& calls, const GuardNames& names) {
  switch (condition.kind) {
    case Kind::kNot:
      return condition.items.empty() ? GuardFacts{} : Negate(EvaluateGuard(condition.items[0], calls, names));
    case Kind::kBoolOp: {
      if (condition.items.size() != 2) return {};
      GuardFacts a = EvaluateGuard(condition.items[0], calls, names);
      GuardFacts b = EvaluateGuard(condition.items[1], calls, names);
      if (condition.str == "and") return {a.implies_off || b.implies_off, a.on_implies && b.on_implies};
      return {a.implies_off && b.implies_off, a.on_implies || b.on_implies};
    }
    case Kind::kComparison: return Comparison(condition, calls);
    case Kind::kSubscript: return ReadsPlatformVariable(condition, calls) ? kOnTest : GuardFacts{};
    case Kind::kName: {
      auto it = names.flags.find(condition.qualified);
      return it == names.flags.end() ? GuardFacts{} : it->second;
    }
    case Kind::kCall: {
      if (condition.call < 0) return {};
      if (ReadsPlatformVariable(condition, calls)) return kOnTest;
      const Call& call = calls[condition.call];
      if (call.callee == "bool" && call.args.size() == 1) return EvaluateGuard(call.args[0].value, calls, names);
      auto it = names.functions.find(call.callee);
      if (it != names.functions.end() && call.args.empty()) return it->second;
      return {};
    }
    default: return {};
  }
}

}  // namespace faaslint::python
