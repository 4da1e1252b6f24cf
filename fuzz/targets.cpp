#include "harness.h"

namespace faaslint::fuzz {

std::span<const Target> Targets() {
  static constexpr Target kTargets[] = {
      {"python", CheckPython},
      {"config", CheckConfig},
      {"emit", CheckEmitters},
      {"cron", CheckCron},
      {"vercel", CheckVercel},
      {"index", CheckIndex},
  };
  return kTargets;
}

}  // namespace faaslint::fuzz
