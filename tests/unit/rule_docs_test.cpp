// docs/rules/ is generated from the rules' explanations; this test fails when a page is
// stale or missing. FAASLINT_UPDATE_DOCS=1 rewrites the pages instead
// (scripts/update-docs.sh does that).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "rules/registry.h"
#include "rules/rule_doc.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;

void CheckPage(const fs::path& path, const std::string& expected) {
  if (std::getenv("FAASLINT_UPDATE_DOCS")) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << expected;
    return;
  }
  ASSERT_TRUE(fs::exists(path)) << path << " is missing: run scripts/update-docs.sh";
  EXPECT_EQ(testing::ReadFile(path.string()), expected) << path << " is stale: run scripts/update-docs.sh";
}

TEST(RuleDocs, EveryRuleHasAnUpToDatePage) {
  fs::path dir = fs::path(FAASLINT_SOURCE_DIR) / "docs" / "rules";
  for (const rules::Rule& rule : rules::Registry::Get().all()) {
    CheckPage(dir / (std::string(rule.info->code) + ".md"), rules::RenderRuleDoc(*rule.info));
  }
  CheckPage(dir / "README.md", rules::RenderRuleIndex(rules::Registry::Get()));
}

// How to suppress a finding depends on the file it is in: `# noqa` in Python, the
// configuration for vercel.json (where a comment is itself an FL601 error).
TEST(RuleDocs, SuppressionAdviceFitsTheFileTheFindingsAreIn) {
  constexpr RuleInfo kPython{"FL101", "background-thread", Severity::kError, "thread", "## What it does\n"};
  EXPECT_TRUE(rules::RenderRuleDoc(kPython).ends_with(
      "\nSuppress one finding with `# noqa: FL101` on its line, or turn the rule off with `ignore: [FL101]` in "
      "`.faaslint.yaml`.\n"));

  constexpr RuleInfo kVercel{"FL702", "cron-too-frequent", Severity::kError, "cron", "## What it does\n", {},
                             FindingsIn::kVercelJson};
  std::string page = rules::RenderRuleDoc(kVercel);
  EXPECT_TRUE(page.ends_with("\nThis rule's findings are in vercel.json, which takes no comments (a `# noqa` there is "
                             "itself an FL601 error): suppress them in `.faaslint.yaml` with `per-file-ignores: "
                             "{\"vercel.json\": [FL702]}`, or turn the rule off with `ignore: [FL702]`.\n"))
      << page;
  EXPECT_EQ(page.find("# noqa: FL702"), std::string::npos) << page;
}

TEST(RuleDocs, NoPageForARuleThatDoesNotExist) {
  fs::path dir = fs::path(FAASLINT_SOURCE_DIR) / "docs" / "rules";
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string stem = entry.path().stem().string();
    if (stem == "README") continue;
    EXPECT_NE(rules::Registry::Get().Find(stem), nullptr) << entry.path() << " documents no registered rule";
  }
}

}  // namespace
}  // namespace faaslint
