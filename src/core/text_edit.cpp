#include "core/text_edit.h"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

namespace faaslint {
namespace {

uint32_t FirstByte(const std::vector<Edit>& fix) {
  uint32_t first = UINT32_MAX;
  for (const Edit& edit : fix) first = std::min(first, edit.start_byte);
  return first;
}

// Two edits touch the same bytes; two insertions at one place conflict too (their
// order would be a guess), unless they are the same edit.
bool Overlap(const Edit& a, const Edit& b) {
  if (a.start_byte == b.start_byte) return true;
  return a.start_byte < b.end_byte && b.start_byte < a.end_byte;
}

// Lines with their endings; a last line without one is kept as it is.
std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t newline = text.find('\n', start);
    size_t end = newline == std::string_view::npos ? text.size() : newline + 1;
    lines.push_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

enum class Op : uint8_t { kEqual, kDelete, kInsert };
struct Step {
  Op op;
  size_t old_line;  // 0-based position in before at this step
  size_t new_line;  // ... in after
};

// Myers' O((N+M)D) shortest edit script over lines.
std::vector<Step> DiffLines(const std::vector<std::string_view>& a, const std::vector<std::string_view>& b) {
  const long n = static_cast<long>(a.size()), m = static_cast<long>(b.size()), max = n + m;
  std::vector<long> v(2 * max + 2, 0);
  std::vector<std::vector<long>> trace;
  auto at = [&](std::vector<long>& row, long k) -> long& { return row[static_cast<size_t>(k + max)]; };
  bool done = max == 0;
  for (long d = 0; d <= max && !done; ++d) {
    trace.push_back(v);
    for (long k = -d; k <= d; k += 2) {
      long x = (k == -d || (k != d && at(v, k - 1) < at(v, k + 1))) ? at(v, k + 1) : at(v, k - 1) + 1;
      long y = x - k;
      while (x < n && y < m && a[static_cast<size_t>(x)] == b[static_cast<size_t>(y)]) ++x, ++y;
      at(v, k) = x;
      if (x >= n && y >= m) {
        done = true;
        break;
      }
    }
  }
  std::vector<Step> reversed;
  long x = n, y = m;
  for (long d = static_cast<long>(trace.size()) - 1; d >= 0; --d) {
    std::vector<long>& row = trace[static_cast<size_t>(d)];
    long k = x - y;
    long prev_k = (k == -d || (k != d && at(row, k - 1) < at(row, k + 1))) ? k + 1 : k - 1;
    long prev_x = at(row, prev_k), prev_y = prev_x - prev_k;
    while (x > prev_x && y > prev_y) {
      --x, --y;
      reversed.push_back({Op::kEqual, static_cast<size_t>(x), static_cast<size_t>(y)});
    }
    if (d == 0) break;
    if (x == prev_x) {
      --y;
      reversed.push_back({Op::kInsert, static_cast<size_t>(x), static_cast<size_t>(y)});
    } else {
      --x;
      reversed.push_back({Op::kDelete, static_cast<size_t>(x), static_cast<size_t>(y)});
    }
  }
  while (x > 0 && y > 0) {  // d == 0: the common prefix
    --x, --y;
    reversed.push_back({Op::kEqual, static_cast<size_t>(x), static_cast<size_t>(y)});
  }
  return {reversed.rbegin(), reversed.rend()};
}

void AppendLine(std::string& out, char sign, std::string_view line) {
  out += sign;
  out += line;
  if (!line.ends_with('\n')) out += "\n\\ No newline at end of file\n";
}

// "start,count" of a hunk side; an empty side names the line before it.
std::string HunkRange(size_t first, size_t count) {
  return fmt::format("{},{}", count == 0 ? first : first + 1, count);
}

}  // namespace

EditResult ApplyFixes(std::string_view content, const std::vector<const std::vector<Edit>*>& fixes) {
  std::vector<size_t> order(fixes.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return FirstByte(*fixes[a]) < FirstByte(*fixes[b]); });
  EditResult result;
  std::vector<Edit> accepted;
  for (size_t index : order) {
    std::vector<const Edit*> fresh;
    bool ok = !fixes[index]->empty();
    for (const Edit& edit : *fixes[index]) {
      if (edit.start_byte > edit.end_byte || edit.end_byte > content.size()) ok = false;
      if (!ok) break;
      bool same = std::find(accepted.begin(), accepted.end(), edit) != accepted.end();
      if (same) continue;
      bool clash = std::any_of(accepted.begin(), accepted.end(), [&](const Edit& other) { return Overlap(edit, other); }) ||
                   std::any_of(fresh.begin(), fresh.end(), [&](const Edit* other) { return Overlap(edit, *other); });
      if (clash) ok = false;
      else fresh.push_back(&edit);
    }
    if (!ok) {
      result.skipped.push_back(index);
      continue;
    }
    for (const Edit* edit : fresh) accepted.push_back(*edit);
    result.applied.push_back(index);
  }
  std::sort(accepted.begin(), accepted.end(),
            [](const Edit& a, const Edit& b) { return a.start_byte < b.start_byte; });
  size_t at = 0;
  for (const Edit& edit : accepted) {
    result.text.append(content.substr(at, edit.start_byte - at));
    result.text += edit.replacement;
    at = edit.end_byte;
  }
  result.text.append(content.substr(at));
  std::sort(result.applied.begin(), result.applied.end());
  std::sort(result.skipped.begin(), result.skipped.end());
  return result;
}

std::string UnifiedDiff(std::string_view before, std::string_view after, std::string_view path) {
  if (before == after) return {};
  constexpr size_t kContext = 3;
  std::vector<std::string_view> a = SplitLines(before), b = SplitLines(after);
  std::vector<Step> steps = DiffLines(a, b);
  std::string out = fmt::format("--- a/{0}\n+++ b/{0}\n", path);
  size_t i = 0;
  while (i < steps.size()) {
    if (steps[i].op == Op::kEqual) {
      ++i;
      continue;
    }
    size_t start = i >= kContext ? i - kContext : 0;
    size_t last_change = i;
    size_t j = i;
    while (j < steps.size()) {
      if (steps[j].op != Op::kEqual) {
        last_change = j++;
        continue;
      }
      size_t run = j;
      while (j < steps.size() && steps[j].op == Op::kEqual) ++j;
      if (j < steps.size() && j - run <= 2 * kContext) continue;
      break;
    }
    size_t stop = std::min(steps.size(), last_change + 1 + kContext);
    size_t old_count = 0, new_count = 0;
    for (size_t s = start; s < stop; ++s) {
      old_count += steps[s].op != Op::kInsert;
      new_count += steps[s].op != Op::kDelete;
    }
    out += fmt::format("@@ -{} +{} @@\n", HunkRange(steps[start].old_line, old_count),
                       HunkRange(steps[start].new_line, new_count));
    for (size_t s = start; s < stop; ++s) {
      const Step& step = steps[s];
      if (step.op == Op::kEqual) AppendLine(out, ' ', a[step.old_line]);
      else if (step.op == Op::kDelete) AppendLine(out, '-', a[step.old_line]);
      else AppendLine(out, '+', b[step.new_line]);
    }
    i = stop;
  }
  return out;
}

}  // namespace faaslint
