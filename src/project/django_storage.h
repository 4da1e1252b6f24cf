// Where a Django project keeps uploaded files by default: what `FileField`,
// `ImageField` and `default_storage` save through is the storage its settings name
// (`STORAGES["default"]["BACKEND"]` since Django 4.2, `DEFAULT_FILE_STORAGE` before),
// and when they name none, `FileSystemStorage` under MEDIA_ROOT: local disk
// (https://docs.djangoproject.com/en/stable/ref/settings/#storages).
#pragma once

#include <string>
#include <vector>

#include "core/finding.h"

namespace faaslint::project {

class Project;

enum class MediaStorage : unsigned char {
  kUnknown,    // no settings module found
  kLocal,      // the settings name no storage, or only FileSystemStorage
  kElsewhere,  // another backend (django-storages, Vercel Blob, ...), or a value not read
};

struct DjangoStorage {
  MediaStorage media = MediaStorage::kUnknown;
  // The settings modules it was read from: `settings.py`, `settings_prod.py`, every
  // module of a `settings/` package, anywhere in the project; the modules a
  // DJANGO_SETTINGS_MODULE of manage.py, wsgi.py, asgi.py or index.py names; and what
  // these star-import. Not test settings (tests/, settings/test.py).
  std::vector<std::string> settings_files;
  // kLocal: where they say so: a FileSystemStorage backend, else MEDIA_ROOT, when set.
  std::vector<Location> said_by;
  // A settings module names CKEDITOR_STORAGE_BACKEND: django-ckeditor's uploads go there,
  // not through the default storage.
  bool editor_storage_named = false;
};

// Reads the settings modules through `project` (Project::PythonModule). A setting it
// cannot read as a literal (from the environment, `STORAGES.update(...)`, a name in a
// comment) counts as elsewhere: the rule that asks reports only what is certainly local.
DjangoStorage ReadDjangoStorage(const Project& project);

}  // namespace faaslint::project
