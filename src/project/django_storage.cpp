#include "project/django_storage.h"

#include <algorithm>
#include <set>

#include "core/name_search.h"
#include "project/functions.h"
#include "project/project.h"
#include "python/module.h"
#include "python/values.h"

namespace faaslint::project {
namespace {

using python::Expr;

bool IsSettingsFile(std::string_view path) {
  if (!path.ends_with(".py")) return false;
  const size_t slash = path.rfind('/');
  const std::string_view file = path.substr(slash + 1);  // npos + 1 == 0
  if (file == "settings.py" || file.starts_with("settings_")) return true;
  const std::string_view folder = slash == std::string_view::npos ? "" : path.substr(0, slash);
  return folder == "settings" || folder.ends_with("/settings");
}

// tests/settings.py, settings/test.py, settings_test.py: what a test run loads, with its
// own storage (InMemoryStorage), not what the deployment does.
bool IsTestSettings(std::string_view path) {
  for (size_t start = 0; start < path.size();) {
    size_t end = std::min(path.find('/', start), path.size());
    std::string_view part = path.substr(start, end - start);
    if (part.starts_with("test") || part.find("_test") != std::string_view::npos) return true;
    start = end + 1;
  }
  return false;
}

// The dotted names a module gives DJANGO_SETTINGS_MODULE: `os.environ.setdefault(
// "DJANGO_SETTINGS_MODULE", "mysite.settings")` (manage.py, wsgi.py and asgi.py as
// startproject writes them) or `os.environ["DJANGO_SETTINGS_MODULE"] = "..."`.
std::vector<std::string> SettingsModuleNames(const python::Module& module) {
  std::vector<std::string> names;
  if (module.source().find("DJANGO_SETTINGS_MODULE") == std::string::npos) return names;
  for (const python::Call& call : module.calls()) {
    if (!call.callee.ends_with("environ.setdefault") || call.args.size() < 2) continue;
    const Expr& key = call.args[0].value;
    const Expr& value = call.args[1].value;
    if (key.IsString() && key.str == "DJANGO_SETTINGS_MODULE" && value.IsString() && !value.is_fstring) {
      names.push_back(value.str);
    }
  }
  const python::Values values(module);
  for (const python::KeyedValue& keyed : values.KeyedValues("DJANGO_SETTINGS_MODULE")) {
    if (keyed.value->IsString() && !keyed.value->is_fstring) names.push_back(keyed.value->str);
  }
  return names;
}

// The settings modules of the project: the files named like settings, those a
// DJANGO_SETTINGS_MODULE names (`mysite.production`, from the root or the folder of the
// file that names it), and the local modules they star-import (`from .base import *`,
// `from .storage_backends import *`), transitively. Test settings are left out.
std::vector<std::string> FindSettingsModules(const Project& project) {
  const Snapshot& snapshot = project.snapshot();
  std::set<std::string> found;
  std::vector<std::string> queue;
  auto add = [&](const std::string& path) {
    if (project.HasFile(path) && !IsTestSettings(path) && found.insert(path).second) queue.push_back(path);
  };
  for (const std::string& path : snapshot.files()) {
    if (IsSettingsFile(path)) add(path);
    const std::string_view file = std::string_view(path).substr(path.rfind('/') + 1);
    if (file != "manage.py" && file != "wsgi.py" && file != "asgi.py" && file != "index.py") continue;
    const python::Module* module = project.PythonModule(path);
    if (!module) continue;
    const std::string folder = path.substr(0, path.rfind('/') + 1);  // "" at the root: npos + 1 == 0
    for (std::string dotted : SettingsModuleNames(*module)) {
      std::replace(dotted.begin(), dotted.end(), '.', '/');
      for (const std::string& base : {std::string(), folder}) {
        add(base + dotted + ".py");
        add(base + dotted + "/__init__.py");
      }
    }
  }
  while (!queue.empty()) {
    const std::string path = std::move(queue.back());
    queue.pop_back();
    const python::Module* module = project.PythonModule(path);
    if (!module) continue;
    for (const python::Import& import : module->imports()) {
      if (!import.wildcard) continue;
      if (std::optional<std::string> local = ResolveLocalImport(snapshot, path, import)) add(*local);
    }
  }
  return {found.begin(), found.end()};
}

// "django.core.files.storage.FileSystemStorage" (or the .filesystem module's, Django 4.2+).
bool IsFileSystemStorage(const std::optional<python::StringValue>& backend) {
  return backend && !backend->prefix_only && backend->text.ends_with(".FileSystemStorage");
}

// The value of string key `key` in dict literal `dict`, or null.
const Expr* DictValue(const Expr& dict, std::string_view key) {
  if (dict.kind != Expr::Kind::kDict) return nullptr;
  for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
    if (dict.items[i].IsString() && !dict.items[i].is_fstring && dict.items[i].str == key) return &dict.items[i + 1];
  }
  return nullptr;
}

// What one settings module says: local (no storage named, or FileSystemStorage), with
// where it says so (`said_by`), or elsewhere.
MediaStorage ReadSettings(const python::Module& module, std::vector<Location>* said_by) {
  const std::string_view source = module.source();
  const python::Values values(module);
  auto say = [&](const Expr& value) { said_by->push_back(Location{module.path(), value.range}); };
  const size_t mentions = CountName(source, "DEFAULT_FILE_STORAGE") + CountName(source, "STORAGES");
  size_t local = 0;
  for (const python::KeyedValue& keyed : values.KeyedValues("DEFAULT_FILE_STORAGE")) {
    if (!keyed.module_name || !IsFileSystemStorage(values.String(*keyed.value, keyed.function))) {
      return MediaStorage::kElsewhere;
    }
    say(*keyed.value);
    ++local;
  }
  for (const python::KeyedValue& keyed : values.KeyedValues("STORAGES")) {
    const Expr* storage = keyed.module_name ? DictValue(*keyed.value, "default") : nullptr;
    const Expr* backend = storage ? DictValue(*storage, "BACKEND") : nullptr;
    if (!backend || !IsFileSystemStorage(values.String(*backend, keyed.function))) return MediaStorage::kElsewhere;
    say(*backend);
    ++local;
  }
  // Every mention must be one of the assignments read above: `STORAGES["default"] = ...`,
  // `STORAGES.update(...)` or a `from .s3 import STORAGES` were not.
  if (local != mentions) return MediaStorage::kElsewhere;
  if (local == 0) {
    for (const python::KeyedValue& keyed : values.KeyedValues("MEDIA_ROOT")) {
      if (keyed.module_name) say(*keyed.value);
    }
  }
  return MediaStorage::kLocal;
}

}  // namespace

DjangoStorage ReadDjangoStorage(const Project& project) {
  DjangoStorage storage;
  storage.settings_files = FindSettingsModules(project);
  for (const std::string& path : storage.settings_files) {
    const python::Module* module = project.PythonModule(path);
    if (module && CountName(module->source(), "CKEDITOR_STORAGE_BACKEND") > 0) storage.editor_storage_named = true;
    // A settings module that names no storage leaves the default: local.
    if (!module || ReadSettings(*module, &storage.said_by) == MediaStorage::kElsewhere) {
      storage.media = MediaStorage::kElsewhere;
      storage.said_by.clear();
      return storage;
    }
    storage.media = MediaStorage::kLocal;
  }
  return storage;
}

}  // namespace faaslint::project
