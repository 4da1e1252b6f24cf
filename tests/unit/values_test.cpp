// Constant evaluation (python/values.h) and request paths (python/request_path.h) on
// real parsed Python: what rules FL201-FL205 and FL301-FL303 build on.
#include <gtest/gtest.h>

#include <map>

#include "python/module.h"
#include "python/parser.h"
#include "python/request_path.h"
#include "python/values.h"

namespace faaslint::python {
namespace {

std::unique_ptr<Module> Parse(const std::string& source) {
  Parser parser;
  return ParseModule(parser, "app.py", source);
}

// The first argument of the last call to `callee` in `source`, evaluated as a path.
PathValue PathOfArgument(const std::string& source, const std::string& callee) {
  std::unique_ptr<Module> module = Parse(source);
  Values values(*module);
  const Call* found = nullptr;
  for (const Call& call : module->calls()) {
    if (call.callee == callee) found = &call;
  }
  EXPECT_NE(found, nullptr) << "no call to " << callee;
  if (!found || !found->Positional(0)) return {};
  return values.Path(found->Positional(0)->value, found->function);
}

std::optional<StringValue> StringOfArgument(const std::string& source, const std::string& callee) {
  std::unique_ptr<Module> module = Parse(source);
  Values values(*module);
  for (const Call& call : module->calls()) {
    if (call.callee == callee && call.Positional(0)) return values.String(call.Positional(0)->value, call.function);
  }
  ADD_FAILURE() << "no call to " << callee;
  return std::nullopt;
}

TEST(ValuesClassifyPathText, SortsLiteralPathsByWhereTheyPoint) {
  EXPECT_EQ(ClassifyPathText("/tmp", false), PathKind::kTemp);
  EXPECT_EQ(ClassifyPathText("/tmp/cache/x.json", false), PathKind::kTemp);
  EXPECT_EQ(ClassifyPathText("/tmpdata/x", false), PathKind::kAbsolute);
  EXPECT_EQ(ClassifyPathText("/var/data/app.db", false), PathKind::kAbsolute);
  EXPECT_EQ(ClassifyPathText("/dev/stdout", false), PathKind::kDevice);
  EXPECT_EQ(ClassifyPathText("data.json", false), PathKind::kRelative);
  EXPECT_EQ(ClassifyPathText("./static/uploads", false), PathKind::kRelative);
  EXPECT_EQ(ClassifyPathText("~/.app/x.db", false), PathKind::kHome);
  EXPECT_EQ(ClassifyPathText("s3://bucket/key", false), PathKind::kUnknown);
  EXPECT_EQ(ClassifyPathText(":memory:", false), PathKind::kUnknown);
  EXPECT_EQ(ClassifyPathText("", false), PathKind::kUnknown);
}

TEST(ValuesClassifyPathText, DecidesPrefixesOnlyWhenTheStartSettlesIt) {
  EXPECT_EQ(ClassifyPathText("/", true), PathKind::kUnknown);      // f"/{folder}/x"
  EXPECT_EQ(ClassifyPathText("/tmp", true), PathKind::kUnknown);   // f"/tmp{suffix}"
  EXPECT_EQ(ClassifyPathText("/tmp/", true), PathKind::kTemp);
  EXPECT_EQ(ClassifyPathText("/data/", true), PathKind::kAbsolute);
  EXPECT_EQ(ClassifyPathText("reports/", true), PathKind::kRelative);
}

TEST(ValuesPath, ParentShowsTheFolderItNames) {
  constexpr const char* kData = "from pathlib import Path\nDATA = Path(__file__).parent / 'data'\n";
  EXPECT_EQ(PathOfArgument(std::string(kData) + "open((DATA / 'sub' / 'x.txt').parent)\n", "open").shown,
            "<source folder>/data/sub");
  EXPECT_EQ(PathOfArgument(std::string(kData) + "open((DATA / name).parent)\n", "open").shown, "<source folder>/data");
  EXPECT_EQ(PathOfArgument("from pathlib import Path\nopen(Path('/data').parent)\n", "open").shown, "/");
}

TEST(ValuesPath, FollowsConstantsJoinsAndPathlib) {
  PathValue joined = PathOfArgument("import os\nBASE = 'uploads'\nopen(os.path.join(BASE, name), 'w')\n", "open");
  EXPECT_EQ(joined.kind, PathKind::kRelative);
  EXPECT_EQ(joined.shown, "uploads/…");

  EXPECT_EQ(PathOfArgument("from pathlib import Path\nopen(Path(__file__).parent / 'x.json')\n", "open").kind,
            PathKind::kSourceTree);
  PathValue home = PathOfArgument("import pathlib as pl\nopen(pl.Path('~/.app/x.db').expanduser())\n", "open");
  EXPECT_EQ(home.kind, PathKind::kHome);
  EXPECT_TRUE(home.path_object);
  EXPECT_EQ(PathOfArgument("import os, tempfile\nopen(os.path.join(tempfile.gettempdir(), 'a'))\n", "open").kind,
            PathKind::kTemp);
  // A later absolute part replaces what came before, as os.path.join does.
  EXPECT_EQ(PathOfArgument("import os\nopen(os.path.join('data', '/tmp/x'))\n", "open").kind, PathKind::kTemp);
  EXPECT_EQ(PathOfArgument("open(f'/tmp/{name}.json')\n", "open").kind, PathKind::kTemp);
  EXPECT_EQ(PathOfArgument("open(f'{root}/x.json')\n", "open").kind, PathKind::kUnknown);
}

TEST(ValuesPath, FormatStringsAreKnownOnlyUpToTheirFirstPlaceholder) {
  EXPECT_EQ(PathOfArgument("open('%s.py' % name)\n", "open").kind, PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("open('out/%s.py' % name)\n", "open").kind, PathKind::kRelative);
  EXPECT_EQ(PathOfArgument("open('{}/x'.format(root))\n", "open").kind, PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("open('/tmp/{}'.format(name))\n", "open").kind, PathKind::kTemp);
}

TEST(ValuesPath, NamesBoundToDifferentPlacesAreUnknown) {
  EXPECT_EQ(PathOfArgument("D = '/tmp/x'\nif on_vercel():\n    D = 'data'\nopen(D)\n", "open").kind,
            PathKind::kUnknown);
  // A binding that never runs on the platform does not count.
  EXPECT_EQ(PathOfArgument("D = '/tmp/x'\nif __name__ == '__main__':\n    D = 'data'\nopen(D)\n", "open").kind,
            PathKind::kTemp);
  // A parameter shadows the module's name.
  EXPECT_EQ(PathOfArgument("D = 'data'\ndef f(D):\n    open(D, 'w')\n", "open").kind, PathKind::kUnknown);
  // `global` makes the function read the module's name.
  EXPECT_EQ(PathOfArgument("D = 'data'\ndef f():\n    global D\n    open(D, 'w')\n", "open").kind,
            PathKind::kRelative);
  // A cycle gives up instead of looping.
  EXPECT_EQ(PathOfArgument("D = D + '/x'\nopen(D)\n", "open").kind, PathKind::kUnknown);
}

TEST(ValuesPath, TheWalrusOperatorBindsLikeAnAssignment) {
  EXPECT_EQ(PathOfArgument("if (folder := 'uploads'):\n    open(folder, 'w')\n", "open").kind, PathKind::kRelative);
  // Also a second binding of the name, inside a function, in a comprehension.
  EXPECT_EQ(PathOfArgument("D = '/tmp/x'\ndef f():\n    [(D := 'data') for _ in 'ab']\n    open(D, 'w')\n", "open")
                .kind,
            PathKind::kRelative);
  EXPECT_EQ(PathOfArgument("D = '/tmp/x'\nif (D := pick()):\n    pass\nopen(D, 'w')\n", "open").kind,
            PathKind::kUnknown);
}

TEST(ValuesPath, AParameterGivenItsDefaultInTheFunctionHoldsTheDefault) {
  // `if not p: p = X`, `if p is None:` (also within and/or) and `p = p or X`, when no call
  // of the module passes p: while p is None, open(p) writes nothing.
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    if not p:\n        p = 'data.json'\n    open(p, 'w')\n", "open").kind,
            PathKind::kRelative);
  EXPECT_EQ(PathOfArgument("def f(p=None, q=None):\n    if p is None or q:\n        if q:\n            p = 'a/x'\n"
                           "        else:\n            p = 'b/y'\n    open(p, 'w')\n",
                           "open")
                .kind,
            PathKind::kRelative);
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    p = p or '/tmp/x'\n    open(p, 'w')\n", "open").kind, PathKind::kTemp);
  // Read in a nested function: the parameter of the function that binds it.
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    p = p or 'x'\n    def g():\n        open(p, 'w')\n", "open").kind,
            PathKind::kRelative);
  // Defaults that disagree, a call that passes p, another binding, another parameter's
  // test, a default that is not None: unknown.
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    if not p:\n        p = 'x'\n    p = p or '/tmp/y'\n    open(p, 'w')\n",
                           "open")
                .kind,
            PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    p = p or 'x'\n    open(p, 'w')\nf('/tmp/y')\n", "open").kind,
            PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("def f(p=None):\n    p = p or 'x'\n    for p in q:\n        open(p, 'w')\n", "open").kind,
            PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("def f(p=None, q=None):\n    if not q:\n        p = 'x'\n    open(p, 'w')\n", "open").kind,
            PathKind::kUnknown);
  EXPECT_EQ(PathOfArgument("def f(p=''):\n    if not p:\n        p = 'x'\n    open(p, 'w')\n", "open").kind,
            PathKind::kUnknown);
}

TEST(ValuesTestsUnset, KnowsNotIsNoneAndEitherInAndOr) {
  std::unique_ptr<Module> module =
      Parse("if not a: pass\nif b is None: pass\nif c == None and x: pass\nif d is not None: pass\nif e: pass\n");
  std::vector<std::string> unset;
  for (const IfTest& test : module->if_tests()) {
    for (const char* name : {"a", "b", "c", "d", "e", "x"}) {
      if (TestsUnset(test.condition, name)) unset.emplace_back(name);
    }
  }
  EXPECT_EQ(unset, (std::vector<std::string>{"a", "b", "c"}));
}

TEST(ValuesPath, ReadsBackAConfigKeySetOnce) {
  EXPECT_EQ(PathOfArgument("app.config['UPLOAD_FOLDER'] = 'static/uploads'\nopen(app.config['UPLOAD_FOLDER'])\n",
                           "open")
                .kind,
            PathKind::kRelative);
  EXPECT_EQ(PathOfArgument("app.config['U'] = '/tmp/u'\napp.config['U'] = 'u'\nopen(app.config['U'])\n", "open").kind,
            PathKind::kUnknown);
}

TEST(ValuesString, KnowsConstantsConcatenationsAndPrefixes) {
  std::optional<StringValue> joined = StringOfArgument("A = 'sqlite:///'\nB = 'app.db'\nf(A + B)\n", "f");
  ASSERT_TRUE(joined);
  EXPECT_EQ(joined->text, "sqlite:///app.db");
  EXPECT_FALSE(joined->prefix_only);

  std::optional<StringValue> fstring = StringOfArgument("f(f'sqlite:///{path}')\n", "f");
  ASSERT_TRUE(fstring);
  EXPECT_EQ(fstring->text, "sqlite:///");
  EXPECT_TRUE(fstring->prefix_only);

  std::optional<StringValue> partial = StringOfArgument("f('memory://' + suffix)\n", "f");
  ASSERT_TRUE(partial);
  EXPECT_TRUE(partial->prefix_only);

  EXPECT_FALSE(StringOfArgument("import os\nf(os.environ.get('URL', 'sqlite:///x.db'))\n", "f"));
  EXPECT_FALSE(StringOfArgument("f(url or 'memory://')\n", "f"));
}

// A SQLite URI's parameters come last: `f"file:{path}?mode=ro"` is read-only whatever the
// path is, so the end of a string is kept when the model sees it (FL202).
TEST(ValuesString, KnowsTheEndOfAStringWhoseMiddleIsUnknown) {
  auto end_of = [](const std::string& source) {
    std::optional<StringValue> value = StringOfArgument(source, "f");
    EXPECT_TRUE(value && value->prefix_only) << source;
    return value ? value->text + "|" + value->known_end : "unknown";
  };
  EXPECT_EQ(end_of("f(f'file:{path}?mode=ro')\n"), "file:|?mode=ro");
  EXPECT_EQ(end_of("f(f'file:{a}/{b}.db?immutable=1')\n"), "file:|.db?immutable=1");
  EXPECT_EQ(end_of("f('file:' + path + '?mode=ro')\n"), "file:|?mode=ro");
  EXPECT_EQ(end_of("END = '?mode=ro'\nf('file:' + path + END)\n"), "file:|?mode=ro");
  EXPECT_EQ(end_of("f('file:' + path + f'?mode={mode}')\n"), "file:|");
  EXPECT_EQ(end_of("f('file:{}?mode=ro'.format(path))\n"), "file:|?mode=ro");
  // Nothing known after the last unknown part: no end.
  EXPECT_EQ(end_of("f(f'file:{path}')\n"), "file:|");
  EXPECT_EQ(end_of("f('file:' + path)\n"), "file:|");
  EXPECT_EQ(end_of("f(f'file:{path}?mode=ro' + suffix)\n"), "file:|");
}

TEST(ValuesPath, ShowsAnUnknownPartAsAnEllipsisNeverAsNothing) {
  EXPECT_EQ(PathOfArgument("open('data/' + name + '.db')\n", "open").shown, "data/….db");
  EXPECT_EQ(PathOfArgument("open('data/' + NAME + '.db')\nNAME = 'users'\n", "open").shown, "data/users.db");
  EXPECT_EQ(PathOfArgument("from pathlib import Path\nopen(Path('data') / name / 'x.db')\n", "open").shown,
            "data/…/x.db");
  EXPECT_EQ(PathOfArgument("open(f'data/{name}.db')\n", "open").shown, "data/….db");
}

TEST(ValuesKeyedValues, FindsSettingsInSubscriptsDictsKeywordsAndClassBodies) {
  std::unique_ptr<Module> module = Parse(
      "app.config['CACHE_TYPE'] = 'a'\n"
      "Cache(config={'CACHE_TYPE': 'b'})\n"
      "app.config.update(CACHE_TYPE='c')\n"
      "class Config:\n    CACHE_TYPE = 'd'\n"
      "CACHE_TYPE = 'e'\n"
      "def f():\n    CACHE_TYPE = 'local'\n");
  Values values(*module);
  std::vector<std::string> found;
  for (const KeyedValue& keyed : values.KeyedValues("CACHE_TYPE")) {
    found.push_back(keyed.value->str + (keyed.module_name ? "!" : ""));
  }
  std::sort(found.begin(), found.end());
  EXPECT_EQ(found, (std::vector<std::string>{"a", "b", "c", "d", "e!"}));
}

// Rules report the first value a key is given, so the order is part of the answer: the
// assignments in module order, then the calls' arguments; and each key only its own.
TEST(ValuesKeyedValues, KeepsAssignmentsThenArgumentsInModuleOrderPerKey) {
  std::unique_ptr<Module> module = Parse(
      "Cache(config={'CACHE_TYPE': 'b1', 'OTHER': 'x', 'nested': {'CACHE_TYPE': 'b2'}})\n"
      "app.config['CACHE_TYPE'] = 'a1'\n"
      "app.config.update(CACHE_TYPE='c')\n"
      "app.config['CACHE_TYPE'] = 'a2'\n"
      "settings = [{'CACHE_TYPE': 'a3'}]\n");
  Values values(*module);
  auto strings = [&](std::string_view key) {
    std::vector<std::string> found;
    for (const KeyedValue& keyed : values.KeyedValues(key)) found.push_back(keyed.value->str);
    return found;
  };
  EXPECT_EQ(strings("CACHE_TYPE"), (std::vector<std::string>{"a1", "a2", "a3", "b1", "b2", "c"}));
  EXPECT_EQ(strings("OTHER"), (std::vector<std::string>{"x"}));
  EXPECT_TRUE(strings("CACHE").empty());
  EXPECT_TRUE(strings("").empty());  // positional arguments have no key
}

// A class attribute is not a module name: assignments in class bodies (nested ones, and
// classes inside functions) are told from those around and between them.
TEST(ValuesInClassBody, TellsClassAttributesFromNamesAroundThem) {
  std::unique_ptr<Module> module = Parse(R"py(before = 1
class A:
    a = 1
    class B:
        b = 1
    a2 = 1
between = 1
def f():
    local = 1
    class C:
        c = 1
    local2 = 1
class D:
    d = 1
after = 1
)py");
  Values values(*module);
  std::map<std::string, bool> in_class;
  for (const Assignment& assignment : module->assignments()) {
    in_class[std::string(assignment.target.text)] = values.InClassBody(assignment);
  }
  EXPECT_EQ(in_class, (std::map<std::string, bool>{{"before", false}, {"a", true}, {"b", true}, {"a2", true},
                                                   {"between", false}, {"local", false}, {"c", true},
                                                   {"local2", false}, {"d", true}, {"after", false}}));
}

TEST(RequestPath, IncludesHandlersHooksAndWhatTheyCall) {
  std::unique_ptr<Module> module = Parse(
      "@app.route('/')\n"
      "def index():\n    return helper()\n"
      "def helper():\n    return deeper()\n"
      "def deeper():\n    return 1\n"
      "@app.before_request\n"
      "def open_db():\n    pass\n"
      "def script():\n    return deeper()\n"
      "def lambda_handler(event, context):\n    return 1\n");
  std::vector<bool> on_path = RequestPathFunctions(*module);
  auto reached = [&](const char* name) { return static_cast<bool>(on_path[module->FindFunction(name)]); };
  EXPECT_TRUE(reached("index"));
  EXPECT_TRUE(reached("helper"));
  EXPECT_TRUE(reached("deeper"));
  EXPECT_TRUE(reached("open_db"));
  EXPECT_FALSE(reached("script"));
  EXPECT_TRUE(reached("lambda_handler"));
}

// The functions a request reaches only inside a call that runs a new event loop: the
// request path, and the same path without those calls.
std::vector<std::string> OnlyOnNewLoops(const std::string& source) {
  std::unique_ptr<Module> module = Parse(source);
  Values values(*module);
  std::vector<bool> all = RequestPathFunctions(*module);
  std::vector<bool> outside =
      RequestPathFunctions(*module, {}, [&](const Call& call) { return !InsideNewEventLoop(values, call); });
  std::vector<std::string> names;
  for (size_t i = 0; i < all.size(); ++i) {
    if (all[i] && !outside[i]) names.push_back(module->functions()[i].name);
  }
  return names;
}

TEST(RequestPath, TellsCoroutinesRunOnALoopOfTheirOwn) {
  const std::string handler = "class handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n";
  EXPECT_EQ(OnlyOnNewLoops(handler + "        asyncio.run(main())\n"
                                     "async def main():\n    await helper()\n"
                                     "async def helper():\n    pass\n"),
            (std::vector<std::string>{"main", "helper"}));
  EXPECT_EQ(OnlyOnNewLoops(handler + "        asyncio.run(asyncio.wait_for(main(), 5))\n"
                                     "        loop = asyncio.new_event_loop()\n"
                                     "        loop.run_until_complete(other())\n"
                                     "        with asyncio.Runner() as runner:\n            runner.run(third())\n"
                                     "async def main():\n    pass\nasync def other():\n    pass\n"
                                     "async def third():\n    pass\n"),
            (std::vector<std::string>{"main", "other", "third"}));
  // A loop that outlives the call (the module's, the thread's current one), a coroutine
  // made outside the call, one also reached another way: not only on a new loop.
  EXPECT_EQ(OnlyOnNewLoops("import asyncio\nLOOP = asyncio.new_event_loop()\n" + handler +
                           "        LOOP.run_until_complete(main())\n"
                           "        asyncio.get_event_loop().run_until_complete(main())\n"
                           "        coro = other()\n        asyncio.run(coro)\n"
                           "        asyncio.run(third())\n        third()\n"
                           "async def main():\n    pass\nasync def other():\n    pass\nasync def third():\n    pass\n"),
            std::vector<std::string>{});
}

}  // namespace
}  // namespace faaslint::python
