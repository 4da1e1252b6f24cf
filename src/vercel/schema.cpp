#include "vercel/schema.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <optional>
#include <string_view>

#include "core/edit_distance.h"
#include "vercel/semver.h"

namespace faaslint::vercel {
namespace {

// Allowed JSON types of a node, as a bit set.
enum TypeBits : unsigned {
  kString = 1, kNumber = 2, kInteger = 4, kBoolean = 8, kObject = 16, kArray = 32, kNull = 64,
  kAnyType = 127,
};

struct Node {
  unsigned types = kAnyType;
  double minimum = -std::numeric_limits<double>::infinity();
  double maximum = std::numeric_limits<double>::infinity();
  size_t max_length = std::numeric_limits<size_t>::max();
  std::vector<std::string_view> enum_values;  // strings this node may take
  // Objects: named properties; `closed` rejects any other key (additionalProperties:
  // false); `each_value` validates the values of a map-like object (functions, env).
  std::vector<std::pair<std::string_view, const Node*>> properties;
  bool closed = false;
  const Node* each_value = nullptr;
  size_t max_key_length = std::numeric_limits<size_t>::max();
  size_t min_properties = 0;
  size_t max_properties = std::numeric_limits<size_t>::max();
  std::vector<std::string_view> required;
  std::vector<std::string_view> required_one_of;  // at least one of these must be present
  // An object holding `variant_key` is validated against `variant` instead
  // (routes: a `{"handle": ...}` entry has its own shape).
  std::string_view variant_key;
  const Node* variant = nullptr;
  // Arrays.
  const Node* items = nullptr;
  size_t min_items = 0;
  size_t max_items = std::numeric_limits<size_t>::max();
};

// Owns every node of the schema; built once and read-only afterwards.
class Tree {
 public:
  Tree();
  const Node& root() const { return *root_; }

 private:
  Node* New(unsigned types) {
    nodes_.emplace_back();
    nodes_.back().types = types;
    return &nodes_.back();
  }
  Node* String(size_t max_length = std::numeric_limits<size_t>::max()) {
    Node* node = New(kString);
    node->max_length = max_length;
    return node;
  }
  Node* Enum(std::vector<std::string_view> values) {
    Node* node = New(kString);
    node->enum_values = std::move(values);
    return node;
  }
  Node* Integer(double minimum, double maximum) {
    Node* node = New(kInteger);
    node->minimum = minimum;
    node->maximum = maximum;
    return node;
  }
  Node* ArrayOf(const Node* items, size_t max_items = std::numeric_limits<size_t>::max(), size_t min_items = 0) {
    Node* node = New(kArray);
    node->items = items;
    node->max_items = max_items;
    node->min_items = min_items;
    return node;
  }
  Node* Closed(std::vector<std::pair<std::string_view, const Node*>> properties,
               std::vector<std::string_view> required = {}) {
    Node* node = New(kObject);
    node->properties = std::move(properties);
    node->closed = true;
    node->required = std::move(required);
    return node;
  }
  Node* MapOf(const Node* values) {
    Node* node = New(kObject);
    node->each_value = values;
    return node;
  }

  std::deque<Node> nodes_;  // a deque: pointers to nodes stay valid as it grows
  const Node* root_ = nullptr;
};

Tree::Tree() {
  const Node* any = New(kAnyType);
  const Node* boolean = New(kBoolean);
  const Node* string = String();
  const Node* string_or_null = New(kString | kNull);
  const Node* strings = ArrayOf(string);
  const Node* object = New(kObject);

  // @vercel/build-utils getFunctionsSchema(): keys `^.{1,256}$`, 1..50 entries;
  // maxDuration: getMaxDurationSchema() = integer 1..1800 or "max"
  // (DEFAULT_MAX_DURATION_LIMIT = 1800 in dist/max-duration.js).
  Node* max_duration = New(kInteger | kString);
  max_duration->minimum = 1;
  max_duration->maximum = 1800;
  max_duration->enum_values = {"max"};
  const Node* function = Closed({
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
  Node* functions = MapOf(function);
  functions->closed = true;
  functions->max_key_length = 256;
  functions->min_properties = 1;
  functions->max_properties = 50;

  // @vercel/build-utils buildsSchema: at most 128, `use` required.
  const Node* builds =
      ArrayOf(Closed({{"src", String(4096)}, {"use", String(256)}, {"config", object}}, {"use"}),
              128);

  // vercel@58.10.0 cronsSchema. `path` must start with `/` (FL703 reports that) and
  // `schedule` is 9..256 characters (FL701 reports that with the cron syntax).
  const Node* crons = ArrayOf(Closed({{"path", String(512)}, {"schedule", string}}, {"path", "schedule"}));

  // @vercel/routing-utils 6.6.0 schemas.js: hasSchema (max 16 conditions).
  Node* matchable = New(kString | kObject);
  matchable->max_length = 4096;
  {
    const Node* number = New(kNumber);
    const Node* eq = New(kString | kNumber);
    matchable->properties = {{"eq", eq},        {"neq", string}, {"inc", strings}, {"ninc", strings},
                             {"pre", string},   {"suf", string}, {"re", string},   {"gt", number},
                             {"gte", number},   {"lt", number},  {"lte", number}};
    matchable->closed = true;
  }
  const Node* condition = Closed(
      {{"type", Enum({"host", "header", "cookie", "query"})}, {"key", String(4096)}, {"value", matchable}},
      {"type"});
  const Node* has = ArrayOf(condition, 16);
  const Node* env_names = ArrayOf(String(256), 64, 1);

  Node* service_destination = New(kString | kObject);
  service_destination->max_length = 4096;
  service_destination->properties = {{"type", Enum({"service"})}, {"service", String(64)}, {"path", String(4096)}};
  service_destination->closed = true;

  const Node* status = Integer(100, 999);
  const Node* rewrites = ArrayOf(
      Closed({{"source", String(4096)}, {"destination", service_destination}, {"transforms", object},
              {"has", has}, {"missing", has}, {"statusCode", status}, {"env", env_names},
              {"respectOriginCacheControl", boolean}},
             {"source", "destination"}),
      2048);
  const Node* redirects = ArrayOf(
      Closed({{"source", String(4096)}, {"destination", String(4096)}, {"permanent", boolean},
              {"statusCode", status}, {"has", has}, {"missing", has}, {"env", env_names}},
             {"source", "destination"}),
      2048);
  const Node* header_pairs =
      ArrayOf(Closed({{"key", String(4096)}, {"value", String(32768)}}, {"key", "value"}), 1024);
  const Node* headers = ArrayOf(
      Closed({{"source", String(4096)}, {"headers", header_pairs}, {"has", has}, {"missing", has}},
             {"source", "headers"}),
      2048);

  Node* route = Closed({
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
  const Node* images = Closed(
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
  const Node* proxy = Closed({{"entrypoint", string}, {"matcher", New(kString | kArray)}}, {"entrypoint"});

  // @vercel/config 0.7.2 GitConfig / GithubConfig.
  const Node* git = Closed({{"deploymentEnabled", New(kBoolean | kObject)}, {"exclusivity", object}});
  const Node* github = Closed({{"autoAlias", boolean}, {"autoJobCancelation", boolean},
                               {"enabled", boolean}, {"silent", boolean}});
  const Node* string_map = MapOf(string);

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
  (void)any;
}

const Tree& SchemaTree() {
  static const Tree tree;  // immutable once built
  return tree;
}

std::string Quote(std::string_view key) {
  // Vercel's errors write identifiers as `.key` and anything else as `['key']`.
  bool identifier = !key.empty() && !isdigit(static_cast<unsigned char>(key[0]));
  for (char c : key) {
    if (!isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') identifier = false;
  }
  return identifier ? "." + std::string(key) : "['" + std::string(key) + "']";
}

std::string Join(const std::string& path, std::string_view key) {
  std::string quoted = Quote(key);
  if (path.empty() && quoted[0] == '.') return quoted.substr(1);
  return path + quoted;
}

std::string DescribeTypes(unsigned types) {
  std::vector<std::string_view> names;
  if (types & kString) names.push_back("a string");
  if (types & kNumber) names.push_back("a number");
  else if (types & kInteger) names.push_back("an integer");
  if (types & kBoolean) names.push_back("a boolean");
  if (types & kObject) names.push_back("an object");
  if (types & kArray) names.push_back("an array");
  if (types & kNull) names.push_back("null");
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " or " : ", ";
    out += names[i];
  }
  return out;
}

std::string_view Found(const JsonValue& value) {
  if (value.is_number() && !value.is_integer) return "a fraction";
  switch (value.kind) {
    case JsonKind::kNull: return "null";
    case JsonKind::kBool: return "a boolean";
    case JsonKind::kNumber: return "a number";
    case JsonKind::kString: return "a string";
    case JsonKind::kArray: return "an array";
    case JsonKind::kObject: return "an object";
  }
  return "a value";
}

std::string FormatNumber(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) return fmt::format("{}", static_cast<long long>(value));
  return fmt::format("{}", value);
}

class Validator {
 public:
  explicit Validator(std::vector<SchemaIssue>* out) : out_(out) {}

  void Check(const JsonValue& value, const Node& node, const std::string& path) {
    if (!TypeMatches(value, node)) {
      Invalid(value.range, path,
              fmt::format("`{}` must be {}, not {}", Shown(path), DescribeTypes(node.types), Found(value)));
      return;
    }
    switch (value.kind) {
      case JsonKind::kString: CheckString(value, node, path); break;
      case JsonKind::kNumber: CheckNumber(value, node, path); break;
      case JsonKind::kObject: CheckObject(value, node, path); break;
      case JsonKind::kArray: CheckArray(value, node, path); break;
      default: break;
    }
  }

 private:
  static std::string Shown(const std::string& path) { return path.empty() ? "vercel.json" : path; }

  static bool TypeMatches(const JsonValue& value, const Node& node) {
    switch (value.kind) {
      case JsonKind::kString: return node.types & kString;
      case JsonKind::kNumber:
        return (node.types & kNumber) || ((node.types & kInteger) && value.is_integer);
      case JsonKind::kBool: return node.types & kBoolean;
      case JsonKind::kObject: return node.types & kObject;
      case JsonKind::kArray: return node.types & kArray;
      case JsonKind::kNull: return node.types & kNull;
    }
    return false;
  }

  void Invalid(Range range, const std::string& path, std::string message, std::string help = {}) {
    out_->push_back({SchemaIssueKind::kInvalidValue, range, path, std::move(message), std::move(help)});
  }

  void CheckString(const JsonValue& value, const Node& node, const std::string& path) {
    if (!node.enum_values.empty()) {
      bool known = false;
      for (std::string_view allowed : node.enum_values) known = known || allowed == value.text;
      // A node taking numbers too (maxDuration) lists only its string values.
      if (!known) {
        std::string allowed;
        for (std::string_view v : node.enum_values) allowed += (allowed.empty() ? "" : ", ") + fmt::format("\"{}\"", v);
        std::string extra = (node.types & (kInteger | kNumber)) ? " or a number" : "";
        Invalid(value.range, path, fmt::format("`{}` must be one of {}{}, not \"{}\"", Shown(path), allowed, extra, value.text));
      }
      return;
    }
    // Vercel's limits count UTF-16 code units (JavaScript string length).
    size_t length = 0;
    for (unsigned char c : value.text) {
      if ((c & 0xC0) != 0x80) length += c >= 0xF0 ? 2 : 1;
    }
    if (length > node.max_length) {
      Invalid(value.range, path,
              fmt::format("`{}` is {} characters long; the limit is {}", Shown(path), length, node.max_length));
    }
  }

  void CheckNumber(const JsonValue& value, const Node& node, const std::string& path) {
    if (value.number < node.minimum || value.number > node.maximum) {
      std::string range =
          std::isinf(node.maximum)
              ? fmt::format("at least {}", FormatNumber(node.minimum))
              : fmt::format("between {} and {}", FormatNumber(node.minimum), FormatNumber(node.maximum));
      if (!node.enum_values.empty()) range += fmt::format(" or \"{}\"", node.enum_values.front());
      Invalid(value.range, path, fmt::format("`{}` must be {} (got {})", Shown(path), range, value.text));
    }
  }

  void CheckObject(const JsonValue& value, const Node& given, const std::string& path) {
    const Node& node = (given.variant && value.Find(given.variant_key)) ? *given.variant : given;
    for (std::string_view key : node.required) {
      if (!value.Find(key)) {
        Invalid(value.range, path, fmt::format("`{}` is missing the required property `{}`", Shown(path), key));
      }
    }
    if (!node.required_one_of.empty() &&
        std::none_of(node.required_one_of.begin(), node.required_one_of.end(),
                     [&](std::string_view key) { return value.Find(key) != nullptr; })) {
      Invalid(value.range, path,
              fmt::format("`{}` must set `{}` (or `{}`)", Shown(path), node.required_one_of[0], node.required_one_of[1]));
    }
    if (value.members.size() < node.min_properties) {
      Invalid(value.range, path, fmt::format("`{}` must not be empty", Shown(path)));
    }
    if (value.members.size() > node.max_properties) {
      Invalid(value.range, path,
              fmt::format("`{}` has {} entries; at most {} are allowed", Shown(path), value.members.size(), node.max_properties));
    }
    for (const JsonMember& member : value.members) {
      std::string child = Join(path, member.key);
      const Node* schema = nullptr;
      for (const auto& [name, property] : node.properties) {
        if (name == member.key) schema = property;
      }
      if (!schema && node.each_value) {
        if (member.key.empty() || member.key.size() > node.max_key_length) {
          Invalid(member.key_range, child,
                  fmt::format("key of `{}` must be 1 to {} characters long", Shown(path), node.max_key_length));
          continue;
        }
        schema = node.each_value;
      }
      if (!schema) {
        if (node.closed) Unknown(member, node, path);
        continue;
      }
      Check(member.value, *schema, child);
    }
  }

  void Unknown(const JsonMember& member, const Node& node, const std::string& path) {
    std::vector<std::string_view> names;
    for (const auto& [name, property] : node.properties) names.push_back(name);
    std::string_view suggestion = ClosestMatch(member.key, names).value_or("");
    std::string where = path.empty() ? "at the top level of vercel.json" : fmt::format("in `{}`", path);
    std::string message = fmt::format("unknown property `{}` {}", member.key, where);
    if (!suggestion.empty()) message += fmt::format("; did you mean `{}`?", suggestion);
    std::string help = suggestion.empty()
                           ? "Vercel rejects a deployment whose vercel.json has properties it does not know; remove it"
                           : fmt::format("rename it to `{}`", suggestion);
    out_->push_back({SchemaIssueKind::kUnknownProperty, member.key_range, Join(path, member.key), std::move(message),
                     std::move(help)});
  }

  void CheckArray(const JsonValue& value, const Node& node, const std::string& path) {
    if (value.items.size() < node.min_items) {
      Invalid(value.range, path, fmt::format("`{}` must have at least {} item{}", Shown(path), node.min_items,
                                             node.min_items == 1 ? "" : "s"));
    }
    if (value.items.size() > node.max_items) {
      Invalid(value.range, path,
              fmt::format("`{}` has {} items; at most {} are allowed", Shown(path), value.items.size(), node.max_items));
    }
    if (!node.items) return;
    for (size_t i = 0; i < value.items.size(); ++i) {
      Check(value.items[i], *node.items, fmt::format("{}[{}]", path, i));
    }
  }

  std::vector<SchemaIssue>* out_;
};

// @vercel/fs-detectors 7.7.3 validateFunctions(): checks beyond the JSON schema.
void CheckFunctionEntries(const JsonValue& root, std::vector<SchemaIssue>* out) {
  const JsonValue* functions = root.Get("functions");
  if (!functions || !functions->is_object()) return;
  for (const JsonMember& entry : functions->members) {
    std::string path = "functions" + Quote(entry.key);
    if (!entry.key.empty() && entry.key[0] == '/') {
      out->push_back({SchemaIssueKind::kInvalidValue, entry.key_range, path,
                      fmt::format("function pattern \"{}\" starts with `/`; it must be relative to the project root",
                                  entry.key),
                      fmt::format("write \"{}\"", entry.key.substr(entry.key.find_first_not_of('/') == std::string::npos
                                                                      ? entry.key.size()
                                                                      : entry.key.find_first_not_of('/')))});
    }
    if (entry.value.is_object() && entry.value.members.empty()) {
      out->push_back({SchemaIssueKind::kInvalidValue, entry.value.range, path,
                      fmt::format("`{}` must set at least one property", path), ""});
    }
    const JsonValue* runtime = entry.value.Get("runtime");
    if (runtime && runtime->is_string()) {
      std::string_view tag = runtime->text;
      size_t at = tag.rfind('@');
      if (at != std::string_view::npos) tag = tag.substr(at + 1);
      if (!IsSemver(tag)) {
        out->push_back({SchemaIssueKind::kInvalidValue, runtime->range, path + ".runtime",
                        fmt::format("`{}.runtime` \"{}\" has no version; a community runtime is written "
                                    "`name@1.2.3`",
                                    path, runtime->text),
                        "Python functions need no `runtime`: remove it, or pin a runtime package version"});
      }
    }
  }
}

}  // namespace

std::vector<SchemaIssue> ValidateSchema(const JsonValue& root) {
  std::vector<SchemaIssue> issues;
  Validator(&issues).Check(root, SchemaTree().root(), "");
  if (root.is_object()) CheckFunctionEntries(root, &issues);
  return issues;
}

}  // namespace faaslint::vercel
