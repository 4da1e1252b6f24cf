// The modules Django imports by name, which no import statement of the entries shows:
// the settings module (DJANGO_SETTINGS_MODULE), the ROOT_URLCONF and the URLconfs it
// `include()`s, the apps of INSTALLED_APPS (the package and its apps.py, models.py and
// admin.py: the app registry and admin.autodiscover() import them), and the MIDDLEWARE
// classes' modules (https://docs.djangoproject.com/en/stable/ref/applications/,
// .../topics/http/urls/#including-other-urlconfs). Local files only.
#pragma once

#include <string>
#include <vector>

namespace faaslint::project {

class Project;

// Sorted root-relative paths of the project's files among those modules.
std::vector<std::string> DjangoLoadedModules(const Project& project);

}  // namespace faaslint::project
