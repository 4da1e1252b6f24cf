// The fixes rules attach to findings (FL101, FL401, FL403), through the real pipeline:
// parse -> rule -> noqa/filter -> PlanFixes. Each case states the text before and after;
// the fixed text is checked again and the rule must be silent on it.
#include <gtest/gtest.h>

#include "lint/fix.h"
#include "lint/lint.h"
#include "rules/registry.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

struct FixOutcome {
  std::string text;        // the file after --fix
  size_t findings = 0;     // reported before fixing
  size_t fixed = 0;
  size_t remaining = 0;    // reported on the fixed text
};

std::vector<Finding> LintOne(const std::string& code, const std::string& source,
                             const std::map<std::string, std::string>& options, testing::TempDir& dir,
                             std::unique_ptr<Snapshot>* snapshot) {
  dir.Write("app.py", source);
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(dir.path(), &error);
  changes.changed.emplace("app.py", LineSet::All());
  lint::LintOptions lint_options;
  lint_options.filter.enabled = [code](std::string_view candidate) { return candidate == code; };
  if (!options.empty()) lint_options.rule_options[code] = options;
  std::vector<Finding> findings = lint::Lint(changes, lint_options, rules::Registry::Get()).findings;
  *snapshot = std::move(changes.snapshot);
  return findings;
}

FixOutcome Fix(const std::string& code, const std::string& source,
               const std::map<std::string, std::string>& options = {}) {
  testing::TempDir dir;
  std::unique_ptr<Snapshot> snapshot;
  std::vector<Finding> findings = LintOne(code, source, options, dir, &snapshot);
  std::vector<lint::Problem> problems;
  std::vector<lint::FileFix> plans = lint::PlanFixes(findings, *snapshot, &problems);
  FixOutcome outcome;
  outcome.findings = findings.size();
  outcome.text = source;
  if (!plans.empty()) {
    outcome.text = plans[0].after;
    outcome.fixed = plans[0].fixed.size();
  }
  testing::TempDir again;
  std::unique_ptr<Snapshot> unused;
  outcome.remaining = LintOne(code, outcome.text, options, again, &unused).size();
  return outcome;
}

// ---- FL401: wrap the server start in the __main__ guard ---------------------------

TEST(RuleFixes, ServerStartIsWrappedInTheMainGuard) {
  FixOutcome outcome = Fix("FL401",
                           "from flask import Flask\n"
                           "app = Flask(__name__)\n"
                           "app.run(debug=True)  # local server\n"
                           "print('after')\n");
  EXPECT_EQ(outcome.text,
            "from flask import Flask\n"
            "app = Flask(__name__)\n"
            "if __name__ == \"__main__\":\n"
            "    app.run(debug=True)  # local server\n"
            "print('after')\n");
  EXPECT_EQ(outcome.fixed, 1u);
  EXPECT_EQ(outcome.remaining, 0u);
}

TEST(RuleFixes, MultiLineStatementIsReindentedWholeAndCrLfIsKept) {
  FixOutcome outcome = Fix("FL401",
                           "import uvicorn\r\n"
                           "uvicorn.run(\r\n"
                           "    \"main:app\",\r\n"
                           "\r\n"
                           "    port=8000,\r\n"
                           ")\r\n");
  EXPECT_EQ(outcome.text,
            "import uvicorn\r\n"
            "if __name__ == \"__main__\":\r\n"
            "    uvicorn.run(\r\n"
            "        \"main:app\",\r\n"
            "\r\n"
            "        port=8000,\r\n"
            "    )\r\n");
  EXPECT_EQ(outcome.remaining, 0u);
}

TEST(RuleFixes, TabIndentedFileGetsTabsAndNestedStatementsKeepTheirIndent) {
  FixOutcome outcome = Fix("FL401",
                           "from flask import Flask\n"
                           "app = Flask(__name__)\n"
                           "def helper():\n"
                           "\treturn 1\n"
                           "try:\n"
                           "\tapp.run()\n"
                           "except OSError:\n"
                           "\tpass\n");
  EXPECT_EQ(outcome.text,
            "from flask import Flask\n"
            "app = Flask(__name__)\n"
            "def helper():\n"
            "\treturn 1\n"
            "try:\n"
            "\tif __name__ == \"__main__\":\n"
            "\t\tapp.run()\n"
            "except OSError:\n"
            "\tpass\n");
  EXPECT_EQ(outcome.remaining, 0u);
}

TEST(RuleFixes, TwoSpaceIndentationIsFollowed) {
  FixOutcome outcome = Fix("FL401",
                           "from flask import Flask\n"
                           "app = Flask(__name__)\n"
                           "if app:\n"
                           "  app.run()\n");
  EXPECT_EQ(outcome.text,
            "from flask import Flask\n"
            "app = Flask(__name__)\n"
            "if app:\n"
            "  if __name__ == \"__main__\":\n"
            "    app.run()\n");
}

TEST(RuleFixes, StatementSharingItsLineIsReportedButNotFixed) {
  const std::string source =
      "from flask import Flask\n"
      "app = Flask(__name__)\n"
      "x = 1; app.run()\n"
      "app.run(); print('x')\n";
  FixOutcome outcome = Fix("FL401", source);
  EXPECT_EQ(outcome.findings, 2u);
  EXPECT_EQ(outcome.fixed, 0u);
  EXPECT_EQ(outcome.text, source);
}

TEST(RuleFixes, GuardedAndSuppressedStartsAreLeftAlone) {
  const std::string source =
      "from flask import Flask\n"
      "app = Flask(__name__)\n"
      "if __name__ == \"__main__\":\n"
      "    app.run()\n"
      "app.run()  # noqa: FL401\n";
  FixOutcome outcome = Fix("FL401", source);
  EXPECT_EQ(outcome.findings, 0u);
  EXPECT_EQ(outcome.text, source);
}

TEST(RuleFixes, MultiLineStringArgumentIsNotReindented) {
  const std::string source =
      "from flask import Flask\n"
      "app = Flask(__name__)\n"
      "app.run(host=\"\"\"0.0.0.0\n"
      "\"\"\")\n";
  FixOutcome outcome = Fix("FL401", source);
  EXPECT_EQ(outcome.findings, 1u);
  EXPECT_EQ(outcome.text, source) << "re-indenting would change the string's value";
}

// ---- FL101: guard an import-time start with the platform check ---------------------

TEST(RuleFixes, ImportTimeThreadIsGuardedAndOsImportedWithTheOtherImports) {
  FixOutcome outcome = Fix("FL101",
                           "\"\"\"Doc.\"\"\"\n"
                           "import threading\n"
                           "\n"
                           "def work():\n"
                           "    pass\n"
                           "\n"
                           "threading.Thread(target=work, daemon=True).start()\n");
  EXPECT_EQ(outcome.text,
            "\"\"\"Doc.\"\"\"\n"
            "import os\n"
            "import threading\n"
            "\n"
            "def work():\n"
            "    pass\n"
            "\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    threading.Thread(target=work, daemon=True).start()\n");
  EXPECT_EQ(outcome.remaining, 0u) << "the platform check is a guard the rule knows";
}

TEST(RuleFixes, ExistingOsImportIsReusedAndTwoStartsShareIt) {
  FixOutcome outcome = Fix("FL101",
                           "import os\n"
                           "from threading import Thread\n"
                           "def work():\n"
                           "    pass\n"
                           "Thread(target=work).start()\n"
                           "Thread(target=work).start()\n");
  EXPECT_EQ(outcome.text,
            "import os\n"
            "from threading import Thread\n"
            "def work():\n"
            "    pass\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    Thread(target=work).start()\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    Thread(target=work).start()\n");
  EXPECT_EQ(outcome.fixed, 2u);
}

TEST(RuleFixes, TwoStartsWithoutOsImportBothGetFixedWithOneImport) {
  FixOutcome outcome = Fix("FL101",
                           "import threading\n"
                           "def work():\n"
                           "    pass\n"
                           "threading.Thread(target=work).start()\n"
                           "threading.Timer(5, work).start()\n");
  EXPECT_EQ(outcome.fixed, 2u);
  EXPECT_EQ(outcome.text,
            "import os\n"
            "import threading\n"
            "def work():\n"
            "    pass\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    threading.Thread(target=work).start()\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    threading.Timer(5, work).start()\n");
}

TEST(RuleFixes, ThreadStartedInsideAFunctionHasNoFix) {
  const std::string source =
      "import threading\n"
      "def handler():\n"
      "    threading.Thread(target=print).start()\n";
  FixOutcome outcome = Fix("FL101", source);
  EXPECT_EQ(outcome.findings, 1u);
  EXPECT_EQ(outcome.text, source) << "a start per call needs a redesign, not a guard";
}

TEST(RuleFixes, OsBoundToSomethingElseBlocksTheFix) {
  const std::string source =
      "import threading\n"
      "from mylib import os\n"
      "threading.Thread(target=print).start()\n";
  FixOutcome outcome = Fix("FL101", source);
  EXPECT_EQ(outcome.findings, 1u);
  EXPECT_EQ(outcome.text, source);
}

TEST(RuleFixes, ImportTimeCallOfAStartingFunctionIsGuardedLikeTheSeed) {
  FixOutcome outcome = Fix("FL103",
                           "import threading\n"
                           "\n"
                           "def check_events():\n"
                           "    pass\n"
                           "\n"
                           "def start_background_checker():\n"
                           "    threading.Thread(target=check_events, daemon=True).start()\n"
                           "\n"
                           "# This runs when the module is imported\n"
                           "start_background_checker()\n");
  EXPECT_EQ(outcome.text,
            "import os\n"
            "import threading\n"
            "\n"
            "def check_events():\n"
            "    pass\n"
            "\n"
            "def start_background_checker():\n"
            "    threading.Thread(target=check_events, daemon=True).start()\n"
            "\n"
            "# This runs when the module is imported\n"
            "if not os.environ.get(\"VERCEL\"):\n"
            "    start_background_checker()\n");
  EXPECT_EQ(outcome.remaining, 0u);
}

TEST(RuleFixes, StartFromAStartupHookIsReportedWithoutAFix) {
  const std::string source =
      "import threading\n"
      "from fastapi import FastAPI\n"
      "app = FastAPI()\n"
      "def start():\n"
      "    threading.Thread(target=print, daemon=True).start()\n"
      "@app.on_event(\"startup\")\n"
      "def boot():\n"
      "    start()\n";
  FixOutcome outcome = Fix("FL103", source);
  EXPECT_EQ(outcome.findings, 1u);
  EXPECT_EQ(outcome.text, source);
}

// ---- FL403: add timeout= to requests calls ----------------------------------------

TEST(RuleFixes, RequestsCallsGetTheConfiguredTimeout) {
  FixOutcome outcome = Fix("FL403",
                           "import requests\n"
                           "def notify(url, body):\n"
                           "    requests.post(url, json=body)\n"
                           "    requests.get(\n"
                           "        url,\n"
                           "        params={\"a\": 1},\n"
                           "    )\n"
                           "    session = requests.Session()\n"
                           "    session.get(url)\n");
  EXPECT_EQ(outcome.text,
            "import requests\n"
            "def notify(url, body):\n"
            "    requests.post(url, json=body, timeout=10)\n"
            "    requests.get(\n"
            "        url,\n"
            "        params={\"a\": 1}, timeout=10,\n"
            "    )\n"
            "    session = requests.Session()\n"
            "    session.get(url, timeout=10)\n");
  EXPECT_EQ(outcome.remaining, 0u);
  EXPECT_EQ(Fix("FL403", "import requests\nrequests.get('http://x')\n", {{"timeout-seconds", "3"}}).text,
            "import requests\nrequests.get('http://x', timeout=3)\n");
}

TEST(RuleFixes, TimeoutNoneAndNonRequestsCallsAreNotChanged) {
  const std::string source =
      "import requests, subprocess, urllib.request\n"
      "requests.get('http://x', timeout=None)\n"
      "subprocess.run(['ls'])\n"
      "urllib.request.urlopen('http://x')\n"
      "requests.get('http://x', timeout=5)\n";
  FixOutcome outcome = Fix("FL403", source);
  EXPECT_EQ(outcome.findings, 3u);
  EXPECT_EQ(outcome.fixed, 0u);
  EXPECT_EQ(outcome.text, source);
}

TEST(RuleFixes, TimeoutOptionIsDeclaredForTheConfig) {
  const rules::Rule* rule = rules::Registry::Get().Find("FL403");
  ASSERT_NE(rule, nullptr);
  ASSERT_EQ(rule->info->options.size(), 1u);
  EXPECT_EQ(rule->info->options[0].name, "timeout-seconds");
  EXPECT_EQ(rule->info->options[0].default_value, "10");
}

}  // namespace
}  // namespace faaslint
