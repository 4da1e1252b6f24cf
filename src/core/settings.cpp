#include "core/settings.h"

namespace faaslint {

std::string_view PlatformName(Platform platform) {
  switch (platform) {
    case Platform::kVercel: return "vercel";
    case Platform::kAwsLambda: return "aws-lambda";
    case Platform::kGeneric: return "generic";
  }
  return "vercel";
}

std::optional<Platform> ParsePlatform(std::string_view text) {
  if (text == "vercel") return Platform::kVercel;
  if (text == "aws-lambda") return Platform::kAwsLambda;
  if (text == "generic") return Platform::kGeneric;
  return std::nullopt;
}

std::string_view PlanName(Plan plan) {
  switch (plan) {
    case Plan::kHobby: return "hobby";
    case Plan::kPro: return "pro";
    case Plan::kEnterprise: return "enterprise";
  }
  return "hobby";
}

std::optional<Plan> ParsePlan(std::string_view text) {
  if (text == "hobby") return Plan::kHobby;
  if (text == "pro") return Plan::kPro;
  if (text == "enterprise") return Plan::kEnterprise;
  return std::nullopt;
}

}  // namespace faaslint
