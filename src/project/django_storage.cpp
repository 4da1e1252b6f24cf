#include "project/django_storage.h"

#include <algorithm>

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

size_t Occurrences(std::string_view text, std::string_view word) {
  size_t count = 0;
  for (size_t at = text.find(word); at != std::string_view::npos; at = text.find(word, at + word.size())) ++count;
  return count;
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

// What one settings module says: nothing (kUnknown), local, or elsewhere; for local,
// where (`said_by`).
MediaStorage ReadSettings(const python::Module& module, std::vector<Location>* said_by) {
  const std::string_view source = module.source();
  const python::Values values(module);
  auto say = [&](const Expr& value) { said_by->push_back(Location{module.path(), value.range}); };
  const size_t mentions = Occurrences(source, "DEFAULT_FILE_STORAGE") + Occurrences(source, "STORAGES");
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
  const std::vector<std::string>& files = project.snapshot().files();
  std::copy_if(files.begin(), files.end(), std::back_inserter(storage.settings_files), IsSettingsFile);
  for (const std::string& path : storage.settings_files) {
    const python::Module* module = project.PythonModule(path);
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
