#include "project/entrypoint.h"

#include <algorithm>

namespace faaslint::project {
namespace {

bool TargetBinds(const python::Expr& target, std::string_view name) {
  if (target.kind == python::Expr::Kind::kName) return target.qualified == name || target.text == name;
  if (target.kind == python::Expr::Kind::kTuple || target.kind == python::Expr::Kind::kList) {
    return std::any_of(target.items.begin(), target.items.end(),
                       [&](const python::Expr& item) { return TargetBinds(item, name); });
  }
  return false;
}

// Application classes of the WSGI/ASGI frameworks Vercel documents for Python.
constexpr std::string_view kAppClasses[] = {"flask.Flask", "fastapi.FastAPI", "starlette.applications.Starlette",
                                            "quart.Quart", "sanic.Sanic", "litestar.Litestar",
                                            "django.core.wsgi.get_wsgi_application",
                                            "django.core.asgi.get_asgi_application"};

}  // namespace

bool BindsTopLevel(const python::Module& module, std::string_view name) {
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function == -1 && !assignment.guarded && TargetBinds(assignment.target, name)) return true;
  }
  for (const python::Import& import : module.imports()) {
    if (import.function == -1 && !import.guarded && import.bound == name) return true;
  }
  for (const python::Function& function : module.functions()) {
    if (function.parent == -1 && function.class_index == -1 && !function.guarded && function.name == name) return true;
  }
  for (const python::Class& cls : module.classes()) {
    if (cls.function == -1 && cls.name == name) return true;
  }
  return false;
}

EntrypointVerdict FindEntrypoint(const python::Module& module) {
  for (std::string_view name : kEntrypointNames) {
    if (BindsTopLevel(module, name)) return EntrypointVerdict::kFound;
  }
  for (const python::Import& import : module.imports()) {
    if (import.function == -1 && import.wildcard) return EntrypointVerdict::kUnknown;
  }
  return EntrypointVerdict::kMissing;
}

std::optional<MisnamedApp> FindMisnamedApp(const python::Module& module) {
  for (const python::Assignment& assignment : module.assignments()) {
    if (assignment.function != -1 || assignment.guarded) continue;
    if (assignment.target.kind != python::Expr::Kind::kName) continue;
    if (assignment.value.kind != python::Expr::Kind::kCall || assignment.value.call < 0) continue;
    const python::Call& call = module.calls()[assignment.value.call];
    if (std::find(std::begin(kAppClasses), std::end(kAppClasses), call.callee) == std::end(kAppClasses)) continue;
    return MisnamedApp{std::string(assignment.target.text), assignment.target.range};
  }
  return std::nullopt;
}

}  // namespace faaslint::project
