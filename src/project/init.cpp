#include "project/init.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "core/atomic_file.h"
#include "core/change_set.h"
#include "project/init_detect.h"
#include "python/module.h"
#include "python/parser.h"

namespace faaslint::project {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEntry = "api/index.py";
// The published JSON schema of vercel.json (Vercel docs, "Project configuration").
constexpr const char* kSchema = "https://openapi.vercel.sh/vercel.json";
// Default duration of a Hobby function without fluid compute (Vercel docs,
// "Configuring maximum duration for Vercel Functions"): what the app gets anyway.
constexpr int kMaxDuration = 10;
// Larger files are generated code or data, not where an app is defined (the linter's limit too).
constexpr size_t kMaxModuleBytes = 16u << 20;

bool IsIdentifier(std::string_view part) {
  if (part.empty() || std::isdigit(static_cast<unsigned char>(part[0]))) return false;
  return std::all_of(part.begin(), part.end(),
                     [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
}

bool IsImportable(std::string_view dotted) {
  size_t start = 0;
  while (true) {
    size_t dot = dotted.find('.', start);
    if (!IsIdentifier(dotted.substr(start, dot - start))) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

std::string VercelJson(const std::vector<BackgroundJob>& jobs) {
  nlohmann::ordered_json config;
  config["$schema"] = kSchema;
  config["functions"][kEntry] = {{"maxDuration", kMaxDuration}};
  // Every path goes to the one function that holds the app's own routing.
  config["rewrites"] = nlohmann::ordered_json::array({{{"source", "/(.*)"}, {"destination", "/api/index"}}});
  if (!jobs.empty()) {
    config["crons"] = nlohmann::ordered_json::array();
    for (const BackgroundJob& job : jobs) config["crons"].push_back({{"path", job.cron_path}, {"schedule", kDailySchedule}});
  }
  return config.dump(2) + "\n";
}

std::string EntryModule(const AppObject& app) {
  std::string text = fmt::format(
      "\"\"\"Vercel's entry point (written by faaslint init): the {} app `{}` from {}.\"\"\"\n"
      "import os\n"
      "import sys\n"
      "\n"
      "# Vercel runs this file from api/; make the project root importable.\n"
      "sys.path.insert(0, os.path.join(os.path.dirname(__file__), \"..\"))\n"
      "\n"
      "from {} import {}  # noqa: E402\n",
      app.framework, app.variable, app.path, app.module, app.variable);
  // Vercel's Python runtime serves a top-level `app`.
  if (app.variable != "app") text += fmt::format("\napp = {}\n", app.variable);
  return text;
}

constexpr const char* kVercelIgnore =
    "# Not part of the deployed function (written by faaslint init): virtualenvs, caches, tests.\n"
    ".venv/\n"
    "venv/\n"
    "__pycache__/\n"
    "*.py[cod]\n"
    ".pytest_cache/\n"
    ".mypy_cache/\n"
    ".ruff_cache/\n"
    ".tox/\n"
    ".nox/\n"
    ".coverage\n"
    "htmlcov/\n"
    "tests/\n";

bool ReadIfExists(const std::string& path, std::string* content, bool* exists) {
  std::error_code ec;
  *exists = fs::exists(path, ec);
  if (!*exists) return true;
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *content = buffer.str();
  return true;
}

}  // namespace

bool PlanInit(const std::string& root, InitPlan* plan, std::string* error) {
  std::unique_ptr<Snapshot> snapshot = MakeFolderSnapshot(root, error);
  if (!snapshot) return false;
  python::Parser parser;
  std::vector<std::unique_ptr<python::Module>> owned;
  std::vector<const python::Module*> modules;
  for (const std::string& path : snapshot->files()) {
    if (!path.ends_with(".py") || IsTestFile(path)) continue;
    std::string content;
    if (!snapshot->Read(path, &content, error)) {
      *error = fmt::format("{}: cannot read: {}", path, *error);
      return false;
    }
    if (content.size() > kMaxModuleBytes) continue;
    owned.push_back(python::ParseModule(parser, path, std::move(content)));
    modules.push_back(owned.back().get());
  }
  std::vector<AppObject> apps = FindApps(modules);
  if (apps.empty()) {
    *error = fmt::format(
        "{}: no app object found: init looks for a module-level `app = Flask(__name__)`, `app = FastAPI()` or "
        "Django's `application = get_wsgi_application()` in the folder's Python files (tests excluded)",
        snapshot->root());
    return false;
  }
  plan->app = apps.front();
  plan->other_apps.assign(apps.begin() + 1, apps.end());
  if (!IsImportable(plan->app.module)) {
    *error = fmt::format("{}: its module name `{}` cannot be imported from api/index.py; rename the file",
                         plan->app.path, plan->app.module);
    return false;
  }
  plan->jobs = FindBackgroundJobs(modules);
  plan->files.clear();
  for (auto [path, content] : {std::pair<std::string, std::string>{"vercel.json", VercelJson(plan->jobs)},
                               {kEntry, EntryModule(plan->app)},
                               {".vercelignore", kVercelIgnore}}) {
    PlannedFile file;
    file.path = path;
    file.content = content;
    plan->files.push_back(std::move(file));
  }
  for (PlannedFile& file : plan->files) {
    if (!ReadIfExists(snapshot->root() + "/" + file.path, &file.existing, &file.exists)) {
      *error = fmt::format("{}: exists but cannot be read", file.path);
      return false;
    }
  }
  return true;
}

bool WriteInit(const std::string& root, const InitPlan& plan, std::string* error) {
  std::vector<std::string> written;
  for (const PlannedFile& file : plan.files) {
    if (file.exists) continue;
    fs::path target = fs::path(root) / file.path;
    std::error_code ec;
    fs::create_directories(target.parent_path(), ec);
    if (ec || !WriteFileAtomically(target.string(), file.content, error)) {
      if (ec) *error = fmt::format("{}: cannot create its folder: {}", file.path, ec.message());
      for (const std::string& done : written) fs::remove(done, ec);  // all or nothing
      return false;
    }
    written.push_back(target.string());
  }
  return true;
}

}  // namespace faaslint::project
