// `faaslint init [DIR]`: plan, refuse when a file exists, write, say what is left to do.
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "cli/options.h"
#include "core/text_edit.h"
#include "project/init.h"

namespace faaslint::cli {
namespace {

void Print(const std::string& text) { std::fwrite(text.data(), 1, text.size(), stdout); }

// What the user must write for each cron job: a GET route that does one pass of the work
// and checks Vercel's CRON_SECRET header (what FL703-FL705 check).
std::string RouteAdvice(const project::AppObject& app, const project::BackgroundJob& job) {
  if (job.route_exists) {
    return fmt::format("  reuse the existing GET route {} (it must do one pass of {}() and check the "
                       "Authorization header against CRON_SECRET)\n",
                       job.cron_path, job.function);
  }
  std::string name = "cron_" + job.function;
  if (app.framework == "FastAPI") {
    return fmt::format(
        "  add this route to {0}, doing one pass of {2}() (not its loop):\n"
        "      @{1}.get(\"{3}\")\n"
        "      def {4}(request: Request):\n"
        "          if request.headers.get(\"authorization\") != f\"Bearer {{os.environ.get('CRON_SECRET', '')}}\":\n"
        "              raise HTTPException(status_code=401)\n"
        "          ...  # one pass of {2}()\n"
        "          return {{\"ok\": True}}\n",
        app.path, app.variable, job.function, job.cron_path, name);
  }
  if (app.framework == "Django") {
    return fmt::format("  add a GET view at {} to your urls.py that checks request.headers[\"Authorization\"] == "
                       "\"Bearer \" + CRON_SECRET and does one pass of {}()\n",
                       job.cron_path, job.function);
  }
  return fmt::format(
      "  add this route to {0}, doing one pass of {2}() (not its loop):\n"
      "      @{1}.route(\"{3}\", methods=[\"GET\"])\n"
      "      def {4}():\n"
      "          if request.headers.get(\"Authorization\") != f\"Bearer {{os.environ.get('CRON_SECRET', '')}}\":\n"
      "              abort(401)\n"
      "          ...  # one pass of {2}()\n"
      "          return {{\"ok\": True}}\n",
      app.path, app.variable, job.function, job.cron_path, name);
}

}  // namespace

int RunInit(const std::string& dir) {
  project::InitPlan plan;
  std::string error;
  if (!project::PlanInit(dir, &plan, &error)) {
    std::fprintf(stderr, "faaslint: %s\n", error.c_str());
    return kExitError;
  }
  const project::AppObject& app = plan.app;
  Print(fmt::format("found the {} app `{}` in {}:{}\n", app.framework, app.variable, app.path, app.line));
  for (const project::AppObject& other : plan.other_apps) {
    Print(fmt::format("  (also an app `{}` in {}:{}, not used)\n", other.variable, other.path, other.line));
  }

  // Never overwrite: show what would change in every existing file and write nothing.
  bool conflict = false;
  for (const project::PlannedFile& file : plan.files) {
    if (!file.exists || file.existing == file.content) continue;
    conflict = true;
    Print(fmt::format("{} exists; init would change it:\n{}", file.path,
                      UnifiedDiff(file.existing, file.content, file.path)));
  }
  if (conflict) {
    std::fprintf(stderr,
                 "faaslint: init writes no file that exists: nothing was written. Merge the changes above by hand, "
                 "or move the existing files away and run init again\n");
    return kExitFindings;
  }
  if (!project::WriteInit(dir, plan, &error)) {
    std::fprintf(stderr, "faaslint: %s (nothing was written)\n", error.c_str());
    return kExitError;
  }
  for (const project::PlannedFile& file : plan.files) {
    Print(file.exists ? fmt::format("{} is already as init would write it\n", file.path)
                      : fmt::format("wrote {}\n", file.path));
  }
  for (const project::BackgroundJob& job : plan.jobs) {
    Print(fmt::format(
        "\n{}:{}: {}() runs as a {} in the app; on Vercel it stops with the request. vercel.json now calls {} "
        "with a cron job once a day ({}: the most the Hobby plan allows; Pro may run it more often).\n",
        job.path, job.line, job.function, job.kind, job.cron_path, project::kDailySchedule));
    Print(RouteAdvice(app, job));
  }
  if (!plan.jobs.empty()) {
    Print("then keep the background work off Vercel: `faaslint check --fix` guards an import-time start with "
          "`if not os.environ.get(\"VERCEL\"):`\n");
  }
  return kExitClean;
}

}  // namespace faaslint::cli
