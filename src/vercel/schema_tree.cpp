#include "vercel/schema_tree.h"

#include <deque>

namespace faaslint::vercel {
namespace {

// Owns every node of the schema; built once and read-only afterwards.
class Tree {
 public:
  Tree();
  const SchemaNode& root() const { return *root_; }

 private:
  SchemaNode* New(unsigned types) {
    nodes_.emplace_back();
    nodes_.back().types = types;
    return &nodes_.back();
  }
  SchemaNode* String(size_t max_length = std::numeric_limits<size_t>::max()) {
    SchemaNode* node = New(kString);
    node->max_length = max_length;
    return node;
  }
  SchemaNode* Enum(std::vector<std::string_view> values) {
    SchemaNode* node = New(kString);
    node->enum_values = std::move(values);
    return node;
  }
  SchemaNode* Integer(double minimum, double maximum) {
    SchemaNode* node = New(kInteger);
    node->minimum = minimum;
    node->maximum = maximum;
    return node;
  }
  SchemaNode* ArrayOf(const SchemaNode* items, size_t max_items = std::numeric_limits<size_t>::max(), size_t min_items = 0) {
    SchemaNode* node = New(kArray);
    node->items = items;
    node->max_items = max_items;
    node->min_items = min_items;
    return node;
  }
  SchemaNode* Closed(std::vector<std::pair<std::string_view, const SchemaNode*>> properties,
               std::vector<std::string_view> required = {}) {
    SchemaNode* node = New(kObject);
    node->properties = std::move(properties);
    node->closed = true;
    node->required = std::move(required);
    return node;
  }
  SchemaNode* MapOf(const SchemaNode* values) {
    SchemaNode* node = New(kObject);
    node->each_value = values;
    return node;
  }

  std::deque<SchemaNode> nodes_;  // a deque: pointers to nodes stay valid as it grows
  const SchemaNode* root_ = nullptr;
};

Tree::Tree() {
  const SchemaNode* boolean = New(kBoolean);
  const SchemaNode* string = String();
  const SchemaNode* string_or_null = New(kString | kNull);
  const SchemaNode* strings = ArrayOf(string);
  const SchemaNode* object = New(kObject);

  // @vercel/build-utils getFunctionsSchema(): keys `^.{1,256}$`, 1..50 entries;
  // maxDuration: getMaxDurationSchema() = integer 1..1800 or "max"
  // (DEFAULT_MAX_DURATION_LIMIT = 1800 in dist/max-duration.js).
  SchemaNode* max_duration = New(kInteger | kString);
  max_duration->minimum = 1;
  max_duration->maximum = 1800;
  max_duration->enum_values = {"max"};
  const SchemaNode* function = Closed({
      {"architecture", Enum({"x86_64", "arm64"})},
      {"runtime", String(256)},
      {"memory", Integer(128, 10240)},  // the CLI schema has no type here; the docs say integer
      {"maxDuration", max_duration},
      {"maxConcurrency", Integer(1, std::numeric_limits<double>::infinity())},
      {"regions", strings},
      {"functionFailoverRegions", strings},
      {"includeFiles", String(256)},
      {"excludeFiles", String(256)},
      {"experimentalTriggers", ArrayOf(object)},
      {"supportsCancellation", boolean},
  });
  SchemaNode* functions = MapOf(function);
  functions->closed = true;
  functions->max_key_length = 256;
  functions->min_properties = 1;
  functions->max_properties = 50;

  // @vercel/build-utils buildsSchema: at most 128, `use` required.
  const SchemaNode* builds =
      ArrayOf(Closed({{"src", String(4096)}, {"use", String(256)}, {"config", object}}, {"use"}),
              128);

  // vercel@58.10.0 cronsSchema. `path` must start with `/` (FL703 reports that) and
  // `schedule` is 9..256 characters (FL701 reports that with the cron syntax).
  const SchemaNode* crons = ArrayOf(Closed({{"path", String(512)}, {"schedule", string}}, {"path", "schedule"}));

  // @vercel/routing-utils 6.6.0 schemas.js: hasSchema (max 16 conditions).
  SchemaNode* matchable = New(kString | kObject);
  matchable->max_length = 4096;
  {
    const SchemaNode* number = New(kNumber);
    const SchemaNode* eq = New(kString | kNumber);
    matchable->properties = {{"eq", eq},        {"neq", string}, {"inc", strings}, {"ninc", strings},
                             {"pre", string},   {"suf", string}, {"re", string},   {"gt", number},
                             {"gte", number},   {"lt", number},  {"lte", number}};
    matchable->closed = true;
  }
  // Each condition has one of two shapes (anyOf): `"type": "host"` with a required `value`
  // and no `key`, or `header`/`cookie`/`query` with a `key`. The CLI's validateConfig
  // rejects a host condition with a `key` ("`rewrites[0].has[0]` should NOT have
  // additional property `key`"; vercel@58.10.0, run by ../shared/vercel-oracle).
  SchemaNode* condition = Closed(
      {{"type", Enum({"host", "header", "cookie", "query"})}, {"key", String(4096)}, {"value", matchable}},
      {"type"});
  SchemaNode* host_condition = Closed({{"type", Enum({"host"})}, {"value", matchable}}, {"type", "value"});
  host_condition->unknown_property_note =
      "a `\"type\": \"host\"` condition takes only `type` and `value`, which is matched against the host name";
  condition->variant_key = "type";
  condition->variant_value = "host";
  condition->variant = host_condition;
  const SchemaNode* has = ArrayOf(condition, 16);
  const SchemaNode* env_names = ArrayOf(String(256), 64, 1);

  SchemaNode* service_destination = New(kString | kObject);
  service_destination->max_length = 4096;
  service_destination->properties = {{"type", Enum({"service"})}, {"service", String(64)}, {"path", String(4096)}};
  service_destination->closed = true;

  const SchemaNode* status = Integer(100, 999);
  const SchemaNode* rewrites = ArrayOf(
      Closed({{"source", String(4096)}, {"destination", service_destination}, {"transforms", object},
              {"has", has}, {"missing", has}, {"statusCode", status}, {"env", env_names},
              {"respectOriginCacheControl", boolean}},
             {"source", "destination"}),
      2048);
  const SchemaNode* redirects = ArrayOf(
      Closed({{"source", String(4096)}, {"destination", String(4096)}, {"permanent", boolean},
              {"statusCode", status}, {"has", has}, {"missing", has}, {"env", env_names}},
             {"source", "destination"}),
      2048);
  const SchemaNode* header_pairs =
      ArrayOf(Closed({{"key", String(4096)}, {"value", String(32768)}}, {"key", "value"}), 1024);
  const SchemaNode* headers = ArrayOf(
      Closed({{"source", String(4096)}, {"headers", header_pairs}, {"has", has}, {"missing", has}},
             {"source", "headers"}),
      2048);

  SchemaNode* route = Closed({
      {"src", String(4096)}, {"source", String(4096)}, {"dest", String(4096)},
      {"destination", service_destination}, {"headers", MapOf(String(32768))},
      {"methods", ArrayOf(String(32), 10)}, {"caseSensitive", boolean}, {"important", boolean},
      {"user", boolean}, {"continue", boolean}, {"override", boolean}, {"check", boolean},
      {"isInternal", boolean}, {"status", status}, {"statusCode", status}, {"locale", object},
      {"middleware", New(kNumber)}, {"middlewarePath", string}, {"middlewareRawSrc", strings},
      {"has", has}, {"missing", has}, {"mitigate", object}, {"transforms", object},
      {"env", env_names}, {"respectOriginCacheControl", boolean},
  });
  route->required_one_of = {"src", "source"};
  route->variant_key = "handle";
  route->variant =
      Closed({{"handle", Enum({"error", "filesystem", "hit", "miss", "resource", "rewrite"})}}, {"handle"});

  // vercel@58.10.0 imagesSchema.
  const SchemaNode* images = Closed(
      {{"contentDispositionType", Enum({"inline", "attachment"})},
       {"contentSecurityPolicy", String(256)},
       {"dangerouslyAllowSVG", boolean},
       {"domains", ArrayOf(String(256), 50)},
       {"formats", ArrayOf(Enum({"image/avif", "image/webp", "image/jpeg", "image/png"}), 4, 1)},
       {"localPatterns", ArrayOf(Closed({{"pathname", String(256)}, {"search", String(256)}}), 25)},
       {"minimumCacheTTL", Integer(1, 315360000)},
       {"qualities", ArrayOf(Integer(1, 100), 20, 1)},
       {"remotePatterns",
        ArrayOf(Closed({{"protocol", Enum({"http", "https"})}, {"hostname", String(256)},
                        {"port", String(5)}, {"pathname", String(256)}, {"search", String(256)}},
                       {"hostname"}),
                50)},
       {"sizes", ArrayOf(New(kNumber), 50, 1)}},
      {"sizes"});

  // vercel@58.10.0 proxySchema.
  const SchemaNode* proxy = Closed({{"entrypoint", string}, {"matcher", New(kString | kArray)}}, {"entrypoint"});

  // @vercel/config 0.7.2 GitConfig / GithubConfig.
  const SchemaNode* git = Closed({{"deploymentEnabled", New(kBoolean | kObject)}, {"exclusivity", object}});
  const SchemaNode* github = Closed({{"autoAlias", boolean}, {"autoJobCancelation", boolean},
                               {"enabled", boolean}, {"silent", boolean}});
  const SchemaNode* string_map = MapOf(string);

  // Top level: every property of @vercel/config 0.7.2 `VercelConfig` plus the CLI
  // schema's own (`proxy`, `services`, `experimentalServicesV2`) and `$schema`
  // (docs: /docs/project-configuration/vercel-json). The deployment API rejects any other.
  root_ = Closed({
      {"$schema", string},
      {"alias", New(kString | kArray)},
      {"build", Closed({{"env", string_map}})},
      {"buildCommand", string_or_null},
      {"builds", builds},
      {"bulkRedirectsPath", string_or_null},
      {"bunVersion", string},
      {"cleanUrls", boolean},
      {"crons", crons},
      {"devCommand", string_or_null},
      {"env", string_map},
      {"experimentalServiceGroups", object},
      {"experimentalServices", object},
      {"experimentalServicesV2", object},
      {"fluid", boolean},
      {"framework", string_or_null},
      {"functionFailoverRegions", strings},
      {"functions", functions},
      {"git", git},
      {"github", github},
      {"headers", headers},
      {"ignoreCommand", string_or_null},
      {"images", images},
      {"installCommand", string_or_null},
      {"name", string},
      {"outputDirectory", string_or_null},
      {"passiveRegions", strings},
      {"proxy", proxy},
      {"redirects", redirects},
      {"regions", strings},
      {"relatedProjects", strings},
      {"rewrites", rewrites},
      {"routes", ArrayOf(route)},
      {"schedules", ArrayOf(object)},
      {"scope", string},
      {"services", object},
      {"trailingSlash", boolean},
      {"version", New(kInteger)},
      {"wildcard", ArrayOf(Closed({{"domain", string}, {"value", string}}, {"domain", "value"}))},
  });
}

}  // namespace

const SchemaNode& VercelJsonSchema() {
  static const Tree tree;  // immutable once built
  return tree.root();
}

}  // namespace faaslint::vercel
