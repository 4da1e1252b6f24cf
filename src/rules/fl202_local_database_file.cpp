#include <fmt/format.h>

#include <algorithm>
#include <vector>

#include "project/functions.h"
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

constexpr RuleInfo kInfo{
    "FL202", "local-database-file", Severity::kError,
    "a database is kept in a local file or on a server on localhost",
    R"(## What it does
Finds databases stored in local files: `sqlite3.connect("app.db")` (and aiosqlite, peewee's
`SqliteDatabase`, `SqliteDict`, `duckdb.connect(file)`), SQLAlchemy / Flask-SQLAlchemy
`sqlite:///...` URLs (in `create_engine()` or `SQLALCHEMY_DATABASE_URI`), Django's
`django.db.backends.sqlite3` engine, `shelve.open()`, writable `dbm.open()` and
`TinyDB("db.json")`; and database servers on this machine: a `localhost` or
`127.0.0.1` host in a database URL (`create_engine("postgresql://u:p@localhost/db")`,
`SQLALCHEMY_DATABASE_URI`, `redis.from_url`, `MongoClient`, `psycopg2.connect`) or a
`host="localhost"` argument. In-memory databases (`:memory:`) and read-only ones
(`file:x.db?mode=ro`, also `f"file:{path}?mode=ro"`) are fine. A database in `/tmp` is
reported too: it works, but it is not the database you think it is. A local database
that is only the fallback for when the real one is not configured — the default of
`os.environ.get("DATABASE_URL", "sqlite:///local.db")`, the `else` of
`if os.environ.get("DATABASE_URL"):` or of `if DATABASE_URL:` — is not reported,
unless the test tells the platform apart (the `else` of `if not os.environ.get("VERCEL"):`
runs on Vercel). Nor is Django's SQLite engine when the settings set `DATABASES` again
further down (`DATABASES["default"] = dj_database_url.parse(...)`, or a
`from .local_settings import *` of a module that sets it).

## Why it fails on serverless
The deployed files are read-only, so creating or writing the database file fails. Moving
it to `/tmp` makes the writes succeed but loses them: every function instance has its own
`/tmp`, starts with an empty (or freshly copied) database, and deletes it when the
instance is recycled. Two requests served by two instances see two different databases,
and data written by one is gone minutes later. A database server on `localhost` is
the one you run beside your development server; the function's machine has none, and
every query fails with "connection refused".

## Example
```python
app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite:///app.db"

def get_db():
    return sqlite3.connect("users.db")
```

## Instead
Use a database server reached over the network — a hosted Postgres or MySQL (Neon,
Supabase, PlanetScale, RDS), Turso/libSQL for SQLite, or a document/key-value store — and
read its URL from an environment variable:
```python
app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
```
A SQLite file that only ships data with the code can stay if it is opened read-only
(`sqlite3.connect("file:data.db?mode=ro", uri=True)`).)"};

struct FileDatabase {
  std::string_view callee;
  int path_index;
  std::string_view path_keyword;
  int flag_index = -1;  // shelve/dbm: the flag says whether the file is written
  std::string_view flag_keyword = {};
  std::string_view default_flag = {};
};
constexpr FileDatabase kFileDatabases[] = {
    {"sqlite3.connect", 0, "database"},
    {"sqlite3.dbapi2.connect", 0, "database"},
    {"aiosqlite.connect", 0, "database"},
    {"peewee.SqliteDatabase", 0, "database"},
    {"playhouse.sqlite_ext.SqliteExtDatabase", 0, "database"},
    {"playhouse.pool.PooledSqliteDatabase", 0, "database"},
    {"sqlitedict.SqliteDict", 0, "filename"},  // no file name: a temporary file
    {"duckdb.connect", 0, "database"},          // no file name: in memory
    {"tinydb.TinyDB", 0, ""},
    // Defaults from the Python documentation of shelve and dbm.
    {"shelve.open", 0, "filename", 1, "flag", "c"},
    {"dbm.open", 0, "file", 1, "flag", "r"},
    {"dbm.gnu.open", 0, "filename", 1, "flag", "r"},
    {"dbm.ndbm.open", 0, "filename", 1, "flag", "r"},
    {"dbm.dumb.open", 0, "filename", 1, "flag", "c"},
};
// Functions that take a database URL.
constexpr std::string_view kUrlTakers[] = {
    "sqlalchemy.create_engine", "sqlalchemy.ext.asyncio.create_async_engine", "sqlmodel.create_engine",
    "databases.Database",       "dataset.connect",                            "playhouse.db_url.connect",
};
constexpr std::string_view kUrlKeys[] = {"SQLALCHEMY_DATABASE_URI"};

constexpr std::string_view kHelp =
    "use a networked database (hosted Postgres/MySQL, Turso/libSQL, a key-value store) and read its URL from "
    "an environment variable";

// A SQLite URI parameter that opens the database read-only or in memory
// (https://www.sqlite.org/uri.html: mode=ro, mode=memory, immutable=1).
bool HasReadOnlyOrMemoryParameter(std::string_view text) {
  return text.find("mode=memory") != std::string_view::npos || text.find("mode=ro") != std::string_view::npos ||
         text.find("immutable=1") != std::string_view::npos;
}

// `file:data.db?mode=ro` and friends: a read-only or in-memory SQLite filename, in any
// form whose parameters are known: f"file:{DB_PATH}?mode=ro" and "file:" + DB_PATH +
// "?mode=ro" are read-only whatever the path is.
bool InMemoryOrReadOnly(const python::StringValue& name) {
  if (!name.prefix_only && (name.text.empty() || name.text == ":memory:")) return true;
  return name.text.starts_with("file::memory:") || HasReadOnlyOrMemoryParameter(name.text) ||
         HasReadOnlyOrMemoryParameter(name.known_end);
}

std::string Where(const PathValue& path) {
  if (path.kind == PathKind::kTemp) {
    return fmt::format("in `{}`: /tmp works, but each function instance gets its own empty copy, deleted when "
                       "the instance is recycled",
                       path.shown);
  }
  if (path.known()) {
    return fmt::format("in {}: the deployed filesystem is read-only, and every instance would have its own copy",
                       python::DescribePath(path));
  }
  return "in a local file: the deployed filesystem is read-only outside /tmp, and /tmp is per instance";
}

// A `sqlite://` URL: the database file it names, or nullopt when it is not SQLite or is
// in memory. An empty path means "a file, name unknown" (f"sqlite:///{path}").
std::optional<std::string> SqliteUrlPath(const python::StringValue& url) {
  std::string_view text = url.text;
  if (!text.starts_with("sqlite")) return std::nullopt;
  size_t scheme = text.find("://");
  if (scheme == std::string_view::npos) return std::nullopt;
  std::string_view rest = text.substr(scheme + 3);  // "/app.db", "//tmp/x.db", "" (memory)
  if (rest.empty()) return std::nullopt;  // sqlite:// is in memory
  if (rest[0] != '/') return std::nullopt;
  std::string_view path = rest.substr(1);
  path = path.substr(0, path.find('?'));
  if (!url.prefix_only && (path.empty() || path == ":memory:")) return std::nullopt;
  if (path.starts_with(":memory:")) return std::nullopt;
  return std::string(path);
}

// Clients of database servers that take a URL or a host as their first argument, and
// those that take `host=`: a server on this machine is not there on the platform.
constexpr std::string_view kServerClients[] = {
    "redis.from_url",        "redis.Redis.from_url", "redis.StrictRedis.from_url", "redis.asyncio.from_url",
    "redis.asyncio.Redis.from_url", "pymongo.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient",
    "psycopg2.connect",      "psycopg.connect",      "asyncpg.connect",            "asyncpg.create_pool",
};
constexpr std::string_view kHostKeywordClients[] = {
    "psycopg2.connect", "psycopg.connect", "pymysql.connect",     "mysql.connector.connect", "MySQLdb.connect",
    "redis.Redis",      "redis.StrictRedis", "redis.asyncio.Redis", "pymongo.MongoClient",     "asyncpg.connect",
    "asyncpg.create_pool",
};
constexpr std::string_view kServerHelp =
    "use a hosted database (Neon, Supabase, PlanetScale, Upstash, MongoDB Atlas) and read its URL from an "
    "environment variable";

bool IsLoopbackHost(std::string_view host) {
  return host == "localhost" || host == "127.0.0.1" || host == "0.0.0.0" || host == "::1" || host == "[::1]";
}

// The host of `postgresql://user:pw@localhost:5432/db` when it is on this machine, or a
// bare host ("localhost"); empty when it is another host or not known in full.
std::string_view LoopbackHostOf(const python::StringValue& value) {
  std::string_view text = value.text;
  size_t scheme = text.find("://");
  if (scheme == std::string_view::npos) {
    return !value.prefix_only && IsLoopbackHost(text) ? text : std::string_view();
  }
  if (text.substr(0, scheme).starts_with("sqlite")) return {};
  std::string_view rest = text.substr(scheme + 3);
  size_t end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, end);
  if (end == std::string_view::npos && value.prefix_only) return {};  // the host may go on
  std::string_view host = authority.substr(authority.rfind('@') + 1);  // npos + 1 == 0
  if (!host.starts_with('[')) host = host.substr(0, host.find(':'));
  else host = host.substr(0, host.find(']') + 1);
  return IsLoopbackHost(host) ? host : std::string_view();
}

void ReportLoopback(const python::Values& values, const Expr& value, int function, std::string_view what,
                    Sink& out) {
  std::optional<python::StringValue> text = values.String(value, function);
  if (!text) return;
  std::string_view host = LoopbackHostOf(*text);
  if (host.empty()) return;
  out.Report(value.range,
             fmt::format("{} connects to a database server on `{}`: there is none on the platform, so every "
                         "request that uses it fails with \"connection refused\"",
                         what, host),
             std::string(kServerHelp));
}

void ReportUrl(const python::Values& values, const Expr& value, int function, std::string_view what, Sink& out) {
  std::optional<python::StringValue> url = values.String(value, function);
  if (!url) return;
  std::optional<std::string> path = SqliteUrlPath(*url);
  if (!path) {
    ReportLoopback(values, value, function, what, out);
    return;
  }
  PathValue where;
  if (!path->empty()) where = {python::ClassifyPathText(*path, url->prefix_only), *path};
  out.Report(value.range, fmt::format("{} keeps a SQLite database {}", what, Where(where)), std::string(kHelp));
}

// The `else` of `if DATABASE_URL:` (or of `os.environ.get("TURSO_DATABASE_URL")`, or the
// `B` of `A if url else B`): a local database there is the fallback for when the real one
// is not configured, as the default of `os.environ.get("DATABASE_URL", "sqlite:///x.db")`
// is, which FL202 leaves alone too. Not when the test tells the platform apart: the `else`
// of `if not os.environ.get("VERCEL"):` runs on Vercel.
class Fallbacks {
 public:
  explicit Fallbacks(const python::Module& module) {
    for (const python::IfTest& test : module.if_tests()) {
      if (!test.tests_platform && test.alternative.start < test.alternative.end) ranges_.push_back(test.alternative);
    }
  }
  bool Contain(const Range& range) const {
    return std::any_of(ranges_.begin(), ranges_.end(), [&](const Range& fallback) { return Encloses(fallback, range); });
  }

 private:
  std::vector<Range> ranges_;
};

// Whether the settings set DATABASES again after `line`, so that a SQLite engine there is
// not the one in use: a store into it (`DATABASES["default"] = dj_database_url.parse(...)`),
// an `.update(...)`, a new assignment, or a star import of a local module that names it
// (`from .local_settings import *` at the end of settings.py).
bool DatabasesSetAgainAfter(const PyContext& cx, uint32_t line) {
  const python::Module& module = cx.module;
  auto names_databases = [](std::string_view text) { return text == "DATABASES" || text.starts_with("DATABASES["); };
  for (const python::SubscriptAccess& access : module.subscripts()) {
    if (access.store && access.range.start.line > line && names_databases(access.object.text)) return true;
  }
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.range.start.line > line && assignment.target.text == "DATABASES") return true;
  }
  for (const python::Call& call : module.calls()) {
    if (call.range.start.line > line && call.method == "update" && names_databases(call.receiver.text)) return true;
  }
  if (cx.project == nullptr) return false;
  for (const python::Import& import : module.imports()) {
    if (!import.wildcard || import.function != -1 || import.range.start.line <= line) continue;
    std::optional<std::string> file = project::ResolveLocalImport(cx.project->snapshot(), module.path(), import);
    std::string text, error;
    if (file && cx.project->snapshot().Read(*file, &text, &error) && text.find("DATABASES") != std::string::npos) {
      return true;
    }
  }
  return false;
}

void Check(const PyContext& cx, Sink& out) {
  const python::Module& module = cx.module;
  const python::Values& values = cx.values;
  const Fallbacks fallbacks(module);
  for (const python::Call& call : module.calls()) {
    if (call.guarded || call.target >= 0 || fallbacks.Contain(call.range)) continue;
    if (OneOf(call.callee, kServerClients)) {
      if (const python::Argument* url = call.Positional(0)) {
        ReportLoopback(values, url->value, call.function, fmt::format("`{}`", call.callee), out);
      }
    }
    if (OneOf(call.callee, kHostKeywordClients)) {
      if (const python::Argument* host = call.Keyword("host")) {
        ReportLoopback(values, host->value, call.function, fmt::format("`{}`", call.callee), out);
      }
    }
    if (OneOf(call.callee, kUrlTakers)) {
      if (const Expr* url = ArgValue(call, 0, "url")) {
        ReportUrl(values, *url, call.function, fmt::format("`{}`", call.callee), out);
      }
      continue;
    }
    for (const FileDatabase& database : kFileDatabases) {
      if (call.callee != database.callee) continue;
      const Expr* name = ArgValue(call, database.path_index, database.path_keyword);
      if (!name) break;
      if (database.flag_index >= 0) {
        const Expr* flag = ArgValue(call, database.flag_index, database.flag_keyword);
        std::optional<python::StringValue> text =
            flag ? values.String(*flag, call.function) : python::StringValue{std::string(database.default_flag), false, {}};
        if (!text || text->prefix_only || text->text.find_first_of("cwn") == std::string::npos) break;
      }
      if (call.callee == "tinydb.TinyDB" && call.Keyword("storage")) break;  // MemoryStorage and co.
      std::optional<python::StringValue> text = values.String(*name, call.function);
      if (text && InMemoryOrReadOnly(*text)) break;
      PathValue path = values.Path(*name, call.function);
      if (path.kind == PathKind::kDevice) break;
      out.Report(call.callee_range, fmt::format("`{}` keeps its database {}", call.callee, Where(path)),
                 std::string(kHelp));
      break;
    }
  }
  for (std::string_view key : kUrlKeys) {
    for (const python::KeyedValue& keyed : values.KeyedValues(key)) {
      if (keyed.guarded || fallbacks.Contain(keyed.value->range)) continue;
      ReportUrl(values, *keyed.value, keyed.function, fmt::format("`{}`", key), out);
    }
  }
  // Django: DATABASES = {"default": {"ENGINE": "django.db.backends.sqlite3", ...}}
  for (const python::KeyedValue& keyed : values.KeyedValues("ENGINE")) {
    if (keyed.guarded || fallbacks.Contain(keyed.value->range)) continue;
    if (!keyed.value->IsString() || keyed.value->str != "django.db.backends.sqlite3") continue;
    if (DatabasesSetAgainAfter(cx, keyed.value->range.end.line)) continue;
    out.Report(keyed.value->range,
               fmt::format("Django's `{}` engine keeps the database in a local file: the deployed filesystem is "
                           "read-only, and every instance would have its own copy",
                           keyed.value->str),
               std::string(kHelp));
  }
}

}  // namespace
FAASLINT_RULE(kInfo, Check);
}  // namespace faaslint::rules
