#include "project/python_packages.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace faaslint::project {
namespace {

struct ImportName {
  std::string_view module;
  std::string_view packages;  // comma-separated distribution names, the usual one first
};

// Import names that differ from their distribution's name. Each pair is a fact of the
// distribution's metadata (its top_level.txt / RECORD on PyPI).
constexpr ImportName kImportNames[] = {
    {"MySQLdb", "mysqlclient"},
    {"OpenSSL", "pyOpenSSL"},
    {"PIL", "Pillow"},
    {"attr", "attrs"},
    {"bs4", "beautifulsoup4"},
    {"cv2", "opencv-python,opencv-python-headless,opencv-contrib-python,opencv-contrib-python-headless"},
    {"dateutil", "python-dateutil"},
    {"discord", "discord.py"},
    {"dns", "dnspython"},
    {"docx", "python-docx"},
    {"dotenv", "python-dotenv"},
    {"engineio", "python-engineio"},
    {"fitz", "PyMuPDF"},
    {"git", "GitPython"},
    {"github", "PyGithub"},
    {"google", "protobuf,google-cloud-storage,google-cloud-firestore,google-api-core,google-auth,"
               "google-generativeai,google-genai,google-cloud-bigquery,google-cloud-pubsub"},
    {"googleapiclient", "google-api-python-client"},
    {"jose", "python-jose"},
    {"jwt", "PyJWT"},
    {"magic", "python-magic"},
    {"multipart", "python-multipart"},
    {"nacl", "PyNaCl"},
    {"pkg_resources", "setuptools"},
    {"pptx", "python-pptx"},
    {"psycopg2", "psycopg2-binary,psycopg2"},
    {"serial", "pyserial"},
    {"sklearn", "scikit-learn"},
    {"skimage", "scikit-image"},
    {"slugify", "python-slugify"},
    {"socketio", "python-socketio"},
    {"telegram", "python-telegram-bot"},
    {"usb", "pyusb"},
    {"yaml", "PyYAML"},
    {"zmq", "pyzmq"},
    {"Crypto", "pycryptodome,pycrypto"},
};

struct Bundle {
  std::string_view package;  // normalised
  std::span<const std::string_view> brings;
};

// Install-time dependencies of popular packages (their `Requires-Dist` on PyPI, current
// major versions), normalised; e.g. Flask 3 requires Werkzeug, Jinja2, itsdangerous,
// click, blinker (and MarkupSafe through Jinja2).
constexpr std::string_view kFlask[] = {"werkzeug", "jinja2", "itsdangerous", "click", "blinker", "markupsafe"};
constexpr std::string_view kFastapi[] = {"starlette", "pydantic", "pydantic-core", "typing-extensions", "anyio",
                                         "annotated-types", "idna", "sniffio"};
constexpr std::string_view kRequests[] = {"urllib3", "certifi", "idna", "charset-normalizer"};
constexpr std::string_view kHttpx[] = {"httpcore", "anyio", "certifi", "idna", "sniffio", "h11"};
constexpr std::string_view kUvicorn[] = {"click", "h11"};
constexpr std::string_view kPydantic[] = {"pydantic-core", "typing-extensions", "annotated-types"};
constexpr std::string_view kBoto3[] = {"botocore", "s3transfer", "jmespath", "python-dateutil", "urllib3", "six"};
constexpr std::string_view kOpenai[] = {"httpx", "httpcore", "pydantic", "pydantic-core", "anyio", "sniffio",
                                        "distro", "tqdm", "jiter", "typing-extensions", "certifi", "idna"};
constexpr std::string_view kSqlalchemy[] = {"typing-extensions", "greenlet"};
constexpr std::string_view kFlaskSqlalchemy[] = {"sqlalchemy", "flask", "werkzeug", "jinja2", "itsdangerous",
                                                 "click", "blinker", "markupsafe"};
constexpr std::string_view kDjango[] = {"asgiref", "sqlparse"};
constexpr std::string_view kPandas[] = {"numpy", "python-dateutil", "pytz", "tzdata", "six"};

constexpr Bundle kBundles[] = {
    {"boto3", kBoto3},         {"django", kDjango},       {"fastapi", kFastapi},
    {"flask", kFlask},         {"flask-sqlalchemy", kFlaskSqlalchemy},
    {"httpx", kHttpx},         {"openai", kOpenai},       {"pandas", kPandas},
    {"pydantic", kPydantic},   {"requests", kRequests},   {"sqlalchemy", kSqlalchemy},
    {"uvicorn", kUvicorn},
};

}  // namespace

std::string NormalizePackageName(std::string_view name) {
  std::string out;
  bool separator = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      separator = true;
      continue;
    }
    if (separator && !out.empty()) out += '-';
    separator = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::vector<std::string> PackagesProviding(std::string_view top_level_module) {
  std::vector<std::string> packages;
  for (const ImportName& entry : kImportNames) {
    if (entry.module != top_level_module) continue;
    std::string_view list = entry.packages;
    while (!list.empty()) {
      size_t comma = list.find(',');
      packages.push_back(NormalizePackageName(list.substr(0, comma)));
      list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    }
  }
  std::string own = NormalizePackageName(top_level_module);
  if (std::find(packages.begin(), packages.end(), own) == packages.end()) packages.push_back(own);
  return packages;
}

std::string SuggestedPackage(std::string_view top_level_module) {
  for (const ImportName& entry : kImportNames) {
    if (entry.module == top_level_module) return std::string(entry.packages.substr(0, entry.packages.find(',')));
  }
  std::string name(top_level_module);
  std::replace(name.begin(), name.end(), '_', '-');
  return name;
}

std::span<const std::string_view> InstalledWith(std::string_view package) {
  for (const Bundle& bundle : kBundles) {
    if (bundle.package == package) return bundle.brings;
  }
  return {};
}

}  // namespace faaslint::project
