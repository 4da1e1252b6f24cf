#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "core/change_set.h"
#include "project/project.h"
#include "project/python_packages.h"
#include "project/requirements.h"
#include "python/module.h"
#include "python/values.h"
#include "rules/python_helpers.h"
#include "rules/registry.h"

namespace faaslint::rules {
namespace {

using python::Expr;

constexpr RuleInfo kInfo{
    "FL303", "in-memory-shared-store", Severity::kWarning,
    "state that must be shared is kept in one instance's memory or disk",
    R"(## What it does
Finds stores that are meant to be shared between requests but live inside one process or
on its disk: Flask-Limiter without `storage_uri` or with `memory://` (slowapi with
`memory://`), Flask-Caching's `SimpleCache`/`FileSystemCache` (`CACHE_TYPE`), cachelib and
werkzeug `SimpleCache`/`FileSystemCache`, diskcache, fastapi-cache's `InMemoryBackend`,
Flask-Session with `SESSION_TYPE = "filesystem"`, and Django's local-memory or file cache,
file sessions and in-memory channel layer. Also finds a signing key made at random in
the process (`app.secret_key = os.urandom(24)`, `SECRET_KEY = secrets.token_hex()`,
Django's `get_random_secret_key()`, a module's own `JWT_SECRET = secrets.token_urlsafe()`):
each instance signs with its own. A random key only when the environment lacks one (`...
or os.urandom(24)`, or under `if not os.environ.get("SECRET_KEY"):`) is not reported.
`functools.lru_cache` and cachetools caches are not reported: they are per-instance speed-ups by design. A Flask-Limiter without
`storage_uri` takes `RATELIMIT_STORAGE_URI` from the app's settings, so it is reported
only when no module of the project sets that and the settings are not loaded from a file.
`SESSION_TYPE` and `CACHE_TYPE` are reported only in a project that uses Flask-Session
or Flask-Caching (imports it or declares it): without the extension the key does
nothing, and Flask keeps its session in a signed cookie, which suits serverless.

## Why it fails on serverless
Requests are spread over many function instances, each with its own memory and its own
`/tmp`, created and discarded as traffic changes. A rate limiter counting in memory lets
every instance allow the full limit, and forgets the count when the instance is recycled.
A cache entry deleted or updated on one instance stays stale on the others. Sessions
kept on one instance's disk are missing when the next request lands elsewhere (and
outside `/tmp` the disk is read-only anyway). A random secret key is state of the same
kind: a session cookie signed by one instance is invalid on the next, so users are logged
out and forms fail their CSRF check at random.

## Example
```python
limiter = Limiter(get_remote_address, app=app, storage_uri="memory://")
cache = Cache(app, config={"CACHE_TYPE": "SimpleCache"})
app.config["SESSION_TYPE"] = "filesystem"
```

## Instead
Point these at a shared store that all instances reach — Redis (Upstash, Vercel KV),
Memcached, or a database:
```python
limiter = Limiter(get_remote_address, app=app, storage_uri=os.environ["REDIS_URL"])
cache = Cache(app, config={"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": os.environ["REDIS_URL"]})
app.config["SESSION_TYPE"] = "redis"
```)"};

// Flask-Limiter's default storage is memory:// when neither storage_uri nor the
// RATELIMIT_STORAGE_URI setting is given (Flask-Limiter configuration docs).
constexpr std::string_view kFlaskLimiters[] = {"flask_limiter.Limiter", "flask_limiter.extension.Limiter"};
// slowapi also reads its settings from the environment / a .env file (config_filename),
// so only an explicit memory:// is known.
constexpr std::string_view kSlowapiLimiters[] = {"slowapi.Limiter", "slowapi.extension.Limiter"};
constexpr std::string_view kRateLimitKeys[] = {"RATELIMIT_STORAGE_URI", "RATELIMIT_STORAGE_URL"};
constexpr std::string_view kConfigLoaders[] = {"from_object", "from_pyfile", "from_envvar", "from_prefixed_env",
                                               "from_file"};
// The loaders that read settings from outside Python code (a file, the environment):
// `from_object` names Python code, whose settings the search of the project below sees.
constexpr std::string_view kOutsideConfigLoaders[] = {"from_pyfile", "from_envvar", "from_prefixed_env",
                                                      "from_file"};

struct Store {
  std::string_view callee;
  std::string_view where;  // "memory" or "disk"
};
constexpr Store kStores[] = {
    {"cachelib.SimpleCache", "memory"},
    {"cachelib.simple.SimpleCache", "memory"},
    {"cachelib.FileSystemCache", "disk"},
    {"cachelib.file.FileSystemCache", "disk"},
    {"werkzeug.contrib.cache.SimpleCache", "memory"},
    {"werkzeug.contrib.cache.FileSystemCache", "disk"},
    {"flask_caching.backends.SimpleCache", "memory"},
    {"flask_caching.backends.simplecache.SimpleCache", "memory"},
    {"flask_caching.backends.FileSystemCache", "disk"},
    {"flask_caching.backends.filesystemcache.FileSystemCache", "disk"},
    {"diskcache.Cache", "disk"},
    {"diskcache.FanoutCache", "disk"},
    {"aiocache.SimpleMemoryCache", "memory"},
    {"fastapi_cache.backends.inmemory.InMemoryBackend", "memory"},
    {"limits.storage.MemoryStorage", "memory"},
    {"limits.aio.storage.MemoryStorage", "memory"},
};

// Setting values that name an instance-local store, by setting.
struct LocalSetting {
  std::string_view key;
  std::string_view value;  // lower case; the setting's value is compared case-insensitively
  std::string_view where;
  // The Flask extension that reads the key from app.config (its import name); without it
  // the key does nothing (Flask keeps its sessions in a signed cookie, which is fine).
  std::string_view extension = {};
};
constexpr LocalSetting kLocalSettings[] = {
    // Flask-Caching CACHE_TYPE names (short and class forms).
    {"CACHE_TYPE", "simple", "memory", "flask_caching"},
    {"CACHE_TYPE", "simplecache", "memory", "flask_caching"},
    {"CACHE_TYPE", "flask_caching.backends.simplecache", "memory", "flask_caching"},
    {"CACHE_TYPE", "flask_caching.backends.simplecache.simplecache", "memory", "flask_caching"},
    {"CACHE_TYPE", "filesystem", "disk", "flask_caching"},
    {"CACHE_TYPE", "filesystemcache", "disk", "flask_caching"},
    {"CACHE_TYPE", "flask_caching.backends.filesystemcache", "disk", "flask_caching"},
    {"CACHE_TYPE", "flask_caching.backends.filesystemcache.filesystemcache", "disk", "flask_caching"},
    // Flask-Session.
    {"SESSION_TYPE", "filesystem", "disk", "flask_session"},
    // Django cache backends, session engine and Channels layer.
    {"BACKEND", "django.core.cache.backends.locmem.locmemcache", "memory"},
    {"BACKEND", "django.core.cache.backends.filebased.filebasedcache", "disk"},
    {"BACKEND", "channels.layers.inmemorychannellayer", "memory"},
    {"SESSION_ENGINE", "django.contrib.sessions.backends.file", "disk"},
};

constexpr std::string_view kHelp =
    "use a store every instance shares: Redis (Upstash, Vercel KV), Memcached or a database";

std::string Lower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return lower;
}

std::string Consequence(std::string_view where) {
  return where == "memory" ? "in this instance's memory: other instances never see it, and it is lost when the "
                             "instance is recycled"
                           : "on this instance's disk: read-only outside /tmp, and other instances never see it";
}

bool IsMemoryUri(const python::Values& values, const Expr& value, int function) {
  std::optional<python::StringValue> uri = values.String(value, function);
  return uri && uri->text.starts_with("memory://");
}

template <size_t N>
bool LoadsConfig(const python::Module& module, const std::string_view (&loaders)[N]) {
  return std::any_of(module.calls().begin(), module.calls().end(), [&](const python::Call& call) {
    return OneOf(call.method, loaders) && call.receiver.text.ends_with("config");
  });
}

bool SetsRateLimitStorage(const python::Values& values) {
  return std::any_of(std::begin(kRateLimitKeys), std::end(kRateLimitKeys),
                     [&](std::string_view key) { return !values.KeyedValues(key).empty(); });
}

// Whether another Python file of the project sets RATELIMIT_STORAGE_URI or loads the app's
// settings from outside Python. An app factory keeps the Limiter in extensions.py, the
// setting in config.py (`class Config: RATELIMIT_STORAGE_URI = ...`) and
// `app.config.from_object(Config)` + `limiter.init_app(app)` in __init__.py: Flask-Limiter
// reads the setting from app.config in init_app, whichever module set it
// (https://flask-limiter.readthedocs.io/en/stable/configuration.html). The setting itself is
// reported where it is written when it is memory://, as CACHE_TYPE is (Check, below). Only
// files that spell a key or a loader are parsed.
bool RateLimitStorageConfiguredElsewhere(const PyContext& cx) {
  if (cx.project == nullptr) return false;
  const Snapshot& snapshot = cx.project->snapshot();
  auto may_configure = [](std::string_view text) {
    return text.find("RATELIMIT_STORAGE_UR") != std::string_view::npos ||
           std::any_of(std::begin(kOutsideConfigLoaders), std::end(kOutsideConfigLoaders),
                       [&](std::string_view loader) { return text.find(loader) != std::string_view::npos; });
  };
  for (const std::string& path : snapshot.files()) {
    if (!path.ends_with(".py") || path == cx.module.path()) continue;
    std::string text, error;
    if (!snapshot.Read(path, &text, &error) || !may_configure(text)) continue;
    const python::Module* other = cx.project->PythonModule(path);
    if (other == nullptr) continue;
    if (LoadsConfig(*other, kOutsideConfigLoaders) || SetsRateLimitStorage(python::Values(*other))) return true;
  }
  return false;
}

// Whether the project uses the extension `import_name` (flask_session): the module
// imports it, the project declares its package, or another Python file names it (an
// app factory's extensions.py). Without a project to ask, it may.
bool ProjectUses(const PyContext& cx, std::string_view import_name) {
  const python::Module& module = cx.module;
  if (std::any_of(module.imports().begin(), module.imports().end(),
                  [&](const python::Import& import) { return import.module.starts_with(import_name); })) {
    return true;
  }
  if (cx.project == nullptr) return true;
  const project::DeclaredPackages& declared = cx.project->declared_packages();
  if (declared.incomplete || declared.Declares(project::NormalizePackageName(import_name))) return true;
  const Snapshot& snapshot = cx.project->snapshot();
  return std::any_of(snapshot.files().begin(), snapshot.files().end(), [&](const std::string& path) {
    std::string text, error;
    return path.ends_with(".py") && path != module.path() && snapshot.Read(path, &text, &error) &&
           text.find(import_name) != std::string::npos;
  });
}

void CheckLimiter(const PyContext& cx, const python::Call& call, Sink& out) {
  bool flask = OneOf(call.callee, kFlaskLimiters);
  if (!flask && !OneOf(call.callee, kSlowapiLimiters)) return;
  std::string why;
  if (const Expr* uri = ArgValue(call, -1, "storage_uri")) {
    if (!IsMemoryUri(cx.values, *uri, call.function)) return;
    why = "storage_uri is memory://";
  } else {
    if (!flask) return;
    if (SetsRateLimitStorage(cx.values)) return;  // configured by the setting (checked below)
    if (LoadsConfig(cx.module, kConfigLoaders)) return;  // the setting may come from another file
    if (RateLimitStorageConfiguredElsewhere(cx)) return;
    why = "no storage_uri, so it defaults to memory://";
  }
  out.Report(call.callee_range,
             fmt::format("`{}` counts requests in this instance's memory ({}): every instance enforces the limit "
                         "on its own and forgets the counts when it is recycled",
                         call.callee, why),
             "set storage_uri to a shared store, e.g. a Redis URL from an environment variable");
}

// Values that differ in every process: a signing key made of one is the instance's own.
constexpr std::string_view kRandomSources[] = {
    "os.urandom",          "secrets.token_hex", "secrets.token_urlsafe", "secrets.token_bytes", "uuid.uuid4",
    "uuid.uuid1",          "random.random",     "random.getrandbits",    "random.randbytes",
    "django.core.management.utils.get_random_secret_key",
};
// Settings that sign what a client sends back: sessions, CSRF tokens, JWTs.
constexpr std::string_view kSigningKeys[] = {"SECRET_KEY", "JWT_SECRET_KEY", "WTF_CSRF_SECRET_KEY"};

// The random call `value` is made from: `os.urandom(24)`, `os.urandom(24).hex()`,
// `str(uuid.uuid4())`, `binascii.hexlify(os.urandom(16))`. A fallback
// (`os.environ.get("SECRET_KEY", os.urandom(24))`, `... or secrets.token_hex()`) is not:
// the deployment may well set the variable.
const python::Call* RandomSource(const python::Module& module, const Expr& value, int depth = 0) {
  if (value.kind != Expr::Kind::kCall || value.call < 0 || depth > 4) return nullptr;
  const python::Call& call = module.calls()[value.call];
  if (OneOf(call.callee, kRandomSources)) return &call;
  if (!call.method.empty() && call.receiver.kind == Expr::Kind::kCall) {
    return RandomSource(module, call.receiver, depth + 1);
  }
  const python::Argument* first = call.Positional(0);
  return first && call.args.size() == 1 ? RandomSource(module, first->value, depth + 1) : nullptr;
}

// The condition reads the environment: `if not os.environ.get("SECRET_KEY"):`, `if "X"
// not in os.environ:`. A random key under it is the same fallback as `... or
// os.urandom(24)` (QA round 5: the two forms were treated differently).
bool ReadsEnvironment(const python::Module& module, const Expr& condition) {
  return AnyPart(module, condition, [&](const Expr& part) {
    if (part.kind == Expr::Kind::kCall) return part.call >= 0 && module.calls()[part.call].GetsEnvironmentVariable();
    return (part.kind == Expr::Kind::kName || part.kind == Expr::Kind::kAttribute) && part.qualified == "os.environ";
  });
}

bool FallbackWhenUnset(const python::Module& module, const Range& value) {
  return std::any_of(module.if_tests().begin(), module.if_tests().end(), [&](const python::IfTest& test) {
    return Encloses(test.body, value) && ReadsEnvironment(module, test.condition);
  });
}

// `key` names the setting: `SECRET_KEY`, `app.secret_key`, `JWT_SECRET`; `variable` the
// environment variable to read it from instead.
void ReportRandomKey(const python::Module& module, std::string_view key, std::string_view variable,
                     const Expr& value, Sink& out) {
  const python::Call* random = RandomSource(module, value);
  if (random == nullptr || FallbackWhenUnset(module, value.range)) return;
  out.Report(value.range,
             fmt::format("`{}` is random in each instance (`{}`): what one instance signs with it (sessions, CSRF "
                         "tokens, cookies, JWTs) is rejected by the others and after every cold start",
                         key, random->callee),
             fmt::format("read the key from an environment variable set in the project settings, e.g. "
                         "os.environ[\"{}\"]",
                         variable));
}

// A module's own name for a signing secret: `JWT_SECRET`, `TOKEN_SIGNING_KEY`,
// `SESSION_SECRET` (QA round 5: `JWT_SECRET = secrets.token_urlsafe(32)` then
// `jwt.encode(..., JWT_SECRET)`). The settings names above are matched exactly.
bool NamesASigningSecret(std::string_view name) {
  auto ends_with = [&](std::string_view suffix) {  // in any case; `suffix` is upper case
    return name.size() >= suffix.size() &&
           std::equal(suffix.begin(), suffix.end(), name.end() - suffix.size(),
                      [](char upper, char c) { return upper == std::toupper(static_cast<unsigned char>(c)); });
  };
  return !OneOf(name, kSigningKeys) && (ends_with("SECRET") || ends_with("SECRET_KEY") || ends_with("SIGNING_KEY"));
}

// `app.secret_key = os.urandom(24)`: a key made at import differs per instance (QA round 4:
// users of a Flask app on Vercel were logged out at random).
void CheckRandomSigningKeys(const python::Module& module, const python::Values& values, Sink& out) {
  for (std::string_view key : kSigningKeys) {
    for (const python::KeyedValue& keyed : values.KeyedValues(key)) {
      if (!keyed.guarded) ReportRandomKey(module, key, key, *keyed.value, out);
    }
  }
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.guarded || assignment.op != "=") continue;
    const Expr& target = assignment.target;
    if (target.kind == Expr::Kind::kAttribute && target.text.ends_with(".secret_key")) {
      ReportRandomKey(module, target.text, "SECRET_KEY", assignment.value, out);
    } else if (target.kind == Expr::Kind::kName && assignment.function == -1 && NamesASigningSecret(target.text)) {
      ReportRandomKey(module, target.text, target.text, assignment.value, out);
    }
  }
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  CheckRandomSigningKeys(module, values, out);
  for (const python::Call& call : module.calls()) {
    if (call.guarded || call.target >= 0) continue;
    CheckLimiter(cx, call, out);
    for (const Store& store : kStores) {
      if (call.callee != store.callee) continue;
      out.Report(call.callee_range, fmt::format("`{}` keeps shared data {}", call.callee, Consequence(store.where)),
                 std::string(kHelp));
    }
  }
  for (std::string_view key : kRateLimitKeys) {
    for (const python::KeyedValue& keyed : values.KeyedValues(key)) {
      if (keyed.guarded || !IsMemoryUri(values, *keyed.value, keyed.function)) continue;
      out.Report(keyed.value->range,
                 fmt::format("`{}` is memory://: rate-limit counters are kept {}", key, Consequence("memory")),
                 "set it to a shared store, e.g. a Redis URL from an environment variable");
    }
  }
  for (const LocalSetting& setting : kLocalSettings) {
    for (const python::KeyedValue& keyed : values.KeyedValues(setting.key)) {
      if (keyed.guarded) continue;
      std::optional<python::StringValue> text = values.String(*keyed.value, keyed.function);
      if (!text || text->prefix_only || Lower(text->text) != setting.value) continue;
      if (!setting.extension.empty() && !ProjectUses(cx, setting.extension)) continue;
      out.Report(keyed.value->range,
                 fmt::format("`{}` = \"{}\" keeps shared data {}", setting.key, text->text,
                             Consequence(setting.where)),
                 std::string(kHelp));
    }
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
