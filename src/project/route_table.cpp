#include "project/route_table.h"

#include "vercel/path_pattern.h"

namespace faaslint::project {
namespace {

const vercel::JsonValue* StringMember(const vercel::JsonValue& entry, const char* name, const char* alias) {
  const vercel::JsonValue* value = entry.Get(name);
  if (!value) value = entry.Get(alias);
  return value && value->is_string() ? value : nullptr;
}

PreparedRoute LegacyRoute(const vercel::JsonValue& entry, const RegexCache& regexes) {
  PreparedRoute route;
  const vercel::JsonValue* src = StringMember(entry, "src", "source");
  route.destination = StringMember(entry, "dest", "destination");
  if (!src || !route.destination) return route;
  std::string anchored = src->text;  // Vercel anchors a route's src at both ends
  if (!anchored.starts_with("^")) anchored = "^" + anchored;
  if (!anchored.ends_with("$")) anchored += "$";
  route.usable = true;
  route.regex = regexes.Get(anchored);
  return route;
}

// A rewrite or a redirect: a path-to-regexp `source` and a `destination`.
PreparedRoute SourceAndDestination(const vercel::JsonValue& entry, const RegexCache& regexes) {
  PreparedRoute prepared;
  prepared.destination = entry.Get("destination");
  prepared.conditional = entry.Get("has") || entry.Get("missing");
  const vercel::JsonValue* source = entry.Get("source");
  if (!source || !source->is_string()) return prepared;
  std::optional<std::string> regex = vercel::PathPatternRegex(source->text);
  if (!regex) return prepared;  // FL609 reports it
  prepared.usable = true;
  prepared.regex = regexes.Get(*regex);
  return prepared;
}

}  // namespace

RouteTable BuildRouteTable(const vercel::JsonValue* config, const RegexCache& regexes) {
  RouteTable table;
  if (!config) return table;
  if (const vercel::JsonValue* routes = config->Get("routes"); routes && routes->is_array()) {
    table.routes_span = routes->range;
    for (const vercel::JsonValue& entry : routes->items) {
      const vercel::JsonValue* handle = entry.Get("handle");
      if (handle && handle->is_string() && handle->text == "filesystem" && !table.filesystem) {
        table.filesystem = table.routes.size();
      }
      table.routes.push_back(LegacyRoute(entry, regexes));
    }
  }
  if (const vercel::JsonValue* redirects = config->Get("redirects"); redirects && redirects->is_array()) {
    for (const vercel::JsonValue& entry : redirects->items) {
      table.redirects.push_back(SourceAndDestination(entry, regexes));
    }
  }
  if (const vercel::JsonValue* rewrites = config->Get("rewrites"); rewrites && rewrites->is_array()) {
    table.rewrites_span = rewrites->range;
    for (const vercel::JsonValue& entry : rewrites->items) {
      table.rewrites.push_back(SourceAndDestination(entry, regexes));
    }
  }
  if (const vercel::JsonValue* trailing = config->Get("trailingSlash"); trailing && trailing->is_bool()) {
    table.trailing_slash = trailing->boolean;
  }
  return table;
}

}  // namespace faaslint::project
