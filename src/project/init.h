// `faaslint init`: the files a Python app needs to deploy on Vercel, planned from the
// app itself (DESIGN §1). Planning reads; writing is separate and all or nothing.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace faaslint::project {

// The WSGI/ASGI app object the function exposes.
struct AppObject {
  std::string path;       // root-relative module file: "app.py", "mysite/wsgi.py"
  std::string module;     // its import name: "app", "mysite.wsgi"
  std::string variable;   // "app", "application"
  std::string framework;  // "Flask", "FastAPI", "Django", ...
  uint32_t line = 0;
};

// Background work found in the app that a cron job has to take over: an in-process
// scheduler job or a thread's target.
struct BackgroundJob {
  std::string function;  // what runs: "check_events"
  std::string path;      // root-relative file
  uint32_t line = 0;
  std::string kind;      // "thread", "APScheduler job", "schedule job"
  std::string cron_path;       // "/api/check-events"
  bool route_exists = false;   // the app already has a GET route at cron_path
};

struct PlannedFile {
  std::string path;  // root-relative
  std::string content;
  std::string existing;  // the file's current content when it exists
  bool exists = false;
};

struct InitPlan {
  AppObject app;
  std::vector<AppObject> other_apps;  // further candidates, not used
  std::vector<BackgroundJob> jobs;
  std::vector<PlannedFile> files;     // vercel.json, api/index.py, .vercelignore
};

// The cron schedule init writes: once a day, the most the Hobby plan allows (Vercel
// docs, "Cron jobs: usage and pricing": Hobby runs a job at most once per day).
inline constexpr const char* kDailySchedule = "0 0 * * *";

// Finds the app object under `root` and plans the files. false (with a cause) when
// the folder cannot be read or holds no Flask, FastAPI or Django app.
bool PlanInit(const std::string& root, InitPlan* plan, std::string* error);

// Writes the planned files that do not exist yet, each atomically; on a failure the
// ones already written are removed again.
bool WriteInit(const std::string& root, const InitPlan& plan, std::string* error);

}  // namespace faaslint::project
