#include "project/module_index.h"

#include <algorithm>
#include <vector>

#include "python/module.h"
#include "python/parser.h"
#include "python/sys_path.h"

namespace faaslint::project {
namespace {

// Local modules larger than this are generated code, not worth a summary (the linter
// itself skips Python files over 16 MiB).
constexpr size_t kMaxModuleBytes = 16u << 20;

std::string Dirname(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string Join(const std::string& dir, const std::string& rest) { return dir.empty() ? rest : dir + "/" + rest; }

std::vector<std::string> Split(std::string_view dotted) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start <= dotted.size()) {
    size_t dot = dotted.find('.', start);
    if (dot == std::string_view::npos) dot = dotted.size();
    if (dot > start) parts.emplace_back(dotted.substr(start, dot - start));
    start = dot + 1;
  }
  return parts;
}

std::string JoinParts(const std::vector<std::string>& parts, size_t from, size_t to, char separator) {
  std::string out;
  for (size_t i = from; i < to; ++i) {
    if (i > from) out += separator;
    out += parts[i];
  }
  return out;
}

// A cheap filter before a parse for sys.path: a shim spells `sys.path` or imports `path`
// from sys.
bool MayExtendSysPath(std::string_view source) {
  return source.find("sys.path") != std::string_view::npos || source.find("from sys import") != std::string_view::npos;
}

}  // namespace

ModuleIndex::ModuleIndex(const Snapshot& snapshot, CheckNow check_now)
    : snapshot_(snapshot), check_now_(std::move(check_now)) {}
ModuleIndex::~ModuleIndex() = default;

bool ModuleIndex::IsFile(const std::string& path) const {
  const std::vector<std::string>& files = snapshot_.files();
  return std::binary_search(files.begin(), files.end(), path);
}

std::optional<std::string> ModuleIndex::Resolve(std::string_view importer, std::string_view dotted) const {
  size_t dots = 0;
  while (dots < dotted.size() && dotted[dots] == '.') ++dots;
  std::vector<std::string> parts = Split(dotted.substr(dots));
  std::string rest = JoinParts(parts, 0, parts.size(), '/');
  std::vector<std::string> roots;
  if (dots > 0) {
    // `.x` is a sibling of the importer; each further dot goes one package up.
    std::string base = Dirname(importer);
    for (size_t up = 1; up < dots; ++up) {
      if (base.empty()) return std::nullopt;  // above the project root
      base = Dirname(base);
    }
    if (rest.empty()) {
      std::string init = Join(base, "__init__.py");
      return IsFile(init) ? std::optional<std::string>(init) : std::nullopt;
    }
    roots.push_back(base);
  } else {
    if (rest.empty()) return std::nullopt;
    // The project root: Vercel's Python launcher sits at the root of the deployed files and
    // loads the entry file by path, so the root is sys.path[0] (vercel/vercel
    // packages/python/vc_init.py). Before it, what the importer's own sys.path shim adds;
    // after it, the importer's folder (a script's directory is on sys.path) and src/.
    roots = SysPathOf(importer);
    for (std::string root : {std::string(), Dirname(importer), std::string("src")}) roots.push_back(std::move(root));
  }
  for (const std::string& root : roots) {
    for (const std::string& candidate : {Join(root, rest + ".py"), Join(root, rest + "/__init__.py")}) {
      if (IsFile(candidate)) return candidate;
    }
  }
  return std::nullopt;
}

bool ModuleIndex::FindInModules(std::string_view importer, std::string_view dotted,
                                const std::function<bool(const std::string& path, const std::string& rest)>& find) const {
  std::string name(dotted);
  for (size_t at; (at = name.find("()")) != std::string::npos;) name.erase(at, 2);  // Checker().start
  size_t dots = 0;
  while (dots < name.size() && name[dots] == '.') ++dots;
  std::vector<std::string> parts = Split(std::string_view(name).substr(dots));
  if (parts.empty()) return false;
  std::string prefix = name.substr(0, dots);
  // The longest prefix that is a local module exporting the rest wins: pkg.jobs.start before pkg.
  for (size_t split = parts.size() - 1;; --split) {
    if (split > 0 || dots > 0) {
      std::optional<std::string> path = Resolve(importer, prefix + JoinParts(parts, 0, split, '.'));
      if (path && *path != importer && find(*path, JoinParts(parts, split, parts.size(), '.'))) return true;
    }
    if (split == 0) return false;
  }
}

const ModuleIndex::Summary& ModuleIndex::SummaryIfMentioned(const std::string& path, std::string_view name) const {
  static const Summary kNothing;
  return Mentions(path, name.substr(0, name.find('.'))) ? SummaryOf(path) : kNothing;
}

std::optional<ModuleIndex::Target> ModuleIndex::ResolveCallee(std::string_view importer,
                                                                std::string_view callee) const {
  std::optional<Target> target;
  FindInModules(importer, callee, [&](const std::string& path, const std::string& function) {
    const Summary& summary = SummaryIfMentioned(path, function);
    auto it = summary.functions.find(function);
    if (it == summary.functions.end()) return false;
    std::lock_guard<std::mutex> lock(mutex_);
    const int id = ids_.emplace(path + ":" + function, static_cast<int>(ids_.size())).first->second;
    target = Target{path, id, &it->second};
    return true;
  });
  return target;
}

std::optional<std::pair<std::string, std::string>> ModuleIndex::LocalModuleOf(std::string_view importer,
                                                                             std::string_view dotted) const {
  std::optional<std::pair<std::string, std::string>> found;
  FindInModules(importer, dotted, [&](const std::string& path, const std::string& rest) {
    found.emplace(path, rest);
    return true;
  });
  return found;
}

bool ModuleIndex::IsModuleGlobal(std::string_view importer, std::string_view name) const {
  return FindInModules(importer, name, [](const std::string&, const std::string& rest) {
    return !rest.empty() && rest.find('.') == std::string::npos && rest.find('(') == std::string::npos;
  });
}

std::optional<ModuleIndex::ImportedContainer> ModuleIndex::ContainerOf(std::string_view importer,
                                                                      std::string_view name) const {
  return ContainerOf(importer, name, 0);
}

std::optional<ModuleIndex::ImportedContainer> ModuleIndex::ContainerOf(std::string_view importer, std::string_view name,
                                                                      int depth) const {
  constexpr int kMaxReexports = 4;  // a package's __init__ re-exporting a submodule's, and so on
  std::optional<ImportedContainer> found;
  FindInModules(importer, name, [&](const std::string& path, const std::string& global) {
    const Summary& summary = SummaryIfMentioned(path, global);
    if (auto it = summary.containers.find(global); it != summary.containers.end()) {
      found = ImportedContainer{path, it->second, global.find('.') != std::string::npos};
    } else if (auto from = summary.reexports.find(global); from != summary.reexports.end() && depth < kMaxReexports) {
      found = ContainerOf(path, from->second, depth + 1);
    }
    return found.has_value();
  });
  return found;
}

const std::vector<ModuleIndex::Edge>& ModuleIndex::EdgesOf(const Target& from) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (auto known = edges_.find(from.id); known != edges_.end()) return known->second;
  }
  std::vector<Edge> edges;
  for (const python::ImportedCall& call : from.summary->imported) {
    std::optional<Target> target = ResolveCallee(from.path, call.callee);
    if (target) edges.push_back({&call, std::move(*target)});
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return edges_.emplace(from.id, std::move(edges)).first->second;  // the first stored wins
}

// Breadth first over the functions the calls reach, module to module: the shortest chain
// wins, and each function is expanded once per question. Following each chain depth
// first explored every path of the import graph (hours for 40 modules that import each
// other) and recursed deep enough on 4,000 to overflow the stack. A question
// that finds nothing proves that nothing is reachable from any function it expanded, so
// later questions stop there; an answer that found work is used only for its own
// question, so that every answer is the same whatever the order the workers ask in.
std::optional<python::BackgroundWork> ModuleIndex::BackgroundWorkOf(std::string_view importer,
                                                                     std::string_view callee) const {
  const std::optional<Target> start = ResolveCallee(importer, callee);
  if (!start) return std::nullopt;
  struct Step {
    const Target* target;
    int parent;                        // index into steps; -1 for the start
    const python::ImportedCall* call;  // the parent's call that reaches it
  };
  std::vector<Step> steps{{&*start, -1, nullptr}};
  std::vector<bool> seen;
  auto first_sight = [&seen](int id) {
    if (static_cast<size_t>(id) >= seen.size()) seen.resize(id + 1);
    if (seen[id]) return false;
    seen[id] = true;
    return true;
  };
  first_sight(start->id);
  std::optional<python::BackgroundWork> found;
  for (size_t next = 0; next < steps.size() && !found; ++next) {
    const Target& target = *steps[next].target;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (next == 0) {
        if (auto answered = answers_.find(target.id); answered != answers_.end()) return answered->second;
      }
      if (static_cast<size_t>(target.id) < nothing_reachable_.size() && nothing_reachable_[target.id]) continue;
    }
    if (target.summary->work) {
      // The calls from the start to here go in front of the chain found here.
      found = *target.summary->work;
      for (size_t step = next; steps[step].parent >= 0; step = steps[step].parent) {
        found = python::JoinVia(*steps[step].call, std::move(*found));
      }
      break;
    }
    for (const Edge& edge : EdgesOf(target)) {
      if (first_sight(edge.target.id)) steps.push_back({&edge.target, static_cast<int>(next), edge.call});
    }
  }
  std::lock_guard<std::mutex> lock(mutex_);
  answers_.emplace(start->id, found);
  if (!found) {
    for (const Step& step : steps) {
      if (static_cast<size_t>(step.target->id) >= nothing_reachable_.size()) nothing_reachable_.resize(ids_.size());
      nothing_reachable_[step.target->id] = true;
    }
  }
  return found;
}

std::vector<std::string> ModuleIndex::SysPathOf(std::string_view importer) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto cached = sys_paths_.find(importer);
    if (cached != sys_paths_.end()) return cached->second;
  }
  std::vector<std::string> folders;
  std::string content, error;
  if (snapshot_.Read(importer, &content, &error) && content.size() <= kMaxModuleBytes && MayExtendSysPath(content)) {
    python::Parser parser;
    folders = python::SysPathAdditions(*python::ParseModule(parser, std::string(importer), std::move(content)));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return sys_paths_.emplace(std::string(importer), std::move(folders)).first->second;
}

bool ModuleIndex::IsDjangoView(std::string_view path, std::string_view function) const {
  std::call_once(views_collected_, [this] { CollectDjangoViews(); });
  return django_views_.count(std::string(path) + ":" + std::string(function)) > 0;
}

void ModuleIndex::CollectDjangoViews() const {
  python::Parser parser;
  for (const std::string& file : snapshot_.files()) {
    if (file != "urls.py" && !file.ends_with("/urls.py")) continue;
    std::string content, error;
    if (!snapshot_.Read(file, &content, &error) || content.size() > kMaxModuleBytes) continue;
    std::unique_ptr<python::Module> module = python::ParseModule(parser, file, std::move(content));
    for (const python::Call& call : module->calls()) {
      if (call.callee != "django.urls.path" && call.callee != "django.urls.re_path" &&
          call.callee != "django.conf.urls.url") {
        continue;
      }
      const python::Argument* view = call.Arg(1, "view");
      if (!view || view->value.qualified.empty()) continue;
      // views.check -> ".views.check" or "shop.views.check": the longest local module prefix.
      const std::string& qualified = view->value.qualified;
      for (size_t dot = qualified.rfind('.'); dot != std::string::npos && dot > 0; dot = qualified.rfind('.', dot - 1)) {
        std::optional<std::string> target = Resolve(file, qualified.substr(0, dot));
        if (target) {
          django_views_.insert(*target + ":" + qualified.substr(dot + 1));
          break;
        }
      }
    }
  }
}

bool ModuleIndex::Mentions(const std::string& path, std::string_view name) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (summaries_.count(path)) return true;  // known: the summary answers
  }
  std::string content, error;
  return !snapshot_.Read(path, &content, &error) || content.find(name) != std::string::npos;
}

const ModuleIndex::Summary& ModuleIndex::SummaryOf(const std::string& path) const {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto cached = summaries_.find(path);
    if (cached != summaries_.end()) return *cached->second;
  }
  // Checked by the linter now (which publishes it), or parsed and published here. Two
  // workers may summarise the same module at once; the first one stored wins.
  if (check_now_) check_now_(path);
  std::string content, error;
  bool published;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    published = summaries_.count(path) > 0;
  }
  if (!published && snapshot_.Read(path, &content, &error) && content.size() <= kMaxModuleBytes) {
    python::Parser parser;
    std::unique_ptr<python::Module> module = python::ParseModule(parser, path, std::move(content));
    Publish(*module, python::ModuleBackground(*module));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  return *summaries_.emplace(path, std::make_unique<Summary>()).first->second;  // empty when unreadable
}

// The names a module binds by a module-level from-import, and where they come from:
// `from .cache import CACHE as STORE` -> STORE: ".cache.CACHE".
std::map<std::string, std::string, std::less<>> Reexports(const python::Module& module) {
  std::map<std::string, std::string, std::less<>> reexports;
  for (const python::Import& import : module.imports()) {
    if (import.function != -1 || import.guarded || import.wildcard || import.name.empty()) continue;
    const bool relative_to_package = import.module.find_first_not_of('.') == std::string::npos;  // `from . import x`
    reexports.emplace(import.bound, import.module + (relative_to_package ? "" : ".") + import.name);
  }
  return reexports;
}

// What other modules can change of this one's: its module-level containers by name, and
// its classes' container attributes as "Class.attr" (`from state import Store` and then
// `Store.items.append(x)`).
std::map<std::string, python::Container, std::less<>> ExportedContainers(const python::Module& module) {
  python::Containers found = python::FindContainers(module);
  for (auto& [name, container] : found.class_attributes) {
    found.globals.emplace(name.first + "." + name.second, std::move(container));
  }
  return std::move(found.globals);
}

void ModuleIndex::Publish(const python::Module& module, const python::ModuleBackground& background) const {
  std::vector<std::string> folders;
  if (MayExtendSysPath(module.source())) folders = python::SysPathAdditions(module);
  {
    // First: the call graph resolves the module's imports through its sys.path.
    std::lock_guard<std::mutex> lock(mutex_);
    sys_paths_.emplace(module.path(), std::move(folders));
  }
  auto summary = std::make_unique<Summary>(Summary{python::ExportBackgroundWork(module, background.work),
                                                   ExportedContainers(module), Reexports(module), {}});
  if (keeps_call_graphs_) {
    summary->calls = python::BuildCallGraph(module, background.imported_names, [&](std::string_view dotted) {
      return LocalModuleOf(module.path(), dotted);
    });
  }
  std::lock_guard<std::mutex> lock(mutex_);
  summaries_.emplace(module.path(), std::move(summary));
}

}  // namespace faaslint::project
