#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "project/init_detect.h"
#include "project/project.h"
#include "python/module.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

using python::Expr;
using python::PathKind;
using python::PathValue;

// The 4.5 MB request body cap: Vercel documentation, Functions "Limits" (request body size).
constexpr RuleInfo kInfo{
    "FL204", "local-upload-storage", Severity::kError,
    "uploaded files are stored on the local filesystem",
    R"(## What it does
Finds uploaded files saved to local disk: Flask/Werkzeug `FileStorage.save()` on
`request.files[...]` (or a form field's `.data`), any `.save()` into an upload folder
(`os.path.join(UPLOAD_FOLDER, name)`), an `UPLOAD_FOLDER` setting outside `/tmp`,
Django's `FileSystemStorage`, and Django's `FileField`, `ImageField` and
`default_storage.save()` when the project's settings modules (`settings.py`, a
`settings/` package, the module `DJANGO_SETTINGS_MODULE` names, and what these
star-import; test settings aside) leave the default storage on local disk: they set
neither `STORAGES["default"]` nor `DEFAULT_FILE_STORAGE`, or set `FileSystemStorage`.
django-ckeditor's `RichTextUploadingField` is reported the same way, unless the settings
name `CKEDITOR_STORAGE_BACKEND` (its editor saves images there, else in the default
storage). Saving to `/tmp` for processing within the same request is fine, and so is a
field given its own `storage=`; migrations and tests are not reported.

## Why it fails on serverless
The filesystem is read-only outside `/tmp`, so the save fails. Saving to `/tmp` only moves
the problem: the file exists on one instance, is invisible to every other instance (the
next request — the one that shows or downloads the file — probably runs elsewhere), and is
deleted when the instance is recycled. Request bodies are also capped (4.5 MB on Vercel
functions), so large uploads should not pass through the function at all.

## Example
```python
app.config["UPLOAD_FOLDER"] = "static/uploads"

@app.post("/avatar")
def avatar():
    f = request.files["avatar"]
    f.save(os.path.join(app.config["UPLOAD_FOLDER"], secure_filename(f.filename)))
```

## Instead
Store uploads in object storage (S3, Vercel Blob, Google Cloud Storage, Cloudinary) and keep
only the object's key or URL in your database. For large files, have the browser upload
straight to the store with a presigned URL. In Django, name that store as the default
storage, and every `FileField` uses it:

```python
STORAGES = {
    "default": {"BACKEND": "storages.backends.s3.S3Storage"},  # django-storages
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
```)"};

constexpr std::string_view kHelp =
    "put uploads in object storage (S3, Vercel Blob, GCS) and keep the key or URL in a database; use a presigned "
    "upload URL for large files";
constexpr std::string_view kUploadFolderKeys[] = {"UPLOAD_FOLDER", "UPLOAD_DIR", "UPLOAD_PATH"};

bool MentionsUpload(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower.find("upload") != std::string::npos;
}

// `request.files["x"]`, `request.files.get("x")`, `form.photo.data`, or a name bound to one.
bool IsUpload(const python::Module& module, const python::Values& values, const Expr& expr, int function,
              int depth = 0) {
  if (depth > 4) return false;
  switch (expr.kind) {
    case Expr::Kind::kSubscript:
      return !expr.items.empty() && (expr.items[0].qualified.ends_with("request.files") ||
                                     expr.items[0].text.ends_with("request.files"));
    case Expr::Kind::kCall:
      return python::CallOf(module, expr) && python::CallOf(module, expr)->callee.ends_with("request.files.get");
    case Expr::Kind::kAttribute:
      // Flask-WTF: form.photo.data is the uploaded FileStorage.
      return expr.str == "data" && expr.text.find("form.") != std::string::npos;
    case Expr::Kind::kName: {
      // for f in request.files.getlist("photos"): f is an upload.
      for (const python::Loop& loop : module.loops()) {
        if (loop.function != function || loop.target.kind != Expr::Kind::kName || loop.target.text != expr.text) {
          continue;
        }
        const python::Call* iterable = python::CallOf(module, loop.condition);
        if (iterable && iterable->callee.ends_with("request.files.getlist")) return true;
      }
      std::span<const Expr* const> bindings = values.Bindings(expr.text, function);
      return !bindings.empty() && std::all_of(bindings.begin(), bindings.end(), [&](const Expr* binding) {
        return binding && IsUpload(module, values, *binding, function, depth + 1);
      });
    }
    default: return false;
  }
}

std::string Consequence(const PathValue& path) {
  if (path.known()) return fmt::format("{}: the deployed filesystem is read-only", python::DescribePath(path));
  return "an upload folder on local disk (read-only outside /tmp)";
}

void CheckSave(const python::Module& module, const python::Values& values, const python::Call& call, Sink& out) {
  const Expr* destination = ArgValue(call, 0, "dst");
  if (!destination) return;
  // Storage APIs (Django's default_storage, django-storages) may well be object storage.
  if (call.receiver.text.find("storage") != std::string::npos) return;
  PathValue path = values.Path(*destination, call.function);
  if (path.kind == PathKind::kTemp || path.kind == PathKind::kDevice) return;
  bool upload = IsUpload(module, values, call.receiver, call.function);
  bool into_upload_folder = MentionsUpload(destination->text);
  if (upload ? !(path.OutsideTmp() || into_upload_folder) : !into_upload_folder) return;
  out.Report(call.callee_range,
             fmt::format("`{}.save()` stores an uploaded file in {}; files kept on one instance are invisible to the "
                         "others and lost when it is recycled",
                         call.receiver.text, Consequence(path)),
             std::string(kHelp));
}

// Django's model fields that save an upload through a storage (the default one unless
// the field is given `storage=`).
bool IsFileModelField(std::string_view callee) {
  return callee == "django.db.models.FileField" || callee == "django.db.models.ImageField" ||
         callee == "django.db.models.fields.files.FileField" || callee == "django.db.models.fields.files.ImageField";
}

// A migration repeats its models' fields (`migrations.CreateModel(fields=[...])`) and runs
// from `manage.py migrate`, and a test runs under its own settings: neither serves a
// request, and the model or view is where to say it.
bool ServesNoRequest(std::string_view path) {
  return path.starts_with("migrations/") || path.find("/migrations/") != std::string_view::npos ||
         project::IsTestFile(path);
}

// A save through Django's default storage, which the project's settings leave on local
// disk: the uploads land under MEDIA_ROOT.
// django-ckeditor's field whose editor uploads images: its upload view saves them through
// CKEDITOR_STORAGE_BACKEND, Django's default storage unless set (django-ckeditor's
// ckeditor_uploader/utils.py; QA round 6, a blog on Vercel with CKEDITOR_UPLOAD_PATH).
bool IsEditorUploadField(std::string_view callee) {
  return callee == "ckeditor_uploader.fields.RichTextUploadingField";
}

void CheckDefaultStorage(const PyContext& cx, const python::Call& call, Sink& out) {
  const bool editor = IsEditorUploadField(call.callee);
  const bool field = !editor && IsFileModelField(call.callee);
  if (!field && !editor && call.callee != "django.core.files.storage.default_storage.save") return;
  if ((field && call.Keyword("storage") != nullptr) || cx.project == nullptr || ServesNoRequest(cx.module.path())) return;
  const project::DjangoStorage& storage = cx.project->django_storage();
  if (storage.media != project::MediaStorage::kLocal || (editor && storage.editor_storage_named)) return;
  // A diff run that edits where the settings say it (a backend made FileSystemStorage)
  // reports it again; another edit of the settings does not.
  std::vector<Dependency> depends_on;
  for (const Location& said : storage.said_by) depends_on.push_back(Dependency::LinesOf(said.path, said.range));
  const std::string what = editor  ? "`RichTextUploadingField` (django-ckeditor's image uploads)"
                           : field ? fmt::format("`{}`", std::string_view(call.callee).substr(call.callee.rfind('.') + 1))
                                   : "`default_storage.save()`";
  const char* also = editor ? ", or as CKEDITOR_STORAGE_BACKEND" : field ? ", or give the field its own storage=" : "";
  out.Report(Location{cx.module.path(), call.callee_range},
             fmt::format("{} saves uploads through Django's default storage, which the settings leave on local disk "
                         "(FileSystemStorage under MEDIA_ROOT): read-only on the function, and per instance under /tmp",
                         what),
             "name object storage as STORAGES[\"default\"] in the settings (django-storages for S3 or GCS, or a Vercel "
             "Blob backend)" + std::string(also),
             storage.said_by, std::move(depends_on));
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  for (const python::Call& call : module.calls()) {
    if (call.guarded || call.target >= 0) continue;
    CheckDefaultStorage(cx, call, out);
    if (call.method == "save" && call.receiver.kind != Expr::Kind::kOther) {
      CheckSave(module, values, call, out);
    } else if (call.callee == "django.core.files.storage.FileSystemStorage") {
      const Expr* location = ArgValue(call, 0, "location");
      PathValue path = location ? values.Path(*location, call.function) : PathValue{};
      if (path.kind == PathKind::kTemp || path.kind == PathKind::kDevice) continue;
      out.Report(call.callee_range,
                 "`FileSystemStorage` keeps uploaded files on local disk: read-only outside /tmp, per instance inside "
                 "it",
                 "use django-storages with S3 or GCS (STORAGES / DEFAULT_FILE_STORAGE) for media files");
    }
  }
  for (std::string_view key : kUploadFolderKeys) {
    for (const python::KeyedValue& keyed : values.KeyedValues(key)) {
      if (keyed.guarded || keyed.module_name) continue;  // a constant is reported where a save uses it
      PathValue path = values.Path(*keyed.value, keyed.function);
      if (!path.OutsideTmp()) continue;
      out.Report(keyed.value->range,
                 fmt::format("`{}` is {}: uploads saved there fail on the read-only filesystem", key,
                             python::DescribePath(path)),
                 std::string(kHelp));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
