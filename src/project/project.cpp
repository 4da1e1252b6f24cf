#include "project/project.h"

#include <algorithm>
#include <deque>
#include <set>

#include "project/cron_routes.h"
#include "project/django_modules.h"
#include "project/functions.h"
#include "python/module.h"
#include "python/parser.h"

namespace faaslint::project {

namespace {
constexpr std::string_view kVercelJson = "vercel.json";
constexpr size_t kMaxPythonBytes = 4 << 20;  // a larger "module" is data, not code
}  // namespace

Project::Project(const Snapshot& snapshot, const ChangeSet* changes, unsigned jobs)
    : snapshot_(snapshot), changes_(changes), jobs_(jobs) {
  if (HasFile(kVercelJson)) {
    VercelConfig config;
    config.path = std::string(kVercelJson);
    std::string error;
    if (snapshot_.Read(kVercelJson, &config.text, &error)) {
      config.document = vercel::ParseJson(config.text);
      vercel_config_ = std::move(config);
    } else {
      vercel_read_error_ = std::string(kVercelJson) + ": " + error;
    }
  }
  const VercelConfig* config = vercel_config();
  if (config && config->document.errors.empty()) {
    if (std::optional<std::vector<std::string>> built = PythonFilesOfBuilds(snapshot_.files(), config->root())) {
      python_entries_ = std::move(*built);  // `builds` alone decides what is deployed
      return;
    }
  }
  bool api_functions = false;  // of any runtime
  for (const std::string& file : snapshot_.files()) {
    if (!IsApiFunctionFile(file)) continue;
    api_functions = true;
    if (file.ends_with(".py")) python_entries_.push_back(file);
  }
  // A zero-configuration Python app is what Vercel deploys when there is no api/ function.
  if (!api_functions) {
    for (const std::string& candidate : ZeroConfigEntrypointCandidates()) {
      if (!HasFile(candidate)) continue;
      python_entries_.push_back(candidate);
      zero_config_entry_ = true;
      break;
    }
  }
}

Project::~Project() = default;

bool Project::HasFile(std::string_view path) const { return project::HasFile(snapshot_, path); }

const python::Module* Project::PythonModule(std::string_view path) const {
  std::lock_guard<std::mutex> lock(modules_mutex_);
  auto it = modules_.find(path);
  if (it != modules_.end()) return it->second.get();
  std::string source, error;
  std::unique_ptr<python::Module> module;
  if (HasFile(path) && snapshot_.Read(path, &source, &error) && source.size() <= kMaxPythonBytes) {
    if (!parser_) parser_ = std::make_unique<python::Parser>();
    module = python::ParseModule(*parser_, std::string(path), std::move(source));
  }
  return modules_.emplace(std::string(path), std::move(module)).first->second.get();
}

const DeploymentGraph& Project::deployment_graph() const {
  std::call_once(graph_once_, [this] {
    python::Parser parser;  // its own: PythonModule's parser is used under modules_mutex_
    if (changes_ == nullptr || ChangeTouchesDeclaredPackages()) {
      graph_ = BuildDeploymentGraph(snapshot_, parser, nullptr, jobs_);
      return;
    }
    std::set<std::string, std::less<>> wanted;
    for (const std::string& path : changes_->FilesWithEditedLines()) {
      if (path.ends_with(".py")) wanted.insert(path);
    }
    graph_ = BuildDeploymentGraph(snapshot_, parser, &wanted, jobs_);
  });
  return graph_;
}

const std::vector<std::string>& Project::FunctionCode() const {
  std::call_once(function_code_once_, [this] {
    const DeploymentGraph& graph = deployment_graph();
    if (graph.detected && !graph.loads_by_name) {  // the graph followed the imports already
      function_code_.assign(graph.function_code.begin(), graph.function_code.end());
      return;
    }
    // Django loads modules by name, which the graph does not follow: what it loads by
    // name (settings, URLconfs, apps), the entries, and what all of them import.
    std::set<std::string> seen(python_entries_.begin(), python_entries_.end());
    if (graph.loads_by_name) {
      for (std::string& path : DjangoLoadedModules(*this)) seen.insert(std::move(path));
    }
    std::deque<std::string> queue(seen.begin(), seen.end());
    while (!queue.empty()) {
      std::string file = std::move(queue.front());
      queue.pop_front();
      const python::Module* module = PythonModule(file);
      if (!module) continue;
      for (const python::Import& import : module->imports()) {
        if (import.guarded) continue;
        std::optional<std::string> local = ResolveLocalImport(snapshot_, file, import);
        if (local && seen.insert(*local).second) queue.push_back(*local);
      }
    }
    function_code_.assign(seen.begin(), seen.end());
  });
  return function_code_;
}

const DjangoStorage& Project::django_storage() const {
  std::call_once(django_storage_once_, [this] { django_storage_ = ReadDjangoStorage(*this); });
  return django_storage_;
}

const RouteTable& Project::route_table() const {
  std::call_once(route_table_once_, [this] {
    route_table_ = BuildRouteTable(vercel_config_ ? vercel_config_->root() : nullptr, regexes_);
  });
  return route_table_;
}

const CronRoute& Project::CronRouteOf(std::string_view path) const {
  std::lock_guard<std::mutex> lock(cron_routes_mutex_);
  auto found = cron_routes_.find(path);
  if (found == cron_routes_.end()) {
    found = cron_routes_.emplace(std::string(path), std::make_unique<const CronRoute>(ResolveCronPath(*this, path)))
                .first;
  }
  return *found->second;
}

const FunctionRoutes& Project::FunctionRoutesOf(const std::string& function_file) const {
  std::lock_guard<std::mutex> lock(function_routes_mutex_);
  auto found = function_routes_.find(function_file);
  if (found == function_routes_.end()) {
    auto routes = std::make_unique<const FunctionRoutes>(BuildFunctionRoutes(*this, function_file));
    found = function_routes_.emplace(function_file, std::move(routes)).first;
  }
  return *found->second;
}

const DeclaredPackages& Project::declared_packages() const {
  std::call_once(packages_once_, [this] { packages_ = ReadDeclaredPackages(snapshot_); });
  return packages_;
}

bool Project::ChangeTouchesDeclaredPackages() const {
  if (changes_ == nullptr || changes_->touched.empty()) return false;  // no need to read them
  const std::vector<std::string> declaring = DeclarationFiles(declared_packages());
  return std::any_of(declaring.begin(), declaring.end(),
                     [&](const std::string& path) { return changes_->touched.count(path) > 0; });
}

}  // namespace faaslint::project
