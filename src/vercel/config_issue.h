// A problem found in vercel.json by one of the checks in vercel/: where, what, how to fix.
#pragma once

#include <string>

#include "core/finding.h"

namespace faaslint::vercel {

struct ConfigIssue {
  Range range;
  std::string message;
  std::string help;
};

}  // namespace faaslint::vercel
