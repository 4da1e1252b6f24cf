// A rule's documentation page, rendered from its RuleInfo: what `faaslint rule`
// prints and what docs/rules/<CODE>.md holds (a test keeps the two in step).
#pragma once

#include <string>

#include "core/rule_info.h"

namespace faaslint::rules {

std::string RenderRuleDoc(const RuleInfo& info);

// docs/rules/README.md: the index of every rule.
class Registry;
std::string RenderRuleIndex(const Registry& registry);

}  // namespace faaslint::rules
