// .faaslint.yaml: the DESIGN §1 example loads; every kind of bad file is one line
// naming the file, line, column and cause.
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include <gtest/gtest.h>

#include "config/config.h"
#include "support/test_support.h"
#include "unit/config_test_rules.h"

namespace faaslint::config {
namespace {

using faaslint::testing::TempDir;
using testing::TestRegistry;

// Loads `yaml` as .faaslint.yaml; returns the error with the temp folder cut off, so
// expectations read as the user sees them from the project root ("" on success).
std::string LoadError(const std::string& yaml, Config* config = nullptr) {
  TempDir dir;
  dir.Write(".faaslint.yaml", yaml);
  Config loaded;
  std::string error;
  if (Load(dir / ".faaslint.yaml", TestRegistry(), &loaded, &error)) {
    if (config) *config = loaded;
    return "";
  }
  EXPECT_EQ(error.find('\n'), std::string::npos) << "one line: " << error;
  std::string prefix = dir.path() + "/";
  return error.rfind(prefix, 0) == 0 ? error.substr(prefix.size()) : error;
}

Config LoadOk(const std::string& yaml) {
  Config config;
  std::string error = LoadError(yaml, &config);
  EXPECT_EQ(error, "");
  return config;
}

TEST(ConfigLoad, DesignExampleLoadsToTheExpectedConfig) {
  Config config = LoadOk(R"(platform: vercel        # vercel | aws-lambda | generic
plan: hobby             # hobby | pro | enterprise
select: [FL]            # code prefixes
ignore: [FL205]
exclude: ["scripts/**"]
per-file-ignores: { "tests/**": [FL1, FL2] }
fail-on: warning
rules: { FL402: { max-seconds: 5 } }
)");
  EXPECT_EQ(config.platform, Platform::kVercel);
  EXPECT_EQ(config.plan, Plan::kHobby);
  EXPECT_EQ(config.select, (std::vector<std::string>{"FL"}));
  EXPECT_EQ(config.ignore, (std::vector<std::string>{"FL205"}));
  EXPECT_EQ(config.exclude, (std::vector<std::string>{"scripts/**"}));
  ASSERT_EQ(config.per_file_ignores.size(), 1u);
  EXPECT_EQ(config.per_file_ignores[0].first, "tests/**");
  EXPECT_EQ(config.per_file_ignores[0].second, (std::vector<std::string>{"FL1", "FL2"}));
  EXPECT_EQ(config.fail_on, Severity::kWarning);
  EXPECT_EQ(config.rule_options, (std::map<std::string, std::map<std::string, std::string>>{
                                     {"FL402", {{"max-seconds", "5"}}}}));
}

TEST(ConfigLoad, RecordsItsSourceAndBlockStyleWorksToo) {
  TempDir dir;
  dir.Write(".faaslint.yml", "platform: aws-lambda\nplan: pro\nfail-on: error\nselect:\n  - FL4\n");
  Config config;
  std::string error;
  ASSERT_TRUE(Load(dir / ".faaslint.yml", TestRegistry(), &config, &error)) << error;
  EXPECT_EQ(config.source, dir / ".faaslint.yml");
  EXPECT_EQ(config.platform, Platform::kAwsLambda);
  EXPECT_EQ(config.plan, Plan::kPro);
  EXPECT_EQ(config.fail_on, Severity::kError);
  EXPECT_EQ(config.select, (std::vector<std::string>{"FL4"}));
}

TEST(ConfigLoad, SingleStringsLowerCaseCodesAndRuleNamesAreAccepted) {
  Config config = LoadOk("select: fl1\nignore: [background-thread, FL106]\n"
                         "per-file-ignores:\n  \"tests/**\": FL2\n"
                         "rules:\n  missing-timeout: {check-httpx: false, client: httpx}\n");
  EXPECT_EQ(config.select, (std::vector<std::string>{"FL1"}));
  EXPECT_EQ(config.ignore, (std::vector<std::string>{"FL101", "FL106"}));
  EXPECT_EQ(config.per_file_ignores[0].second, (std::vector<std::string>{"FL2"}));
  EXPECT_EQ(config.rule_options["FL403"],
            (std::map<std::string, std::string>{{"check-httpx", "false"}, {"client", "httpx"}}));
}

TEST(ConfigLoad, EmptyFilesAndEmptyValuesMeanTheDefaults) {
  for (const char* text : {"", "# nothing yet\n", "---\n", "\n\n"}) {
    Config config = LoadOk(text);
    EXPECT_TRUE(config.select.empty()) << text;
    EXPECT_FALSE(config.platform.has_value()) << text;
  }
  Config config = LoadOk("platform:\nignore:\n");
  EXPECT_FALSE(config.platform.has_value());
  EXPECT_TRUE(config.ignore.empty());
}

TEST(ConfigLoad, ByteOrderMarkAndWindowsLineEndingsAreFine) {
  Config config = LoadOk("\xEF\xBB\xBFplatform: generic\r\nselect: [FL1]\r\n");
  EXPECT_EQ(config.platform, Platform::kGeneric);
  EXPECT_EQ(config.select, (std::vector<std::string>{"FL1"}));
}

TEST(ConfigLoad, TagsAreIgnoredNothingIsExecuted) {
  EXPECT_EQ(LoadError("select: !!python/object/apply:os.system [\"touch pwned\"]\n"),
            ".faaslint.yaml:1:42: unknown rule code 'touch pwned'");
  EXPECT_EQ(LoadOk("select: !!str FL1\n").select, (std::vector<std::string>{"FL1"}));
}

TEST(ConfigLoad, QuotedUserTextStaysOnOneShortLine) {
  EXPECT_EQ(LoadError("\"sel\\nect\": [FL1]\n"),
            ".faaslint.yaml:1:1: unknown key 'sel\\nect' (did you mean 'select'?)");
  EXPECT_EQ(LoadError("ignore: [\"" + std::string(500, 'x') + "\"]\n"),
            ".faaslint.yaml:1:10: unknown rule code '" + std::string(60, 'x') + "...'");
}

TEST(ConfigLoad, UnknownKeysAreNamedWithASuggestion) {
  EXPECT_EQ(LoadError("platform: vercel\n\nselct: [FL1]\n"),
            ".faaslint.yaml:3:1: unknown key 'selct' (did you mean 'select'?)");
  EXPECT_EQ(LoadError("fail_on: error\n"),
            ".faaslint.yaml:1:1: unknown key 'fail_on' (did you mean 'fail-on'?)");
  EXPECT_EQ(LoadError("verbose: true\n"),
            ".faaslint.yaml:1:1: unknown key 'verbose' (known keys: platform, plan, select, ignore, "
            "exclude, per-file-ignores, fail-on, rules)");
}

TEST(ConfigLoad, ValuesOutsideTheirChoicesAreNamed) {
  EXPECT_EQ(LoadError("fail-on: critical\n"),
            ".faaslint.yaml:1:10: 'fail-on' must be one of error, warning, note");
  EXPECT_EQ(LoadError("platform: netlify\n"),
            ".faaslint.yaml:1:11: 'platform' must be one of vercel, aws-lambda, generic");
  EXPECT_EQ(LoadError("plan: free\n"), ".faaslint.yaml:1:7: 'plan' must be one of hobby, pro, enterprise");
  EXPECT_EQ(LoadError("plan: [hobby]\n"), ".faaslint.yaml:1:7: 'plan' must be one of hobby, pro, enterprise");
}

TEST(ConfigLoad, WrongTypesAreNamed) {
  EXPECT_EQ(LoadError("select: {FL1: true}\n"),
            ".faaslint.yaml:1:9: 'select' must be a rule code or a list of rule codes");
  EXPECT_EQ(LoadError("ignore:\n  - [FL1]\n"),
            ".faaslint.yaml:2:5: 'ignore' must be a rule code or a list of rule codes");
  EXPECT_EQ(LoadError("exclude: {a: b}\n"),
            ".faaslint.yaml:1:10: 'exclude' must be a glob pattern or a list of glob patterns");
  EXPECT_EQ(LoadError("per-file-ignores: \"tests/**\"\n"),
            ".faaslint.yaml:1:19: 'per-file-ignores' must be a mapping of glob patterns to rule codes");
  EXPECT_EQ(LoadError("per-file-ignores:\n  \"tests/**\":\n"),
            ".faaslint.yaml:2:3: 'per-file-ignores' entry 'tests/**' must be a rule code or a list of rule codes");
  EXPECT_EQ(LoadError("rules: [FL402]\n"),
            ".faaslint.yaml:1:8: 'rules' must be a mapping of rule codes to their options");
  EXPECT_EQ(LoadError("rules:\n  FL402: 5\n"),
            ".faaslint.yaml:2:10: 'rules.FL402' must be a mapping of option names to values");
  EXPECT_EQ(LoadError("select: []\n"),
            ".faaslint.yaml:1:9: 'select' must not be empty (leave it out to select every rule)");
}

TEST(ConfigLoad, UnknownRuleCodesAreNamed) {
  EXPECT_EQ(LoadError("select: [FL1]\nignore: [FL205, FL999]\n"),
            ".faaslint.yaml:2:17: unknown rule code 'FL999'");
  EXPECT_EQ(LoadError("select: [E501]\n"), ".faaslint.yaml:1:10: unknown rule code 'E501'");
  EXPECT_EQ(LoadError("ignore: [backgrund-thread]\n"),
            ".faaslint.yaml:1:10: unknown rule code 'backgrund-thread' (did you mean 'background-thread'?)");
  EXPECT_EQ(LoadError("per-file-ignores: {\"a/**\": [FL8]}\n"),
            ".faaslint.yaml:1:29: unknown rule code 'FL8'");
  EXPECT_EQ(LoadError("rules:\n  FL999: {x: 1}\n"), ".faaslint.yaml:2:3: unknown rule code 'FL999'");
  EXPECT_EQ(LoadError("rules:\n  FL4: {max-seconds: 1}\n"),
            ".faaslint.yaml:2:3: 'FL4' is a code prefix; 'rules' needs a full rule code");
}

TEST(ConfigLoad, RuleOptionsAreCheckedAgainstTheRule) {
  EXPECT_EQ(LoadError("rules:\n  FL402:\n    max-secs: 5\n"),
            ".faaslint.yaml:3:5: unknown option 'max-secs' for FL402 (did you mean 'max-seconds'?)");
  EXPECT_EQ(LoadError("rules:\n  FL101: {max-seconds: 5}\n"),
            ".faaslint.yaml:2:11: rule FL101 has no options");
  EXPECT_EQ(LoadError("rules:\n  FL402: {max-seconds: five}\n"),
            ".faaslint.yaml:2:24: 'rules.FL402.max-seconds' must be a number, not 'five'");
  EXPECT_EQ(LoadError("rules:\n  FL403: {check-httpx: maybe}\n"),
            ".faaslint.yaml:2:24: 'rules.FL403.check-httpx' must be true or false, not 'maybe'");
  EXPECT_EQ(LoadError("rules:\n  FL402: {max-seconds: [5]}\n"),
            ".faaslint.yaml:2:24: 'rules.FL402.max-seconds' must be a single value");
  EXPECT_EQ(LoadError("rules:\n  FL402: {max-seconds: 5}\n  long-sleep: {max-seconds: 6}\n"),
            ".faaslint.yaml:3:3: options for FL402 are given twice");
  EXPECT_EQ(LoadOk("rules: {FL402: {max-seconds: 2.5}}\n").rule_options["FL402"]["max-seconds"], "2.5");
  // 0 used to turn FL402 off without a word.
  EXPECT_EQ(LoadError("rules:\n  FL402: {max-seconds: 0}\n"),
            ".faaslint.yaml:2:24: 'rules.FL402.max-seconds' must be above 0, not '0'");
  EXPECT_EQ(LoadError("rules:\n  FL402: {max-seconds: -5}\n"),
            ".faaslint.yaml:2:24: 'rules.FL402.max-seconds' must be above 0, not '-5'");
}

TEST(ConfigLoad, AFileThatIsNotAMappingIsRefused) {
  EXPECT_EQ(LoadError("- FL101\n- FL102\n"),
            ".faaslint.yaml:1:1: a faaslint config must be a mapping of keys to values, not a list");
  EXPECT_EQ(LoadError("just text\n"),
            ".faaslint.yaml:1:1: a faaslint config must be a mapping of keys to values, not a single value");
}

TEST(ConfigLoad, YamlSyntaxErrorsCarryTheirLine) {
  EXPECT_EQ(LoadError("select: [FL1, FL2\nignore: [FL205]\n"),
            ".faaslint.yaml:2:7: invalid YAML: end of sequence flow not found");
  EXPECT_EQ(LoadError("platform: vercel\n  plan: hobby\n"),
            ".faaslint.yaml:2:7: invalid YAML: illegal map value");
  EXPECT_EQ(LoadError("select: [FL1]\nselect: [FL2]\n"), ".faaslint.yaml:2:1: duplicate key 'select'");
  EXPECT_EQ(LoadError("platform: vercel\n---\nplan: pro\n"),
            ".faaslint.yaml:2:1: a config file holds one YAML document; this is a second one");
  EXPECT_EQ(LoadError("? [a, b]\n: c\n"), ".faaslint.yaml:1:3: keys must be plain strings");
}

TEST(ConfigLoad, AliasesAreRefusedSoABillionLaughsFileCostsNothing) {
  // Nine levels of nine aliases: 9^9 strings if expanded.
  std::string bomb = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
  for (int i = 1; i <= 9; ++i) {
    bomb += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [";
    for (int k = 0; k < 9; ++k) bomb += (k ? ", *a" : "*a") + std::to_string(i - 1);
    bomb += "]\n";
  }
  auto start = std::chrono::steady_clock::now();
  EXPECT_EQ(LoadError(bomb),
            ".faaslint.yaml:2:10: YAML aliases (*name) are not supported in a faaslint config");
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(1));
  EXPECT_EQ(LoadError("base: &b [FL1]\nselect: *b\n"),
            ".faaslint.yaml:2:9: YAML aliases (*name) are not supported in a faaslint config");
}

TEST(ConfigLoad, DeepNestingIsAnErrorNotACrash) {
  std::string deep = "select: " + std::string(100000, '[') + std::string(100000, ']') + "\n";
  std::string error = LoadError(deep);
  EXPECT_NE(error.find("YAML nesting is too deep"), std::string::npos) << error;
}

TEST(ConfigLoad, InvalidUtf8IsNamedWithItsPosition) {
  EXPECT_EQ(LoadError("platform: vercel\nplan: h\xF6\x62\x62y\n"),
            ".faaslint.yaml:2:8: invalid UTF-8 (a config file must be UTF-8 text)");
  EXPECT_EQ(LoadError("\xFF\xFE" "p\0l\0"),  // UTF-16 is not accepted either
            ".faaslint.yaml:1:1: invalid UTF-8 (a config file must be UTF-8 text)");
}

TEST(ConfigLoad, FilesThatCannotBeConfigsAreNamed) {
  TempDir dir;
  Config config;
  std::string error;
  std::filesystem::create_directory(dir / ".faaslint.yaml");
  EXPECT_FALSE(Load(dir / ".faaslint.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / ".faaslint.yaml: is a directory, not a config file");

  EXPECT_FALSE(Load(dir / "missing.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / "missing.yaml: cannot open: No such file or directory");

  // A FIFO must not block the run waiting for a writer.
  ASSERT_EQ(mkfifo((dir / "fifo.yaml").c_str(), 0600), 0);
  EXPECT_FALSE(Load(dir / "fifo.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / "fifo.yaml: is not a regular file");

  dir.Write("big.yaml", "# " + std::string(2 << 20, 'x') + "\n");
  EXPECT_FALSE(Load(dir / "big.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / "big.yaml: is larger than 1 MiB, too large for a config file");

  std::filesystem::create_directory(dir / "odd\nname");
  EXPECT_FALSE(Load(dir / "odd\nname/.faaslint.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / "odd\\nname/.faaslint.yaml: cannot open: No such file or directory");

  dir.Write("other.toml", "[tool.faaslint]\n");
  EXPECT_FALSE(Load(dir / "other.toml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / "other.toml: a TOML config must be pyproject.toml with a [tool.faaslint] table");
}

TEST(ConfigLoad, UnreadableFileIsNamed) {
  if (geteuid() == 0) GTEST_SKIP() << "root reads files whatever their mode";
  TempDir dir;
  dir.Write(".faaslint.yaml", "select: [FL1]\n");
  ASSERT_EQ(chmod((dir / ".faaslint.yaml").c_str(), 0), 0);
  Config config;
  std::string error;
  EXPECT_FALSE(Load(dir / ".faaslint.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(error, dir / ".faaslint.yaml: cannot open: Permission denied");
}

TEST(ConfigLoad, AFailedLoadLeavesTheOutputUntouched) {
  TempDir dir;
  dir.Write(".faaslint.yaml", "select: [FL1]\nplan: free\n");
  Config config;
  config.source = "before";
  std::string error;
  EXPECT_FALSE(Load(dir / ".faaslint.yaml", TestRegistry(), &config, &error));
  EXPECT_EQ(config.source, "before");
  EXPECT_TRUE(config.select.empty());
}

}  // namespace
}  // namespace faaslint::config
