// Cron schedules, JavaScript regular expressions (route `src`), path patterns
// (rewrite/redirect `source`, `destination`) and globs (`functions` keys, config
// `exclude`) on arbitrary text. The first byte picks the parser, the rest is the text.
#include <fmt/format.h>

#include "core/glob.h"
#include "glob_reference.h"
#include "harness.h"
#include "vercel/cron.h"
#include "vercel/js_regex.h"
#include "vercel/path_pattern.h"

namespace faaslint::fuzz {

namespace {

// Pattern and path, split at the first newline (no newline: the pattern against
// itself). Glob must agree with the naive reference wherever that one is defined and
// cheap enough: its memo is pattern x path, times the alternatives.
std::string CheckGlob(std::string_view text) {
  const size_t newline = text.find('\n');
  const std::string_view pattern = text.substr(0, newline);
  const std::string_view path = newline == std::string_view::npos ? pattern : text.substr(newline + 1);
  const bool matches = Glob(pattern).Matches(path);
  if (pattern.size() > 128 || path.size() > 128) return {};
  if (std::optional<bool> expected = ReferenceGlobMatch(pattern, path); expected && *expected != matches) {
    return fmt::format("glob: {:?} {} {:?}, the reference says otherwise", pattern, matches ? "matches" : "does not match", path);
  }
  return {};
}

}  // namespace

std::string CheckCron(std::string_view data) {
  if (data.empty()) return {};
  const uint8_t which = static_cast<uint8_t>(data[0]) % 4;
  if (which == 3) return CheckGlob(data.substr(1));
  const std::string_view text = data.substr(1);
  if (which == 0) {
    vercel::CronSchedule schedule;
    if (std::optional<vercel::CronError> error = vercel::ParseCron(text, &schedule)) {
      if (error->message.empty()) return "cron: an error without a message";
      if (error->offset + error->length > text.size()) return "cron: the error points past the expression";
      return {};
    }
    for (size_t field = 0; field < 5; ++field) {
      if (schedule.Count(field) == 0) return fmt::format("cron: field {} accepted but matches nothing", field);
    }
    if (schedule.RunsPerDay() == 0 || schedule.RunsPerDay() > 24 * 60) return "cron: runs per day out of range";
    return {};
  }
  if (which == 1) {
    if (std::optional<vercel::JsRegexError> error = vercel::CheckJsRegex(text)) {
      if (vercel::Describe(*error).empty()) return "regex: an error without a description";
    }
    return {};
  }
  std::vector<std::string> segments;
  (void)vercel::ParsePathPattern(text, &segments);
  (void)vercel::PathPatternRegex(text);
  (void)vercel::DestinationSegments(text);
  return {};
}

}  // namespace faaslint::fuzz
