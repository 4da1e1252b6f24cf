#include "project/functions.h"

#include <algorithm>
#include <set>

#include "core/glob.h"

namespace faaslint::project {

bool HasFolder(const Snapshot& snapshot, const std::string& prefix) {
  const std::vector<std::string>& files = snapshot.files();
  auto it = std::lower_bound(files.begin(), files.end(), prefix);
  return it != files.end() && it->starts_with(prefix);
}

namespace {

std::string Folder(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

std::string Dotted(std::string_view dotted) {
  std::string out(dotted);
  std::replace(out.begin(), out.end(), '.', '/');
  return out;
}

// `base` + `relative` as a module file or a package's __init__.py.
std::optional<std::string> ModuleFile(const Snapshot& snapshot, const std::string& base, const std::string& relative) {
  if (relative.empty()) {
    if (HasFile(snapshot, base + "__init__.py")) return base + "__init__.py";
    return std::nullopt;
  }
  for (std::string candidate : {base + relative + ".py", base + relative + "/__init__.py"}) {
    if (HasFile(snapshot, candidate)) return candidate;
  }
  return std::nullopt;
}

std::vector<std::string> SearchBases(std::string_view from_file) {
  std::vector<std::string> bases = {"", Folder(from_file), "src/"};
  std::sort(bases.begin(), bases.end());
  bases.erase(std::unique(bases.begin(), bases.end()), bases.end());
  return bases;
}

}  // namespace

bool HasFile(const Snapshot& snapshot, std::string_view path) {
  const std::vector<std::string>& files = snapshot.files();
  return std::binary_search(files.begin(), files.end(), path,
                            [](std::string_view a, std::string_view b) { return a < b; });
}

bool IsApiFunctionFile(std::string_view path) {
  if (!path.starts_with("api/")) return false;
  size_t start = 0;
  while (start < path.size()) {
    size_t end = path.find('/', start);
    std::string_view segment = path.substr(start, end == std::string_view::npos ? path.npos : end - start);
    if (!segment.empty() && (segment[0] == '_' || segment[0] == '.')) return false;
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return true;
}

std::vector<std::string> FilesMatchingBuildSrc(const std::vector<std::string>& files, std::string_view src) {
  while (src.starts_with("/") || src.starts_with("./")) src.remove_prefix(src[0] == '/' ? 1 : 2);
  const Glob glob(src);
  auto [first, last] = CandidatePaths(glob, files);
  std::vector<std::string> matched;
  for (auto file = first; file != last; ++file) {
    if (*file == src || glob.Matches(*file)) matched.push_back(*file);
  }
  return matched;
}

namespace {

// A `builds` entry that a Python builder runs, and the `src` it builds ("**" without one).
struct PythonBuild {
  const vercel::JsonValue* use;
  std::string_view src;
};

// The Python entries of a `builds` array, in order; one whose `src` is not a string is
// FL603's to report and builds nothing here.
std::vector<PythonBuild> PythonBuildsOf(const vercel::JsonValue& builds) {
  std::vector<PythonBuild> python;
  for (const vercel::JsonValue& build : builds.items) {
    const vercel::JsonValue* use = build.Get("use");
    if (!use || !use->is_string() || use->text.find("python") == std::string::npos) continue;
    const vercel::JsonValue* src = build.Get("src");
    if (src && !src->is_string()) continue;
    python.push_back({use, src ? std::string_view(src->text) : "**"});
  }
  return python;
}

}  // namespace

std::optional<std::vector<std::string>> PythonFilesOfBuilds(const std::vector<std::string>& files,
                                                             const vercel::JsonValue* root) {
  const vercel::JsonValue* builds = root ? root->Get("builds") : nullptr;
  if (!builds || !builds->is_array()) return std::nullopt;
  std::set<std::string> built;
  for (const PythonBuild& build : PythonBuildsOf(*builds)) {
    for (std::string& file : FilesMatchingBuildSrc(files, build.src)) {
      if (file.ends_with(".py")) built.insert(std::move(file));
    }
  }
  return std::vector<std::string>(built.begin(), built.end());
}

namespace {

// What follows `@vercel/python@` in a `use` or `runtime`; nullopt when it pins no version.
std::optional<std::string> PinnedVersion(const vercel::JsonValue* spec) {
  constexpr std::string_view kPinned = "@vercel/python@";
  if (!spec || !spec->is_string() || !std::string_view(spec->text).starts_with(kPinned)) return std::nullopt;
  return spec->text.substr(kPinned.size());
}

}  // namespace

std::optional<std::string> PinnedPythonBuilderVersion(const std::vector<std::string>& files,
                                                      const vercel::JsonValue* root, std::string_view file) {
  const vercel::JsonValue* builds = root ? root->Get("builds") : nullptr;
  if (builds && builds->is_array()) {
    for (const PythonBuild& build : PythonBuildsOf(*builds)) {
      const std::vector<std::string> built = FilesMatchingBuildSrc(files, build.src);
      if (std::find(built.begin(), built.end(), file) != built.end()) return PinnedVersion(build.use);
    }
    return std::nullopt;
  }
  const vercel::JsonValue* functions = root ? root->Get("functions") : nullptr;
  if (!functions || !functions->is_object()) return std::nullopt;
  for (const vercel::JsonMember& entry : functions->members) {
    // `key === fileName || minimatch(fileName, key)` (getFunction, detect-builders.ts): a
    // key written with "./" matches nothing.
    if (entry.key.starts_with("./") || (entry.key != file && !Glob(entry.key).Matches(file))) continue;
    return PinnedVersion(entry.value.Get("runtime"));
  }
  return std::nullopt;
}

std::vector<std::string> ZeroConfigEntrypointCandidates() {
  std::vector<std::string> candidates;
  for (std::string_view folder : {"", "src/", "app/", "api/"}) {
    for (std::string_view name : {"app", "index", "server", "main", "wsgi", "asgi"}) {
      candidates.push_back(std::string(folder) + std::string(name) + ".py");
    }
  }
  return candidates;
}

std::optional<std::string> ResolveLocalImport(const Snapshot& snapshot, std::string_view from_file,
                                              const python::Import& import) {
  std::string_view module = import.module;
  if (module.starts_with(".")) {
    size_t dots = module.find_first_not_of('.');
    if (dots == std::string_view::npos) dots = module.size();
    std::string base = Folder(from_file);
    for (size_t up = 1; up < dots; ++up) {
      if (base.empty()) return std::nullopt;
      base = Folder(std::string_view(base).substr(0, base.size() - 1));
    }
    std::string rest = Dotted(module.substr(dots));
    // `from . import name` / `from .pkg import name`: name may be a submodule.
    if (!import.name.empty() && import.name != "*") {
      std::string sub = rest.empty() ? import.name : rest + "/" + import.name;
      if (std::optional<std::string> file = ModuleFile(snapshot, base, sub)) return file;
    }
    return ModuleFile(snapshot, base, rest);
  }
  for (const std::string& base : SearchBases(from_file)) {
    std::string path = Dotted(module);
    if (!import.name.empty() && import.name != "*") {
      if (std::optional<std::string> file = ModuleFile(snapshot, base, path + "/" + import.name)) return file;
    }
    if (std::optional<std::string> file = ModuleFile(snapshot, base, path)) return file;
  }
  return std::nullopt;
}

bool IsLocalTopLevel(const Snapshot& snapshot, std::string_view from_file, std::string_view top_level) {
  for (const std::string& base : SearchBases(from_file)) {
    std::string path = base + std::string(top_level);
    if (HasFile(snapshot, path + ".py") || HasFolder(snapshot, path + "/")) return true;
  }
  return false;
}

}  // namespace faaslint::project
