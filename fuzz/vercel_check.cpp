// vercel.json on arbitrary bytes: the strict JSON reader directly, then the whole
// pipeline on a small Flask project with that vercel.json (every project rule, the
// deployment graph, the cron and route checks).
#include <fmt/format.h>

#include "harness.h"
#include "memory_project.h"
#include "vercel/json.h"

namespace faaslint::fuzz {
namespace {

// Ranges of values and diagnostics must point into the text (1-based, end not before start).
std::string CheckRange(const Range& range, uint32_t lines, std::string_view what) {
  if (range.start.line < 1 || range.start.column < 1 || range.start.line > lines || range.end.line > lines ||
      range.end < range.start) {
    return fmt::format("{} range {}:{}-{}:{} outside {} lines", what, range.start.line, range.start.column,
                       range.end.line, range.end.column, lines);
  }
  return {};
}

std::string CheckValue(const vercel::JsonValue& value, uint32_t lines, int depth) {
  if (std::string broken = CheckRange(value.range, lines, "value"); !broken.empty()) return broken;
  if (depth > 64) return {};  // deep enough: the walk itself is what is being checked
  for (const vercel::JsonValue& item : value.items) {
    if (std::string broken = CheckValue(item, lines, depth + 1); !broken.empty()) return broken;
  }
  for (const vercel::JsonMember& member : value.members) {
    if (std::string broken = CheckRange(member.key_range, lines, "key"); !broken.empty()) return broken;
    if (std::string broken = CheckValue(member.value, lines, depth + 1); !broken.empty()) return broken;
  }
  return {};
}

constexpr const char* kEntry =
    "from flask import Flask, request\n"
    "import os\n"
    "app = Flask(__name__)\n"
    "@app.route('/api/cron', methods=['GET'])\n"
    "def cron():\n"
    "    if request.headers.get('Authorization') != f\"Bearer {os.environ.get('CRON_SECRET')}\":\n"
    "        return 'no', 401\n"
    "    return 'ok'\n";

}  // namespace

std::string CheckVercel(std::string_view data) {
  uint32_t lines = 1;
  for (char c : data) lines += c == '\n';
  vercel::JsonDocument document = vercel::ParseJson(data);
  for (const vercel::JsonDiagnostic& diagnostic : document.errors) {
    if (std::string broken = CheckRange(diagnostic.range, lines, "diagnostic"); !broken.empty()) return broken;
    if (diagnostic.message.empty()) return "a diagnostic without a message";
  }
  if (document.root) {
    if (std::string broken = CheckValue(*document.root, lines, 0); !broken.empty()) return broken;
  }
  Files files{{"vercel.json", std::string(data)}, {"api/index.py", kEntry}, {"requirements.txt", "flask\n"}};
  return CheckFindingLocations(LintFiles(files), files);
}

}  // namespace faaslint::fuzz
