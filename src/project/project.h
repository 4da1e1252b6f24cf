// The project a run checks: its files (the snapshot) and what is known about how it
// deploys. Built once per run before any rule. vercel.json is read at construction;
// the Python side (function files parsed, their imports followed, the declared
// packages) is worked out on first use, once, behind a lock — most runs never need it.
// Every accessor is safe to call from the rules' worker threads.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "core/change_set.h"
#include "core/settings.h"
#include "project/deployment_graph.h"
#include "project/django_storage.h"
#include "project/regex_cache.h"
#include "project/requirements.h"
#include "project/route_table.h"
#include "vercel/json.h"

namespace faaslint::python {
class Module;
class Parser;
}  // namespace faaslint::python

namespace faaslint::project {

struct CronRoute;       // cron_routes.h
struct FunctionRoutes;  // cron_routes.h

// vercel.json as read from the snapshot: its text and the parsed document (with the
// JSON diagnostics FL601 reports; the other rules read `root()`).
struct VercelConfig {
  std::string path;  // root-relative: "vercel.json"
  std::string text;
  vercel::JsonDocument document;
  const vercel::JsonValue* root() const {
    return document.root && document.root->is_object() ? &*document.root : nullptr;
  }
};

class Project {
 public:
  // `changes`: what the run checks (null: everything). `jobs`: threads for the work done
  // once for the whole run (the deployment graph's reading of files).
  explicit Project(const Snapshot& snapshot, const ChangeSet* changes = nullptr, unsigned jobs = 1);
  ~Project();
  Project(const Project&) = delete;
  Project& operator=(const Project&) = delete;

  const Snapshot& snapshot() const { return snapshot_; }
  bool HasFile(std::string_view path) const;

  // vercel.json at the project root, or null when there is none (or it cannot be read:
  // see vercel_read_error()).
  const VercelConfig* vercel_config() const { return vercel_config_ ? &*vercel_config_ : nullptr; }
  const std::string& vercel_read_error() const { return vercel_read_error_; }

  // The Python files Vercel runs as functions: with vercel.json's legacy `builds`, the
  // Python files its entries build; otherwise every api/ function file (.py), or, when
  // api/ has no function of any runtime, the first zero-configuration entrypoint
  // (app.py, index.py, ...).
  const std::vector<std::string>& python_entries() const { return python_entries_; }
  bool zero_config_entry() const { return zero_config_entry_; }

  // A Python file of the snapshot, parsed once; null when it cannot be read.
  const python::Module* PythonModule(std::string_view path) const;
  // Which files run inside a Vercel function (deployment_graph.h), found once: the
  // linter checks only those. The walk stops once every changed Python file is found,
  // so it may be incomplete (`complete`).
  const DeploymentGraph& deployment_graph() const;
  // The function entries and the local modules they import, transitively (sorted): the
  // deployment graph's function code (every changed file of it, at least), or for
  // Django (modules loaded by name) what the entries and the modules Django loads by
  // name (django_modules.h) import.
  const std::vector<std::string>& FunctionCode() const;
  // What requirements.txt / pyproject.toml / Pipfile declare.
  const DeclaredPackages& declared_packages() const;
  // Whether the run's change touches a file that declares them (DeclarationFiles). Then
  // every function file is judged against them again, and the deployment graph is walked
  // whole to know them all.
  bool ChangeTouchesDeclaredPackages() const;
  // Where Django's default storage keeps uploads, as the settings modules say
  // (django_storage.h); read on the first question.
  const DjangoStorage& django_storage() const;
  // Route and path patterns, each compiled once (cron_routes.cpp matches them).
  const RegexCache& regexes() const { return regexes_; }
  // vercel.json's `routes` and `rewrites`, prepared for matching on first use.
  const RouteTable& route_table() const;
  // Which handler a cron job's path reaches (cron_routes.h), worked out once per path:
  // three rules ask about each cron, and matching spends the run's regex budget
  // (regex_cache.h), which must buy the three of them one and the same answer.
  const CronRoute& CronRouteOf(std::string_view path) const;
  // The routes of a function's app and the URL rules they are served under
  // (cron_routes.h), worked out once per function: 100 crons against 3,000 routes built
  // and looked up each route's rule again per cron, 4 times the time of matching them.
  const FunctionRoutes& FunctionRoutesOf(const std::string& function_file) const;

 private:
  const Snapshot& snapshot_;
  const ChangeSet* changes_;  // may be null
  const unsigned jobs_;
  std::optional<VercelConfig> vercel_config_;
  std::string vercel_read_error_;
  std::vector<std::string> python_entries_;
  bool zero_config_entry_ = false;

  mutable std::mutex modules_mutex_;
  mutable std::unique_ptr<python::Parser> parser_;
  mutable std::map<std::string, std::unique_ptr<python::Module>, std::less<>> modules_;
  mutable std::once_flag graph_once_;
  mutable DeploymentGraph graph_;
  mutable std::once_flag function_code_once_;
  mutable std::vector<std::string> function_code_;
  mutable std::once_flag packages_once_;
  mutable DeclaredPackages packages_;
  mutable std::once_flag django_storage_once_;
  mutable DjangoStorage django_storage_;
  RegexCache regexes_;
  mutable std::once_flag route_table_once_;
  mutable RouteTable route_table_;
  mutable std::mutex cron_routes_mutex_;
  mutable std::map<std::string, std::unique_ptr<const CronRoute>, std::less<>> cron_routes_;
  mutable std::mutex function_routes_mutex_;
  mutable std::map<std::string, std::unique_ptr<const FunctionRoutes>, std::less<>> function_routes_;
};

}  // namespace faaslint::project
