// Where the routes of a Flask blueprint, a FastAPI router or a mounted app are served,
// and which FastAPI dependencies run before them. A route is registered on an object
// (`@users.post("/")`); that object's own prefix (`Blueprint(..., url_prefix=)`,
// `APIRouter(prefix=)`) and the calls that attach it to its parent (`register_blueprint`,
// `include_router`, `mount`) decide its URL, up to the app. The objects and calls are
// read from the modules of one function (its entry file and the local modules it
// imports), following imports between them (`from app.routes.users import router`).
// Starlette's `Route(path, endpoint)` is on no object: the Mounts whose `routes=` list
// holds it give its prefix.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "project/project.h"
#include "python/module.h"

namespace faaslint::project {

// A function of a module: a FastAPI dependency.
struct ModuleFunction {
  const python::Module* module = nullptr;
  int function = -1;  // index into module->functions()
  bool operator==(const ModuleFunction&) const = default;
};

// One URL prefix a route is served under.
struct Mount {
  // Some part of the prefix is not a literal (`prefix=settings.API`, a blueprint a
  // factory makes, a router no code of the function includes): any path may come before
  // `prefix`, so a match is a guess.
  bool guessed = false;
  std::string prefix;  // the literal text before the route's own path
  bool flask = false;  // a blueprint's: Flask joins prefix and rule with one `/`
  // FastAPI `dependencies=` of the routers and apps on the way, which run before the route.
  std::vector<ModuleFunction> dependencies;

  // The URL rule a route of this path is served under.
  std::string Apply(std::string_view route_path) const;
};

// The framework of a route: it decides how a path that misses the route by a trailing
// slash is answered (trailing_slash.h).
enum class Framework { kUnknown, kFlask, kDjango, kStarlette };

// Names a module binds, followed through the imports of the project's modules.
struct ObjectKey {
  std::string file;
  std::string name;  // dotted as the module binds it: "router", "app"
  auto operator<=>(const ObjectKey&) const = default;
};

// `name` as `file` writes it ("router", "auth.verify") followed through the imports that
// bind it (re-exports too) to the project module that defines it; the name of `file`
// itself when no import of a project module binds it.
ObjectKey ResolveImportedName(const Project& project, std::string file, std::string name);

class AppMounts {
 public:
  // `files`: the modules of one function.
  AppMounts(const Project& project, const std::vector<std::string>& files);

  // The prefixes a route of `file`'s `module` is served under, the literal ones first.
  // A route on no object (Django's `path()`) or on an app is served as written.
  const std::vector<Mount>& MountsOf(const std::string& file, const python::Module& module,
                                     const python::Route& route);

  // The app, blueprint or router a route is registered on tells; failing that, the
  // framework its module imports.
  Framework FrameworkOf(const std::string& file, const python::Module& module, const python::Route& route) const;

  // What FastAPI runs before a route: its decorator's `dependencies=`, the `Depends(f)`
  // of the function's parameters, those of the mount, and what each of these depends on.
  std::vector<ModuleFunction> DependenciesOf(const std::string& file, const python::Module& module,
                                             const python::Function& function, const python::Route& route,
                                             const Mount& mount) const;

 private:
  // The text of a prefix argument.
  struct Prefix {
    enum class Kind { kAbsent, kLiteral, kComputed } kind = Kind::kAbsent;
    std::string text;
  };
  // How an object was made: `bp = Blueprint(...)`, `app = FastAPI()`, `r = make()`.
  struct Definition {
    enum class Kind { kFlaskApp, kAsgiApp, kBlueprint, kRouter, kOther } kind = Kind::kOther;
    std::string file;
    const python::Module* module = nullptr;
    const python::Call* call = nullptr;  // its `dependencies=`
    Prefix own_prefix;  // a blueprint's `url_prefix=`, a router's `prefix=`
  };
  // A call that attaches `child` to `parent`: parent.register_blueprint(child, ...).
  struct Attachment {
    enum class Kind { kRegisterBlueprint, kIncludeRouter, kMount } kind = Kind::kRegisterBlueprint;
    ObjectKey parent;
    Prefix prefix;  // url_prefix= / prefix= / the mount path
    std::string file;  // where the call is, and the call: its `dependencies=`
    const python::Module* module = nullptr;
    const python::Call* call = nullptr;
  };

  // A call of a module, by its index: a Route() in a list.
  struct CallKey {
    std::string file;
    int call = -1;
    auto operator<=>(const CallKey&) const = default;
  };
  // A Route() (or Mount()) in the route list of a Mount.
  struct ListedRoute {
    Prefix prefix;        // the Mount's path
    int mount_call = -1;  // the Mount(), which may itself be listed in another one
  };

  void ReadModule(const std::string& file, const python::Module& module);
  void ReadRouteLists(const std::string& file, const python::Module& module,
                      const std::function<Prefix(const python::Argument*)>& prefix_of);
  Prefix OwnPrefix(const Definition* definition, Attachment::Kind how) const;
  const std::vector<Mount>& MountsAt(const ObjectKey& key, int depth);
  std::vector<Mount> Compute(const ObjectKey& key, int depth);
  std::vector<Mount> Unattached(const Definition* definition) const;
  void Attach(const Attachment& attachment, const Definition* definition, Mount& mount) const;
  void AddDependencies(const std::string& file, const python::Module& module, const python::Call* call,
                       std::vector<ModuleFunction>& out) const;
  void AddNamedDependencies(const std::string& file, const std::vector<std::string>& names, int depth,
                            std::vector<ModuleFunction>& out) const;

  const Project& project_;
  std::map<ObjectKey, Definition> definitions_;
  std::multimap<ObjectKey, Attachment> attachments_;  // by child
  std::map<ObjectKey, std::vector<Mount>> mounts_;    // worked out on first use
  std::map<CallKey, ListedRoute> listed_in_mount_;
  std::map<CallKey, std::vector<Mount>> list_mounts_;  // of listed routes, worked out on first use
  std::vector<Mount> as_written_{Mount{}};
};

}  // namespace faaslint::project
