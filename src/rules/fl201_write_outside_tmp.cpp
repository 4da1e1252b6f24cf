#include <fmt/format.h>

#include "python/module.h"
#include "python/values.h"
#include "rules/file_access.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

// Errno 30 is EROFS on Linux (errno(3)); Python raises it as a plain OSError.
constexpr RuleInfo kInfo{
    "FL201", "write-outside-tmp", Severity::kError,
    "a file is written outside /tmp, where the filesystem is read-only",
    R"(## What it does
Finds writes to the filesystem — `open()` in a writing mode (`w`, `a`, `x`, `+`),
`Path.write_text()`/`write_bytes()`/`mkdir()`/`touch()`, `os.makedirs()`, `os.rename()`,
`shutil.copy()`/`move()`, `DataFrame.to_csv()`, `cv2.imwrite()`, a Pillow or qrcode
image's `.save()` and the like — whose target is known to be
outside `/tmp`: a relative path, a folder next to the source (`__file__`,
`app.root_path`), the home directory, or another absolute path. Paths are followed through
constants (`UPLOAD_DIR = "uploads"`), f-strings, `os.path.join()`, `Path(...) / ...`, the
attributes a class sets on `self` (when every value it gives one agrees), and the default
of a parameter that defaults to None when no call in the module passes it:
`path or Path("data")`, or in the function `if not path: path = Path("data")` (also
`if path is None:`) and `path = path or Path("data")`. Paths that cannot be worked out are
not reported.

A best-effort write is not reported either: one inside a `try:` whose `except OSError:`
(or `except Exception:`, or a bare `except:`) carries on without the file — `pass`, a
fallback value, a logged warning. The code works on the platform, only without the file.
An except clause that reports the failure instead does not make the write optional: one
that raises (or re-raises), calls `abort()`, or returns an error — a value carrying the
exception (`str(e)`), an HTTP status of 400 or more, an `"error"` key. Then the feature
the write belongs to fails on every request, and the write is reported:
```python
try:
    with open("data/notes.json", "w") as f:   # reported
        json.dump(request.json, f)
except Exception as e:
    return jsonify({"error": str(e)}), 500
```

## Why it fails on serverless
The deployed code lives in a read-only bundle. Only `/tmp` can be written, and even that
belongs to one instance: it starts empty, is not shared with other instances, and is
thrown away when the instance is recycled. A write that works on a server raises
`OSError: [Errno 30] Read-only file system` on the platform, and the request fails (at
import time, the whole function fails to start).

## Example
```python
@app.post("/notes")
def save_note():
    with open("data/notes.json", "a") as f:
        f.write(request.data.decode())
    return "saved"
```

## Instead
Keep anything that must outlive the request in object storage (S3, Vercel Blob, GCS) or a
database. Scratch files that only this request needs go to `/tmp`, best through `tempfile`:
```python
with tempfile.NamedTemporaryFile("w", suffix=".json") as f:
    ...
```)"};

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  for (const python::Call& call : module.calls()) {
    if (call.guarded || ToleratesReadOnlyFilesystem(call)) continue;
    std::optional<FileAccess> access = ClassifyFileAccess(values, call);
    if (!access || !access->write) continue;
    python::PathValue path = values.Path(*access->path, call.function);
    if (!path.OutsideTmp()) continue;
    out.Report(call.callee_range,
               fmt::format("`{}` writes to {}{}; only /tmp is writable on a serverless platform", access->what,
                           python::DescribePath(path), call.function < 0 ? " at import time" : ""),
               "store data that must last in object storage or a database; write scratch files under /tmp "
               "(tempfile)");
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
