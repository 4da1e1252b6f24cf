// [tool.faaslint] in pyproject.toml: the same keys and checks as .faaslint.yaml, with
// TOML positions.
#include <gtest/gtest.h>

#include "config/config.h"
#include "support/test_support.h"
#include "unit/config_test_rules.h"

#if FAASLINT_HAVE_TOML

namespace faaslint::config {
namespace {

using faaslint::testing::TempDir;
using testing::TestRegistry;

std::string LoadPyproject(const std::string& toml, Config* config) {
  TempDir dir;
  dir.Write("pyproject.toml", toml);
  std::string error;
  if (Load(dir / "pyproject.toml", TestRegistry(), config, &error)) return "";
  std::string prefix = dir.path() + "/";
  return error.rfind(prefix, 0) == 0 ? error.substr(prefix.size()) : error;
}

TEST(ConfigPyproject, TheDesignExampleAsATable) {
  Config config;
  ASSERT_EQ(LoadPyproject(R"([project]
name = "events"

[tool.faaslint]
platform = "vercel"
plan = "hobby"
select = ["FL"]
ignore = ["FL205"]
exclude = ["scripts/**"]
fail-on = "warning"

[tool.faaslint.per-file-ignores]
"tests/**" = ["FL1", "FL2"]

[tool.faaslint.rules.FL402]
max-seconds = 5
)",
                          &config),
            "");
  EXPECT_EQ(config.platform, Platform::kVercel);
  EXPECT_EQ(config.plan, Plan::kHobby);
  EXPECT_EQ(config.select, (std::vector<std::string>{"FL"}));
  EXPECT_EQ(config.ignore, (std::vector<std::string>{"FL205"}));
  EXPECT_EQ(config.exclude, (std::vector<std::string>{"scripts/**"}));
  ASSERT_EQ(config.per_file_ignores.size(), 1u);
  EXPECT_EQ(config.per_file_ignores[0].second, (std::vector<std::string>{"FL1", "FL2"}));
  EXPECT_EQ(config.fail_on, Severity::kWarning);
  EXPECT_EQ(config.rule_options["FL402"]["max-seconds"], "5");
}

TEST(ConfigPyproject, TomlNumbersAndBooleansReadLikeYamlScalars) {
  Config config;
  ASSERT_EQ(LoadPyproject("[tool.faaslint.rules.FL403]\ncheck-httpx = false\ndefault-seconds = 2.5\n", &config), "");
  EXPECT_EQ(config.rule_options["FL403"],
            (std::map<std::string, std::string>{{"check-httpx", "false"}, {"default-seconds", "2.5"}}));
}

TEST(ConfigPyproject, ErrorsNameTheTomlLineAndColumn) {
  Config config;
  EXPECT_EQ(LoadPyproject("[project]\nname = \"x\"\n[tool.faaslint]\nselct = [\"FL1\"]\n", &config),
            "pyproject.toml:4:1: unknown key 'selct' (did you mean 'select'?)");
  EXPECT_EQ(LoadPyproject("[tool.faaslint]\nfail-on = \"critical\"\n", &config),
            "pyproject.toml:2:11: 'fail-on' must be one of error, warning, note");
  EXPECT_EQ(LoadPyproject("[tool.faaslint]\nignore = [\"FL205\", \"FL999\"]\n", &config),
            "pyproject.toml:2:20: unknown rule code 'FL999'");
  EXPECT_EQ(LoadPyproject("[tool.faaslint]\nselect = { FL1 = true }\n", &config),
            "pyproject.toml:2:10: 'select' must be a rule code or a list of rule codes");
  EXPECT_EQ(LoadPyproject("[tool.faaslint]\nplatform = 3\n", &config),
            "pyproject.toml:2:12: 'platform' must be one of vercel, aws-lambda, generic");
  EXPECT_EQ(LoadPyproject("[tool.faaslint.rules.FL402]\nmax-seconds = \"five\"\n", &config),
            "pyproject.toml:2:15: 'rules.FL402.max-seconds' must be a number, not 'five'");
}

TEST(ConfigPyproject, TomlSyntaxErrorsCarryTheirLine) {
  Config config;
  std::string error = LoadPyproject("[tool.faaslint]\nselect = [\"FL1\"\n", &config);
  EXPECT_EQ(error.rfind("pyproject.toml:2:", 0), 0u) << error;
  EXPECT_NE(error.find("invalid TOML: "), std::string::npos) << error;
  EXPECT_EQ(LoadPyproject("[tool.faaslint]\nplan = \"h\xF6\x62\x62y\"\n", &config),
            "pyproject.toml:2:10: invalid UTF-8 (a config file must be UTF-8 text)");
  // A header missing its `]` is the table, broken: an error, not a file without it.
  error = LoadPyproject("[project]\nname = \"x\"\n[tool.faaslint\nselect = [\"FL1\"]\n", &config);
  EXPECT_EQ(error.rfind("pyproject.toml:3:", 0), 0u) << error;
  EXPECT_NE(error.find("invalid TOML: "), std::string::npos) << error;
  EXPECT_EQ(LoadPyproject("[tool.faaslintish]\nx = 1\n", &config), "pyproject.toml: has no [tool.faaslint] table");
}

TEST(ConfigPyproject, WithoutTheTableItIsNotAConfig) {
  Config config;
  EXPECT_EQ(LoadPyproject("[project]\nname = \"x\"\n[tool.ruff]\nselect = [\"E\"]\n", &config),
            "pyproject.toml: has no [tool.faaslint] table");
}

}  // namespace
}  // namespace faaslint::config

#endif  // FAASLINT_HAVE_TOML
