// The dicts, lists and sets a module keeps at module level, and those its top-level
// classes keep as class attributes: state every request served by the instance shares.
// FL301 watches them in the module itself; the module index exports the module-level
// ones, so a handler that changes `CACHE` from `from state import CACHE` is seen too.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>

#include "python/module.h"

namespace faaslint::python {

// What kind of container a value is ("dict", "deque", ...), or "" when it is not one.
std::string ContainerKind(const Module& module, const Expr& value);

struct Container {
  std::string kind;  // "dict"
  // The lines of the assignment that made it (the last one that did), up to where its
  // value starts (`{`, `TTLCache(`): a diff run that changes them, making it what it is,
  // reports the changes to it again; editing the contents of a literal does not.
  uint32_t first_line = 0;
  uint32_t last_line = 0;
};

struct Containers {
  std::map<std::string, Container, std::less<>> globals;  // "cache" -> dict
  // ("Cache", "store") -> dict: `class Cache: store = {}` at module level.
  std::map<std::pair<std::string, std::string>, Container, std::less<>> class_attributes;
};

// Assignments that run on the platform (not under a guard) decide; a later one of a
// name that is no container does not remove an earlier one (the rule asks "was it ever
// a container").
Containers FindContainers(const Module& module);

}  // namespace faaslint::python
