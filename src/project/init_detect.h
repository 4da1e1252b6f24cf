// Detection for `faaslint init` over parsed modules (see init.h for the results).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "project/init.h"
#include "python/module.h"

namespace faaslint::project {

// tests/, test_*.py, *_test.py, conftest.py: never the app, never deployed work.
bool IsTestFile(std::string_view path);
// "mysite/wsgi.py" -> "mysite.wsgi".
std::string ImportNameOf(std::string_view path);
// Every module-level app object, the most likely entry first.
std::vector<AppObject> FindApps(const std::vector<const python::Module*>& modules);
// Thread targets and scheduler jobs outside request handlers and guards, once per function.
std::vector<BackgroundJob> FindBackgroundJobs(const std::vector<const python::Module*>& modules);

}  // namespace faaslint::project
