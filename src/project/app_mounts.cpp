#include "project/app_mounts.h"

#include <algorithm>
#include <map>
#include <optional>

#include "project/functions.h"

namespace faaslint::project {
namespace {

using python::Expr;

// A re-export (`from .users import router` in routes/__init__.py) is followed this many times.
constexpr int kMaxImportHops = 8;
// Blueprints nest a few levels; a deeper chain (or a cycle) is guessed.
constexpr int kMaxNesting = 8;
// The prefixes one object may be served under before they are summed up as one guess:
// registering a blueprint under several prefixes, and each of its parents too, multiplies.
constexpr size_t kMaxMounts = 16;
// A dependency's own `Depends(f)` parameters are followed this deep.
constexpr int kMaxDependencyDepth = 4;

// A mount whose prefix is not known at all.
Mount Guess() {
  Mount mount;
  mount.guessed = true;
  return mount;
}

std::string_view LastComponent(std::string_view dotted) {
  size_t dot = dotted.rfind('.');
  return dot == std::string_view::npos ? dotted : dotted.substr(dot + 1);
}

// What an object reference looks like: `router`, `jobs.router`.
bool IsReference(const Expr& expr) { return expr.kind == Expr::Kind::kName || expr.kind == Expr::Kind::kAttribute; }

const python::Import* ImportBinding(const python::Module& module, std::string_view name) {
  for (const python::Import& import : module.imports()) {
    if (!import.wildcard && import.bound == name) return &import;
  }
  return nullptr;
}

// `name`, whose first part `import` binds, as a name of `target`, the file the import
// loads: with `from pkg.users import router`, "router" is users.py's "router"; with
// `from routers import jobs`, "jobs.router" is routers/jobs.py's "router"; with
// `import routers.jobs`, "routers.jobs.router" is too. Nullopt when it is the module itself.
std::optional<std::string> NameInTarget(const Snapshot& snapshot, const std::string& file,
                                        const python::Import& import, const std::string& target,
                                        const std::string& name) {
  size_t dot = name.find('.');
  std::string rest = dot == std::string::npos ? "" : name.substr(dot + 1);
  if (!import.name.empty()) {
    python::Import package = import;
    package.name.clear();
    bool submodule = ResolveLocalImport(snapshot, file, package) != target;
    if (!submodule) return rest.empty() ? import.name : import.name + "." + rest;
  } else if (import.module.starts_with(import.bound + ".")) {
    // `import routers.jobs` binds `routers`: the module's whole path comes first.
    if (!name.starts_with(import.module + ".")) return std::nullopt;
    return name.substr(import.module.size() + 1);
  }
  if (rest.empty()) return std::nullopt;
  return rest;
}

// The strings module-level names are given, once each (`PREFIX = "/api"`); a name assigned
// more than once, or anything else, maps to null.
std::map<std::string_view, const std::string*> ModuleConstants(const python::Module& module) {
  std::map<std::string_view, const std::string*> constants;
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.target.kind != Expr::Kind::kName) continue;
    bool constant = assignment.function == -1 && assignment.op == "=" && assignment.value.IsString() &&
                    !assignment.value.is_fstring;
    auto [it, first] = constants.emplace(assignment.target.text, constant ? &assignment.value.str : nullptr);
    if (!first) it->second = nullptr;
  }
  return constants;
}

// Flask's join of a blueprint's prefix and a rule (or a nested blueprint's prefix):
// "/".join((prefix.rstrip("/"), rule.lstrip("/"))), the rule alone without a prefix and
// the prefix alone for an empty rule. BlueprintSetupState.add_url_rule and
// Blueprint.register in https://github.com/pallets/flask/blob/main/src/flask/sansio/blueprints.py
std::string FlaskJoin(std::string_view prefix, std::string_view rule) {
  if (prefix.empty()) return std::string(rule);
  if (rule.empty()) return std::string(prefix);
  while (!prefix.empty() && prefix.back() == '/') prefix.remove_suffix(1);
  while (!rule.empty() && rule.front() == '/') rule.remove_prefix(1);
  return std::string(prefix) + "/" + std::string(rule);
}

}  // namespace

ObjectKey ResolveImportedName(const Project& project, std::string file, std::string name) {
  for (int hop = 0; hop < kMaxImportHops; ++hop) {
    const python::Module* module = project.PythonModule(file);
    if (!module) break;
    const python::Import* import = ImportBinding(*module, std::string_view(name).substr(0, name.find('.')));
    if (!import) break;
    std::optional<std::string> target = ResolveLocalImport(project.snapshot(), file, *import);
    if (!target) break;  // a package's object: known by its name in this module
    std::optional<std::string> inner = NameInTarget(project.snapshot(), file, *import, *target, name);
    if (!inner) break;
    file = std::move(*target);
    name = std::move(*inner);
  }
  return {std::move(file), std::move(name)};
}

std::string Mount::Apply(std::string_view route_path) const {
  return flask ? FlaskJoin(prefix, route_path) : prefix + std::string(route_path);
}

AppMounts::AppMounts(const Project& project, const std::vector<std::string>& files) : project_(project) {
  for (const std::string& file : files) {
    if (const python::Module* module = project.PythonModule(file)) ReadModule(file, *module);
  }
}

void AppMounts::ReadModule(const std::string& file, const python::Module& module) {
  std::map<std::string_view, const std::string*> constants = ModuleConstants(module);
  // The text of a prefix argument: a string, or a module constant holding one.
  auto prefix_of = [&constants](const python::Argument* argument) -> Prefix {
    if (!argument || argument->value.kind == Expr::Kind::kNone) return {};
    const Expr& value = argument->value;
    if (value.IsString() && !value.is_fstring) return {Prefix::Kind::kLiteral, value.str};
    auto constant = value.kind == Expr::Kind::kName ? constants.find(value.text) : constants.end();
    if (constant != constants.end() && constant->second) return {Prefix::Kind::kLiteral, *constant->second};
    return {Prefix::Kind::kComputed, ""};
  };
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.target.kind != Expr::Kind::kName || assignment.value.kind != Expr::Kind::kCall) continue;
    const python::Call& call = module.calls()[assignment.value.call];
    std::string_view made = LastComponent(call.callee);
    Definition definition{Definition::Kind::kOther, file, &module, &call, {}};
    if (made == "Flask" || made == "Quart") {
      definition.kind = Definition::Kind::kFlaskApp;
    } else if (made == "FastAPI" || made == "Starlette") {
      definition.kind = Definition::Kind::kAsgiApp;
    } else if (made == "Blueprint") {
      definition.kind = Definition::Kind::kBlueprint;
      definition.own_prefix = prefix_of(call.Keyword("url_prefix"));
    } else if (made == "APIRouter") {
      definition.kind = Definition::Kind::kRouter;
      definition.own_prefix = prefix_of(call.Keyword("prefix"));
    }
    definitions_.emplace(ObjectKey{file, std::string(assignment.target.text)}, std::move(definition));
  }
  for (const python::Call& call : module.calls()) {
    Attachment attachment;
    const python::Argument* child = nullptr;
    const python::Argument* prefix = nullptr;
    if (call.method == "register_blueprint") {
      attachment.kind = Attachment::Kind::kRegisterBlueprint;
      child = call.Arg(0, "blueprint");
      prefix = call.Keyword("url_prefix");
    } else if (call.method == "include_router") {
      attachment.kind = Attachment::Kind::kIncludeRouter;
      child = call.Arg(0, "router");
      prefix = call.Keyword("prefix");
    } else if (call.method == "mount") {
      attachment.kind = Attachment::Kind::kMount;
      child = call.Arg(1, "app");
      prefix = call.Arg(0, "path");
    } else {
      continue;
    }
    if (!IsReference(call.receiver) || !child || !IsReference(child->value)) continue;
    attachment.parent = ResolveImportedName(project_, file, std::string(call.receiver.text));
    attachment.prefix = prefix_of(prefix);
    if (attachment.kind == Attachment::Kind::kMount && attachment.prefix.kind == Prefix::Kind::kLiteral) {
      // Starlette's Mount drops a trailing `/` of its path (`self.path = path.rstrip("/")` in
      // Mount.__init__, https://github.com/encode/starlette/blob/master/starlette/routing.py).
      while (attachment.prefix.text.ends_with('/')) attachment.prefix.text.pop_back();
    }
    attachment.file = file;
    attachment.module = &module;
    attachment.call = &call;
    attachments_.emplace(ResolveImportedName(project_, file, std::string(child->value.text)), std::move(attachment));
  }
  ReadRouteLists(file, module, prefix_of);
}

// Starlette's route lists: `Mount("/api", routes=[Route("/cron", cron), ...])` serves each
// route of the list (a list literal, or a module-level name holding one) under its path,
// and a Mount in the list passes its own path on to its routes.
void AppMounts::ReadRouteLists(const std::string& file, const python::Module& module,
                               const std::function<Prefix(const python::Argument*)>& prefix_of) {
  std::map<std::string_view, const Expr*> lists;
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function == -1 && assignment.target.kind == Expr::Kind::kName &&
        (assignment.value.kind == Expr::Kind::kList || assignment.value.kind == Expr::Kind::kTuple)) {
      lists[assignment.target.text] = &assignment.value;
    }
  }
  for (size_t index = 0; index < module.calls().size(); ++index) {
    const python::Call& call = module.calls()[index];
    if (call.callee != "starlette.routing.Mount") continue;
    const python::Argument* routes = call.Arg(2, "routes");
    if (!routes) continue;
    const Expr* list = &routes->value;
    if (list->kind == Expr::Kind::kName) {
      auto named = lists.find(list->text);
      list = named == lists.end() ? nullptr : named->second;
    }
    if (!list || (list->kind != Expr::Kind::kList && list->kind != Expr::Kind::kTuple)) continue;
    Prefix prefix = prefix_of(call.Arg(0, "path"));
    while (prefix.text.ends_with('/')) prefix.text.pop_back();  // Mount.__init__: path.rstrip("/")
    for (const Expr& item : list->items) {
      if (item.kind == Expr::Kind::kCall && item.call >= 0) {
        listed_in_mount_.emplace(CallKey{file, item.call}, ListedRoute{prefix, static_cast<int>(index)});
      }
    }
  }
}

Framework AppMounts::FrameworkOf(const std::string& file, const python::Module& module,
                                  const python::Route& route) const {
  const python::Call* call = route.call >= 0 ? &module.calls()[route.call] : nullptr;
  if (call && call->callee.starts_with("django.")) return Framework::kDjango;
  if (call && IsReference(call->receiver)) {
    auto defined = definitions_.find(ResolveImportedName(project_, file, std::string(call->receiver.text)));
    if (defined != definitions_.end()) {
      switch (defined->second.kind) {
        case Definition::Kind::kFlaskApp:
        case Definition::Kind::kBlueprint: return Framework::kFlask;
        case Definition::Kind::kAsgiApp:
        case Definition::Kind::kRouter: return Framework::kStarlette;
        case Definition::Kind::kOther: break;
      }
    }
  }
  for (const python::Import& import : module.imports()) {
    std::string_view top = std::string_view(import.module).substr(0, import.module.find('.'));
    if (top == "flask" || top == "quart") return Framework::kFlask;
    if (top == "fastapi" || top == "starlette") return Framework::kStarlette;
  }
  return Framework::kUnknown;
}

// The prefix an object brings along itself: a blueprint's `url_prefix=`, a router's
// `prefix=`; none for an app. An object made some other way may bring any, except
// where it is mounted, which takes apps.
AppMounts::Prefix AppMounts::OwnPrefix(const Definition* definition, Attachment::Kind how) const {
  if (!definition || definition->kind == Definition::Kind::kOther) {
    return how == Attachment::Kind::kMount ? Prefix{} : Prefix{Prefix::Kind::kComputed, ""};
  }
  return definition->own_prefix;
}

const std::vector<Mount>& AppMounts::MountsOf(const std::string& file, const python::Module& module,
                                              const python::Route& route) {
  if (route.call < 0) return as_written_;
  const python::Call& call = module.calls()[route.call];
  if (IsReference(call.receiver)) {
    return MountsAt(ResolveImportedName(project_, file, std::string(call.receiver.text)), 0);
  }
  // No object: Django's path(), or Starlette's Route() in a list, maybe one a Mount takes.
  auto listed = listed_in_mount_.find(CallKey{file, route.call});
  if (listed == listed_in_mount_.end()) return as_written_;
  auto [known, added] = list_mounts_.try_emplace(listed->first);
  if (!added) return known->second;
  Mount mount;
  for (int depth = 0; listed != listed_in_mount_.end(); ++depth) {
    if (depth >= kMaxNesting || listed->second.prefix.kind == Prefix::Kind::kComputed) {
      mount = Guess();
      break;
    }
    mount.prefix = listed->second.prefix.text + mount.prefix;
    listed = listed_in_mount_.find(CallKey{file, listed->second.mount_call});
  }
  known->second = {std::move(mount)};
  return known->second;
}

const std::vector<Mount>& AppMounts::MountsAt(const ObjectKey& key, int depth) {
  if (auto known = mounts_.find(key); known != mounts_.end()) return known->second;
  // Until worked out, a cycle (a blueprint registered on itself, through others) is a guess.
  std::vector<Mount>& mounts = mounts_[key];
  mounts = {Guess()};
  std::vector<Mount> found = Compute(key, depth);
  if (found.size() > kMaxMounts) found = {Guess()};
  std::stable_partition(found.begin(), found.end(), [](const Mount& mount) { return !mount.guessed; });
  mounts = std::move(found);
  return mounts;
}

std::vector<Mount> AppMounts::Compute(const ObjectKey& key, int depth) {
  auto [begin, end] = attachments_.equal_range(key);
  auto defined = definitions_.find(key);
  const Definition* definition = defined == definitions_.end() ? nullptr : &defined->second;
  if (begin == end) return Unattached(definition);
  if (depth >= kMaxNesting) return {Guess()};
  std::vector<Mount> mounts;
  for (auto it = begin; it != end && mounts.size() <= kMaxMounts; ++it) {
    std::vector<Mount> parents = MountsAt(it->second.parent, depth + 1);  // a copy: mounts_ grows
    for (Mount& mount : parents) {
      Attach(it->second, definition, mount);
      mounts.push_back(std::move(mount));
    }
  }
  return mounts;
}

// An object nothing attaches: an app serves its routes as written. A blueprint or router
// may be attached where faaslint does not look (a loop over a list, a factory's
// argument): a guess, though a router keeps its own prefix, which an include only extends.
std::vector<Mount> AppMounts::Unattached(const Definition* definition) const {
  Mount mount;
  if (!definition) return {mount};
  if (definition->kind == Definition::Kind::kBlueprint) {
    mount.guessed = true;  // its registration may replace its url_prefix
    mount.flask = true;
    return {mount};
  }
  if (definition->kind == Definition::Kind::kRouter) {
    mount.guessed = true;
    if (definition->own_prefix.kind == Prefix::Kind::kLiteral) mount.prefix = definition->own_prefix.text;
  }
  // A router's or a FastAPI app's `dependencies=` run before every route it serves.
  AddDependencies(definition->file, *definition->module, definition->call, mount.dependencies);
  return {mount};
}

// Extends a parent's mount by the attachment of an object (defined by `definition`, or
// null) to it. Flask: the registration's url_prefix replaces the blueprint's own, and a
// nested blueprint's prefix is joined to its parent's (Blueprint.register, see FlaskJoin).
// FastAPI: include_router puts its prefix before every route path, which already starts
// with the router's own (`self.add_api_route(prefix + route.path, ...)` in APIRouter.
// include_router, https://github.com/fastapi/fastapi/blob/master/fastapi/routing.py), and
// the include's and the router's `dependencies=` run before them too. Starlette's mount
// puts its path before the mounted app's routes.
void AppMounts::Attach(const Attachment& attachment, const Definition* definition, Mount& mount) const {
  auto append = [&mount](const Prefix& prefix, bool flask) {
    if (prefix.kind == Prefix::Kind::kAbsent) return;
    if (prefix.kind == Prefix::Kind::kComputed) {
      mount.guessed = true;
      mount.prefix.clear();  // the guess covers whatever came before
      return;
    }
    mount.prefix = flask ? FlaskJoin(mount.prefix, prefix.text) : mount.prefix + prefix.text;
  };
  if (attachment.kind == Attachment::Kind::kRegisterBlueprint) {
    mount.flask = true;
    bool replaced = attachment.prefix.kind != Prefix::Kind::kAbsent;
    append(replaced ? attachment.prefix : OwnPrefix(definition, attachment.kind), true);
    return;
  }
  mount.flask = false;
  // A mounted app is an app of its own: its parent's dependencies are not its routes'.
  if (attachment.kind == Attachment::Kind::kMount) mount.dependencies.clear();
  append(attachment.prefix, false);
  append(OwnPrefix(definition, attachment.kind), false);
  AddDependencies(attachment.file, *attachment.module, attachment.call, mount.dependencies);
  if (definition) AddDependencies(definition->file, *definition->module, definition->call, mount.dependencies);
}

// The callables a call's `dependencies=[Depends(f), ...]` names, and what they depend on.
void AppMounts::AddDependencies(const std::string& file, const python::Module& module, const python::Call* call,
                                std::vector<ModuleFunction>& out) const {
  const python::Argument* dependencies = call ? call->Keyword("dependencies") : nullptr;
  if (!dependencies) return;
  std::vector<std::string> names;
  for (const Expr& item : dependencies->value.items) {
    if (item.kind != Expr::Kind::kCall || item.call < 0) continue;
    const python::Call& depends = module.calls()[item.call];
    if (!python::IsFastApiDependency(depends.callee)) continue;
    const python::Argument* callable = depends.Arg(0, "dependency");
    if (callable && IsReference(callable->value)) names.emplace_back(callable->value.text);
  }
  AddNamedDependencies(file, names, 0, out);
}

// The functions `names` of `file` are, once each, and the `Depends(f)` of their parameters.
void AppMounts::AddNamedDependencies(const std::string& file, const std::vector<std::string>& names, int depth,
                                     std::vector<ModuleFunction>& out) const {
  for (const std::string& name : names) {
    ObjectKey key = ResolveImportedName(project_, file, name);
    const python::Module* module = project_.PythonModule(key.file);
    int function = module ? module->FindFunction(key.name) : -1;
    if (function < 0) continue;  // a class, or a package's function: not read
    ModuleFunction found{module, function};
    if (std::find(out.begin(), out.end(), found) != out.end()) continue;
    out.push_back(found);
    if (depth < kMaxDependencyDepth) {
      AddNamedDependencies(key.file, module->functions()[function].dependencies, depth + 1, out);
    }
  }
}

std::vector<ModuleFunction> AppMounts::DependenciesOf(const std::string& file, const python::Module& module,
                                                      const python::Function& function, const python::Route& route,
                                                      const Mount& mount) const {
  std::vector<ModuleFunction> dependencies = mount.dependencies;
  if (route.call >= 0) AddDependencies(file, module, &module.calls()[route.call], dependencies);
  AddNamedDependencies(file, function.dependencies, 0, dependencies);
  return dependencies;
}

}  // namespace faaslint::project
