// Rule selectors as users write them in `select`/`ignore`, `per-file-ignores`,
// --select and --ignore: a code prefix ("FL", "FL1", "FL101", any case) or a rule name
// ("background-thread").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/registry.h"

namespace faaslint::config {

// The code prefix a selector stands for ("fl1" -> "FL1", "background-thread" ->
// "FL101"); nullopt when it matches no registered rule.
std::optional<std::string> NormalizeSelector(std::string_view text, const rules::Registry& registry);

// "unknown rule code 'X'", with "(did you mean 'Y'?)" when X is close to a rule name.
std::string UnknownSelectorMessage(std::string_view text, const rules::Registry& registry);

// For --select/--ignore: "FL1, FL205" -> {"FL1", "FL205"}, appended to *out (the options
// repeat). Blank items are skipped.
// On an unknown selector returns false with UnknownSelectorMessage in *error.
bool ParseSelectorList(std::string_view comma_separated, const rules::Registry& registry,
                       std::vector<std::string>* out, std::string* error);

}  // namespace faaslint::config
