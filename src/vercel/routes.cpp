#include "vercel/routes.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <string_view>

#include "vercel/js_regex.h"
#include "vercel/path_pattern.h"

namespace faaslint::vercel {
namespace {

// routing-utils: a route's `src` is anchored and `\/` unescaped before compiling.
std::string NormaliseRouteSrc(std::string src) {
  if (src.empty() || src.front() != '^') src = "^" + src;
  if (src.back() != '$') src += "$";
  std::string out;
  for (size_t i = 0; i < src.size(); ++i) {
    if (src[i] == '\\' && i + 1 < src.size() && src[i + 1] == '/') {
      out += '/';
      ++i;
    } else {
      out += src[i];
    }
  }
  return out;
}

// Appends the names of the groups `(?<name>` in `text`, as routing-utils finds them with
// /\(\?<([a-zA-Z][a-zA-Z0-9_]*)>/g. Scanned by hand: libstdc++'s std::regex matches
// `[a-zA-Z0-9_]*` recursively, one stack frame per character, and a 50 KB name in a
// vercel.json overflowed the stack.
void AppendNamedGroups(std::string_view text, std::vector<std::string>* names) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = text.find("(?<"); at != std::string_view::npos; at = text.find("(?<", at + 1)) {
    size_t start = at + 3, end = start;
    if (end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end]))) continue;
    while (end < text.size() && word(text[end])) ++end;
    if (end < text.size() && text[end] == '>') {
      names->emplace_back(text.substr(start, end - start));
      at = end;
    }
  }
}

// routing-utils collectHasSegments: a `has` condition without value binds its key;
// a value (or `value.re`) binds its named groups; a host condition with a value binds `host`.
std::vector<std::string> HasSegments(const JsonValue* has) {
  std::vector<std::string> names;
  if (!has || !has->is_array()) return names;
  for (const JsonValue& item : has->items) {
    if (!item.is_object()) continue;
    const JsonValue* value = item.Get("value");
    const JsonValue* key = item.Get("key");
    bool has_value = value && !value->is_null() && !(value->is_string() && value->text.empty()) &&
                     !(value->is_bool() && !value->boolean) && !(value->is_number() && value->number == 0);
    if (!has_value && key) names.push_back(key->is_string() ? key->text : "");
    const JsonValue* regex = value && value->is_object() ? value->Get("re") : value;
    if (regex && regex->is_string() && !regex->text.empty()) {
      AppendNamedGroups(regex->text, &names);
      const JsonValue* type = item.Get("type");
      if (type && type->is_string() && type->text == "host") names.push_back("host");
    }
  }
  return names;
}

bool Contains(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

void CheckRoutesArray(const JsonValue& routes, std::vector<ConfigIssue>* out) {
  std::vector<std::string> phases;  // handle values seen so far
  for (size_t i = 0; i < routes.items.size(); ++i) {
    const JsonValue& route = routes.items[i];
    if (!route.is_object()) continue;
    std::string where = fmt::format("routes[{}]", i);
    if (const JsonValue* handle = route.Get("handle")) {
      if (handle->is_string() && Contains(phases, handle->text)) {
        out->push_back({handle->range,
                        fmt::format("`{}` repeats `\"handle\": \"{}\"`; each phase may appear once", where, handle->text),
                        "remove the second one"});
      }
      if (handle->is_string()) phases.push_back(handle->text);
      continue;
    }
    const JsonValue* src = route.Get("src");
    if (!src) src = route.Get("source");
    if (!src || !src->is_string() || src->text.empty()) continue;
    if (std::optional<JsRegexError> error = CheckJsRegex(NormaliseRouteSrc(src->text))) {
      long shift = src->text[0] == '^' ? 0 : -1;  // the `^` Vercel prepends
      out->push_back({src->range,
                      fmt::format("`{}.src` \"{}\" is not a valid regular expression: {}", where, src->text,
                                  Describe(*error, shift)),
                      "a route `src` is a JavaScript regular expression (escape literal `(`, `[`, `?` and `*`)"});
    }
    auto truthy = [&](std::string_view key) {
      const JsonValue* v = route.Get(key);
      return v && !v->is_null() && !(v->is_bool() && !v->boolean) && !(v->is_string() && v->text.empty()) &&
             !(v->is_number() && v->number == 0);
    };
    bool dest = truthy("dest") || truthy("destination");
    if (phases.empty()) continue;
    if (phases.back() == "hit") {
      if (dest) out->push_back({route.range, fmt::format("`{}` sets a destination after `handle: hit`", where), ""});
      if (truthy("status") || truthy("statusCode")) {
        out->push_back({route.range, fmt::format("`{}` sets a status after `handle: hit`", where), ""});
      }
      if (!truthy("continue")) {
        out->push_back({route.range, fmt::format("`{}` must set `\"continue\": true` after `handle: hit`", where), ""});
      }
    } else if (phases.back() == "miss") {
      if (dest && !truthy("check")) {
        out->push_back({route.range, fmt::format("`{}` must set `\"check\": true` after `handle: miss`", where), ""});
      } else if (!dest && !truthy("continue")) {
        out->push_back({route.range, fmt::format("`{}` must set `\"continue\": true` after `handle: miss`", where), ""});
      }
    }
  }
}

void CheckSourceList(const JsonValue& root, std::string_view list, std::vector<ConfigIssue>* out) {
  const JsonValue* entries = root.Get(list);
  if (!entries || !entries->is_array()) return;
  for (size_t i = 0; i < entries->items.size(); ++i) {
    const JsonValue& entry = entries->items[i];
    const JsonValue* source = entry.Get("source");
    if (!source || !source->is_string()) continue;
    std::string where = fmt::format("{}[{}]", list, i);
    if (std::optional<JsRegexError> error = CheckJsRegex(source->text)) {
      out->push_back({source->range,
                      fmt::format("`{}.source` \"{}\" is not a valid regular expression: {}", where, source->text,
                                  Describe(*error)),
                      "Vercel compiles every `source` as a regular expression first"});
      continue;
    }
    std::vector<std::string> bound;
    if (std::optional<std::string> error = ParsePathPattern(source->text, &bound)) {
      out->push_back({source->range,
                      fmt::format("`{}.source` \"{}\" is not a valid path pattern: {}", where, source->text, *error),
                      "write parameters as `:name`, wildcards as `:path*` or `(.*)`"});
      continue;
    }
    const JsonValue* destination = entry.Get("destination");
    std::string_view target;
    if (destination && destination->is_string()) {
      target = destination->text;
    } else if (destination && destination->is_object() && destination->Get("path") &&
               destination->Get("path")->is_string()) {
      target = destination->Get("path")->text;
    } else {
      continue;
    }
    std::vector<std::string> has = HasSegments(entry.Get("has"));
    for (const std::string& segment : DestinationSegments(target)) {
      if (Contains(bound, segment) || Contains(has, segment)) continue;
      std::string shown = segment == kUnnamedSegment ? "an unnamed group `(...)`" : "`:" + segment + "`";
      out->push_back({destination->range,
                      fmt::format("`{}.destination` uses {}, which `source` does not define", where, shown),
                      segment == kUnnamedSegment
                          ? "use a named parameter (`:path*`) in both source and destination"
                          : fmt::format("add `:{}` to the source, or a `has` condition that binds it", segment)});
      break;  // routing-utils reports the first unbound segment
    }
  }
}

void Conflict(const JsonValue& object, std::string_view first, std::string_view second, std::string message,
              std::string help, std::vector<ConfigIssue>* out) {
  const JsonMember* a = object.Find(first);
  const JsonMember* b = object.Find(second);
  if (!a || !b || a->value.is_null() || b->value.is_null()) return;
  const JsonMember* later = a->key_range.start < b->key_range.start ? b : a;
  out->push_back({later->key_range, std::move(message), std::move(help)});
}

}  // namespace

std::vector<ConfigIssue> CheckRoutePatterns(const JsonValue& root) {
  std::vector<ConfigIssue> out;
  if (!root.is_object()) return out;
  if (const JsonValue* routes = root.Get("routes"); routes && routes->is_array()) CheckRoutesArray(*routes, &out);
  for (std::string_view list : {"redirects", "headers", "rewrites"}) CheckSourceList(root, list, &out);
  return out;
}

std::vector<ConfigIssue> FindConflicts(const JsonValue& root) {
  std::vector<ConfigIssue> out;
  if (!root.is_object()) return out;
  // vercel@58.10.0 validateConfig (src/util/validate-config.ts).
  Conflict(root, "functions", "builds", "`functions` cannot be used together with `builds`",
           "remove `builds`: Vercel detects api/*.py on its own, and `functions` configures it", &out);
  Conflict(root, "proxy", "builds", "`proxy` cannot be used together with `builds`", "remove `builds`", &out);
  Conflict(root, "experimentalServices", "builds", "`experimentalServices` cannot be used together with `builds`",
           "remove one of them", &out);
  Conflict(root, "experimentalServices", "functions",
           "`experimentalServices` cannot be used together with `functions`", "remove one of them", &out);
  Conflict(root, "services", "experimentalServicesV2",
           "`services` cannot be used together with its deprecated alias `experimentalServicesV2`",
           "keep only `services`", &out);
  for (std::string_view services : {"services", "experimentalServicesV2"}) {
    Conflict(root, services, "experimentalServices",
             fmt::format("`{}` cannot be used together with `experimentalServices`", services), "keep one", &out);
    Conflict(root, services, "builds", fmt::format("`{}` cannot be used together with `builds`", services),
             "remove `builds`", &out);
  }
  // @vercel/routing-utils 6.6.0 convertRouteAliases and checkRedirect.
  if (const JsonValue* routes = root.Get("routes"); routes && routes->is_array()) {
    for (size_t i = 0; i < routes->items.size(); ++i) {
      const JsonValue& route = routes->items[i];
      if (!route.is_object() || route.Find("handle")) continue;
      for (auto [a, b] : {std::pair{"src", "source"}, {"dest", "destination"}, {"status", "statusCode"}}) {
        const JsonMember* first = route.Find(a);
        const JsonMember* second = route.Find(b);
        if (first && second) {
          const JsonMember* later = first->key_range.start < second->key_range.start ? second : first;
          out.push_back({later->key_range, fmt::format("`routes[{}]` sets both `{}` and `{}`", i, a, b),
                         fmt::format("`{}` is an alias of `{}`: keep one", b, a)});
        }
      }
    }
  }
  if (const JsonValue* redirects = root.Get("redirects"); redirects && redirects->is_array()) {
    for (size_t i = 0; i < redirects->items.size(); ++i) {
      const JsonValue& redirect = redirects->items[i];
      const JsonMember* permanent = redirect.Find("permanent");
      const JsonMember* status = redirect.Find("statusCode");
      if (permanent && status) {
        const JsonMember* later = permanent->key_range.start < status->key_range.start ? status : permanent;
        out.push_back({later->key_range, fmt::format("`redirects[{}]` sets both `permanent` and `statusCode`", i),
                       "`permanent: true` means 308 and `false` means 307; keep one of the two"});
      }
    }
  }
  std::sort(out.begin(), out.end(),
            [](const ConfigIssue& a, const ConfigIssue& b) { return a.range.start < b.range.start; });
  return out;
}

}  // namespace faaslint::vercel
