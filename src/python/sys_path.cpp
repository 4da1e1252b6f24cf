#include "python/sys_path.h"

#include <optional>
#include <string_view>

namespace faaslint::python {
namespace {

using Kind = Expr::Kind;

// A root-relative path as segments; nullopt when unknown or outside the project.
using Path = std::optional<std::vector<std::string>>;

// Appends a relative path ("../backend", "src") to `base`, resolving "." and "..".
Path Append(std::vector<std::string> base, std::string_view relative) {
  if (relative.starts_with("/")) return std::nullopt;  // absolute: not a project folder
  size_t start = 0;
  while (start <= relative.size()) {
    size_t slash = std::min(relative.find('/', start), relative.size());
    std::string_view part = relative.substr(start, slash - start);
    if (part == "..") {
      if (base.empty()) return std::nullopt;
      base.pop_back();
    } else if (!part.empty() && part != ".") {
      base.emplace_back(part);
    }
    start = slash + 1;
  }
  return base;
}

class Evaluator {
 public:
  explicit Evaluator(const Module& module) : module_(module) {}

  Path Eval(const Expr& expr) const {
    switch (expr.kind) {
      case Kind::kString:
        if (expr.is_fstring) return std::nullopt;
        return Append({}, expr.str);
      case Kind::kName:
        if (expr.text == "__file__") return Append({}, module_.path());
        return std::nullopt;
      case Kind::kAttribute:  // Path(...).parent
        if (expr.str == "parent" && !expr.items.empty()) return Parent(Eval(expr.items[0]));
        return std::nullopt;
      case Kind::kBinary:  // Path(...) / "backend"
        if (expr.str == "/" && expr.items.size() == 2 && expr.items[1].IsString()) {
          Path left = Eval(expr.items[0]);
          return left ? Append(*left, expr.items[1].str) : std::nullopt;
        }
        return std::nullopt;
      case Kind::kCall: return Call(expr);
      default: return std::nullopt;
    }
  }

 private:
  static Path Parent(Path path) {
    if (!path || path->empty()) return std::nullopt;
    path->pop_back();
    return path;
  }

  Path Call(const Expr& expr) const {
    if (expr.call < 0) return std::nullopt;
    const python::Call& call = module_.calls()[expr.call];
    const std::string& callee = call.callee;
    // Path(...).resolve(), .absolute(): the same folder.
    if ((call.method == "resolve" || call.method == "absolute") && call.receiver.kind != Kind::kOther) {
      return Eval(call.receiver);
    }
    const Argument* first = call.Positional(0);
    if (first == nullptr) return std::nullopt;
    if (callee == "os.path.dirname") return Parent(Eval(first->value));
    if (callee == "os.path.abspath" || callee == "os.path.realpath" || callee == "os.path.normpath" ||
        callee == "str" || callee == "os.fspath" || callee == "pathlib.Path" || callee == "pathlib.PurePath") {
      return Eval(first->value);
    }
    if (callee == "os.path.join") {
      Path joined = Eval(first->value);
      for (size_t i = 1; joined && i < call.args.size(); ++i) {
        const Expr& part = call.args[i].value;
        if (!call.args[i].name.empty() || !part.IsString() || part.is_fstring) return std::nullopt;
        joined = Append(*joined, part.str);
      }
      return joined;
    }
    return std::nullopt;
  }

  const Module& module_;
};

std::string Joined(const std::vector<std::string>& segments) {
  std::string path;
  for (const std::string& segment : segments) path += (path.empty() ? "" : "/") + segment;
  return path;
}

}  // namespace

std::vector<std::string> SysPathAdditions(const Module& module) {
  std::vector<std::string> inserted, appended;
  Evaluator evaluator(module);
  for (const Call& call : module.calls()) {
    if (call.function != -1 || call.guarded) continue;
    const Argument* folder = nullptr;
    if (call.callee == "sys.path.insert") folder = call.Positional(1);
    else if (call.callee == "sys.path.append") folder = call.Positional(0);
    if (folder == nullptr) continue;
    Path path = evaluator.Eval(folder->value);
    if (!path) continue;
    // Later inserts at the front are searched first.
    if (call.callee == "sys.path.insert") inserted.insert(inserted.begin(), Joined(*path));
    else appended.push_back(Joined(*path));
  }
  inserted.insert(inserted.end(), appended.begin(), appended.end());
  return inserted;
}

}  // namespace faaslint::python
