#include "vercel/python_builder_versions.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <string_view>
#include <tuple>
#include <vector>

namespace faaslint::vercel {
namespace {

// Source: `npm view @vercel/python versions --json` on 2026-12-01 (the npm registry; the
// newest was 25.0.0, published 2026-10-13). Versions published after that date are
// newer than the last entry and never reported.
constexpr std::array<std::string_view, 232> kPublished = {
    "1.2.2-canary.2", "1.2.2", "1.2.3", "1.2.4", "1.2.5-canary.0", "1.2.5-canary.1", "2.0.0", "2.0.1", "2.0.3",
    "2.0.4", "2.0.5", "2.2.0", "2.2.1", "2.2.2", "2.3.0", "2.3.1-canary.3", "2.3.1", "2.3.2", "2.3.3", "2.3.4",
    "3.0.0", "3.0.1", "3.0.2", "3.0.3", "3.0.4", "3.0.5", "3.0.6", "3.0.7", "3.1.0", "3.1.1", "3.1.2", "3.1.3",
    "3.1.4", "3.1.5", "3.1.7", "3.1.8", "3.1.9", "3.1.10", "3.1.11", "3.1.12", "3.1.13", "3.1.14", "3.1.15",
    "3.1.16", "3.1.17", "3.1.19", "3.1.20", "3.1.21", "3.1.22", "3.1.24", "3.1.25", "3.1.26", "3.1.27",
    "3.1.28", "3.1.29", "3.1.30", "3.1.31", "3.1.32", "3.1.33", "3.1.34", "3.1.39", "3.1.40", "3.1.41",
    "3.1.42", "3.1.43", "3.1.44", "3.1.45", "3.1.46", "3.1.47", "3.1.48", "3.1.49", "3.1.50", "3.1.51",
    "3.1.53", "3.1.54", "3.1.55", "3.1.56", "3.1.57", "3.1.58", "3.1.59", "3.1.60", "4.0.0", "4.0.1", "4.0.2",
    "4.1.0", "4.1.1", "4.2.0", "4.3.0", "4.3.1", "4.4.0", "4.4.1", "4.5.0", "4.5.1", "4.6.0", "4.7.0", "4.7.1",
    "4.7.2", "4.7.4", "4.8.0", "5.0.0", "5.0.1", "5.0.2", "5.0.3", "5.0.4", "5.0.5", "5.0.7", "5.0.8", "5.0.9",
    "5.0.10", "6.0.0", "6.0.1", "6.0.2", "6.0.3", "6.0.4", "6.0.5", "6.0.6", "6.0.7", "6.0.8", "6.1.0",
    "6.1.1", "6.1.2", "6.1.3", "6.1.4", "6.1.5", "6.1.6", "6.2.0", "6.2.1", "6.3.0", "6.3.1", "6.3.2", "6.4.0",
    "6.4.1", "6.4.2", "6.5.0", "6.5.1", "6.6.0", "6.7.0", "6.8.0", "6.9.0", "6.10.0", "6.11.0", "6.11.1",
    "6.12.0", "6.13.0", "6.14.0", "6.14.1", "6.15.0", "6.15.1", "6.16.0", "6.16.1", "6.17.0", "6.18.0",
    "6.19.0", "6.20.0", "6.20.1", "6.20.2", "6.21.0", "6.22.0", "6.22.1", "6.23.0", "6.24.0", "6.25.0",
    "6.26.0", "6.28.0", "6.29.0", "6.30.0", "6.30.1", "6.31.0", "6.32.0", "6.33.0", "6.33.1", "6.33.2",
    "6.34.0", "6.35.0", "6.36.0", "6.36.1", "6.37.0", "6.38.0", "6.39.0", "6.40.0", "6.41.0", "6.42.0",
    "6.43.0", "6.43.1", "6.43.2", "6.43.3", "6.44.0", "6.44.1", "6.45.0", "6.45.1", "6.47.0", "6.47.1",
    "6.47.2", "6.47.3", "6.48.0", "6.49.0", "6.50.0", "6.51.0", "6.51.1", "6.52.0", "6.53.0", "6.54.0",
    "6.54.1", "6.55.1", "6.55.2", "6.55.3", "6.56.0", "6.56.1", "6.56.2", "6.57.1", "6.58.0", "7.0.0", "8.0.0",
    "9.0.0", "10.0.1", "11.0.0", "12.0.0", "13.0.0", "13.0.1", "13.0.2", "13.0.3", "13.0.4", "14.0.0",
    "14.1.0", "14.1.1", "14.2.0", "14.2.1", "16.0.0", "17.0.1", "24.0.0", "24.0.1", "25.0.0",
};

using Triple = std::tuple<int, int, int>;

// MAJOR, MAJOR.MINOR or MAJOR.MINOR.PATCH: digits and dots, nothing else (no prerelease,
// operator, `x` or tag).
std::optional<std::vector<int>> DottedNumbers(std::string_view text) {
  std::vector<int> numbers;
  while (numbers.size() < 3) {
    int number = 0;
    auto [next, error] = std::from_chars(text.data(), text.data() + text.size(), number);
    if (error != std::errc() || next == text.data()) return std::nullopt;
    numbers.push_back(number);
    text.remove_prefix(next - text.data());
    if (text.empty()) return numbers;
    if (!text.starts_with('.')) return std::nullopt;
    text.remove_prefix(1);
  }
  return std::nullopt;
}

// The lowest version `numbers` names: a missing part is 0.
Triple Lowest(const std::vector<int>& numbers) {
  return {numbers[0], numbers.size() > 1 ? numbers[1] : 0, numbers.size() > 2 ? numbers[2] : 0};
}

Triple Newest() { return Lowest(*DottedNumbers(NewestPythonBuilderVersion())); }

bool IsListed(std::string_view version) {
  return std::find(kPublished.begin(), kPublished.end(), version) != kPublished.end();
}

// The newest published release (prereleases are outside npm's ranges) whose leading
// parts are `numbers`: 3.9 -> 3.9.x. nullopt when none is.
std::optional<Triple> NewestPublishedIn(const std::vector<int>& numbers) {
  std::optional<Triple> newest;
  for (std::string_view published : kPublished) {
    std::optional<std::vector<int>> release = DottedNumbers(published);
    if (!release || release->size() != 3 || !std::equal(numbers.begin(), numbers.end(), release->begin())) continue;
    newest = std::max(newest.value_or(Triple{}), Lowest(*release));
  }
  return newest;
}

// What npm installs for `version`: itself when it is exact and published, the newest
// release in a partial one's range; nullopt for the rest.
std::optional<Triple> Installed(std::string_view version) {
  std::optional<std::vector<int>> numbers = DottedNumbers(version);
  if (!numbers) return std::nullopt;
  if (numbers->size() == 3) return IsListed(version) ? std::optional(Lowest(*numbers)) : std::nullopt;
  return NewestPublishedIn(*numbers);
}

}  // namespace

BuilderVersion PythonBuilderVersion(std::string_view version) {
  if (IsListed(version)) return BuilderVersion::kPublished;
  std::optional<std::vector<int>> numbers = DottedNumbers(version);
  if (!numbers || Lowest(*numbers) > Newest()) return BuilderVersion::kUnknown;
  if (numbers->size() < 3 && NewestPublishedIn(*numbers)) return BuilderVersion::kPublished;
  return BuilderVersion::kNeverPublished;
}

bool IsPartialVersion(std::string_view version) {
  std::optional<std::vector<int>> numbers = DottedNumbers(version);
  return numbers && numbers->size() < 3;
}

bool LooksLikePythonVersion(std::string_view version) {
  std::optional<std::vector<int>> numbers = DottedNumbers(version);
  return numbers && numbers->size() > 1 && (*numbers)[0] == 3 && (*numbers)[1] >= 2 && (*numbers)[1] <= 99;
}

bool PythonBuilderServesHandlerBeforeApp(std::string_view version) {
  std::optional<Triple> installed = Installed(version);
  return installed && *installed < Triple{6, 28, 0};
}

std::string_view NewestPythonBuilderVersion() { return kPublished.back(); }

}  // namespace faaslint::vercel
