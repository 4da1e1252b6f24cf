#include "project/django_modules.h"

#include <algorithm>
#include <optional>
#include <set>
#include <string_view>

#include "project/project.h"
#include "python/module.h"
#include "python/values.h"

namespace faaslint::project {
namespace {

// The file of the longest prefix of `dotted` that is a module or package of the project:
// "blog.apps.BlogConfig" is blog/apps.py, "shop" is shop/__init__.py.
std::optional<std::string> LocalModuleOf(const Project& project, std::string_view dotted) {
  std::string path(dotted);
  std::replace(path.begin(), path.end(), '.', '/');
  while (!path.empty()) {
    for (const std::string& file : {path + ".py", path + "/__init__.py"}) {
      if (project.HasFile(file)) return file;
    }
    const size_t slash = path.rfind('/');
    if (slash == std::string::npos) break;
    path.resize(slash);
  }
  return std::nullopt;
}

// The strings a settings module binds `key` to: one (ROOT_URLCONF) or a list of them
// (INSTALLED_APPS, MIDDLEWARE).
std::vector<std::string> SettingStrings(const python::Values& values, std::string_view key) {
  std::vector<std::string> strings;
  for (const python::KeyedValue& keyed : values.KeyedValues(key)) {
    if (!keyed.module_name) continue;
    const python::Expr& value = *keyed.value;
    if (value.IsString() && !value.is_fstring) strings.push_back(value.str);
    if (value.kind != python::Expr::Kind::kList && value.kind != python::Expr::Kind::kTuple) continue;
    for (const python::Expr& item : value.items) {
      if (item.IsString() && !item.is_fstring) strings.push_back(item.str);
    }
  }
  return strings;
}

// The modules of `include("shop.urls")` in a URLconf.
std::vector<std::string> IncludedUrlconfs(const python::Module& module) {
  std::vector<std::string> included;
  for (const python::Call& call : module.calls()) {
    if (call.callee != "django.urls.include" && call.callee != "django.conf.urls.include") continue;
    const python::Argument* target = call.Positional(0);
    if (target && target->value.IsString() && !target->value.is_fstring) included.push_back(target->value.str);
  }
  return included;
}

}  // namespace

std::vector<std::string> DjangoLoadedModules(const Project& project) {
  std::set<std::string> found;
  std::vector<std::string> urlconfs;
  auto add = [&](const std::string& file) { return found.insert(file).second; };
  for (const std::string& settings : project.django_storage().settings_files) {
    add(settings);
    const python::Module* module = project.PythonModule(settings);
    if (!module) continue;
    const python::Values values(*module);
    for (const std::string& dotted : SettingStrings(values, "ROOT_URLCONF")) {
      if (std::optional<std::string> file = LocalModuleOf(project, dotted); file && add(*file)) {
        urlconfs.push_back(*file);
      }
    }
    for (const std::string& dotted : SettingStrings(values, "MIDDLEWARE")) {
      if (std::optional<std::string> file = LocalModuleOf(project, dotted)) add(*file);
    }
    for (const std::string& dotted : SettingStrings(values, "INSTALLED_APPS")) {
      std::optional<std::string> file = LocalModuleOf(project, dotted);
      if (!file) continue;
      add(*file);
      // The app's package: what the registry and the admin import from it.
      const std::string folder = file->substr(0, file->rfind('/') + 1);
      for (std::string_view name : {"__init__.py", "apps.py", "models.py", "models/__init__.py", "admin.py"}) {
        if (!folder.empty() && project.HasFile(folder + std::string(name))) add(folder + std::string(name));
      }
    }
  }
  while (!urlconfs.empty()) {
    const std::string urlconf = std::move(urlconfs.back());
    urlconfs.pop_back();
    const python::Module* module = project.PythonModule(urlconf);
    if (!module) continue;
    for (const std::string& dotted : IncludedUrlconfs(*module)) {
      if (std::optional<std::string> file = LocalModuleOf(project, dotted); file && add(*file)) {
        urlconfs.push_back(*file);
      }
    }
  }
  return {found.begin(), found.end()};
}

}  // namespace faaslint::project
