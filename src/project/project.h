// The project a run checks: its files (the snapshot) and what is known about how it
// deploys. Loaded once per run, before any rule, and read-only afterwards.
#pragma once

#include <memory>
#include <string>

#include "core/change_set.h"
#include "core/settings.h"

namespace faaslint::project {

class Project {
 public:
  explicit Project(const Snapshot& snapshot) : snapshot_(snapshot) {}
  const Snapshot& snapshot() const { return snapshot_; }

 private:
  const Snapshot& snapshot_;
};

}  // namespace faaslint::project
