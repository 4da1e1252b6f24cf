#include <fmt/format.h>

#include <algorithm>
#include <cctype>

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
file sessions and in-memory channel layer. `functools.lru_cache` and cachetools caches
are not reported: they are per-instance speed-ups by design.

## Why it fails on serverless
Requests are spread over many function instances, each with its own memory and its own
`/tmp`, created and discarded as traffic changes. A rate limiter counting in memory lets
every instance allow the full limit, and forgets the count when the instance is recycled.
A cache entry deleted or updated on one instance stays stale on the others. Sessions
kept on one instance's disk are missing when the next request lands elsewhere (and
outside `/tmp` the disk is read-only anyway).

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
};
constexpr LocalSetting kLocalSettings[] = {
    // Flask-Caching CACHE_TYPE names (short and class forms).
    {"CACHE_TYPE", "simple", "memory"},
    {"CACHE_TYPE", "simplecache", "memory"},
    {"CACHE_TYPE", "flask_caching.backends.simplecache", "memory"},
    {"CACHE_TYPE", "flask_caching.backends.simplecache.simplecache", "memory"},
    {"CACHE_TYPE", "filesystem", "disk"},
    {"CACHE_TYPE", "filesystemcache", "disk"},
    {"CACHE_TYPE", "flask_caching.backends.filesystemcache", "disk"},
    {"CACHE_TYPE", "flask_caching.backends.filesystemcache.filesystemcache", "disk"},
    // Flask-Session.
    {"SESSION_TYPE", "filesystem", "disk"},
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

void CheckLimiter(const python::Module& module, const python::Values& values, const python::Call& call,
                  Sink& out) {
  bool flask = OneOf(call.callee, kFlaskLimiters);
  if (!flask && !OneOf(call.callee, kSlowapiLimiters)) return;
  std::string why;
  if (const Expr* uri = ArgValue(call, -1, "storage_uri")) {
    if (!IsMemoryUri(values, *uri, call.function)) return;
    why = "storage_uri is memory://";
  } else {
    if (!flask) return;
    for (std::string_view key : kRateLimitKeys) {
      if (!values.KeyedValues(key).empty()) return;  // configured by the setting (checked below)
    }
    bool loads_config = std::any_of(module.calls().begin(), module.calls().end(), [](const python::Call& other) {
      return OneOf(other.method, kConfigLoaders) && other.receiver.text.ends_with("config");
    });
    if (loads_config) return;  // the setting may come from another file
    why = "no storage_uri, so it defaults to memory://";
  }
  out.Report(call.callee_range,
             fmt::format("`{}` counts requests in this instance's memory ({}): every instance enforces the limit "
                         "on its own and forgets the counts when it is recycled",
                         call.callee, why),
             "set storage_uri to a shared store, e.g. a Redis URL from an environment variable");
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  for (const python::Call& call : module.calls()) {
    if (call.guarded || call.target >= 0) continue;
    CheckLimiter(module, values, call, out);
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
