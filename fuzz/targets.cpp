#include "harness.h"

namespace faaslint::fuzz {

std::span<const Target> Targets() {
  static constexpr Target kTargets[] = {
      {"python", CheckPython},
      {"config", CheckConfig},
  };
  return kTargets;
}

}  // namespace faaslint::fuzz
