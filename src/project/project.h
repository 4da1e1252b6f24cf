// The project a run checks: its files (the snapshot) and what is known about how it
// deploys. Loaded once per run, before any rule, and read-only afterwards.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "core/change_set.h"
#include "core/settings.h"
#include "vercel/json.h"

namespace faaslint::project {

// vercel.json as read from the snapshot: its text and the parsed document (with the
// JSON diagnostics FL601 reports; the other rules read `document.root`).
struct VercelConfig {
  std::string path;  // root-relative: "vercel.json"
  std::string text;
  vercel::JsonDocument document;
  const vercel::JsonValue* root() const {
    return document.root && document.root->is_object() ? &*document.root : nullptr;
  }
};

class Project {
 public:
  // Reads and parses vercel.json (when the snapshot has one) right away, so every
  // rule shares one parse and a Project is immutable once built.
  explicit Project(const Snapshot& snapshot);
  const Snapshot& snapshot() const { return snapshot_; }

  // vercel.json at the project root, or null when there is none (or it cannot be read:
  // see vercel_read_error()).
  const VercelConfig* vercel_config() const { return vercel_config_ ? &*vercel_config_ : nullptr; }
  const std::string& vercel_read_error() const { return vercel_read_error_; }
  bool HasFile(std::string_view path) const;

 private:
  const Snapshot& snapshot_;
  std::optional<VercelConfig> vercel_config_;
  std::string vercel_read_error_;
};

}  // namespace faaslint::project
