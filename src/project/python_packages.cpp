#include "project/python_packages.h"

#include <algorithm>
#include <cctype>
#include <iterator>

namespace faaslint::project {
namespace {

struct ImportName {
  std::string_view module;    // top-level, or a package of a namespace ("google.oauth2")
  std::string_view packages;  // comma-separated distribution names, the usual one first
};

// Import names that differ from their distribution's name. Each pair is a fact of the
// distribution's metadata (its top_level.txt / RECORD on PyPI). `google` is a namespace
// that many distributions share: its packages are listed one by one, and the entry for
// `google` alone covers the others.
constexpr ImportName kImportNames[] = {
    {"allauth", "django-allauth"},
    {"atlassian", "atlassian-python-api"},
    {"attr", "attrs"},
    {"barcode", "python-barcode"},
    {"binance", "python-binance"},
    {"Bio", "biopython"},
    {"bs4", "beautifulsoup4"},
    {"bson", "pymongo,bson"},
    {"ckeditor", "django-ckeditor"},
    {"ckeditor_uploader", "django-ckeditor"},
    {"corsheaders", "django-cors-headers"},
    {"crispy_forms", "django-crispy-forms"},
    {"crontab", "python-crontab,crontab"},
    {"Crypto", "pycryptodome,pycrypto"},
    {"Cryptodome", "pycryptodomex"},
    {"cv2", "opencv-python,opencv-python-headless,opencv-contrib-python,opencv-contrib-python-headless"},
    {"dateutil", "python-dateutil"},
    {"debug_toolbar", "django-debug-toolbar"},
    {"decouple", "python-decouple"},
    {"discord", "discord.py"},
    {"django_filters", "django-filter"},
    {"dns", "dnspython"},
    {"docx", "python-docx"},
    {"dotenv", "python-dotenv"},
    {"engineio", "python-engineio"},
    {"environ", "django-environ"},
    {"faiss", "faiss-cpu,faiss-gpu"},
    {"fitz", "PyMuPDF"},
    {"git", "GitPython"},
    {"github", "PyGithub"},
    {"gitlab", "python-gitlab"},
    {"google", "protobuf,google-cloud-storage,google-cloud-firestore,google-api-core,google-auth,"
               "google-generativeai,google-genai,google-cloud-bigquery,google-cloud-pubsub"},
    {"google.api_core", "google-api-core"},
    {"google.auth", "google-auth"},
    {"google.cloud.bigquery", "google-cloud-bigquery"},
    {"google.cloud.firestore", "google-cloud-firestore"},
    {"google.cloud.firestore_v1", "google-cloud-firestore"},
    {"google.cloud.pubsub", "google-cloud-pubsub"},
    {"google.cloud.pubsub_v1", "google-cloud-pubsub"},
    {"google.cloud.secretmanager", "google-cloud-secret-manager"},
    {"google.cloud.storage", "google-cloud-storage"},
    {"google.genai", "google-genai"},
    {"google.generativeai", "google-generativeai"},
    {"google.oauth2", "google-auth"},
    {"google.protobuf", "protobuf"},
    {"googleapiclient", "google-api-python-client"},
    {"googlesearch", "googlesearch-python,google"},
    {"gridfs", "pymongo"},
    {"grpc", "grpcio"},
    {"hubspot", "hubspot-api-client"},
    {"import_export", "django-import-export"},
    {"interactions", "discord-py-interactions"},
    {"jenkins", "python-jenkins"},
    {"jose", "python-jose"},
    {"jwt", "PyJWT"},
    {"kafka", "kafka-python"},
    {"ldap", "python-ldap"},
    {"Levenshtein", "Levenshtein,python-Levenshtein"},
    {"linebot", "line-bot-sdk"},
    {"magic", "python-magic"},
    {"memcache", "python-memcached"},
    {"mpl_toolkits", "matplotlib"},
    {"multipart", "python-multipart"},
    {"mysql.connector", "mysql-connector-python,mysql-connector"},
    {"MySQLdb", "mysqlclient"},
    {"nacl", "PyNaCl"},
    {"nats", "nats-py"},
    {"newspaper", "newspaper3k,newspaper4k"},
    {"OpenSSL", "pyOpenSSL"},
    {"paho", "paho-mqtt"},
    {"pdfminer", "pdfminer.six"},
    {"PIL", "Pillow"},
    {"pkg_resources", "setuptools"},
    {"plaid", "plaid-python"},
    {"pptx", "python-pptx"},
    {"psycopg2", "psycopg2-binary,psycopg2"},
    {"pyrebase", "Pyrebase4,Pyrebase"},
    {"rest_framework", "djangorestframework"},
    {"rest_framework_simplejwt", "djangorestframework-simplejwt"},
    {"ruamel.yaml", "ruamel.yaml"},
    {"serial", "pyserial"},
    {"serpapi", "google-search-results,serpapi"},
    {"shopify", "ShopifyAPI"},
    {"skimage", "scikit-image"},
    {"sklearn", "scikit-learn"},
    {"slack", "slackclient,slack-sdk"},
    {"slugify", "python-slugify"},
    {"snowflake.connector", "snowflake-connector-python"},
    {"socketio", "python-socketio"},
    {"socks", "PySocks"},
    {"sockshandler", "PySocks"},
    {"speech_recognition", "SpeechRecognition"},
    {"storages", "django-storages"},
    {"strawberry", "strawberry-graphql"},
    {"telebot", "pyTelegramBotAPI"},
    {"telegram", "python-telegram-bot"},
    {"usb", "pyusb"},
    {"vertexai", "google-cloud-aiplatform"},
    {"websocket", "websocket-client"},
    {"whisper", "openai-whisper"},
    {"whois", "python-whois,whois"},
    {"yaml", "PyYAML"},
    {"zmq", "pyzmq"},
};

struct Bundle {
  std::string_view package;  // normalised
  std::span<const std::string_view> brings;
};

// Install-time dependencies of popular packages (their `Requires-Dist` on PyPI, current
// major versions), normalised; e.g. Flask 3 requires Werkzeug, Jinja2, itsdangerous,
// click, blinker. What those bring in turn is looked up in this table too (Jinja2 brings
// MarkupSafe), so each entry lists only its own.
constexpr std::string_view kFlask[] = {"werkzeug", "jinja2", "itsdangerous", "click", "blinker"};
constexpr std::string_view kJinja2[] = {"markupsafe"};
constexpr std::string_view kWerkzeug[] = {"markupsafe"};
constexpr std::string_view kFastapi[] = {"starlette", "pydantic", "typing-extensions"};
constexpr std::string_view kStarlette[] = {"anyio"};
constexpr std::string_view kAnyio[] = {"idna", "sniffio"};
constexpr std::string_view kRequests[] = {"urllib3", "certifi", "idna", "charset-normalizer"};
constexpr std::string_view kHttpx[] = {"httpcore", "anyio", "certifi", "idna"};
constexpr std::string_view kHttpcore[] = {"certifi", "h11"};
constexpr std::string_view kUvicorn[] = {"click", "h11"};
constexpr std::string_view kPydantic[] = {"pydantic-core", "typing-extensions", "annotated-types"};
constexpr std::string_view kBoto3[] = {"botocore", "s3transfer", "jmespath"};
constexpr std::string_view kBotocore[] = {"jmespath", "python-dateutil", "urllib3"};
constexpr std::string_view kDateutil[] = {"six"};
constexpr std::string_view kOpenai[] = {"httpx", "pydantic", "anyio", "sniffio", "distro", "tqdm", "jiter",
                                        "typing-extensions"};
constexpr std::string_view kSqlalchemy[] = {"typing-extensions", "greenlet"};
constexpr std::string_view kFlaskSqlalchemy[] = {"sqlalchemy", "flask"};
constexpr std::string_view kFlaskLogin[] = {"flask", "werkzeug"};
constexpr std::string_view kFlaskCors[] = {"flask", "werkzeug"};
constexpr std::string_view kFlaskApscheduler[] = {"flask", "apscheduler", "python-dateutil"};
constexpr std::string_view kFlaskMigrate[] = {"flask", "flask-sqlalchemy", "alembic"};
constexpr std::string_view kAlembic[] = {"sqlalchemy", "mako", "typing-extensions"};
constexpr std::string_view kSqlmodel[] = {"sqlalchemy", "pydantic"};
constexpr std::string_view kDjango[] = {"asgiref", "sqlparse"};
constexpr std::string_view kPandas[] = {"numpy", "python-dateutil", "pytz", "tzdata"};
constexpr std::string_view kSlackBolt[] = {"slack-sdk"};
constexpr std::string_view kSupabase[] = {"postgrest", "realtime", "storage3", "supafunc", "supabase-functions",
                                          "gotrue", "supabase-auth", "httpx"};
constexpr std::string_view kLangchain[] = {"langchain-core", "langchain-text-splitters", "langsmith", "pydantic",
                                           "sqlalchemy", "requests", "pyyaml"};
constexpr std::string_view kLangchainCore[] = {"langsmith", "tenacity", "jsonpatch", "pyyaml", "packaging",
                                               "typing-extensions", "pydantic"};
constexpr std::string_view kLangchainOpenai[] = {"langchain-core", "openai", "tiktoken"};
constexpr std::string_view kGoogleApiPythonClient[] = {"httplib2", "google-auth", "google-auth-httplib2",
                                                       "google-api-core", "uritemplate"};
constexpr std::string_view kGoogleApiCore[] = {"googleapis-common-protos", "protobuf", "proto-plus", "google-auth",
                                               "requests"};
constexpr std::string_view kGoogleAuth[] = {"cachetools", "pyasn1-modules", "rsa"};
constexpr std::string_view kGoogleCloudStorage[] = {"google-auth", "google-api-core", "google-cloud-core",
                                                    "google-resumable-media", "requests", "google-crc32c"};
constexpr std::string_view kGoogleCloudFirestore[] = {"google-api-core", "google-auth", "google-cloud-core",
                                                      "proto-plus", "protobuf"};
constexpr std::string_view kGoogleGenerativeai[] = {"google-ai-generativelanguage", "google-api-core",
                                                    "google-api-python-client", "google-auth", "protobuf",
                                                    "pydantic", "tqdm", "typing-extensions"};
constexpr std::string_view kGoogleGenai[] = {"google-auth", "httpx", "pydantic", "requests", "websockets",
                                             "typing-extensions", "anyio", "tenacity"};
constexpr std::string_view kFirebaseAdmin[] = {"cachecontrol", "google-api-python-client", "google-cloud-storage",
                                               "pyjwt", "google-api-core", "google-cloud-firestore"};
constexpr std::string_view kStripe[] = {"requests", "typing-extensions"};
constexpr std::string_view kPythonTelegramBot[] = {"httpx"};
constexpr std::string_view kPytelegrambotapi[] = {"requests"};
constexpr std::string_view kLineBotSdk[] = {"requests", "urllib3", "python-dateutil", "aiohttp", "pydantic", "aenum",
                                            "deprecated"};
constexpr std::string_view kGspread[] = {"google-auth", "google-auth-oauthlib"};
constexpr std::string_view kGoogleAuthOauthlib[] = {"google-auth", "requests-oauthlib"};
constexpr std::string_view kRequestsOauthlib[] = {"oauthlib", "requests"};
constexpr std::string_view kTweepy[] = {"oauthlib", "requests", "requests-oauthlib"};
constexpr std::string_view kYfinance[] = {"beautifulsoup4", "frozendict", "multitasking", "numpy", "pandas",
                                          "peewee",         "platformdirs", "pytz",       "requests"};
constexpr std::string_view kAiohttp[] = {"aiohappyeyeballs", "aiosignal", "attrs", "frozenlist", "multidict",
                                         "propcache", "yarl"};
constexpr std::string_view kDiscordPy[] = {"aiohttp"};
constexpr std::string_view kAiogram[] = {"aiofiles", "aiohttp", "certifi", "magic-filter", "pydantic",
                                         "typing-extensions"};
constexpr std::string_view kAnthropic[] = {"anyio", "distro", "httpx", "jiter", "pydantic", "sniffio",
                                           "typing-extensions"};
constexpr std::string_view kGroq[] = {"anyio", "distro", "httpx", "pydantic", "sniffio", "typing-extensions"};
constexpr std::string_view kTwilio[] = {"requests", "pyjwt", "aiohttp", "aiohttp-retry"};
constexpr std::string_view kPymongo[] = {"dnspython"};
constexpr std::string_view kBeautifulsoup4[] = {"soupsieve", "typing-extensions"};
constexpr std::string_view kMatplotlib[] = {"contourpy", "cycler", "fonttools", "kiwisolver", "numpy", "packaging",
                                            "pillow", "pyparsing", "python-dateutil"};
constexpr std::string_view kScikitLearn[] = {"numpy", "scipy", "joblib", "threadpoolctl"};
constexpr std::string_view kScipy[] = {"numpy"};
constexpr std::string_view kSeaborn[] = {"numpy", "pandas", "matplotlib"};
constexpr std::string_view kTiktoken[] = {"regex", "requests"};
constexpr std::string_view kHuggingfaceHub[] = {"filelock", "fsspec", "packaging", "pyyaml", "requests", "tqdm",
                                                "typing-extensions"};
constexpr std::string_view kFlaskSocketio[] = {"flask", "python-socketio"};
constexpr std::string_view kPythonSocketio[] = {"bidict", "python-engineio"};
constexpr std::string_view kFlaskWtf[] = {"flask", "itsdangerous", "wtforms"};
constexpr std::string_view kFlaskBcrypt[] = {"flask", "bcrypt"};
constexpr std::string_view kFlaskJwtExtended[] = {"werkzeug", "flask", "pyjwt"};
constexpr std::string_view kFlaskCaching[] = {"cachelib", "flask"};
constexpr std::string_view kDjangoRestFramework[] = {"django"};
constexpr std::string_view kDjangoCorsHeaders[] = {"django", "asgiref"};

constexpr Bundle kBundles[] = {
    {"aiogram", kAiogram},
    {"aiohttp", kAiohttp},
    {"alembic", kAlembic},
    {"anthropic", kAnthropic},
    {"anyio", kAnyio},
    {"beautifulsoup4", kBeautifulsoup4},
    {"boto3", kBoto3},
    {"botocore", kBotocore},
    {"discord-py", kDiscordPy},
    {"django", kDjango},
    {"django-cors-headers", kDjangoCorsHeaders},
    {"djangorestframework", kDjangoRestFramework},
    {"fastapi", kFastapi},
    {"firebase-admin", kFirebaseAdmin},
    {"flask", kFlask},
    {"flask-apscheduler", kFlaskApscheduler},
    {"flask-bcrypt", kFlaskBcrypt},
    {"flask-caching", kFlaskCaching},
    {"flask-cors", kFlaskCors},
    {"flask-jwt-extended", kFlaskJwtExtended},
    {"flask-login", kFlaskLogin},
    {"flask-migrate", kFlaskMigrate},
    {"flask-socketio", kFlaskSocketio},
    {"flask-sqlalchemy", kFlaskSqlalchemy},
    {"flask-wtf", kFlaskWtf},
    {"google-api-core", kGoogleApiCore},
    {"google-api-python-client", kGoogleApiPythonClient},
    {"google-auth", kGoogleAuth},
    {"google-auth-oauthlib", kGoogleAuthOauthlib},
    {"google-cloud-firestore", kGoogleCloudFirestore},
    {"google-cloud-storage", kGoogleCloudStorage},
    {"google-genai", kGoogleGenai},
    {"google-generativeai", kGoogleGenerativeai},
    {"groq", kGroq},
    {"gspread", kGspread},
    {"httpcore", kHttpcore},
    {"httpx", kHttpx},
    {"huggingface-hub", kHuggingfaceHub},
    {"jinja2", kJinja2},
    {"langchain", kLangchain},
    {"langchain-core", kLangchainCore},
    {"langchain-openai", kLangchainOpenai},
    {"line-bot-sdk", kLineBotSdk},
    {"matplotlib", kMatplotlib},
    {"openai", kOpenai},
    {"pandas", kPandas},
    {"pydantic", kPydantic},
    {"pymongo", kPymongo},
    {"pytelegrambotapi", kPytelegrambotapi},
    {"python-dateutil", kDateutil},
    {"python-socketio", kPythonSocketio},
    {"python-telegram-bot", kPythonTelegramBot},
    {"requests", kRequests},
    {"requests-oauthlib", kRequestsOauthlib},
    {"scikit-learn", kScikitLearn},
    {"scipy", kScipy},
    {"seaborn", kSeaborn},
    {"slack-bolt", kSlackBolt},
    {"sqlalchemy", kSqlalchemy},
    {"sqlmodel", kSqlmodel},
    {"starlette", kStarlette},
    {"stripe", kStripe},
    {"supabase", kSupabase},
    {"tiktoken", kTiktoken},
    {"tweepy", kTweepy},
    {"twilio", kTwilio},
    {"uvicorn", kUvicorn},
    {"werkzeug", kWerkzeug},
    {"yfinance", kYfinance},
};

struct ExtraBundle {
  std::string_view package;  // normalised
  std::string_view extra;    // normalised
  std::span<const std::string_view> brings;
};

// What popular extras install besides their package (the `extra == "..."` markers of the
// packages' `Requires-Dist` on PyPI, current major versions). Installed packages' own
// dependencies come from kBundles.
constexpr std::string_view kFastapiStandard[] = {"fastapi-cli", "httpx", "jinja2", "python-multipart",
                                                 "email-validator", "uvicorn", "uvloop", "httptools",
                                                 "websockets", "watchfiles", "python-dotenv", "pyyaml"};
constexpr std::string_view kFastapiAll[] = {"fastapi-cli", "httpx", "jinja2", "python-multipart", "itsdangerous",
                                            "pyyaml", "ujson", "orjson", "email-validator", "uvicorn", "uvloop",
                                            "httptools", "websockets", "watchfiles", "python-dotenv",
                                            "pydantic-settings", "pydantic-extra-types"};
constexpr std::string_view kUvicornStandard[] = {"httptools", "python-dotenv", "pyyaml", "uvloop", "watchfiles",
                                                 "websockets"};
constexpr std::string_view kPysocks[] = {"pysocks"};
constexpr std::string_view kEmailValidator[] = {"email-validator"};
constexpr std::string_view kCryptography[] = {"cryptography"};
constexpr std::string_view kBcrypt[] = {"bcrypt"};
constexpr std::string_view kHttpxHttp2[] = {"h2"};
constexpr std::string_view kHttpxSocks[] = {"socksio"};
constexpr std::string_view kAsgiref[] = {"asgiref"};
constexpr std::string_view kDotenv[] = {"python-dotenv"};
constexpr std::string_view kPillow[] = {"pillow"};
constexpr std::string_view kPsycopgBinary[] = {"psycopg-binary"};
constexpr std::string_view kPsycopgPool[] = {"psycopg-pool"};
constexpr std::string_view kAsyncpg[] = {"asyncpg", "greenlet"};
constexpr std::string_view kSocketioClient[] = {"requests", "websocket-client"};
constexpr std::string_view kLangchainOpenaiExtra[] = {"langchain-openai"};
constexpr std::string_view kLangchainAnthropic[] = {"langchain-anthropic"};

constexpr ExtraBundle kExtras[] = {
    {"fastapi", "all", kFastapiAll},
    {"fastapi", "standard", kFastapiStandard},
    {"flask", "async", kAsgiref},
    {"flask", "dotenv", kDotenv},
    {"httpx", "http2", kHttpxHttp2},
    {"httpx", "socks", kHttpxSocks},
    {"langchain", "anthropic", kLangchainAnthropic},
    {"langchain", "openai", kLangchainOpenaiExtra},
    {"passlib", "bcrypt", kBcrypt},
    {"psycopg", "binary", kPsycopgBinary},
    {"psycopg", "pool", kPsycopgPool},
    {"pydantic", "email", kEmailValidator},
    {"pyjwt", "crypto", kCryptography},
    {"python-jose", "cryptography", kCryptography},
    {"python-socketio", "client", kSocketioClient},
    {"qrcode", "pil", kPillow},
    {"requests", "socks", kPysocks},
    {"sqlalchemy", "postgresql-asyncpg", kAsyncpg},
    {"uvicorn", "standard", kUvicornStandard},
};

// The entry for the longest package of `module` the table knows ("google.oauth2" for
// google.oauth2.service_account), or null.
const ImportName* KnownImportName(std::string_view module) {
  const ImportName* best = nullptr;
  for (const ImportName& entry : kImportNames) {
    bool covers = module == entry.module || (module.starts_with(entry.module) && module[entry.module.size()] == '.');
    if (covers && (best == nullptr || entry.module.size() > best->module.size())) best = &entry;
  }
  return best;
}

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

std::string ImportedDistributionName(std::string_view module) {
  if (const ImportName* entry = KnownImportName(module)) return std::string(entry->module);
  return std::string(module.substr(0, module.find('.')));
}

std::vector<std::string> PackagesProviding(std::string_view name) {
  std::vector<std::string> packages;
  const ImportName* entry = KnownImportName(name);
  for (std::string_view list = entry ? entry->packages : std::string_view(); !list.empty();) {
    size_t comma = list.find(',');
    packages.push_back(NormalizePackageName(list.substr(0, comma)));
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
  }
  std::string own = NormalizePackageName(name.substr(0, name.find('.')));
  if (std::find(packages.begin(), packages.end(), own) == packages.end()) packages.push_back(own);
  return packages;
}

bool KnowsImportName(std::string_view name) { return KnownImportName(name) != nullptr; }

bool MayProvide(std::string_view package, std::string_view name) {
  auto letters = [](std::string_view text) {
    std::string out;
    for (char c : text) {
      if (c != '-' && c != '_' && c != '.') out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return out;
  };
  const std::string wanted = letters(name);
  return wanted.size() >= 4 && letters(package).find(wanted) != std::string::npos;
}

std::string SuggestedPackage(std::string_view name) {
  if (const ImportName* entry = KnownImportName(name)) {
    return std::string(entry->packages.substr(0, entry->packages.find(',')));
  }
  std::string package(name.substr(0, name.find('.')));
  std::replace(package.begin(), package.end(), '_', '-');
  return package;
}

std::vector<std::string> InstalledWithExtra(std::string_view package, std::string_view extra) {
  std::vector<std::string> installed;
  for (const ExtraBundle& bundle : kExtras) {
    if (bundle.package == package && bundle.extra == extra) installed.assign(bundle.brings.begin(), bundle.brings.end());
  }
  // An extra is usually named after what it installs (`promplate[openai]`, `celery[redis]`).
  installed.emplace_back(extra);
  return installed;
}

std::span<const std::string_view> InstalledWith(std::string_view package) {
  for (const Bundle& bundle : kBundles) {
    if (bundle.package == package) return bundle.brings;
  }
  return {};
}

}  // namespace faaslint::project
