// FL405's advice depends on the variable: a secret or a connection string the app cannot
// run without is only to be set in the project settings (reading it with `.get()` trades
// the KeyError for a None that fails later); other variables may be optional.
#include <gtest/gtest.h>

#include <map>
#include <string>

#include "support/project_fixture.h"

namespace faaslint::testing {
namespace {

// The help of each FL405 finding in an app.py of `source`, a line each.
std::string Fl405Helps(const std::string& source) {
  std::string help;
  for (const Finding& finding : RunProjectRule("FL405", {{"app.py", source}})) help += finding.help + "\n";
  return help;
}

std::string Fl405Help(const std::string& key) {
  return Fl405Helps("import os\nfrom flask import Flask\napp = Flask(__name__)\nVALUE = os.environ[\"" + key + "\"]\n");
}

TEST(FL405, RequiredSecretsAreOnlyToBeSetNeverMadeOptional) {
  for (const char* key : {"DJANGO_SECRET_KEY", "MONGODB_URI", "DATABASE_URL", "STRIPE_API_KEY", "BOT_TOKEN"}) {
    EXPECT_EQ(Fl405Help(key),
              "set the variable for every environment (Production, Preview, Development) in the project settings\n")
        << key;
  }
  EXPECT_EQ(Fl405Help("REGION"),
            "set the variable for every environment (Production, Preview, Development) in the project settings; if "
            "the app can run without it, read it with os.environ.get(\"REGION\") where it is used\n");
}

// A credential that a conversion parses has no default that works (QA round 7:
// `json.loads(os.getenv("GOOGLE_CRED_JSON"))`, where json.loads("...") fails as well).
std::string Fl405ConversionHelp(const std::string& key) {
  return Fl405Helps("import json, os\nVALUE = json.loads(os.getenv(\"" + key + "\"))\n");
}

TEST(FL405, ACredentialReadWithoutDefaultIsOnlyToBeSet) {
  for (const char* key : {"GOOGLE_CRED_JSON", "FIREBASE_CREDENTIALS", "GCP_SERVICE_ACCOUNT", "API_KEY"}) {
    EXPECT_EQ(Fl405ConversionHelp(key),
              "set the variable for every environment (Production, Preview, Development) in the project settings\n")
        << key;
  }
  EXPECT_EQ(Fl405ConversionHelp("FEATURE_FLAGS"),
            "set the variable for every environment (Production, Preview, Development) in the project settings, or "
            "give it a default: os.getenv(\"FEATURE_FLAGS\", \"...\")\n");
}

}  // namespace
}  // namespace faaslint::testing
