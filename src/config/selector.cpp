#include "config/selector.h"

#include <algorithm>
#include <cctype>

#include "core/edit_distance.h"
#include "core/message_text.h"

namespace faaslint::config {
namespace {

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

std::optional<std::string> NormalizeSelector(std::string_view text, const rules::Registry& registry) {
  text = Trim(text);
  if (const rules::Rule* rule = registry.Find(text)) return std::string(rule->info->code);
  std::string upper(text);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (registry.IsKnownPrefix(upper)) return upper;
  return std::nullopt;
}

std::string UnknownSelectorMessage(std::string_view text, const rules::Registry& registry) {
  std::string message = "unknown rule code " + QuoteUserText(text);
  // Codes are not suggested: FL109 is as close to FL101 as to FL106, so any guess
  // would mislead. Names are words, where a typo is recognisable.
  std::vector<std::string_view> names;
  for (const rules::Rule& rule : registry.all()) names.push_back(rule.info->name);
  if (auto match = ClosestMatch(Trim(text), names)) {
    message += " (did you mean '" + std::string(*match) + "'?)";
  }
  return message;
}

bool ParseSelectorList(std::string_view comma_separated, const rules::Registry& registry,
                       std::vector<std::string>* out, std::string* error) {
  size_t start = 0;
  while (start <= comma_separated.size()) {
    size_t end = std::min(comma_separated.find(',', start), comma_separated.size());
    std::string_view item = Trim(comma_separated.substr(start, end - start));
    if (!item.empty()) {
      std::optional<std::string> prefix = NormalizeSelector(item, registry);
      if (!prefix) {
        *error = UnknownSelectorMessage(item, registry);
        return false;
      }
      out->push_back(std::move(*prefix));
    }
    start = end + 1;
  }
  return true;
}

}  // namespace faaslint::config
