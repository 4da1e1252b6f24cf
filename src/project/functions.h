// Which Python files Vercel deploys as functions, and how their imports resolve to
// other files of the project.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "python/module.h"
#include "vercel/json.h"

namespace faaslint::project {

// Whether the snapshot has the file (its file list is sorted).
bool HasFile(const Snapshot& snapshot, std::string_view path);

// Whether any file lives under folder `prefix` (ending in '/').
bool HasFolder(const Snapshot& snapshot, const std::string& prefix);

// A file Vercel turns into a function: under api/, with no path segment starting with
// `_` or `.` (Vercel leaves those alone as helpers).
bool IsApiFunctionFile(std::string_view path);

// The paths of sorted `files` that one `builds` entry's `src` matches. As `vercel build`
// expands it (expandBuild, vercel CLI 58.10.0): a leading "/" or "./" dropped, then the
// path itself or a glob over the project's paths.
std::vector<std::string> FilesMatchingBuildSrc(const std::vector<std::string>& files, std::string_view src);

// vercel.json's legacy `builds`: when the array is there, Vercel builds only what its
// entries name and detects no api/ function or zero-configuration app. The Python files
// a Python builder (`use`: @vercel/python, a pinned version, @now/python, a community
// Python builder) builds from sorted `files`, sorted; nullopt when `root` has no `builds`
// array. An entry without `src` builds "**", as the CLI does.
std::optional<std::vector<std::string>> PythonFilesOfBuilds(const std::vector<std::string>& files,
                                                             const vercel::JsonValue* root);

// The version of @vercel/python vercel.json pins for `file` (what follows
// `@vercel/python@`): the `use` of the first Python `builds` entry that builds it, or,
// without `builds`, the `runtime` of the first `functions` pattern that matches it
// (detectBuilders takes `func?.runtime || match?.use`). nullopt when none pins one: the
// build then uses the builder the vercel CLI bundles.
std::optional<std::string> PinnedPythonBuilderVersion(const std::vector<std::string>& files,
                                                      const vercel::JsonValue* root, std::string_view file);

// Zero-configuration Python entrypoints in the order Vercel tries them
// (@vercel/python, PYTHON_ENTRYPOINT_DIRS x PYTHON_ENTRYPOINT_FILENAMES):
// {"", src, app, api} x {app, index, server, main, wsgi, asgi}.py.
std::vector<std::string> ZeroConfigEntrypointCandidates();

// The project file an import of `from_file` loads, when it is local: `import utils`,
// `from .db import x`, `from app import app` (searched from the project root, the
// importing file's folder and src/). nullopt for the standard library and packages.
std::optional<std::string> ResolveLocalImport(const Snapshot& snapshot, std::string_view from_file,
                                              const python::Import& import);

// Whether the top-level name of an absolute import is a module or package of the
// project (so not a third-party package), seen from `from_file`.
bool IsLocalTopLevel(const Snapshot& snapshot, std::string_view from_file, std::string_view top_level);

}  // namespace faaslint::project
