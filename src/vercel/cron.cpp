#include "vercel/cron.h"

#include <fmt/format.h>

#include <cctype>

namespace faaslint::vercel {

const std::array<CronFieldSpec, 5> kCronFields = {{
    {"minute", 0, 59},
    {"hour", 0, 23},
    {"day of month", 1, 31},
    {"month", 1, 12},
    {"day of week", 0, 6},  // Vercel's docs: 0-6, Sunday is 0 (7 is not accepted)
}};

size_t CronSchedule::Count(size_t field) const {
  size_t n = 0;
  for (bool on : matches[field]) n += on;
  return n;
}

namespace {

constexpr size_t kMaxLength = 256;  // vercel@58.10.0 cronsSchema: schedule maxLength 256
constexpr std::string_view kFields =
    "minute 0-59, hour 0-23, day of month 1-31, month 1-12, day of week 0-6";

std::string Allowed(const CronFieldSpec& field) {
  std::string text = fmt::format("the {} field takes {}-{}", field.name, field.min, field.max);
  if (field.name == "day of week") text += " (Sunday is 0)";
  return text;
}

bool AllDigits(std::string_view s) {
  if (s.empty() || s.size() > 9) return false;
  for (char c : s) {
    if (!isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

class FieldParser {
 public:
  FieldParser(const CronFieldSpec& spec, std::string_view text, size_t offset, std::vector<bool>* matches)
      : spec_(spec), text_(text), offset_(offset), matches_(matches) {}

  std::optional<CronError> Run() {
    matches_->assign(spec_.max + 1, false);
    if (std::optional<CronError> e = Unsupported()) return e;
    size_t start = 0;
    while (true) {
      size_t comma = text_.find(',', start);
      std::string_view part = text_.substr(start, comma == std::string_view::npos ? text_.npos : comma - start);
      if (std::optional<CronError> e = Part(part, start)) return e;
      if (comma == std::string_view::npos) return std::nullopt;
      start = comma + 1;
    }
  }

 private:
  CronError Error(size_t at, size_t length, std::string problem) const {
    return {offset_ + at, length, fmt::format("{} field: {}; {}", spec_.name, problem, Allowed(spec_))};
  }

  // Syntax other cron dialects have and Vercel does not.
  std::optional<CronError> Unsupported() const {
    for (size_t i = 0; i < text_.size(); ++i) {
      char c = text_[i];
      if (isalpha(static_cast<unsigned char>(c))) {
        size_t end = i;
        while (end < text_.size() && isalpha(static_cast<unsigned char>(text_[end]))) ++end;
        std::string_view word = text_.substr(i, end - i);
        if (word == "L" || word == "W" || word == "LW") {
          return Error(i, word.size(), fmt::format("`{}` (last/weekday) is not supported", word));
        }
        return Error(i, word.size(), fmt::format("names like `{}` are not supported, use numbers", word));
      }
      if (c == '?' || c == '#') {
        return Error(i, 1, fmt::format("`{}` is not supported", c));
      }
      if (!isdigit(static_cast<unsigned char>(c)) && c != '*' && c != ',' && c != '-' && c != '/') {
        return Error(i, 1, fmt::format("unexpected character `{}`", c));
      }
    }
    return std::nullopt;
  }

  std::optional<CronError> Value(std::string_view digits, size_t at, int* value) const {
    if (!AllDigits(digits)) {
      return Error(at, digits.size(),
                   digits.empty() ? std::string("a number is missing") : fmt::format("`{}` is not a number", digits));
    }
    *value = ToInt(digits);
    if (*value < spec_.min || *value > spec_.max) {
      return Error(at, digits.size(), fmt::format("{} is out of range", *value));
    }
    return std::nullopt;
  }

  std::optional<CronError> Part(std::string_view part, size_t at) {
    if (part.empty()) return Error(at, 0, "empty list element");
    int step = 1;
    size_t slash = part.find('/');
    std::string_view base = part.substr(0, slash);
    if (slash != std::string_view::npos) {
      std::string_view step_text = part.substr(slash + 1);
      if (!AllDigits(step_text) || ToInt(step_text) < 1) {
        return Error(at + slash + 1, step_text.size(), fmt::format("step `{}` must be a whole number of at least 1", step_text));
      }
      step = ToInt(step_text);
      if (base != "*" && base.find('-') == std::string_view::npos) {
        return Error(at, part.size(),
                     fmt::format("a step needs `*` or a range before `/` (write `*/{}` or `{}-{}/{}`)", step, base,
                                 spec_.max, step));
      }
    }
    int low = spec_.min, high = spec_.max;
    if (base == "*") {
      // every value
    } else if (size_t dash = base.find('-'); dash != std::string_view::npos) {
      if (std::optional<CronError> e = Value(base.substr(0, dash), at, &low)) return e;
      if (std::optional<CronError> e = Value(base.substr(dash + 1), at + dash + 1, &high)) return e;
      if (low > high) return Error(at, base.size(), fmt::format("range `{}` runs backwards", base));
    } else {
      if (std::optional<CronError> e = Value(base, at, &low)) return e;
      high = low;
    }
    for (int v = low; v <= high; v += step) (*matches_)[v] = true;
    return std::nullopt;
  }

  const CronFieldSpec& spec_;
  std::string_view text_;
  size_t offset_;
  std::vector<bool>* matches_;
};

}  // namespace

std::optional<CronError> ParseCron(std::string_view expression, CronSchedule* schedule) {
  if (expression.size() > kMaxLength) {
    return CronError{0, expression.size(),
                     fmt::format("schedule is {} characters long; the limit is {} for its five fields ({})",
                                 expression.size(), kMaxLength, kFields)};
  }
  if (!expression.empty() && expression[0] == '@') {
    return CronError{0, expression.size(),
                     fmt::format("macros like `{}` are not supported; write the five fields ({})", expression,
                                 kFields)};
  }
  // Fields are separated by spaces or tabs, as the Vercel CLI splits them.
  std::vector<std::pair<size_t, std::string_view>> fields;
  size_t i = 0;
  while (i < expression.size()) {
    while (i < expression.size() && (expression[i] == ' ' || expression[i] == '\t')) ++i;
    size_t start = i;
    while (i < expression.size() && expression[i] != ' ' && expression[i] != '\t') ++i;
    if (i > start) fields.push_back({start, expression.substr(start, i - start)});
  }
  if (fields.size() != kCronFields.size()) {
    return CronError{0, expression.size(),
                     fmt::format("a schedule has 5 fields ({}), this one has {}", kFields, fields.size())};
  }
  for (size_t f = 0; f < fields.size(); ++f) {
    FieldParser parser(kCronFields[f], fields[f].second, fields[f].first, &schedule->matches[f]);
    if (std::optional<CronError> e = parser.Run()) return e;
  }
  if (fields[2].second != "*" && fields[4].second != "*") {
    return CronError{fields[2].first, fields[4].first + fields[4].second.size() - fields[2].first,
                     "day of month and day of week are both set; Vercel needs one of them to be `*` "
                     "(day of month 1-31, day of week 0-6)"};
  }
  return std::nullopt;
}

}  // namespace faaslint::vercel
