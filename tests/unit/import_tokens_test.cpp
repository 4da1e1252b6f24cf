// python/import_tokens.h: the deployment graph's import scan read from tokens must find
// what the syntax-tree scan finds, and leave to the tree what it cannot be sure of.
#include "python/import_tokens.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <tree_sitter/api.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "python/parser.h"

namespace faaslint::python {
namespace {

std::string Describe(const ImportScan& scan) {
  std::string text = scan.binds_entry_name ? "entry\n" : "";
  for (const ImportRef& ref : scan.imports) {
    text += fmt::format("{}{}:", std::string(ref.level, '.'), ref.module);
    for (const std::string& name : ref.names) text += " " + name;
    text += "\n";
  }
  for (const PathAddition& path : scan.path_additions) {
    text += fmt::format("path {} {}\n", path.from_file_folder ? "file" : "cwd", path.relative);
  }
  return text;
}

std::string ByTokens(std::string_view source) {
  std::optional<ImportScan> scan = ScanImportsByTokens(source);
  return scan ? Describe(*scan) : "(left to the tree)";
}

std::string ByTree(std::string_view source) {
  Parser parser;
  return Describe(ScanImportsByTree(parser, source));
}

TEST(ImportTokens, ReadsImportsAsTheTreeDoes) {
  const char* source =
      "import os, a.b as c\n"
      "from . import x\n"
      "from ..pkg.mod import (y,  # a comment\n"
      "    z as w,\n"
      ")\n"
      "from __future__ import annotations\n"
      "from m import *\n"
      "def f(x: int = 1) -> dict[str, int]:\n"
      "    import inner; from .sib import s\n"
      "    if x: import inline\n"
      "    return {'a': 1}\n"
      "s = '''import not_this\n"
      "from neither import x'''\n"
      "t = r\"\\\"import no\" \\\n"
      "    \"more\"\n"
      "match command:\n"
      "    case {'go': 1}:\n"
      "        import in_case\n"
      "\f\n"
      "print(sys.path)  # a mention of sys.path, not a shim\n"
      "for k in sorted(d, key=lambda k: k[0]):\n"
      "    import in_loop\n";
  EXPECT_EQ(ByTokens(source), ByTree(source));
  EXPECT_EQ(ByTokens(source),
            "os:\na.b:\n.: x\n..pkg.mod: y z\nm:\ninner:\n.sib: s\ninline:\nin_case:\nin_loop:\n");
}

TEST(ImportTokens, SkipsTheMainGuardButNotItsElse) {
  const char* source =
      "import always\n"
      "if __name__ == '__main__':\n"
      "    import script_only\n"
      "    app = 1\n"
      "    if True:\n"
      "        import deeper_script_only\n"
      "elif x:\n"
      "    import from_elif\n"
      "else:\n"
      "    import from_else\n"
      "if ( \"__main__\" == __name__ ): import inline_script_only\n"
      "import after\n";
  EXPECT_EQ(ByTokens(source), ByTree(source));
  EXPECT_EQ(ByTokens(source), "always:\nfrom_elif:\nfrom_else:\nafter:\n");
}

// Vercel loads `app`, `application` or `handler` from an entry file: bound at the top
// level (in an `if` or `try` too), not inside a function or class.
TEST(ImportTokens, FindsTopLevelEntryNames) {
  for (const char* source : {"app = Flask(__name__)\n", "app: Flask = Flask(__name__)\n", "x = application = make()\n",
                             "from main import app\n", "from main import server as handler\n", "import srv as app\n",
                             "class handler(BaseHTTPRequestHandler):\n    pass\n", "@wrap\ndef app(environ, start):\n    pass\n",
                             "try:\n    app = make()\nexcept ImportError:\n    raise\n"}) {
    EXPECT_EQ(ByTokens(source), ByTree(source)) << source;
    EXPECT_TRUE(ByTokens(source).starts_with("entry\n")) << source;
  }
  for (const char* source : {"def make():\n    app = Flask(__name__)\n", "class C:\n    app = 1\n",
                             "app == 1\n", "app += 1\n", "f(app=1)\n", "apps = 1\n", "a, app = 1, 2\n",
                             "if __name__ == '__main__':\n    app = 1\n", "x = lambda app=1: app\n"}) {
    EXPECT_EQ(ByTokens(source), ByTree(source)) << source;
    EXPECT_FALSE(ByTokens(source).starts_with("entry\n")) << source;
  }
}

// What the tokens cannot settle is left to the tree, which still answers.
TEST(ImportTokens, LeavesUnsureFilesToTheTree) {
  using namespace std::literals;
  for (std::string_view source : {"import sys\nsys.path.insert(0, os.path.dirname(__file__))\n"sv,
                                  "if x:\n\timport tabbed\n"sv, "s = 'unclosed\nimport x\n"sv, "f(\nimport x\n"sv,
                                  "import a\n  import b\n"sv, "if x:\nimport y\n"sv, "if lambda: 1:\n    pass\n"sv,
                                  "case: int = 1\n"sv, "import a\0\n"sv,
                                  // Syntax errors tree-sitter repairs across the line end (found by the fuzzer).
                                  "import \n\nx\n"sv, "import a,\nb\n"sv, "from m import a,\nb\n"sv,
                                  // Whitespace to tree-sitter, not to Python (found by the fuzzer):
                                  // a vertical tab, a no-break space, an ideographic space.
                                  "import a\n\vimport b\n"sv, "import\u00a0b\n"sv, "x\u3000= 1\nimport c\n"sv}) {
    EXPECT_EQ(ByTokens(source), "(left to the tree)") << source;
  }
  EXPECT_EQ(ByTree("import sys\nsys.path.insert(0, 'src')\nimport x\n"), "sys:\nx:\npath cwd src\n");
  EXPECT_EQ(ByTree("import \n\nx\n"), "x:\n");  // what tree-sitter makes of it
  EXPECT_EQ(ByTokens("from m import (a,\n b,)\n"), "m: a b\n");  // a trailing comma in parentheses is fine
}

// Every file of the Python standard library that parses without an error scans the
// same both ways (most of them by tokens: the check is not vacuous).
TEST(ImportTokens, AgreesWithTheTreeOnTheStandardLibrary) {
  const std::filesystem::path stdlib = "/usr/lib/python3.11";
  if (!std::filesystem::is_directory(stdlib)) GTEST_SKIP() << "no " << stdlib;
  Parser parser;
  size_t compared = 0, by_tokens = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(stdlib)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".py") continue;
    if (entry.path().string().find("-packages") != std::string::npos) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    std::string source = buffer.str();
    TreePtr tree = parser.Parse(source);
    if (!tree || ts_node_has_error(ts_tree_root_node(tree.get()))) continue;
    ++compared;
    std::optional<ImportScan> tokens = ScanImportsByTokens(source);
    if (!tokens) continue;
    ++by_tokens;
    ASSERT_EQ(Describe(*tokens), Describe(ScanImportsByTree(parser, source))) << entry.path();
  }
  EXPECT_GT(compared, 500u);
  EXPECT_GT(by_tokens * 10, compared * 9) << by_tokens << " of " << compared << " read by tokens";
  std::cout << by_tokens << " of " << compared << " files read by tokens\n";
}

}  // namespace
}  // namespace faaslint::python
