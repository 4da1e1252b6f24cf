#include "project/deployment_graph.h"

#include <algorithm>
#include <atomic>
#include <deque>
#include <map>
#include <optional>
#include <thread>
#include <vector>

#include "core/glob.h"
#include "project/functions.h"
#include "python/import_scan.h"
#include "python/parser.h"
#include "python/text_check.h"
#include "vercel/json.h"

namespace faaslint::project {
namespace {

// Zero-config entries. Source: Vercel docs, "Flask on Vercel" and "FastAPI on Vercel"
// (vercel.com/docs/frameworks/backend/flask, .../fastapi): app.py, index.py, server.py
// at the root, in src/ and in app/; "Using the Python Runtime with Vercel Functions"
// (vercel.com/docs/functions/runtimes/python) adds main.py. A candidate counts only
// when it binds `app`, `application` or `handler` at top level, so a CLI main.py does
// not make a project.
constexpr std::string_view kZeroConfigFolders[] = {"", "src/", "app/"};
constexpr std::string_view kZeroConfigFiles[] = {"app.py", "index.py", "server.py", "main.py"};
// Larger files are not scanned (the pipeline does not parse them either).
constexpr size_t kMaxScannedBytes = 16u << 20;
// Queued files scanned ahead per thread at a time: enough to keep the threads busy,
// few enough that a walk stopping early (`wanted` found) has scanned little for nothing.
constexpr size_t kScanAheadPerThread = 8;

std::string FolderOf(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash));
}

std::string Join(std::string_view folder, std::string_view relative) {
  if (folder.empty()) return std::string(relative);
  if (relative.empty()) return std::string(folder);
  return std::string(folder) + "/" + std::string(relative);
}

// Resolves "." and ".." segments; nullopt when the path leaves the project.
std::optional<std::string> Normalize(std::string_view path) {
  std::vector<std::string_view> parts;
  while (!path.empty()) {
    size_t slash = path.find('/');
    std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view() : path.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") {
      if (parts.empty()) return std::nullopt;
      parts.pop_back();
    } else {
      parts.push_back(part);
    }
  }
  std::string out;
  for (std::string_view part : parts) out = Join(out, part);
  return out;
}

std::string DottedToPath(std::string_view dotted) {
  std::string path(dotted);
  for (char& c : path) {
    if (c == '.') c = '/';
  }
  return path;
}

class GraphBuilder {
 public:
  GraphBuilder(const Snapshot& snapshot, python::Parser& parser, const std::set<std::string, std::less<>>* wanted,
               unsigned jobs)
      : snapshot_(snapshot), files_(snapshot.files()), parser_(parser), wanted_(wanted), jobs_(std::max(1u, jobs)) {}

  DeploymentGraph Build() {
    FindEntries();
    if (graph_.detected) graph_.loads_by_name = IsDjangoProject();
    if (!graph_.loads_by_name) Walk();
    for (auto& [path, scan] : scans_) graph_.imports_read.emplace(path, std::move(scan.imports));
    return std::move(graph_);
  }

 private:
  bool Exists(std::string_view path) const { return HasFile(snapshot_, path); }

  python::ImportScan ScanFile(python::Parser& parser, const std::string& path) const {
    std::string content, error;
    if (!snapshot_.Read(path, &content, &error) || content.size() > kMaxScannedBytes) return {};
    // Python refuses to import a file with a NUL byte, or with invalid UTF-8 and no coding
    // declaration (a ValueError or SyntaxError at import), so it leads nowhere.
    if (!python::PythonReadsAsSource(content)) return {};
    return python::ScanImports(parser, content);
  }

  const python::ImportScan* Scan(const std::string& path) {
    auto it = scans_.find(path);
    if (it == scans_.end()) it = scans_.emplace(path, ScanFile(parser_, path)).first;
    return &it->second;
  }

  // Scans the next queued files on `jobs_` threads. A scan depends on its file alone, so
  // the walk, which still takes the files in queue order, finds the same graph.
  void ScanAhead(const std::deque<std::string>& queue) {
    std::vector<const std::string*> batch;
    for (const std::string& path : queue) {
      if (batch.size() == jobs_ * kScanAheadPerThread) break;
      if (!scans_.count(path)) batch.push_back(&path);
    }
    size_t threads = std::min<size_t>(jobs_, batch.size());
    if (threads < 2) return;
    std::vector<python::ImportScan> scans(batch.size());
    std::atomic<size_t> next{0};
    auto work = [&] {
      python::Parser parser;  // one per thread: a parser is not thread-safe
      for (size_t i = next++; i < batch.size(); i = next++) scans[i] = ScanFile(parser, *batch[i]);
    };
    std::vector<std::thread> pool;
    for (size_t i = 1; i < threads; ++i) pool.emplace_back(work);
    work();
    for (std::thread& thread : pool) thread.join();
    for (size_t i = 0; i < batch.size(); ++i) scans_.emplace(*batch[i], std::move(scans[i]));
  }

  // manage.py at the root or one folder down, where Vercel's Django support looks for it;
  // or an entry that imports Django, as a wsgi.py deployed through `builds` does: its
  // get_wsgi_application() loads the settings module DJANGO_SETTINGS_MODULE names.
  bool IsDjangoProject() {
    const bool manage_py = std::any_of(files_.begin(), files_.end(), [](const std::string& file) {
      return file == "manage.py" ||
             (file.ends_with("/manage.py") && file.find('/') == file.size() - std::string_view("/manage.py").size());
    });
    return manage_py || std::any_of(graph_.entries.begin(), graph_.entries.end(), [&](const std::string& entry) {
             const python::ImportScan* scan = Scan(entry);
             return scan && std::any_of(scan->imports.begin(), scan->imports.end(), [](const python::ImportRef& ref) {
                      return ref.level == 0 && (ref.module == "django" || ref.module.starts_with("django."));
                    });
           });
  }

  void AddEntry(const std::string& path, std::string_view why) {
    graph_.detected = true;
    if (graph_.detected_by.empty()) graph_.detected_by = std::string(why);
    graph_.entries.insert(path);
  }

  // A `functions` key is matched as a `builds` src is, a leading "./" forgiven: the
  // code it names is function code all the same (FL605 reports the "./").
  void AddMatching(std::string_view pattern, std::string_view why) {
    for (const std::string& file : FilesMatchingBuildSrc(files_, pattern)) {
      if (file.ends_with(".py")) AddEntry(file, why);
    }
  }

  void FindEntries() {
    if (Exists("vercel.json")) {
      graph_.detected = true;
      graph_.detected_by = "vercel.json";
      if (ReadVercelJson()) return;  // `builds` decides alone what is deployed
    }
    for (const std::string& file : files_) {
      if (file.starts_with("api/") && file.ends_with(".py")) AddEntry(file, "api/");
    }
    for (std::string_view folder : kZeroConfigFolders) {
      for (std::string_view name : kZeroConfigFiles) {
        std::string path = std::string(folder) + std::string(name);
        if (Exists(path) && Scan(path)->binds_entry_name) AddEntry(path, path);
      }
    }
    ReadPyprojectScript();
  }

  // Entries from vercel.json's `builds` (legacy: when present, only they are built) and
  // `functions` keys. Returns true when `builds` is present. A file that is not valid
  // JSON adds nothing (FL601 reports it). Read with the project's own strict reader:
  // its nesting limit holds here too (a hostile vercel.json of 5 MB of `[` cost a
  // general-purpose parser 400 MB).
  bool ReadVercelJson() {
    std::string content, error;
    if (!snapshot_.Read("vercel.json", &content, &error)) return false;
    const vercel::JsonDocument config = vercel::ParseJson(content);
    if (!config.errors.empty() || !config.root || !config.root->is_object()) return false;
    if (const vercel::JsonValue* functions = config.root->Get("functions"); functions && functions->is_object()) {
      for (const vercel::JsonMember& function : functions->members) AddMatching(function.key, "vercel.json");
    }
    std::optional<std::vector<std::string>> built = PythonFilesOfBuilds(files_, &*config.root);
    if (!built) return false;
    for (const std::string& file : *built) AddEntry(file, "vercel.json");
    return true;
  }

  // pyproject.toml `[project.scripts] app = "backend.server:app"` points at the entry
  // (Vercel docs, "Flask on Vercel"). A line scan: only this one key is needed.
  void ReadPyprojectScript() {
    std::string content, error;
    if (!Exists("pyproject.toml") || !snapshot_.Read("pyproject.toml", &content, &error)) return;
    bool in_scripts = false;
    size_t start = 0;
    while (start < content.size()) {
      size_t end = content.find('\n', start);
      std::string_view line(content.data() + start, (end == std::string::npos ? content.size() : end) - start);
      start = end == std::string::npos ? content.size() : end + 1;
      while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
      while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
      if (line.starts_with("[")) {
        in_scripts = line == "[project.scripts]";
        continue;
      }
      if (!in_scripts || !line.starts_with("app")) continue;
      size_t quote = line.find_first_of("\"'");
      size_t colon = line.find(':', quote == std::string_view::npos ? 0 : quote);
      if (quote == std::string_view::npos || colon == std::string_view::npos) continue;
      std::string_view key = line.substr(0, line.find('='));
      while (!key.empty() && key.back() == ' ') key.remove_suffix(1);
      if (key != "app") continue;
      std::string module = DottedToPath(line.substr(quote + 1, colon - quote - 1));
      for (const std::string& path : {module + ".py", module + "/__init__.py"}) {
        if (Exists(path)) AddEntry(path, "pyproject.toml");
      }
    }
  }

  // The files importing `dotted` from `root` runs: each package's __init__.py and the
  // module itself. Empty when the module is not in the project.
  std::vector<std::string> ModuleFiles(const std::string& root, std::string_view dotted) const {
    std::vector<std::string> files;
    std::string folder = root;
    std::string_view rest = dotted;
    while (!rest.empty()) {
      size_t dot = rest.find('.');
      std::string_view part = rest.substr(0, dot);
      rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
      folder = Join(folder, part);
      std::string init = Join(folder, "__init__.py");
      if (rest.empty()) {
        if (Exists(folder + ".py")) files.push_back(folder + ".py");
        else if (Exists(init)) files.push_back(init);
        else return {};
      } else if (Exists(init)) {
        files.push_back(init);
      } else if (!HasFolder(folder)) {
        return {};  // not even a namespace package here
      }
    }
    return files;
  }

  bool HasFolder(const std::string& folder) const {
    auto [first, last] = PathsStartingWith(files_, folder + "/");
    return first != last;
  }

  // Adds what `ref` imports, resolved from `root`; false when nothing matched there.
  bool ResolveFrom(const std::string& root, const python::ImportRef& ref, std::vector<std::string>* out) const {
    std::vector<std::string> module = ref.module.empty() ? std::vector<std::string>() : ModuleFiles(root, ref.module);
    if (!ref.module.empty() && module.empty()) return false;
    out->insert(out->end(), module.begin(), module.end());
    bool any = !module.empty();
    for (const std::string& name : ref.names) {  // `from pkg import submodule`
      std::string dotted = ref.module.empty() ? name : ref.module + "." + name;
      std::vector<std::string> submodule = ModuleFiles(root, dotted);
      out->insert(out->end(), submodule.begin(), submodule.end());
      any = any || !submodule.empty();
    }
    return any;
  }

  std::vector<std::string> Resolve(const std::string& importer, const python::ImportRef& ref) const {
    std::vector<std::string> found;
    if (ref.level > 0) {
      std::string base = FolderOf(importer);
      for (int i = 1; i < ref.level; ++i) base += "/..";
      if (std::optional<std::string> folder = Normalize(base)) ResolveFrom(*folder, ref, &found);
      return found;
    }
    // sys.path as the function sees it, first match wins: the importer's folder (an
    // entry run as a script), the entries' folders, folders added by sys.path shims,
    // and the project root (the function's working directory).
    std::vector<std::string> roots{FolderOf(importer)};
    roots.insert(roots.end(), entry_folders_.begin(), entry_folders_.end());
    roots.insert(roots.end(), shim_roots_.begin(), shim_roots_.end());
    roots.push_back("");
    for (const std::string& root : roots) {
      if (ResolveFrom(root, ref, &found)) break;
    }
    return found;
  }

  void Walk() {
    for (const std::string& entry : graph_.entries) entry_folders_.insert(FolderOf(entry));
    std::deque<std::string> queue(graph_.entries.begin(), graph_.entries.end());
    graph_.function_code = graph_.entries;
    size_t unfound = 0;
    if (wanted_) {
      unfound = static_cast<size_t>(std::count_if(wanted_->begin(), wanted_->end(), [&](const std::string& file) {
        return !graph_.function_code.count(file);
      }));
    }
    while (!queue.empty()) {
      if (wanted_ && unfound == 0) {
        graph_.complete = false;
        return;
      }
      if (jobs_ > 1 && !scans_.count(queue.front())) ScanAhead(queue);
      std::string path = std::move(queue.front());
      queue.pop_front();
      const python::ImportScan* scan = Scan(path);
      for (const python::PathAddition& addition : scan->path_additions) {
        std::string relative = addition.from_file_folder ? Join(FolderOf(path), addition.relative) : addition.relative;
        if (std::optional<std::string> folder = Normalize(relative)) shim_roots_.insert(*folder);
      }
      for (const python::ImportRef& ref : scan->imports) {
        for (std::string& file : Resolve(path, ref)) {
          if (!graph_.function_code.insert(file).second) continue;
          if (wanted_ && wanted_->count(file)) --unfound;
          queue.push_back(std::move(file));
        }
      }
    }
  }

  const Snapshot& snapshot_;
  const std::vector<std::string>& files_;  // the snapshot's, sorted
  python::Parser& parser_;
  std::map<std::string, python::ImportScan, std::less<>> scans_;
  std::set<std::string> entry_folders_;
  std::set<std::string> shim_roots_;
  const std::set<std::string, std::less<>>* wanted_;  // may be null: walk everything
  const unsigned jobs_;
  DeploymentGraph graph_;
};

}  // namespace

DeploymentGraph BuildDeploymentGraph(const Snapshot& snapshot, python::Parser& parser,
                                     const std::set<std::string, std::less<>>* wanted, unsigned jobs) {
  return GraphBuilder(snapshot, parser, wanted, jobs).Build();
}

}  // namespace faaslint::project
