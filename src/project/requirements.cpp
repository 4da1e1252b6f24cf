#include "project/requirements.h"

#include <algorithm>
#include <cctype>
#include <cstdint>

#include "project/functions.h"
#include "project/python_packages.h"

#if FAASLINT_HAVE_TOML
#include <toml++/toml.h>
#endif

namespace faaslint::project {
namespace {

std::string Trim(std::string_view s) {
  size_t start = s.find_first_not_of(" \t\r");
  if (start == std::string_view::npos) return {};
  size_t end = s.find_last_not_of(" \t\r");
  return std::string(s.substr(start, end - start + 1));
}

std::string Directory(std::string_view path) {
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? "" : std::string(path.substr(0, slash + 1));
}

// pip reads a requirements file in the encoding its byte order mark names (auto_decode,
// pip/_internal/utils/encoding.py: UTF-8, UTF-16 and UTF-32 BOMs): Notepad saves UTF-8
// with one, and PowerShell's `pip freeze > requirements.txt` writes UTF-16. Decodes
// those to UTF-8 (code units past ASCII matter only inside comments and URLs); false for
// text that is still not readable as UTF-8 lines (UTF-16 without a BOM: NUL bytes).
bool DecodeRequirementsText(std::string* text) {
  std::string_view bytes = *text;
  auto decode = [&](size_t bom, size_t unit, bool big_endian) {
    std::string decoded;
    for (size_t i = bom; i + unit <= bytes.size(); i += unit) {
      uint32_t code = 0;
      for (size_t k = 0; k < unit; ++k) {
        const auto byte = static_cast<unsigned char>(bytes[i + (big_endian ? k : unit - 1 - k)]);
        code = code << 8 | byte;
      }
      decoded += code < 0x80 ? static_cast<char>(code) : '?';
    }
    *text = std::move(decoded);
  };
  if (bytes.starts_with("\xEF\xBB\xBF")) text->erase(0, 3);
  else if (bytes.starts_with(std::string_view("\xFF\xFE\0\0", 4))) decode(4, 4, false);
  else if (bytes.starts_with(std::string_view("\0\0\xFE\xFF", 4))) decode(4, 4, true);
  else if (bytes.starts_with("\xFF\xFE")) decode(2, 2, false);
  else if (bytes.starts_with("\xFE\xFF")) decode(2, 2, true);
  return text->find('\0') == std::string::npos;
}

// One PEP 508 requirement: its name and the extras it asks for.
void AddRequirement(std::string_view requirement, DeclaredPackages* out) {
  std::string name = RequirementName(requirement);
  if (name.empty()) return;
  name = NormalizePackageName(name);
  for (const std::string& extra : RequirementExtras(requirement)) out->extras.emplace(name, NormalizePackageName(extra));
  out->names.insert(std::move(name));
}

void ReadRequirementsTxt(const Snapshot& snapshot, const std::string& path, DeclaredPackages* out, int depth) {
  std::string text, error;
  if (depth > 8 || !snapshot.Read(path, &text, &error) || !DecodeRequirementsText(&text)) {
    out->incomplete = true;
    return;
  }
  out->sources.push_back(path);
  // Join `\` continuations, then read line by line.
  std::string joined;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && text[i + 1] == '\n') {
      ++i;
      continue;
    }
    joined += text[i];
  }
  size_t start = 0;
  while (start < joined.size()) {
    size_t end = joined.find('\n', start);
    std::string line(joined.substr(start, end == std::string::npos ? std::string::npos : end - start));
    start = end == std::string::npos ? joined.size() : end + 1;
    // A comment starts at `#` at the line start or after whitespace (`#egg=` is not one).
    for (size_t k = 0; k < line.size(); ++k) {
      if (line[k] == '#' && (k == 0 || line[k - 1] == ' ' || line[k - 1] == '\t')) {
        line.resize(k);
        break;
      }
    }
    line = Trim(line);
    if (line.empty()) continue;
    if (line[0] == '-') {
      for (std::string_view option : {"-r", "--requirement", "-c", "--constraint"}) {
        if (line.rfind(option, 0) != 0) continue;
        std::string target = Trim(std::string_view(line).substr(option.size()));
        if (!target.empty() && target[0] == '=') target = Trim(std::string_view(target).substr(1));
        if (option == "-c" || option == "--constraint") break;  // constraints install nothing
        std::string resolved = Directory(path) + target;
        if (HasFile(snapshot, resolved)) {
          ReadRequirementsTxt(snapshot, resolved, out, depth + 1);
        } else {
          out->incomplete = true;
        }
        break;
      }
      size_t egg = line.find("#egg=");
      if (egg != std::string::npos) out->names.insert(NormalizePackageName(RequirementName(line.substr(egg + 5))));
      continue;
    }
    AddRequirement(line, out);
  }
}

#if FAASLINT_HAVE_TOML
// Poetry's and Pipfile's tables: `name = "1.0"` or `name = {version = "*", extras = ["socks"]}`.
void AddKeys(const toml::table* table, DeclaredPackages* out) {
  if (!table) return;
  for (const auto& [key, value] : *table) {
    if (key.str() == "python") continue;
    std::string name = NormalizePackageName(key.str());
    if (const toml::table* spec = value.as_table()) {
      if (const toml::array* extras = (*spec)["extras"].as_array()) {
        for (const toml::node& extra : *extras) {
          if (const auto* text = extra.as_string()) out->extras.emplace(name, NormalizePackageName(text->get()));
        }
      }
    }
    out->names.insert(std::move(name));
  }
}

void ReadToml(const Snapshot& snapshot, const std::string& path, bool pipfile, DeclaredPackages* out) {
  std::string text, error;
  if (!snapshot.Read(path, &text, &error)) {
    out->incomplete = true;
    return;
  }
  toml::table root;
  try {  // toml++ reports syntax errors by exception; they stop here
    root = toml::parse(text, path);
  } catch (const toml::parse_error&) {
    out->incomplete = true;
    return;
  }
  if (pipfile) {
    out->sources.push_back(path);
    AddKeys(root["packages"].as_table(), out);
    return;
  }
  bool declares = false;
  if (const toml::array* dependencies = root["project"]["dependencies"].as_array()) {
    declares = true;
    for (const toml::node& item : *dependencies) {
      if (const auto* text_item = item.as_string()) AddRequirement(text_item->get(), out);
    }
  }
  if (const toml::table* poetry = root["tool"]["poetry"]["dependencies"].as_table()) {
    declares = true;
    AddKeys(poetry, out);
  }
  if (declares) out->sources.push_back(path);
  else out->without_dependencies.push_back(path);
}
#endif

}  // namespace

std::string RequirementName(std::string_view requirement) {
  size_t i = 0;
  while (i < requirement.size() && (requirement[i] == ' ' || requirement[i] == '\t')) ++i;
  size_t start = i;
  while (i < requirement.size() && (std::isalnum(static_cast<unsigned char>(requirement[i])) ||
                                    requirement[i] == '.' || requirement[i] == '_' || requirement[i] == '-')) {
    ++i;
  }
  std::string_view name = requirement.substr(start, i - start);
  // A URL or path ("./pkg", "https://...") is not a name.
  if (i < requirement.size() && (requirement[i] == ':' || requirement[i] == '/')) return {};
  return std::string(name);
}

std::vector<std::string> RequirementExtras(std::string_view requirement) {
  std::vector<std::string> extras;
  const std::string name = RequirementName(requirement);
  if (name.empty()) return extras;
  size_t open = requirement.find(name) + name.size();
  while (open < requirement.size() && (requirement[open] == ' ' || requirement[open] == '\t')) ++open;
  if (open >= requirement.size() || requirement[open] != '[') return extras;
  size_t close = requirement.find(']', open);
  if (close == std::string_view::npos) return extras;
  std::string_view list = requirement.substr(open + 1, close - open - 1);
  while (!list.empty()) {
    size_t comma = list.find(',');
    std::string extra = Trim(list.substr(0, comma));
    if (!extra.empty()) extras.push_back(std::move(extra));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  return extras;
}

DeclaredPackages ReadDeclaredPackages(const Snapshot& snapshot) {
  DeclaredPackages out;
  for (std::string_view path : kDeclarationFiles) {
    if (!HasFile(snapshot, path)) continue;
    if (path.ends_with(".txt")) {
      ReadRequirementsTxt(snapshot, std::string(path), &out, 0);
      continue;
    }
#if FAASLINT_HAVE_TOML
    ReadToml(snapshot, std::string(path), path == "Pipfile", &out);
#else
    out.incomplete = true;  // built without TOML support: cannot tell what it declares
#endif
  }
  return out;
}

std::string NearestFolderRequirements(const Snapshot& snapshot, std::string_view path) {
  for (size_t slash = path.rfind('/'); slash != std::string_view::npos && slash > 0; slash = path.rfind('/', slash - 1)) {
    std::string folder(path.substr(0, slash + 1));
    if (folder == "api/") continue;
    std::string candidate = folder + "requirements.txt";
    if (HasFile(snapshot, candidate)) return candidate;
  }
  return {};
}

void AddRequirementsFile(const Snapshot& snapshot, const std::string& path, DeclaredPackages* out) {
  ReadRequirementsTxt(snapshot, path, out, 0);
}

std::vector<std::string> DeclarationFiles(const DeclaredPackages& declared) {
  std::vector<std::string> files(std::begin(kDeclarationFiles), std::end(kDeclarationFiles));
  for (const std::string& source : declared.sources) {
    if (std::find(files.begin(), files.end(), source) == files.end()) files.push_back(source);
  }
  return files;
}

}  // namespace faaslint::project
