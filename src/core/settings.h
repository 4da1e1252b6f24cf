// Run-wide facts every rule may read: which platform and plan the project targets.
#pragma once

#include <optional>
#include <string_view>

namespace faaslint {

enum class Platform { kVercel, kAwsLambda, kGeneric };
enum class Plan { kHobby, kPro, kEnterprise };

std::string_view PlatformName(Platform platform);
std::optional<Platform> ParsePlatform(std::string_view text);
std::string_view PlanName(Plan plan);
std::optional<Plan> ParsePlan(std::string_view text);

struct Settings {
  Platform platform = Platform::kVercel;
  Plan plan = Plan::kHobby;
};

}  // namespace faaslint
