#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <set>

#include "project/functions.h"
#include "project/module_index.h"
#include "project/project.h"
#include "project/python_packages.h"
#include "project/requirements.h"
#include "python/module.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

constexpr RuleInfo kInfo{
    "FL607", "missing-requirement", Severity::kError,
    "third-party import of function code that no requirements file declares",
    R"md(## What it does
Follows the imports of every Python function file (and of the local modules they
import; in a Django project also of the modules Django loads by name: the settings, the
URLconfs and what they `include()`, the apps of INSTALLED_APPS) and reports a third-party module that `requirements.txt`, `pyproject.toml`
(`[project].dependencies`, `[tool.poetry.dependencies]`) or `Pipfile` (`[packages]`)
does not declare; a `requirements.txt` in the function's own folder or a folder above
it (`backend/requirements.txt` for `backend/app.py`) counts too, as Vercel's builder
reads it first. It knows the standard library (Python 3.12), the project's own
modules (also a package in a folder above the importing file), import names that differ from package names (`yaml` is PyYAML, `PIL` is
Pillow, `bs4` is beautifulsoup4, `dotenv` is python-dotenv, `jwt` is PyJWT, `cv2` is
opencv-python, `sklearn` is scikit-learn, `bson` is pymongo, `telebot` is
pyTelegramBotAPI, ...), the packages that popular ones bring along (Flask brings
Werkzeug and Jinja2, gspread brings requests) and what extras install
(`fastapi[standard]` brings uvicorn, `requests[socks]` PySocks; an extra the table does
not know counts as the package of its name: `promplate[openai]` brings openai). For an import name it does not know, a declared package whose
name contains it counts (`linebot` in line-bot-sdk, `socks` in PySocks): the rule
would rather miss a requirement than call a declared one missing. Imports inside
`try:` (optional imports), under `if TYPE_CHECKING:` and under
`if __name__ == "__main__":` are not reported. A requirements file with a byte order
mark (UTF-8 from Notepad, UTF-16 from PowerShell's `pip freeze >`) is read as pip
reads it.

## Why it fails on serverless
On your machine the package is installed in the virtualenv, so the app runs. Vercel
builds the function from the declared requirements only; the import fails at cold
start with `ModuleNotFoundError`, and every request returns FUNCTION_INVOCATION_FAILED.

## Example
```python
# api/index.py, with requirements.txt containing only "flask"
import yaml
from dotenv import load_dotenv
```

## Instead
```text
# requirements.txt
flask
PyYAML
python-dotenv
```
)md",
    /*options=*/{}, FindingsIn::kPythonFile,
    /*reads_declared_packages=*/true};

// Whether a declared package, or a package one installs (and so on), provides `name`.
bool Provided(const std::string& name, const project::DeclaredPackages& declared) {
  std::vector<std::string> candidates = project::PackagesProviding(name);
  for (const std::string& package : candidates) {
    if (declared.Declares(package)) return true;
  }
  if (!project::KnowsImportName(name) &&
      std::any_of(declared.names.begin(), declared.names.end(),
                  [&](const std::string& package) { return project::MayProvide(package, name); })) {
    return true;
  }
  std::set<std::string, std::less<>> installed(declared.names.begin(), declared.names.end());
  for (const auto& [package, extra] : declared.extras) {
    for (std::string& brought : project::InstalledWithExtra(package, extra)) installed.insert(std::move(brought));
  }
  for (const std::string& package : candidates) {
    if (installed.count(package)) return true;
  }
  std::vector<std::string> next(installed.begin(), installed.end());
  while (!next.empty()) {
    std::string package = std::move(next.back());
    next.pop_back();
    for (std::string_view brought : project::InstalledWith(package)) {
      if (std::find(candidates.begin(), candidates.end(), brought) != candidates.end()) return true;
      if (installed.emplace(brought).second) next.emplace_back(brought);
    }
  }
  return false;
}

size_t Indent(std::string_view line) {
  size_t n = 0;
  while (n < line.size() && (line[n] == ' ' || line[n] == '\t')) ++n;
  return n;
}

// Whether the import on `line` sits in an `if TYPE_CHECKING:` block: such imports run
// only under a type checker, never on the platform.
bool UnderTypeChecking(const python::Module& module, uint32_t line) {
  size_t indent = Indent(module.Line(line));
  for (uint32_t above = line; indent > 0 && above-- > 1;) {
    std::string_view text = module.Line(above);
    size_t own = Indent(text);
    if (own == text.size() || text[own] == '#' || own >= indent) continue;
    std::string_view statement = text.substr(own);
    return statement.starts_with("if ") && statement.find("TYPE_CHECKING") != std::string_view::npos;
  }
  return false;
}

std::string SourcesText(const project::DeclaredPackages& declared) {
  if (declared.sources.empty() && !declared.without_dependencies.empty()) {
    return declared.without_dependencies.front() + " declares no dependencies";
  }
  if (declared.sources.empty()) return "the project has no requirements.txt, pyproject.toml or Pipfile";
  std::string text;
  for (size_t i = 0; i < declared.sources.size(); ++i) {
    if (i > 0) text += i + 1 == declared.sources.size() ? " and " : ", ";
    text += declared.sources[i];
  }
  return text + (declared.sources.size() == 1 ? " does not declare it" : " do not declare it");
}

// Whether a folder that holds `path` (or one above it) has a module or package `name`.
bool InFolderAbove(const Snapshot& snapshot, std::string_view path, std::string_view name) {
  for (size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
    std::string candidate = std::string(path.substr(0, slash + 1)) + std::string(name);
    if (project::HasFile(snapshot, candidate + ".py") || project::HasFile(snapshot, candidate + "/__init__.py") ||
        project::HasFolder(snapshot, candidate + "/")) {
      return true;
    }
  }
  return false;
}

// Whether `path` runs inside a Vercel function: only those imports must install there.
bool IsFunctionCode(const project::Project& project, const std::string& path) {
  const std::vector<std::string>& function_code = project.FunctionCode();  // sorted
  return std::binary_search(function_code.begin(), function_code.end(), path);
}

// A check of each function file on its own, with the module the linter parsed anyway:
// as a whole-project rule it parsed every function file a second time, on one thread,
// and kept them all in memory.
void Check(const PyContext& cx, Sink& out) {
  if (cx.project == nullptr || cx.settings.platform != Platform::kVercel) return;
  const project::Project& project = *cx.project;
  const python::Module& module = cx.module;
  // A project the deployment graph found: vercel.json, api/*.py, or a zero-config entry
  // that binds `app` (a Flask app.py with no vercel.json is what Vercel deploys as is). A
  // lone script named main.py that binds no app is not one.
  if (!project.deployment_graph().detected || !IsFunctionCode(project, module.path())) return;
  // A requirements.txt in the function's own folder (backend/requirements.txt next to
  // backend/app.py) is read as well: the builder prefers it to the root's. Both count, so
  // that a package is never called missing that either declares.
  const project::DeclaredPackages* declared_here = &project.declared_packages();
  std::optional<project::DeclaredPackages> with_folder;
  if (std::string local = project::NearestFolderRequirements(project.snapshot(), module.path()); !local.empty()) {
    with_folder = *declared_here;
    project::AddRequirementsFile(project.snapshot(), local, &*with_folder);
    declared_here = &*with_folder;
  }
  const project::DeclaredPackages& declared = *declared_here;
  if (declared.incomplete) return;  // cannot tell what is installed
  std::set<std::string> reported;
  // Each finding holds while the files that could declare the package do not: a diff run
  // that edits or deletes one of them reports the import again.
  std::vector<Dependency> declaring;
  for (std::string& file : project::DeclarationFiles(declared)) {
    declaring.push_back(Dependency::WholeFile(std::move(file)));
  }
  for (const python::Import& import : module.imports()) {
    if (import.guarded || import.in_try || import.module.empty() || import.module[0] == '.') continue;
    if (UnderTypeChecking(module, import.range.start.line)) continue;
    std::string top = import.module.substr(0, import.module.find('.'));
    if (top == "__future__" || project::IsStandardLibrary(top)) continue;
    if (project::IsLocalTopLevel(project.snapshot(), module.path(), top)) continue;
    // The project's own package in a folder above (`utils` of api/utils/draw.py is api/utils/):
    // whether it imports there depends on sys.path, but it is no requirement to install.
    if (InFolderAbove(project.snapshot(), module.path(), top)) continue;
    // A folder the module puts on sys.path itself (`sys.path.append(.../_lib)`) holds it.
    if (cx.modules != nullptr && cx.modules->Resolve(module.path(), top)) continue;
    // `from google.cloud import storage` imports google.cloud.storage: in a namespace the
    // name decides the distribution.
    const bool names_module = !import.name.empty() && import.name != "*";
    std::string name = project::ImportedDistributionName(names_module ? import.module + "." + import.name
                                                                      : import.module);  // "yaml", "google.oauth2"
    if (Provided(name, declared) || !reported.insert(name).second) continue;
    std::string package = project::SuggestedPackage(name);
    std::string target = declared.sources.empty() ? "requirements.txt" : declared.sources.front();
    // The package is named only when the table knows it: an import name usually is its
    // package's name, but not always (`telebot` is pyTelegramBotAPI).
    std::string message = fmt::format("`{}` is imported, but {}", name, SourcesText(declared));
    if (project::KnowsImportName(name)) message += fmt::format(" (package `{}`)", package);
    out.Report(Location{module.path(), import.range}, std::move(message), fmt::format("add `{}` to {}", package, target),
               {}, declaring);
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
