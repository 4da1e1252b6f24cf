// The one validator for both formats: every key, type, rule code and option of a
// config, with the position of the first thing that is wrong.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>

#include "config/selector.h"
#include "config/tree.h"
#include "core/edit_distance.h"
#include "core/message_text.h"

namespace faaslint::config {
namespace {

// In the order of DESIGN §1's example.
constexpr std::string_view kKeys[] = {"platform", "plan", "select", "ignore",
                                      "exclude", "per-file-ignores", "fail-on", "rules"};

std::string DidYouMean(std::string_view word, std::span<const std::string_view> candidates) {
  auto match = ClosestMatch(word, candidates);
  return match ? " (did you mean " + QuoteUserText(*match) + "?)" : std::string();
}

bool IsNumber(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  return ec == std::errc() && end == text.data() + text.size() && std::isfinite(value);
}

bool IsBoolean(std::string_view text) { return text == "true" || text == "false"; }

class Interpreter {
 public:
  Interpreter(const rules::Registry& registry, Config* out, Problem* problem)
      : registry_(registry), out_(out), problem_(problem) {}

  bool Run(const Value& root) {
    if (root.kind == Value::Kind::kNull) return true;  // an empty file: the defaults
    if (root.kind != Value::Kind::kMap) {
      return Fail(root, std::string("a faaslint config must be a mapping of keys to values, not ") +
                            (root.kind == Value::Kind::kList ? "a list" : "a single value"));
    }
    for (const auto& [key, value] : root.entries) {
      if (!Entry(key, value)) return false;
    }
    return true;
  }

 private:
  bool Fail(const Value& at, std::string message) {
    *problem_ = Problem{at.position, std::move(message)};
    return false;
  }

  // yaml-cpp places a missing value at the next token, often on the next line; the
  // key's position is where the user looks.
  static const Value& Where(const Value& value, const Value& key) {
    return value.kind == Value::Kind::kNull ? key : value;
  }

  bool Entry(const Value& key, const Value& value) {
    const std::string& name = key.text;
    if (std::find(std::begin(kKeys), std::end(kKeys), name) == std::end(kKeys)) {
      std::string hint = DidYouMean(name, kKeys);
      if (hint.empty()) {
        hint = " (known keys:";
        for (std::string_view known : kKeys) hint += " " + std::string(known) + ",";
        hint.back() = ')';
      }
      return Fail(key, "unknown key " + QuoteUserText(name) + hint);
    }
    if (value.kind == Value::Kind::kNull) return true;  // `key:` with nothing: as if absent
    if (name == "platform") {
      return Choice(value, name, ParsePlatform, "vercel, aws-lambda, generic", &out_->platform);
    }
    if (name == "plan") return Choice(value, name, ParsePlan, "hobby, pro, enterprise", &out_->plan);
    if (name == "fail-on") {
      return Choice(value, name, ParseSeverity, "error, warning, note", &out_->fail_on);
    }
    if (name == "select") {
      if (value.kind == Value::Kind::kList && value.items.empty()) {
        return Fail(value, "'select' must not be empty (leave it out to select every rule)");
      }
      return Selectors(value, key, "'select'", &out_->select);
    }
    if (name == "ignore") return Selectors(value, key, "'ignore'", &out_->ignore);
    if (name == "exclude") return Globs(value, &out_->exclude);
    if (name == "per-file-ignores") return PerFileIgnores(value);
    return RuleOptions(value);
  }

  template <typename T>
  bool Choice(const Value& value, std::string_view key, std::optional<T> (*parse)(std::string_view),
              std::string_view choices, std::optional<T>* out) {
    std::optional<T> parsed;
    if (value.kind == Value::Kind::kScalar) parsed = parse(value.text);
    if (!parsed) return Fail(value, QuoteUserText(key) + " must be one of " + std::string(choices));
    *out = parsed;
    return true;
  }

  // A single selector or a list of them.
  bool Selectors(const Value& value, const Value& key, const std::string& label,
                 std::vector<std::string>* out) {
    const std::string type_error = label + " must be a rule code or a list of rule codes";
    std::vector<const Value*> items;
    if (value.kind == Value::Kind::kScalar) {
      items.push_back(&value);
    } else if (value.kind == Value::Kind::kList) {
      for (const Value& item : value.items) items.push_back(&item);
    } else {
      return Fail(Where(value, key), type_error);
    }
    for (const Value* item : items) {
      if (item->kind != Value::Kind::kScalar) return Fail(*item, type_error);
      std::optional<std::string> prefix = NormalizeSelector(item->text, registry_);
      if (!prefix) return Fail(*item, UnknownSelectorMessage(item->text, registry_));
      out->push_back(std::move(*prefix));
    }
    return true;
  }

  bool Globs(const Value& value, std::vector<std::string>* out) {
    const char* type_error = "'exclude' must be a glob pattern or a list of glob patterns";
    if (value.kind == Value::Kind::kScalar) {
      out->push_back(value.text);
      return true;
    }
    if (value.kind != Value::Kind::kList) return Fail(value, type_error);
    for (const Value& item : value.items) {
      if (item.kind != Value::Kind::kScalar) return Fail(item, type_error);
      out->push_back(item.text);
    }
    return true;
  }

  bool PerFileIgnores(const Value& value) {
    if (value.kind != Value::Kind::kMap) {
      return Fail(value, "'per-file-ignores' must be a mapping of glob patterns to rule codes");
    }
    for (const auto& [pattern, codes] : value.entries) {
      std::vector<std::string> prefixes;
      if (!Selectors(codes, pattern, "'per-file-ignores' entry " + QuoteUserText(pattern.text), &prefixes)) {
        return false;
      }
      out_->per_file_ignores.emplace_back(pattern.text, std::move(prefixes));
    }
    return true;
  }

  bool RuleOptions(const Value& value) {
    if (value.kind != Value::Kind::kMap) {
      return Fail(value, "'rules' must be a mapping of rule codes to their options");
    }
    for (const auto& [key, options] : value.entries) {
      const rules::Rule* rule = registry_.Find(key.text);
      if (!rule) {
        if (NormalizeSelector(key.text, registry_)) {
          return Fail(key, QuoteUserText(key.text) + " is a code prefix; 'rules' needs a full rule code");
        }
        return Fail(key, UnknownSelectorMessage(key.text, registry_));
      }
      const RuleInfo& info = *rule->info;
      std::string code(info.code);
      if (out_->rule_options.count(code)) return Fail(key, "options for " + code + " are given twice");
      const std::string label = "'rules." + code;
      if (options.kind != Value::Kind::kMap) {
        return Fail(Where(options, key), label + "' must be a mapping of option names to values");
      }
      auto& values = out_->rule_options[code];
      for (const auto& [name, setting] : options.entries) {
        if (!Option(info, label, name, setting, &values)) return false;
      }
    }
    return true;
  }

  bool Option(const RuleInfo& info, const std::string& label, const Value& name,
              const Value& setting, std::map<std::string, std::string>* values) {
    const std::string code(info.code);
    if (info.options.empty()) return Fail(name, "rule " + code + " has no options");
    const RuleOption* option = nullptr;
    std::vector<std::string_view> known;
    for (const RuleOption& candidate : info.options) {
      if (candidate.name == name.text) option = &candidate;
      known.push_back(candidate.name);
    }
    if (!option) {
      return Fail(name, "unknown option " + QuoteUserText(name.text) + " for " + code + DidYouMean(name.text, known));
    }
    const std::string full = label + "." + name.text + "'";
    if (setting.kind != Value::Kind::kScalar) return Fail(Where(setting, name), full + " must be a single value");
    // An option's type is the type of its default.
    if (IsNumber(option->default_value)) {
      if (!IsNumber(setting.text)) return Fail(setting, full + " must be a number, not " + QuoteUserText(setting.text));
      // The number options are durations: 0 or less would report nothing (max-seconds) or
      // write a timeout requests refuses (timeout-seconds).
      if (std::strtod(setting.text.c_str(), nullptr) <= 0) {
        return Fail(setting, full + " must be above 0, not " + QuoteUserText(setting.text));
      }
    }
    if (IsBoolean(option->default_value) && !IsBoolean(setting.text)) {
      return Fail(setting, full + " must be true or false, not " + QuoteUserText(setting.text));
    }
    (*values)[name.text] = setting.text;
    return true;
  }

  const rules::Registry& registry_;
  Config* out_;
  Problem* problem_;
};

}  // namespace

bool Interpret(const Value& root, const rules::Registry& registry, Config* out, Problem* problem) {
  return Interpreter(registry, out, problem).Run(root);
}

}  // namespace faaslint::config
