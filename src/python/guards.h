// Guards: conditions that keep code off the serverless platform.
//
// For a condition c we track two facts:
//   implies_off  — c true  => not on the platform (`__name__ == "__main__"`), so the
//                  body of `if c:` never runs there;
//   on_implies   — on the platform => c true (`os.environ.get("VERCEL")`), so the
//                  `else:` of `if c:` (and what follows `if c: return`) never runs there.
// `not` swaps the two; `and`/`or` combine them as logic says.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "python/module.h"

namespace faaslint::python {

struct GuardFacts {
  bool implies_off = false;
  bool on_implies = false;
  bool known() const { return implies_off || on_implies; }
};

// Names (module flags, guard helper functions) already known to hold a platform test.
struct GuardNames {
  std::map<std::string, GuardFacts, std::less<>> flags;      // IS_VERCEL = ...
  std::map<std::string, GuardFacts, std::less<>> functions;  // def on_vercel(): return ...
};

// The platform variables whose presence marks a serverless run.
bool IsPlatformVariable(std::string_view name);

GuardFacts EvaluateGuard(const Expr& condition, const std::vector<Call>& calls, const GuardNames& names);

}  // namespace faaslint::python
