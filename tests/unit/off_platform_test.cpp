// Code the platform never runs, although no guard encloses it: a function reached only
// through guarded code (the seed's fix, `if __name__ == "__main__": main()`) and a
// command-line command. Every Python rule must leave it alone, and only it.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "lint/lint.h"
#include "rules/registry.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

// "line CODE" of every finding of the Python rules (FL1-FL5) in app.py.
std::set<std::string> PythonFindings(const std::string& source) {
  testing::TempDir dir;
  dir.Write("app.py", source);
  std::string error;
  ChangeSet changes;
  changes.snapshot = MakeFolderSnapshot(dir.path(), &error);
  EXPECT_TRUE(changes.snapshot) << error;
  for (const std::string& file : changes.snapshot->files()) changes.changed.emplace(file, LineSet::All());
  lint::LintOptions options;
  options.filter.enabled = [](std::string_view code) { return code < "FL6"; };
  std::set<std::string> found;
  for (const Finding& finding : lint::Lint(changes, options, rules::Registry::Get()).findings) {
    found.insert(std::to_string(finding.location.range.start.line) + " " + std::string(finding.code()));
  }
  return found;
}

// Local set-up a developer runs by hand: every line of it breaks on Vercel.
constexpr const char* kDevSetup = R"(import logging
import sqlite3
import subprocess
import time

import requests
from flask import Flask

app = Flask(__name__)


def local_dev_setup():
    sqlite3.connect("dev.db")
    logging.getLogger().addHandler(logging.FileHandler("dev.log"))
    with open("schema.sql") as schema:
        schema.read()
    subprocess.run(["make", "assets"])
    requests.put("https://discord.com/api/commands", json={})
    time.sleep(15)


@app.route("/")
def index():
    return "ok"
)";

// What the rules say about local_dev_setup when it runs on the platform.
const std::set<std::string> kDevSetupFindings = {"13 FL202", "14 FL203", "15 FL205",
                                                 "17 FL403", "18 FL403", "19 FL402"};

TEST(OffPlatform, AHelperCalledOnlyUnderTheMainGuardIsNotFlagged) {
  EXPECT_EQ(PythonFindings(std::string(kDevSetup) +
                           "\n\nif __name__ == \"__main__\":\n    local_dev_setup()\n    app.run(debug=True)\n"),
            std::set<std::string>{});
  // ... nor when it is called only from another such helper.
  EXPECT_EQ(PythonFindings(std::string(kDevSetup) +
                           "\n\ndef main():\n    local_dev_setup()\n\n\nif __name__ == \"__main__\":\n    main()\n"),
            std::set<std::string>{});
}

TEST(OffPlatform, AHelperThatAlsoRunsOnThePlatformIsFlagged) {
  // Called at import time as well as under the guard.
  EXPECT_EQ(PythonFindings(std::string(kDevSetup) +
                           "\n\nlocal_dev_setup()\nif __name__ == \"__main__\":\n    local_dev_setup()\n"),
            kDevSetupFindings);
  // Called from a request handler.
  std::string from_handler = kDevSetup;
  from_handler.replace(from_handler.find("    return \"ok\""), 15, "    local_dev_setup()\n    return \"ok\"");
  EXPECT_EQ(PythonFindings(from_handler), kDevSetupFindings);
  // Never called here: another module may call it, or a framework.
  EXPECT_EQ(PythonFindings(kDevSetup), kDevSetupFindings);
}

// The seed's own fix: the checker thread starts only off Vercel, so its polling loop,
// its sleep and its request without a timeout never run there.
TEST(OffPlatform, TheSeedsGuardedCheckerIsClean) {
  constexpr const char* kSeedFix = R"(import os
import threading
import time

import requests
from flask import Flask

app = Flask(__name__)
IS_VERCEL = os.environ.get("VERCEL") == "1"


def check_events_forever():
    while True:
        requests.get("https://example.com/events")
        time.sleep(60)


def start_background_checker():
    threading.Thread(target=check_events_forever, daemon=True).start()


if not IS_VERCEL:
    start_background_checker()
)";
  EXPECT_EQ(PythonFindings(kSeedFix), std::set<std::string>{});
  // Unguarded, the same code is the seed's bug.
  std::string unguarded = kSeedFix;
  unguarded.replace(unguarded.find("if not IS_VERCEL:\n    "), 22, "");
  EXPECT_EQ(PythonFindings(unguarded),
            (std::set<std::string>{"14 FL403", "15 FL402", "19 FL101", "19 FL104", "22 FL103"}));
}

TEST(OffPlatform, CommandLineCommandsAreNotFlagged) {
  EXPECT_EQ(PythonFindings(R"(import json

import click
import typer
from flask import Flask

app = Flask(__name__)
tool = typer.Typer()


@app.cli.command("export-fixtures")
def export_fixtures():
    with open("fixtures.json", "w") as out:
        json.dump({}, out)


@click.group()
def cli():
    open("cli.log", "a").write("start")


@cli.command()
def seed():
    open("seed.json", "w").write("{}")


@tool.command()
def report():
    open("report.txt", "w").write("")
)"),
            std::set<std::string>{});
}

TEST(OffPlatform, ACommandOfAChatBotServesRequestsAndIsFlagged) {
  // Slack Bolt's `@app.command("/hello")` answers a slash command: it runs in the function.
  EXPECT_EQ(PythonFindings(R"(from slack_bolt import App

bolt = App(process_before_response=True)


@bolt.command("/hello")
def hello(ack):
    open("hello.log", "a").write("hi")
    ack()
)"),
            std::set<std::string>{"8 FL201"});
}

TEST(OffPlatform, ADecoratedFunctionMayBeRegisteredAndIsStillChecked) {
  // Flask calls the error handler on the platform, whatever main() does with it.
  EXPECT_EQ(PythonFindings(R"(from flask import Flask

app = Flask(__name__)


@app.errorhandler(500)
def oops(error):
    open("errors.log", "a").write(str(error))
    return "oops", 500


def main():
    oops(None)


if __name__ == "__main__":
    main()
)"),
            std::set<std::string>{"8 FL201"});
}

TEST(OffPlatform, AFunctionHandedOnOutsideTheGuardIsChecked) {
  // The thread target is handed on at import time: it runs on the platform.
  std::set<std::string> found = PythonFindings(R"(import threading
import time


def poll():
    while True:
        time.sleep(60)


threading.Thread(target=poll, daemon=True).start()
)");
  EXPECT_TRUE(found.count("7 FL402")) << ::testing::PrintToString(found);
}

// A bot's polling loop written as a method (QA: FL106 and FL402 on `bot.run()` under the
// __main__ guard): the method of the module's own class runs only where its instance calls it.
constexpr const char* kBot = R"(import time


class Bot:
    def run(self):
        while True:
            self.poll()
            time.sleep(30)

    def poll(self):
        open("seen.json", "w").write("{}")


)";

TEST(OffPlatform, AMethodCalledOnlyUnderTheMainGuardThroughItsInstanceIsNotFlagged) {
  const std::string bot = kBot;
  EXPECT_EQ(PythonFindings(bot + "bot = Bot()\nif __name__ == \"__main__\":\n    bot.run()\n"), std::set<std::string>{});
  EXPECT_EQ(PythonFindings(bot + "if __name__ == \"__main__\":\n    Bot().run()\n"), std::set<std::string>{});
  EXPECT_EQ(PythonFindings(bot + "if __name__ == \"__main__\":\n    bot = Bot()\n    bot.run()\n"),
            std::set<std::string>{});
  EXPECT_EQ(PythonFindings(bot + "def main():\n    bot = Bot()\n    bot.run()\n\n\n"
                                 "if __name__ == \"__main__\":\n    main()\n"),
            std::set<std::string>{});
  // `subprocess.run()` on the platform is no call of Bot.run.
  EXPECT_EQ(PythonFindings("import subprocess\n" + bot +
                           "bot = Bot()\nif __name__ == \"__main__\":\n    bot.run()\n"
                           "def build():\n    subprocess.run([\"make\"], timeout=60)\nbuild()\n"),
            std::set<std::string>{});
}

TEST(OffPlatform, AMethodThatMayAlsoRunOnThePlatformIsFlagged) {
  const std::string bot = kBot;
  const std::string guard = "if __name__ == \"__main__\":\n    bot.run()\n";
  const std::set<std::string> flagged = {"6 FL106", "8 FL402", "11 FL201"};
  // Also called from a request handler, or at import time.
  EXPECT_EQ(PythonFindings("from flask import Flask\napp = Flask(__name__)\n" + bot + "bot = Bot()\n" + guard +
                           "@app.get(\"/\")\ndef index():\n    bot.run()\n"),
            (std::set<std::string>{"8 FL106", "10 FL402", "13 FL201"}));
  EXPECT_EQ(PythonFindings(bot + "bot = Bot()\nbot.run()\n" + guard), flagged);
  // Called on something the module cannot tell apart from a Bot, or handed on.
  EXPECT_EQ(PythonFindings(bot + "bot = Bot()\n" + guard + "def start(runner):\n    runner.run()\nstart(bot)\n"),
            flagged);
  EXPECT_EQ(PythonFindings(bot + "bot = Bot()\n" + guard + "jobs = [bot.run]\n"), flagged);
  // The name is bound to something else too: `bot.run()` may not be Bot.run.
  EXPECT_EQ(PythonFindings(bot + "bot = Bot()\nbot = make_bot()\n" + guard), flagged);
  // A base class may call its methods (Thread.start() runs run()), and so may what a class
  // decorator hands the class to.
  std::string based = bot;
  based.replace(based.find("class Bot:"), 10, "class Bot(Service):");
  EXPECT_EQ(PythonFindings(based + "bot = Bot()\n" + guard), flagged);
  std::string decorated = bot;
  decorated.replace(decorated.find("class Bot:"), 10, "@remote\nclass Bot:");
  EXPECT_EQ(PythonFindings(decorated + "bot = Bot()\n" + guard), (std::set<std::string>{"7 FL106", "9 FL402", "12 FL201"}));
  // Never called here: another module may call it.
  EXPECT_EQ(PythonFindings(bot), flagged);
}

// Generated code: the walk over callers must neither overflow the stack nor loop.
TEST(OffPlatform, LongCallerChainsAndSelfNamingDecoratorsEnd) {
  constexpr int kFunctions = 20000;
  // f0 calls f1 calls f2 ... and only the guard calls f0: all of it is off the platform.
  std::string forward = "import time\n\n";
  for (int i = 0; i < kFunctions; ++i) {
    forward += "def f" + std::to_string(i) + "():\n    ";
    forward += i + 1 < kFunctions ? "f" + std::to_string(i + 1) + "()\n" : "time.sleep(60)\n";
  }
  EXPECT_EQ(PythonFindings(forward + "if __name__ == \"__main__\":\n    f0()\n"), std::set<std::string>{});
  // The same chain the other way round: the first function asked about is the sleeping
  // one, whose callers go deeper than the walk follows, so it counts as on the platform.
  std::string backward = "import time\n\ndef f0():\n    time.sleep(60)\n";
  for (int i = 1; i < kFunctions; ++i) {
    backward += "def f" + std::to_string(i) + "():\n    f" + std::to_string(i - 1) + "()\n";
  }
  backward += "if __name__ == \"__main__\":\n    f" + std::to_string(kFunctions - 1) + "()\n";
  EXPECT_EQ(PythonFindings(backward), std::set<std::string>{"4 FL402"});
  EXPECT_EQ(PythonFindings("@a.command()\ndef a():\n    open('x.txt', 'w')\n"), std::set<std::string>{"3 FL201"});
}

}  // namespace
}  // namespace faaslint
