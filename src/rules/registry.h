// Rules register themselves by code; the registry is filled during static
// initialisation and read-only afterwards. src/rules/ is an OBJECT library in CMake so
// no registration is dropped by the linker.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/change_set.h"
#include "core/finding.h"
#include "core/rule_info.h"
#include "core/settings.h"

namespace faaslint {
namespace python { class Module; class Values; struct ModuleBackground; }
namespace project { class Project; class ModuleIndex; class ModuleCallers; }
}  // namespace faaslint

namespace faaslint::rules {

// Options of one rule: the config's values over the RuleInfo defaults.
class RuleOptions {
 public:
  RuleOptions(const RuleInfo& rule, const std::map<std::string, std::string>* overrides)
      : rule_(rule), overrides_(overrides) {}
  std::string_view String(std::string_view name) const;
  double Number(std::string_view name) const;  // 0 when not a number (config validates)

 private:
  const RuleInfo& rule_;
  const std::map<std::string, std::string>* overrides_;
};

// Where a rule's check reports. It records the rule and the file; the pipeline fills
// in the source line and filters by changed lines and suppressions afterwards.
class Sink {
 public:
  // `kept`: the lines of the file whose findings the pipeline keeps (a diff run keeps
  // the changed ones); null keeps every line.
  Sink(const RuleInfo& rule, std::string path, std::vector<Finding>* out, const LineSet* kept = nullptr)
      : rule_(rule), path_(std::move(path)), out_(out), kept_(kept) {}
  // Whether a finding whose first line is `line` would be kept. A rule that must do costly
  // work to decide a finding (FL103 reads the modules a call leads to) asks first; the
  // pipeline filters all the same, so a rule that never asks stays correct.
  bool Keeps(uint32_t line) const { return kept_ == nullptr || kept_->Intersects(line, line); }
  void Report(Range range, std::string message, std::string help = {});
  // A finding in the module's own file with a mechanical fix (empty: none).
  void ReportWithFix(Range range, std::string message, std::string help, std::vector<Edit> fix,
                     std::vector<Location> related = {});
  // For findings whose location is in another file, or that have related locations, or
  // that depend on lines elsewhere (Finding::depends_on).
  void Report(Location location, std::string message, std::string help, std::vector<Location> related = {},
              std::vector<Dependency> depends_on = {});

 private:
  const RuleInfo& rule_;
  std::string path_;
  std::vector<Finding>* out_;
  const LineSet* kept_;
};

// A Python rule sees one parsed module (and the project, when one was detected).
struct PyContext {
  const python::Module& module;
  const RuleOptions& options;
  const Settings& settings;
  const project::Project* project;  // may be null
  // The project's other local modules, for rules that follow imports; may be null.
  const project::ModuleIndex* modules = nullptr;
  // Name bindings of `module`, built once per file and shared by its rules.
  const python::Values& values;
  // Background starts and per-function work of `module`, also found once per file.
  const python::ModuleBackground& background;
  // Who runs a function, with callers in the project's other modules counted, for rules
  // that declare RuleInfo::reads_callers_elsewhere; may be null (the module's own verdict).
  const project::ModuleCallers* callers = nullptr;
};

// A project rule sees the whole project (vercel.json, requirements, entry files).
struct ProjectContext {
  const project::Project& project;
  const RuleOptions& options;
  const Settings& settings;
};

using PyCheck = void (*)(const PyContext&, Sink&);
using ProjectCheck = void (*)(const ProjectContext&, Sink&);

struct Rule {
  const RuleInfo* info = nullptr;
  PyCheck python = nullptr;    // exactly one of the two checks is set
  ProjectCheck project = nullptr;
};

class Registry {
 public:
  static const Registry& Get();
  // A registry of exactly these rules, for tests of code that validates against one
  // (config, CLI) without depending on which rules are linked in.
  explicit Registry(std::vector<Rule> rules);
  const std::vector<Rule>& all() const { return rules_; }  // sorted by code
  // By code ("FL101", any case) or by name ("background-thread").
  const Rule* Find(std::string_view code_or_name) const;
  // True when `prefix` is a prefix of at least one code ("FL", "FL1", "FL101").
  bool IsKnownPrefix(std::string_view prefix) const;

  struct Registrar {
    Registrar(const RuleInfo& info, PyCheck check);
    Registrar(const RuleInfo& info, ProjectCheck check);
  };

 private:
  Registry() = default;
  static Registry& Mutable();
  void Add(Rule rule);
  std::vector<Rule> rules_;
};

#define FAASLINT_CONCAT_INNER(a, b) a##b
#define FAASLINT_CONCAT(a, b) FAASLINT_CONCAT_INNER(a, b)
// One line at the end of each rule file: FAASLINT_RULE(kInfo, Check)
#define FAASLINT_RULE(info, check) \
  static const ::faaslint::rules::Registry::Registrar FAASLINT_CONCAT(registrar_, __LINE__)(info, check)

}  // namespace faaslint::rules
