#include "rules/registry.h"

#include <algorithm>
#include <cctype>
#include <charconv>

namespace faaslint::rules {

std::string_view RuleOptions::String(std::string_view name) const {
  if (overrides_) {
    auto it = overrides_->find(std::string(name));
    if (it != overrides_->end()) return it->second;
  }
  for (const RuleOption& option : rule_.options) {
    if (option.name == name) return option.default_value;
  }
  return {};
}

double RuleOptions::Number(std::string_view name) const {
  std::string_view text = String(name);
  double value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() ? value : 0;
}

void Sink::Report(Range range, std::string message, std::string help) {
  Report(Location{path_, range}, std::move(message), std::move(help));
}

void Sink::Report(Location location, std::string message, std::string help, std::vector<Location> related,
                  std::vector<Dependency> depends_on) {
  Finding finding;
  finding.rule = &rule_;
  finding.location = std::move(location);
  finding.message = std::move(message);
  finding.help = std::move(help);
  finding.related = std::move(related);
  finding.depends_on = std::move(depends_on);
  out_->push_back(std::move(finding));
}

void Sink::ReportWithFix(Range range, std::string message, std::string help, std::vector<Edit> fix,
                         std::vector<Location> related) {
  Report(Location{path_, range}, std::move(message), std::move(help), std::move(related));
  out_->back().fix = std::move(fix);
}

Registry& Registry::Mutable() {
  static Registry registry;  // written only by Registrars during static initialisation
  return registry;
}

const Registry& Registry::Get() { return Mutable(); }

Registry::Registry(std::vector<Rule> rules) {
  for (Rule& rule : rules) Add(rule);
}

void Registry::Add(Rule rule) {
  auto it = std::lower_bound(rules_.begin(), rules_.end(), rule,
                             [](const Rule& a, const Rule& b) { return a.info->code < b.info->code; });
  rules_.insert(it, rule);
}

Registry::Registrar::Registrar(const RuleInfo& info, PyCheck check) {
  Mutable().Add(Rule{&info, check, nullptr});
}

Registry::Registrar::Registrar(const RuleInfo& info, ProjectCheck check) {
  Mutable().Add(Rule{&info, nullptr, check});
}

namespace {
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}
}  // namespace

const Rule* Registry::Find(std::string_view code_or_name) const {
  for (const Rule& rule : rules_) {
    if (EqualsIgnoreCase(rule.info->code, code_or_name) || rule.info->name == code_or_name) return &rule;
  }
  return nullptr;
}

bool Registry::IsKnownPrefix(std::string_view prefix) const {
  if (prefix.empty()) return false;
  return std::any_of(rules_.begin(), rules_.end(), [&](const Rule& rule) {
    return rule.info->code.substr(0, prefix.size()) == prefix;
  });
}

}  // namespace faaslint::rules
