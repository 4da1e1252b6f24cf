#include "rules/file_access.h"

#include <fmt/format.h>

#include <algorithm>
#include <span>

#include "rules/python_helpers.h"

namespace faaslint::rules {
namespace {

using python::Call;
using python::Expr;

// Calls that open a file with a mode argument.
struct Opener {
  std::string_view callee;
  int path_index;
  std::string_view path_keyword;
  int mode_index;
  std::string_view mode_keyword;
  std::string_view default_mode;
};
constexpr Opener kOpeners[] = {
    {"open", 0, "file", 1, "mode", "r"},
    {"builtins.open", 0, "file", 1, "mode", "r"},
    {"io.open", 0, "file", 1, "mode", "r"},
    {"codecs.open", 0, "filename", 1, "mode", "r"},
    {"gzip.open", 0, "filename", 1, "mode", "rb"},
    {"gzip.GzipFile", 0, "filename", 1, "mode", "rb"},
    {"bz2.open", 0, "filename", 1, "mode", "rb"},
    {"lzma.open", 0, "filename", 1, "mode", "rb"},
    {"tarfile.open", 0, "name", 1, "mode", "r"},
    {"zipfile.ZipFile", 0, "file", 1, "mode", "r"},
};

// Calls that always write (or create, move onto, delete) the path they are given.
struct PathCall {
  std::string_view callee;
  int path_index;  // -1: keyword only
  std::string_view path_keyword;
};
constexpr PathCall kWriters[] = {
    {"os.makedirs", 0, "name"},      {"os.mkdir", 0, "path"},        {"os.remove", 0, "path"},
    {"os.unlink", 0, "path"},        {"os.rmdir", 0, "path"},        {"shutil.rmtree", 0, "path"},
    {"os.rename", 1, "dst"},         {"os.replace", 1, "dst"},       {"os.renames", 1, "new"},
    {"os.symlink", 1, "dst"},        {"os.link", 1, "dst"},          {"shutil.copy", 1, "dst"},
    {"shutil.copy2", 1, "dst"},      {"shutil.copyfile", 1, "dst"},  {"shutil.copytree", 1, "dst"},
    {"shutil.move", 1, "dst"},       {"urllib.request.urlretrieve", 1, "filename"},
    {"numpy.save", 0, "file"},       {"numpy.savetxt", 0, "fname"},  {"numpy.savez", 0, "file"},
    {"numpy.savez_compressed", 0, "file"}, {"joblib.dump", 1, "filename"},
    {"cv2.imwrite", 0, "filename"},  {"cv2.VideoWriter", 0, "filename"}, {"torch.save", 1, "f"},
};
// Calls that make an image whose `.save(path)` writes a file (Pillow, qrcode).
constexpr std::string_view kImageMakers[] = {"PIL.Image.open", "PIL.Image.new", "PIL.Image.fromarray",
                                             "PIL.Image.frombytes", "qrcode.make"};
// Calls that read the path they are given. FastAPI/Starlette resolve `directory=` against
// the working directory (Flask resolves templates and static files from the app's root).
constexpr PathCall kReaders[] = {
    {"pandas.read_csv", 0, "filepath_or_buffer"}, {"pandas.read_table", 0, "filepath_or_buffer"},
    {"pandas.read_json", 0, "path_or_buf"},        {"pandas.read_excel", 0, "io"},
    {"pandas.read_parquet", 0, "path"},            {"pandas.read_pickle", 0, "filepath_or_buffer"},
    {"pandas.read_feather", 0, "path"},            {"numpy.load", 0, "file"},
    {"numpy.loadtxt", 0, "fname"},                 {"numpy.genfromtxt", 0, "fname"},
    {"joblib.load", 0, "filename"},                {"os.listdir", 0, "path"},
    {"os.scandir", 0, "path"},                     {"glob.glob", 0, "pathname"},
    {"jinja2.FileSystemLoader", 0, "searchpath"},  {"fastapi.templating.Jinja2Templates", 0, "directory"},
    {"starlette.templating.Jinja2Templates", 0, "directory"}, {"fastapi.staticfiles.StaticFiles", -1, "directory"},
    {"starlette.staticfiles.StaticFiles", -1, "directory"},   {"PIL.Image.open", 0, "fp"},
};
// pathlib methods, called on a Path object.
constexpr std::string_view kPathWrites[] = {"write_text", "write_bytes", "mkdir",      "touch",
                                            "unlink",     "rmdir",       "symlink_to", "hardlink_to"};
constexpr std::string_view kPathReads[] = {"read_text", "read_bytes", "iterdir"};
// DataFrame / figure methods that write to the path given first.
constexpr std::string_view kSaveMethods[] = {"to_csv",     "to_excel", "to_parquet", "to_pickle",
                                             "to_feather", "to_hdf",   "to_json",    "savefig"};

// An image made by kImageMakers: the call itself (`Image.open(f).save(p)`), or a name
// every binding of which is one (`img = Image.new(...)`).
bool IsImage(const python::Values& values, const Expr& receiver, int function) {
  auto made = [&](const Expr* value) {
    const Call* maker = value ? python::CallOf(values.module(), *value) : nullptr;
    return maker != nullptr && OneOf(maker->callee, kImageMakers);
  };
  if (receiver.kind == Expr::Kind::kCall) return made(&receiver);
  if (receiver.kind != Expr::Kind::kName) return false;
  std::span<const Expr* const> bindings = values.Bindings(receiver.text, function);
  return !bindings.empty() && std::all_of(bindings.begin(), bindings.end(), made);
}

bool Writes(std::string_view mode) { return mode.find_first_of("wax+") != std::string_view::npos; }

// The mode a call opens with, when it is a constant.
std::optional<std::string> Mode(const python::Values& values, const Call& call, int index,
                                std::string_view keyword, std::string_view default_mode) {
  const Expr* mode = ArgValue(call, index, keyword);
  if (!mode) return std::string(default_mode);
  std::optional<python::StringValue> text = values.String(*mode, call.function);
  if (!text || text->prefix_only) return std::nullopt;
  return text->text;
}

}  // namespace

std::optional<FileAccess> ClassifyFileAccess(const python::Values& values, const Call& call) {
  if (call.target >= 0) return std::nullopt;  // the module's own function of that name
  for (const Opener& opener : kOpeners) {
    if (call.callee != opener.callee) continue;
    const Expr* path = ArgValue(call, opener.path_index, opener.path_keyword);
    if (!path) return std::nullopt;
    std::optional<std::string> mode = Mode(values, call, opener.mode_index, opener.mode_keyword, opener.default_mode);
    if (!mode) return std::nullopt;
    bool write = Writes(*mode);
    return FileAccess{path, write, write ? fmt::format("{}(…, '{}')", call.callee, *mode) : call.callee + "()"};
  }
  for (const PathCall& writer : kWriters) {
    if (call.callee != writer.callee) continue;
    const Expr* path = ArgValue(call, writer.path_index, writer.path_keyword);
    if (!path) return std::nullopt;
    return FileAccess{path, true, call.callee + "()"};
  }
  for (const PathCall& reader : kReaders) {
    if (call.callee != reader.callee) continue;
    const Expr* path = ArgValue(call, reader.path_index, reader.path_keyword);
    if (!path) return std::nullopt;
    return FileAccess{path, false, call.callee + "()"};
  }
  if (call.method.empty() || call.receiver.kind == Expr::Kind::kOther) return std::nullopt;
  if (call.method == "save" && IsImage(values, call.receiver, call.function)) {
    const Expr* path = ArgValue(call, 0, "fp");
    if (!path) return std::nullopt;
    return FileAccess{path, true, "Image.save()"};
  }
  if (OneOf(call.method, kSaveMethods)) {
    const Expr* path = ArgValue(call, 0, call.method == "savefig" ? "fname" : "path_or_buf");
    if (!path) return std::nullopt;
    return FileAccess{path, true, "." + call.method + "()"};
  }
  bool path_write = OneOf(call.method, kPathWrites);
  bool path_read = OneOf(call.method, kPathReads);
  if (!path_write && !path_read && call.method != "open") return std::nullopt;
  if (!values.Path(call.receiver, call.function).path_object) return std::nullopt;
  if (call.method == "open") {
    std::optional<std::string> mode = Mode(values, call, 0, "mode", "r");
    if (!mode) return std::nullopt;
    bool write = Writes(*mode);
    return FileAccess{&call.receiver, write, write ? fmt::format("Path.open('{}')", *mode) : "Path.open()"};
  }
  return FileAccess{&call.receiver, path_write, "Path." + call.method + "()"};
}

}  // namespace faaslint::rules
