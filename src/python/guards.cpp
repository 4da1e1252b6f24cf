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

// A read of a platform variable: `os.environ.get("VERCEL")`, `os.getenv("VERCEL", "0")`,
// `os.environ["VERCEL"]`.
struct PlatformRead {
  std::string_view variable;  // empty: `expr` reads no platform variable
  // What the read gives off the platform: get()'s default (None when there is none).
  // Null for a subscript, which raises KeyError there instead.
  const Expr* fallback = nullptr;
  bool fallback_is_none = false;
};

PlatformRead ReadOfPlatformVariable(const Expr& expr, const std::vector<Call>& calls) {
  if (expr.kind == Kind::kCall && expr.call >= 0) {
    const Call& call = calls[expr.call];
    if (!call.GetsEnvironmentVariable()) return {};
    const Argument* name = call.Positional(0);
    if (!name || !name->value.IsString() || !IsPlatformVariable(name->value.str)) return {};
    const Argument* fallback = call.Positional(1);
    if (!fallback) fallback = call.Keyword("default");
    return {name->value.str, fallback ? &fallback->value : nullptr, fallback == nullptr};
  }
  if (expr.kind == Kind::kSubscript && expr.items.size() == 2 && IsEnviron(expr.items[0]) &&
      expr.items[1].IsString() && IsPlatformVariable(expr.items[1].str)) {
    return {expr.items[1].str};
  }
  return {};
}

bool IsEmptyOrNone(const Expr& expr) {
  return expr.kind == Kind::kNone || (expr.IsString() && expr.str.empty() && !expr.is_fstring) ||
         (expr.kind == Kind::kNumber && expr.number == 0) || (expr.kind == Kind::kBool && expr.number == 0);
}

bool IsPlainString(const Expr& expr, std::string_view text) {
  return expr.IsString() && !expr.is_fstring && expr.str == text;
}

// The value a read gives off the platform, when it is a literal the comparison can match:
// `os.environ.get("VERCEL", "0") == "0"` is true exactly off the platform.
bool IsOffPlatformValue(const PlatformRead& read, const Expr& value) {
  if (read.fallback_is_none) return value.kind == Kind::kNone;
  return read.fallback && read.fallback->IsString() && !read.fallback->is_fstring &&
         IsPlainString(value, read.fallback->str);
}

// Vercel sets VERCEL to "1" in every deployment (Vercel docs, "System Environment
// Variables": VERCEL, example value 1), so `!= "1"` is true exactly off the platform.
bool IsOnPlatformValue(const PlatformRead& read, const Expr& value) {
  return read.variable == "VERCEL" && IsPlainString(value, "1");
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
  PlatformRead read = ReadOfPlatformVariable(left, calls);
  const Expr* other = &right;
  if (read.variable.empty()) {
    read = ReadOfPlatformVariable(right, calls);
    other = &left;
  }
  if (read.variable.empty()) return {};
  const bool equality = op == "is" || op == "==";
  if (!equality && op != "is not" && op != "!=") return {};
  GuardFacts equal;  // what `read == other` tells
  if (IsOffPlatformValue(read, *other) || (read.fallback == nullptr && IsEmptyOrNone(*other))) {
    equal = kOffTest;
  } else if (IsOnPlatformValue(read, *other)) {
    equal = kOnTest;
  } else if (other->IsString() && !other->str.empty() && other->str != "development") {
    // VERCEL_ENV == "production": taken as true on the platform. "development" is vercel dev.
    // As `!=` it tells nothing: a preview deployment is not "production" either.
    return equality ? kOnTest : GuardFacts{};
  } else {
    return {};
  }
  return equality ? equal : Negate(equal);
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
    case Kind::kSubscript: return ReadOfPlatformVariable(condition, calls).variable.empty() ? GuardFacts{} : kOnTest;
    case Kind::kName: {
      auto it = names.flags.find(condition.qualified);
      return it == names.flags.end() ? GuardFacts{} : it->second;
    }
    case Kind::kCall: {
      if (condition.call < 0) return {};
      // `os.getenv("VERCEL")` is truthy on the platform; with a default ("0") it is truthy anywhere.
      if (PlatformRead read = ReadOfPlatformVariable(condition, calls); !read.variable.empty()) {
        return read.fallback_is_none || (read.fallback && IsEmptyOrNone(*read.fallback)) ? kOnTest : GuardFacts{};
      }
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
