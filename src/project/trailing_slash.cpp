#include "project/trailing_slash.h"

namespace faaslint::project {
namespace {

// A setting given any value but a literal True.
bool TurnedOff(const python::Expr& value) { return !(value.kind == python::Expr::Kind::kBool && value.IsTrue()); }

}  // namespace

SlashSettings ReadSlashSettings(const Project& project, const std::vector<std::string>& files) {
  SlashSettings settings;
  for (const std::string& file : files) {
    const python::Module* module = project.PythonModule(file);
    if (!module) continue;
    for (const python::Call& call : module->calls()) {
      if (const python::Argument* strict = call.Keyword("strict_slashes"); strict && TurnedOff(strict->value)) {
        settings.strict_slashes_off = true;
      }
      if (const python::Argument* redirect = call.Keyword("redirect_slashes"); redirect && TurnedOff(redirect->value)) {
        settings.redirect_slashes_off = true;
      }
    }
    for (const python::Assignment& assignment : module->assignments()) {
      std::string_view target = assignment.target.text;
      if (!TurnedOff(assignment.value)) continue;
      if (target.ends_with("strict_slashes")) settings.strict_slashes_off = true;
      if (target.ends_with("redirect_slashes")) settings.redirect_slashes_off = true;
    }
  }
  return settings;
}

// Werkzeug, under Flask: a rule ending in `/` raises RequestRedirect (308) for the path
// without it, unless the rule is not strict_slashes; a rule without one matches a path
// with one only when not strict_slashes (StateMachineMatcher.match,
// https://github.com/pallets/werkzeug/blob/main/src/werkzeug/routing/matcher.py).
// Django's CommonMiddleware with APPEND_SLASH (the default) redirects a path that matches
// no pattern to the path with a slash, when that one matches; nothing strips one
// (https://docs.djangoproject.com/en/stable/ref/settings/#append-slash). Starlette, under
// FastAPI: when no route matches, Router redirects (307) to the path with the slash added
// or taken away if a route matches that, unless redirect_slashes=False (Router.__call__,
// https://github.com/encode/starlette/blob/master/starlette/routing.py).
SlashAnswer AnswerToSlashMismatch(Framework framework, const SlashSettings& settings, bool path_has_slash) {
  switch (framework) {
    case Framework::kFlask:
      if (settings.strict_slashes_off) return SlashAnswer::kServes;
      return path_has_slash ? SlashAnswer::kNotFound : SlashAnswer::kRedirects;
    case Framework::kDjango:
      return path_has_slash ? SlashAnswer::kNotFound : SlashAnswer::kRedirects;
    case Framework::kStarlette:
      return settings.redirect_slashes_off ? SlashAnswer::kNotFound : SlashAnswer::kRedirects;
    case Framework::kUnknown:
      break;
  }
  return SlashAnswer::kServes;
}

const char* FrameworkName(Framework framework) {
  switch (framework) {
    case Framework::kFlask: return "Flask";
    case Framework::kDjango: return "Django";
    case Framework::kStarlette: return "FastAPI/Starlette";
    case Framework::kUnknown: break;
  }
  return "the app";
}

}  // namespace faaslint::project
