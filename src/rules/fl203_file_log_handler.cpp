#include <fmt/format.h>

#include "python/module.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

using python::Expr;
using python::PathKind;
using python::PathValue;

constexpr RuleInfo kInfo{
    "FL203", "file-log-handler", Severity::kWarning,
    "logs are written to a file instead of stdout",
    R"(## What it does
Finds logging set up to write files: `logging.FileHandler`, `RotatingFileHandler`,
`TimedRotatingFileHandler` and `WatchedFileHandler` (also from `logging.handlers` and
`concurrent_log_handler`), `logging.basicConfig(filename=...)`, `dictConfig` dictionaries
(Django's `LOGGING`) whose handler class is a file handler, and loguru's
`logger.add("app.log")`. Handlers writing to `/dev/stdout` or `/dev/stderr` are fine.
On Vercel, `basicConfig(filename=...)` is reported only with `force=True`: Vercel's
Python runtime configures the root logger before it imports the app, and `basicConfig`
does nothing once the root logger has handlers, unless it is forced.
Logs in `/tmp` are reported too: they can be written but nobody will read them.

## Why it fails on serverless
Outside `/tmp` the filesystem is read-only, so opening the log file raises
`OSError: Read-only file system` — often at import time, which takes the whole function
down. In `/tmp` the file is per instance and deleted with it. Either way the platform's
log viewer (Vercel's runtime logs, CloudWatch) only collects what the process prints to
stdout and stderr, so file logs never reach you.

## Example
```python
handler = RotatingFileHandler("logs/app.log", maxBytes=1_000_000, backupCount=3)
app.logger.addHandler(handler)
```

## Instead
Log to stdout/stderr and let the platform collect it (forward it to a log service with a
log drain if you need retention):
```python
logging.basicConfig(level=logging.INFO)  # a StreamHandler on stderr
```)"};

constexpr std::string_view kFileHandlers[] = {
    "logging.FileHandler",
    "logging.handlers.RotatingFileHandler",
    "logging.handlers.TimedRotatingFileHandler",
    "logging.handlers.WatchedFileHandler",
    "concurrent_log_handler.ConcurrentRotatingFileHandler",
    "concurrent_log_handler.ConcurrentTimedRotatingFileHandler",
};

// Calls whose result is a path, whatever their arguments hold.
constexpr std::string_view kPathBuilders[] = {"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath"};

constexpr std::string_view kHelp =
    "log to stdout/stderr (logging.StreamHandler, or basicConfig without filename): the platform collects those";

std::string Consequence(const PathValue& path) {
  if (path.kind == PathKind::kTemp) {
    return fmt::format("to {}: the file vanishes with the instance and never reaches the platform's logs",
                       python::DescribePath(path));
  }
  if (path.known()) {
    return fmt::format("to {}: opening it fails on the read-only filesystem, and file logs never reach the "
                       "platform's logs",
                       python::DescribePath(path));
  }
  return "to a file: outside /tmp it cannot be opened, and file logs never reach the platform's logs";
}

// The file a call logs to, when it is one.
const Expr* LogFile(const python::Module& module, const python::Values& values, const python::Call& call,
                    Platform platform) {
  if (OneOf(call.callee, kFileHandlers)) return ArgValue(call, 0, "filename");
  if (call.callee == "logging.basicConfig") {
    // Vercel's Python runtime sets up the root logger (basicConfig(force=True) with its
    // own handler, vercel_runtime/vc_init.py) before it imports the app, and basicConfig
    // does nothing once the root logger has handlers, unless it is forced.
    const python::Argument* force = call.Keyword("force");
    const bool forced = force && force->value.IsTrue();
    if (platform == Platform::kVercel && !forced) return nullptr;
    return ArgValue(call, -1, "filename");
  }
  if (call.callee == "loguru.logger.add") {
    // A sink given as a path (str or Path); streams and callables are not files. Text is
    // a path to loguru whatever it holds (f"{log_dir}/app.log"), and so is os.path.join's.
    const Expr* sink = ArgValue(call, 0, "sink");
    if (!sink) return nullptr;
    const python::Call* built = python::CallOf(module, *sink);
    if (sink->IsString() || (built && OneOf(built->callee, kPathBuilders))) return sink;
    if (values.String(*sink, call.function) || values.Path(*sink, call.function).known()) return sink;
  }
  return nullptr;
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  for (const python::Call& call : module.calls()) {
    if (call.guarded || call.target >= 0 || ToleratesReadOnlyFilesystem(call)) continue;
    const Expr* file = LogFile(module, values, call, cx.settings.platform);
    if (!file || file->kind == Expr::Kind::kNone) continue;
    PathValue path = values.Path(*file, call.function);
    if (path.kind == PathKind::kDevice) continue;
    out.Report(call.callee_range, fmt::format("`{}` writes logs {}", call.callee, Consequence(path)),
               std::string(kHelp));
  }
  // logging.config.dictConfig({... "handlers": {"file": {"class": "logging.FileHandler", ...}}})
  for (const python::KeyedValue& keyed : values.KeyedValues("class")) {
    const Expr& value = *keyed.value;
    if (keyed.guarded || !value.IsString() || value.is_fstring) continue;
    if (!OneOf(std::string_view(value.str), kFileHandlers)) continue;
    out.Report(value.range, fmt::format("a logging config uses `{}`, which writes logs {}", value.str,
                                        Consequence(PathValue{})),
               std::string(kHelp));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
