// Small queries over python::Module that several rules share.
#pragma once

#include <algorithm>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

#include "project/module_callers.h"
#include "project/module_index.h"
#include "python/module.h"
#include "python/request_path.h"
#include "rules/registry.h"

namespace faaslint::rules {

template <size_t N>
bool OneOf(std::string_view value, const std::string_view (&candidates)[N]) {
  return std::find(std::begin(candidates), std::end(candidates), value) != std::end(candidates);
}

// Whether `expr` or any part of it satisfies `matches`: its items and, for a call, the
// receiver and the arguments (`int(port)`, `os.getenv("X").lower()`, `not "X" in os.environ`).
template <typename Matches>
bool AnyPart(const python::Module& module, const python::Expr& expr, const Matches& matches) {
  if (matches(expr)) return true;
  if (expr.kind == python::Expr::Kind::kCall && expr.call >= 0) {
    const python::Call& call = module.calls()[expr.call];
    if (call.receiver.kind != python::Expr::Kind::kOther && AnyPart(module, call.receiver, matches)) return true;
    if (std::any_of(call.args.begin(), call.args.end(),
                    [&](const python::Argument& arg) { return AnyPart(module, arg.value, matches); })) {
      return true;
    }
  }
  return std::any_of(expr.items.begin(), expr.items.end(),
                     [&](const python::Expr& item) { return AnyPart(module, item, matches); });
}

// `function` (or a function enclosing it) serves requests: a handler by its own module's
// account (routes, do_GET, add_url_rule, same-module urlpatterns), or a Django view that
// another module's urls.py names (`path("checks/", views.check)`).
inline bool ServesRequests(const PyContext& cx, int function) {
  if (cx.module.IsInHandler(function)) return true;
  if (cx.modules == nullptr || function < 0) return false;
  while (cx.module.functions()[function].parent >= 0) function = cx.module.functions()[function].parent;
  const python::Function& top = cx.module.functions()[function];
  return top.class_index < 0 && cx.modules->IsDjangoView(cx.module.path(), top.name);
}

// Who runs `function` (or the top-level function it is nested in): with callers in the
// project's other modules counted when the rule reads them (RuleInfo::reads_callers_elsewhere),
// else as its module says (python::Function::off_platform) — which, for those rules, the
// linter has already corrected for callers elsewhere (a copy of the module marked with the
// functions platform code of another module runs taken to run: lint.cpp, RecheckRunElsewhere).
inline project::ModuleCallers::Verdict WhoRuns(const PyContext& cx, int function) {
  if (cx.callers != nullptr) return cx.callers->Of(cx.module, function);
  project::ModuleCallers::Verdict verdict;
  verdict.off_platform = function >= 0 && cx.module.functions()[function].off_platform;
  return verdict;
}

// A finding in code that runs because another module calls it: the call it names (related)
// and the calls it depends on, so that a diff run that adds the call reports it.
struct CalledFrom {
  std::vector<Location> related;
  std::vector<Dependency> depends_on;
};
inline CalledFrom CalledFromElsewhere(const project::ModuleCallers::Verdict& verdict) {
  CalledFrom called;
  if (verdict.called_from) called.related.push_back(*verdict.called_from);
  for (const Location& call : verdict.via) called.depends_on.push_back(Dependency::LinesOf(call.path, call.range));
  return called;
}

// Indexed like the module's functions: true when the function runs during a request
// (python/request_path.h), Django views that another module's urls.py names included;
// through the calls `follows` accepts, when given.
inline std::vector<bool> RequestPath(const PyContext& cx, const std::function<bool(const python::Call&)>& follows = {}) {
  return python::RequestPathFunctions(
      cx.module,
      [&](int function) {
        const python::Function& def = cx.module.functions()[function];
        return cx.modules != nullptr && def.parent == -1 && def.class_index == -1 &&
               cx.modules->IsDjangoView(cx.module.path(), def.name);
      },
      follows);
}

// The value a numeric expression always has: a literal, + - * / of such values, or a
// module-level name assigned exactly once from one (`POLL_SECONDS = 30`). nullopt when
// unknown — a rule then stays silent.
inline std::optional<double> ConstantNumber(const python::Module& module, const python::Expr& expr, int depth = 0) {
  using Kind = python::Expr::Kind;
  if (depth > 8) return std::nullopt;
  switch (expr.kind) {
    case Kind::kNumber: return expr.number;
    case Kind::kBinary: {
      if (expr.items.size() != 2) return std::nullopt;
      std::optional<double> a = ConstantNumber(module, expr.items[0], depth + 1);
      std::optional<double> b = ConstantNumber(module, expr.items[1], depth + 1);
      if (!a || !b) return std::nullopt;
      if (expr.str == "+") return *a + *b;
      if (expr.str == "-") return *a - *b;
      if (expr.str == "*") return *a * *b;
      if (expr.str == "/" && *b != 0) return *a / *b;
      return std::nullopt;
    }
    case Kind::kName: {
      const python::Assignment* only = nullptr;
      for (const python::Assignment& assignment : module.assignments()) {
        if (assignment.target.kind != Kind::kName || assignment.target.text != expr.text) continue;
        if (assignment.function != -1 || only != nullptr) return std::nullopt;  // rebound: unknown
        only = &assignment;
      }
      if (only == nullptr || only->op != "=") return std::nullopt;
      return ConstantNumber(module, only->value, depth + 1);
    }
    default: return std::nullopt;
  }
}

// The call sits in a try whose except clause catches what a read-only filesystem raises
// — OSError (errno EROFS, which is none of its subclasses: PermissionError does not catch
// it), its aliases, Exception or a bare except — and carries on without the write
// (python::Catch::carries_on): the write is best effort. A clause that re-raises, aborts
// or returns an error only reports the failure; what the write was for still fails.
inline bool ToleratesReadOnlyFilesystem(const python::Call& call) {
  static constexpr std::string_view kErrors[] = {"*", "OSError", "IOError", "EnvironmentError", "builtins.OSError"};
  return std::any_of(call.caught.begin(), call.caught.end(),
                     [](const python::Catch& caught) { return caught.carries_on && OneOf(caught.type, kErrors); });
}

// ... or what a missing file raises: the code carries on without what it reads.
inline bool ToleratesMissingFile(const python::Call& call) {
  return ToleratesReadOnlyFilesystem(call) ||
         std::any_of(call.caught.begin(), call.caught.end(), [](const python::Catch& caught) {
           return caught.carries_on && caught.type == "FileNotFoundError";
         });
}

// The argument at `index` (or the keyword `name`), or null.
inline const python::Expr* ArgValue(const python::Call& call, int index, std::string_view name) {
  const python::Argument* arg = index >= 0 ? call.Arg(static_cast<size_t>(index), name) : call.Keyword(name);
  return arg && !arg->star && !arg->double_star ? &arg->value : nullptr;
}

// Constructors of database, cache, HTTP and cloud clients: each opens network
// connections that a warm instance should reuse (FL302), so keeping one per key in a
// module-level dict is lazy initialisation, not request state (FL301).
inline bool IsNetworkClient(std::string_view callee) {
  static constexpr std::string_view kClients[] = {
      "pymongo.MongoClient", "pymongo.mongo_client.MongoClient", "motor.motor_asyncio.AsyncIOMotorClient",
      "mongoengine.connect", "psycopg2.connect", "psycopg2.pool.SimpleConnectionPool",
      "psycopg2.pool.ThreadedConnectionPool", "psycopg.connect", "psycopg.AsyncConnection.connect",
      "psycopg_pool.ConnectionPool", "psycopg_pool.AsyncConnectionPool", "asyncpg.connect", "asyncpg.create_pool",
      "pymysql.connect", "MySQLdb.connect", "mysql.connector.connect", "aiomysql.connect", "aiomysql.create_pool",
      "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url", "redis.StrictRedis.from_url",
      "redis.asyncio.Redis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url", "aioredis.from_url",
      "boto3.client", "boto3.resource", "boto3.Session", "boto3.session.Session", "aioboto3.Session",
      "requests.Session", "requests.session", "httpx.Client", "httpx.AsyncClient", "aiohttp.ClientSession",
      "urllib3.PoolManager", "sqlalchemy.create_engine", "sqlalchemy.ext.asyncio.create_async_engine",
      "sqlmodel.create_engine", "openai.OpenAI", "openai.AsyncOpenAI", "openai.AzureOpenAI", "anthropic.Anthropic",
      "anthropic.AsyncAnthropic", "google.cloud.storage.Client", "google.cloud.firestore.Client",
      "google.cloud.bigquery.Client", "elasticsearch.Elasticsearch", "elasticsearch.AsyncElasticsearch",
      "supabase.create_client", "pika.BlockingConnection", "kafka.KafkaProducer", "kafka.KafkaConsumer",
      "cassandra.cluster.Cluster", "neo4j.GraphDatabase.driver", "pinecone.Pinecone",
  };
  return OneOf(callee, kClients);
}

// The clients of IsNetworkClient that belong to the asyncio event loop they are made or
// first used on: their connections (or pool, or aiohttp session) hold that loop's
// transports, and used on another loop they fail with "Event loop is closed" or "attached
// to a different loop" (strands-agents/harness-sdk#856: AsyncOpenAI, over httpx, on a
// second asyncio.run; fastapi/fastapi#3855: Motor). An awaited factory (`await
// asyncpg.connect()`) makes one too. Not aioboto3.Session, which keeps settings only: its
// clients are `async with` blocks.
inline bool IsLoopBoundClient(const python::Call& call) {
  static constexpr std::string_view kClients[] = {
      "motor.motor_asyncio.AsyncIOMotorClient", "psycopg.AsyncConnection.connect", "psycopg_pool.AsyncConnectionPool",
      "asyncpg.connect", "asyncpg.create_pool", "aiomysql.connect", "aiomysql.create_pool", "redis.asyncio.Redis",
      "redis.asyncio.from_url", "redis.asyncio.Redis.from_url", "aioredis.from_url", "httpx.AsyncClient",
      "aiohttp.ClientSession", "sqlalchemy.ext.asyncio.create_async_engine", "openai.AsyncOpenAI",
      "anthropic.AsyncAnthropic", "elasticsearch.AsyncElasticsearch",
  };
  return call.use == python::ResultUse::kAwaited || OneOf(call.callee, kClients);
}

// The source text of a one-line range as written (`sbc`, `tasks.start`), or `fallback`
// when the range spans lines or its line is not ASCII (columns count code points).
inline std::string SourceText(const python::Module& module, const Range& range, std::string_view fallback) {
  std::string_view line = module.Line(range.start.line);
  bool ascii = std::all_of(line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
  if (range.start.line != range.end.line || !ascii || range.end.column > line.size() + 1 ||
      range.end.column <= range.start.column) {
    return std::string(fallback);
  }
  return std::string(line.substr(range.start.column - 1, range.end.column - range.start.column));
}

}  // namespace faaslint::rules
