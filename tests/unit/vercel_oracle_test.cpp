// Differential test against Vercel's own validators. tests/vercel-oracle/generate.py
// generated the cases, ran them through the oracle (vercel CLI 58.10.0 validateConfig,
// @vercel/routing-utils 6.6.0 and 5.3.3, @vercel/fs-detectors 7.7.3, the CLI's cron
// validator) and committed each case with the verdict faaslint must give: the oracle's,
// or "rejected" where docs/vercel-compat.md documents why faaslint is stricter.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/project_fixture.h"
#include "support/test_support.h"
#include "vercel/cron.h"
#include "vercel/js_regex.h"
#include "vercel/path_pattern.h"

namespace faaslint::testing {
namespace {

using nlohmann::json;

std::vector<json> LoadCases() {
  std::ifstream in(std::string(FAASLINT_SOURCE_DIR) + "/tests/vercel-oracle/cases.jsonl");
  std::vector<json> cases;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty()) cases.push_back(json::parse(line));
  }
  return cases;
}

// The rules whose errors fail a deploy in the oracle's terms. FL603's plan caps are left
// out: the oracle knows no plan.
constexpr const char* kBlockingRules[] = {"FL601", "FL602", "FL603", "FL604", "FL609", "FL701", "FL703"};

struct ConfigOutcome {
  bool ok = true;
  bool legacy_mix = false;
  bool unused_function = false;
  std::string findings;
};

ConfigOutcome CheckConfig(const json& c) {
  std::map<std::string, std::string> files{{"vercel.json", c["text"].get<std::string>()}};
  for (const json& file : c["files"]) files.emplace(file.get<std::string>(), "app = 1\n");
  ConfigOutcome outcome;
  Settings settings;
  settings.plan = Plan::kEnterprise;
  for (const char* code : kBlockingRules) {
    for (const Finding& f : RunProjectRule(code, files, settings)) {
      if (f.message.find("plan's maximum") != std::string::npos) continue;
      outcome.ok = false;
      outcome.findings += std::string(code) + " " + f.message + "\n";
    }
  }
  for (const Finding& f : RunProjectRule("FL608", files, settings)) {
    if (f.message.find("mixed") != std::string::npos) outcome.legacy_mix = true;
  }
  // detectBuilders' unused_function: a `functions` or `builds` pattern matching nothing
  // (FL605 also reports rewrites to a Python file that is no function, which it passes).
  for (const Finding& f : RunProjectRule("FL605", files, settings)) {
    if (f.message.find(" is not a function: ") == std::string::npos) outcome.unused_function = true;
  }
  return outcome;
}

TEST(VercelOracle, EnoughCasesOfEachKind) {
  size_t configs = 0, crons = 0;
  for (const json& c : LoadCases()) (c["kind"] == "cron" ? crons : configs)++;
  EXPECT_GE(configs, 500u);
  EXPECT_GE(crons, 2000u);
}

TEST(VercelOracle, CronVerdictsMatch) {
  size_t mismatches = 0;
  for (const json& c : LoadCases()) {
    if (c["kind"] != "cron") continue;
    vercel::CronSchedule schedule;
    std::optional<vercel::CronError> error = vercel::ParseCron(c["value"].get<std::string>(), &schedule);
    bool ok = !error;
    if (ok == c["expect_ok"].get<bool>()) continue;
    if (++mismatches <= 25) {
      ADD_FAILURE() << c["id"] << " \"" << c["value"].get<std::string>() << "\": faaslint "
                    << (ok ? "accepts" : "rejects (" + error->message + ")") << ", expected "
                    << (c["expect_ok"].get<bool>() ? "accept" : "reject") << "; oracle: " << c["oracle"].dump();
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(VercelOracle, ConfigVerdictsMatch) {
  size_t mismatches = 0;
  for (const json& c : LoadCases()) {
    if (c["kind"] != "config") continue;
    ConfigOutcome outcome = CheckConfig(c);
    std::string problem;
    if (outcome.ok != c["expect_ok"].get<bool>()) {
      problem = outcome.ok ? "faaslint accepts, expected reject" : "faaslint rejects, expected accept:\n" + outcome.findings;
    } else if (outcome.legacy_mix != c["expect_legacy_mix"].get<bool>()) {
      problem = outcome.legacy_mix ? "FL608 reports a mix routing-utils 5 accepts" : "FL608 misses a mix routing-utils 5 rejects";
    } else if (c.contains("expect_unused_function") &&
               outcome.unused_function != c["expect_unused_function"].get<bool>()) {
      problem = outcome.unused_function ? "FL605 reports a pattern fs-detectors accepts" : "FL605 misses an unused pattern";
    }
    if (problem.empty()) continue;
    if (++mismatches <= 25) {
      ADD_FAILURE() << c["id"] << ": " << problem << "\nconfig: " << c["value"].dump() << "\noracle: " << c["oracle"].dump();
    }
  }
  EXPECT_EQ(mismatches, 0u);
}

TEST(VercelOracle, EveryDeviationIsDocumented) {
  std::string doc = ReadFile(std::string(FAASLINT_SOURCE_DIR) + "/docs/vercel-compat.md");
  std::set<std::string> reasons;
  for (const json& c : LoadCases()) {
    if (c["deviation"].is_string()) reasons.insert(c["deviation"].get<std::string>());
  }
  EXPECT_FALSE(reasons.empty());
  for (const std::string& reason : reasons) {
    EXPECT_NE(doc.find("`" + reason + "`"), std::string::npos) << reason << " is not explained in docs/vercel-compat.md";
  }
}

}  // namespace
}  // namespace faaslint::testing

namespace faaslint::testing {
namespace {

// 3,000 random regexes judged by Node's RegExp and 3,000 random path patterns compiled
// by path-to-regexp 6.1.0 (tests/vercel-oracle/patterns.jsonl, from generate.py).
TEST(VercelOracle, RegexesAndPathPatternsMatchNode) {
  std::ifstream in(std::string(FAASLINT_SOURCE_DIR) + "/tests/vercel-oracle/patterns.jsonl");
  std::string line;
  size_t regexes = 0, paths = 0, mismatches = 0;
  auto unescape_slashes = [](std::string s) {  // RegExp#source writes `/` as `\/`
    for (size_t at; (at = s.find("\\/")) != std::string::npos;) s.erase(at, 1);
    return s;
  };
  while (std::getline(in, line)) {
    json c = json::parse(line);
    std::string value = c["value"].get<std::string>();
    bool node_ok = c["ok"].get<bool>();
    std::string problem;
    if (c["kind"] == "regex") {
      ++regexes;
      std::optional<vercel::JsRegexError> error = vercel::CheckJsRegex(value);
      if (error.has_value() == node_ok) {
        problem = node_ok ? "rejected (" + error->reason + "), Node accepts" : "accepted, Node rejects";
      } else if (error) {
        std::string message = c["message"].get<std::string>();
        std::string reason = message.substr(message.rfind(": ") + 2);
        if (reason != error->reason) problem = "reason \"" + error->reason + "\", Node says \"" + reason + "\"";
      }
    } else {
      ++paths;
      std::optional<std::string> regex = vercel::PathPatternRegex(value);
      if (regex.has_value() != node_ok) {
        problem = node_ok ? "rejected, path-to-regexp accepts" : "accepted, path-to-regexp rejects";
      } else if (regex && unescape_slashes(*regex) != unescape_slashes(c["source"].get<std::string>())) {
        problem = "compiles to " + *regex + ", path-to-regexp to " + c["source"].get<std::string>();
      }
    }
    if (problem.empty()) continue;
    if (++mismatches <= 25) ADD_FAILURE() << c["kind"] << " \"" << value << "\": " << problem;
  }
  EXPECT_GE(regexes, 3000u);
  EXPECT_GE(paths, 3000u);
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace faaslint::testing
