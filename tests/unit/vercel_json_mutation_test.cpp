// The JSON reader against an independent strict parser (nlohmann::json::accept) on
// thousands of broken variants of the oracle configurations, and every vercel.json
// rule on the same inputs: no crash, every position inside the file.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "rules/registry.h"
#include "support/project_fixture.h"
#include "vercel/json.h"

namespace faaslint::testing {
namespace {

std::vector<std::string> ConfigTexts() {
  std::ifstream in(std::string(FAASLINT_SOURCE_DIR) + "/tests/vercel-oracle/cases.jsonl");
  std::vector<std::string> texts;
  std::string line;
  while (std::getline(in, line)) {
    nlohmann::json c = nlohmann::json::parse(line);
    if (c["kind"] == "config") texts.push_back(c["text"].get<std::string>());
  }
  return texts;
}

// ASCII-only edits: deletions, insertions of JSON punctuation, swaps, truncation.
std::string Mutate(std::string text, std::mt19937& rng) {
  static const std::string kInserts = "{}[],:\"\\/#*tfn0-1e. \n";
  int edits = 1 + static_cast<int>(rng() % 3);
  for (int e = 0; e < edits && !text.empty(); ++e) {
    size_t at = rng() % text.size();
    switch (rng() % 4) {
      case 0: text.erase(at, 1); break;
      case 1: text.insert(at, 1, kInserts[rng() % kInserts.size()]); break;
      case 2: std::swap(text[at], text[rng() % text.size()]); break;
      default: text.resize(at); break;
    }
  }
  return text;
}

uint32_t LineCount(const std::string& text) {
  return 1 + static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST(VercelJsonMutation, AgreesWithAStrictParserOnBrokenVariants) {
  std::mt19937 rng(1128);
  size_t checked = 0, rejected = 0;
  for (const std::string& original : ConfigTexts()) {
    for (int round = 0; round < 4; ++round) {
      std::string text = Mutate(original, rng);
      vercel::JsonDocument doc = vercel::ParseJson(text);
      bool only_duplicates = !doc.errors.empty() && std::all_of(doc.errors.begin(), doc.errors.end(), [](auto& e) {
        return e.message.starts_with("duplicate key");
      });
      bool ours = doc.errors.empty() || only_duplicates;  // nlohmann allows duplicate keys
      bool theirs = nlohmann::json::accept(text);
      EXPECT_EQ(ours, theirs) << "text:\n" << text << "\nfirst error: " << (doc.errors.empty() ? "" : doc.errors[0].message);
      for (const vercel::JsonDiagnostic& e : doc.errors) {
        EXPECT_GE(e.range.start.line, 1u);
        EXPECT_GE(e.range.start.column, 1u);
        EXPECT_LE(e.range.start.line, LineCount(text));
      }
      ++checked;
      rejected += !theirs;
      if (HasFailure()) return;
    }
  }
  EXPECT_GE(checked, 2000u);
  EXPECT_GE(rejected, checked / 4);  // the mutations do break most files
}

TEST(VercelJsonMutation, EveryProjectRuleSurvivesBrokenConfigs) {
  std::mt19937 rng(2026);
  std::vector<std::string> texts = ConfigTexts();
  for (size_t i = 0; i < texts.size(); i += 3) {
    std::string text = Mutate(texts[i], rng);
    std::map<std::string, std::string> files = {{"vercel.json", text}, {"api/index.py", "app = 1\n"}};
    for (const rules::Rule& rule : rules::Registry::Get().all()) {
      if (!rule.project || !(rule.info->code.starts_with("FL6") || rule.info->code.starts_with("FL7"))) continue;
      for (const Finding& f : RunProjectRule(std::string(rule.info->code), files)) {
        if (f.location.path != "vercel.json") continue;
        EXPECT_GE(f.location.range.start.column, 1u) << rule.info->code;
        EXPECT_LE(f.location.range.start.line, LineCount(text)) << rule.info->code << " " << f.message;
      }
    }
  }
}

}  // namespace
}  // namespace faaslint::testing
