// The bad-input matrix: files and folders a hostile or broken pull request can hold.
// Each case gets a clear note or error, or its findings, the right exit status, and
// nothing else: no crash, no hang (every run is under `timeout`), nothing outside the
// project read.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "ci_log.h"
#include "support/test_support.h"

namespace faaslint {
namespace {

namespace fs = std::filesystem;
using testing::CommandResult;
using testing::TempDir;

constexpr const char* kThreadStart = "threading.Thread(target=print).start()\n";
constexpr const char* kThreadAtImport = "import threading\nthreading.Thread(target=print).start()\n";

// faaslint under `timeout`: a hang fails the test instead of the test run.
CommandResult RunBounded(const std::vector<std::string>& args, const std::string& cwd, int seconds = 120) {
  std::vector<std::string> argv{"timeout", "--kill-after=5", std::to_string(seconds), FAASLINT_BINARY};
  argv.insert(argv.end(), args.begin(), args.end());
  CommandResult result = testing::Run(argv, cwd);
  EXPECT_NE(result.exit_code, 124) << "timed out: faaslint " << ::testing::PrintToString(args);
  EXPECT_LT(result.exit_code, 128) << "killed by a signal";
  return result;
}

CommandResult CheckAll(const TempDir& dir) { return RunBounded({"--all", "--color", "never"}, dir.path()); }

// python3's own compiler on every .py file of `dir`: one line per file it refuses,
// "NAME.py ErrorType LINE: message".
CommandResult CompileWithPython(const TempDir& dir) {
  return testing::Run({"python3", "-c",
                       "import glob\n"
                       "for name in sorted(glob.glob('*.py')):\n"
                       "    try: compile(open(name, 'rb').read(), name, 'exec')\n"
                       "    except SyntaxError as e: print(f'{name} {type(e).__name__} {e.lineno}: {e.msg}')\n"},
                      dir.path());
}

size_t Count(std::string_view text, std::string_view what) {
  size_t count = 0;
  for (size_t at = text.find(what); at != std::string_view::npos; at = text.find(what, at + 1)) ++count;
  return count;
}

TEST(BadInput, BinaryFileNamedPyIsANoteAndExitsZero) {
  TempDir dir;
  dir.Write("blob.py", std::string("\x7f" "ELF\x02\x01\x01\0\0\0", 10));
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.err, "faaslint: blob.py: skipped: binary file (NUL byte on line 1)\n");
  EXPECT_EQ(result.out, "All checks passed (0 files checked).\n");
}

TEST(BadInput, InvalidUtf8AndNulBytesNameTheLineAndTheRestIsChecked) {
  TempDir dir;
  dir.Write("latin1.py", "x = 1\nname = 'caf\xe9'\n");
  dir.Write("legacy.py", "# -*- coding: latin-1 -*-\nname = 'caf\xe9'\n");  // valid Python, not UTF-8
  dir.Write("says_utf8.py", "# coding: utf-8\nname = 'caf\xe9'\n");       // broken in any reader
  dir.Write("nul.py", std::string("x = 1\ny = 2\nz = '\0'\n", 18));
  dir.Write("app.py", kThreadAtImport);
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err,
            "faaslint: latin1.py: skipped: not UTF-8 text (invalid byte on line 2)\n"
            "faaslint: legacy.py: skipped: not UTF-8 text (invalid byte on line 2; faaslint reads UTF-8 only, "
            "not the encoding the file declares)\n"
            "faaslint: nul.py: skipped: binary file (NUL byte on line 3)\n"
            "faaslint: says_utf8.py: skipped: not UTF-8 text (invalid byte on line 2)\n");
  EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
  EXPECT_NE(result.out.find("(1 error) in 1 file checked"), std::string::npos) << result.out;
}

TEST(BadInput, ByteOrderMarkIsNotAColumn) {
  TempDir dir;
  // `threading.Thread` starts at column 19 as an editor shows it; the mark is invisible.
  dir.Write("app.py", "\xEF\xBB\xBFimport threading; threading.Thread(target=print).start()\n");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.out.starts_with("app.py:1:19: FL101 ")) << result.out;
  EXPECT_EQ(result.err, "");
}

TEST(BadInput, CrlfLineEndingsKeepLinesAndPrintNoCarriageReturn) {
  TempDir dir;
  dir.Write("app.py", "import threading\r\n\r\nthreading.Thread(target=print).start()\r\n");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_TRUE(result.out.starts_with("app.py:3:1: FL101 ")) << result.out;
  EXPECT_EQ(result.out.find('\r'), std::string::npos);
}

TEST(BadInput, EmptyFilesPass) {
  TempDir dir;
  dir.Write("empty.py", "");
  dir.Write("newline.py", "\n");
  dir.Write("bom.py", "\xEF\xBB\xBF");
  dir.Write("pkg/__init__.py", "");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 0) << result.err;
  EXPECT_EQ(result.out, "All checks passed (4 files checked).\n");
  EXPECT_EQ(result.err, "");
}

TEST(BadInput, FileOverTheSizeLimitIsANoteAndTheRestIsChecked) {
  TempDir dir;
  std::string huge = kThreadAtImport;
  const std::string line = "x = 1  # " + std::string(60, 'a') + "\n";
  while (huge.size() < (50u << 20)) huge += line;
  dir.Write("generated.py", huge);
  dir.Write("app.py", kThreadAtImport);
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.err, "faaslint: generated.py: skipped: " + std::to_string(huge.size()) +
                            " bytes is over the 16 MiB limit for a Python file\n");
  EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos);
  EXPECT_EQ(result.out.find("generated.py"), std::string::npos);
}

// 10,000 levels of brackets and calls: tree-sitter copes, the module walk stops at its
// depth cap, and what comes after the nesting is still checked.
TEST(BadInput, TenThousandDeepExpressionsAreCheckedAroundTheNesting) {
  const int kDepth = 10000;
  const std::pair<std::string, std::string> kNestings[] = {
      {"(", ")"}, {"[", "]"}, {"{1: ", "}"}, {"f(", ")"}, {"not (", ")"}};
  TempDir dir;
  int index = 0;
  for (const auto& [open, close] : kNestings) {
    std::string source = "import threading\nx = ";
    for (int i = 0; i < kDepth; ++i) source += open;
    source += "1";
    for (int i = 0; i < kDepth; ++i) source += close;
    dir.Write("nest" + std::to_string(index++) + ".py", source + "\n" + kThreadStart);
  }
  std::string lambdas = "import threading\nx = ";
  for (int i = 0; i < kDepth; ++i) lambdas += "lambda: ";
  dir.Write("lambdas.py", lambdas + "1\n" + kThreadStart);
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  for (int i = 0; i < index; ++i) {
    EXPECT_NE(result.out.find("nest" + std::to_string(i) + ".py:3:1: FL101"), std::string::npos) << i;
  }
  EXPECT_NE(result.out.find("lambdas.py:3:1: FL101"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

// 70,000 unclosed brackets crash tree-sitter 0.20's error recovery (found by fuzzing): such
// a file is a note, like one over the size limit, and the rest is checked.
TEST(BadInput, UnclosedBracketFloodIsANoteAndTheRestIsChecked) {
  TempDir dir;
  dir.Write("flood.py", "import threading\nx = " + std::string(70000, '('));
  dir.Write("calls.py", "x = " + std::string(70000, '[') + "\n");
  dir.Write("app.py", kThreadAtImport);
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(result.err,
            "faaslint: calls.py: skipped: brackets nested more than 50000 levels deep (line 1)\n"
            "faaslint: flood.py: skipped: brackets nested more than 50000 levels deep (line 2)\n");
  EXPECT_NE(result.out.find("app.py:2:1: FL101"), std::string::npos) << result.out;
}

// Thousands of findings on one generated line: each keeps at most 1 KiB of it, so memory
// follows the findings, not findings x line length (8,000 x 320 KB would be 2.5 GB).
TEST(BadInput, ThousandsOfFindingsOnOneLongLineStayWithinMemory) {
  TempDir dir;
  std::string line;
  for (int i = 0; i < 8000; ++i) line += "threading.Thread(target=print).start(); ";
  dir.Write("generated.py", "import threading\n" + line + "\n");
  CommandResult result = testing::Run(
      {"sh", "-c", std::string("ulimit -v 1500000 && exec timeout 120 ") + FAASLINT_BINARY + " --all --format json"},
      dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Count(result.out, "\"code\": \"FL101\""), 8000u) << result.err;
}

// Generated code where each of 20,000 functions calls the next and the last starts a
// thread: every function's chain to the start was kept whole (8,000 functions took 2 GB
// and 4.5 s), and each search for imported calls walked the rest of the chain. Chains
// now keep their first steps and the last; the FL103 message shows the elision.
TEST(BadInput, LongCallChainsStayWithinMemory) {
  TempDir dir;
  std::string source = "import threading\n";
  constexpr int kFunctions = 20000;
  for (int i = 0; i + 1 < kFunctions; ++i) source += fmt::format("def f{}():\n    return f{}()\n", i, i + 1);
  source += fmt::format("def f{}():\n    threading.Thread(target=print).start()\n", kFunctions - 1);
  source += "f0()\n";
  dir.Write("chain.py", source);
  CommandResult result = testing::Run(
      {"sh", "-c", std::string("ulimit -v 1500000 && exec timeout 120 ") + FAASLINT_BINARY + " --all"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("FL103 `f0()` starts `threading.Thread` (chain.py:40001, via `f1()` -> `f2()` -> "
                            "`f3()` -> `f4()` -> `f5()` -> `f6()` -> `f7()` -> `f8()` -> ... -> `f19999()`) "
                            "at import time"),
            std::string::npos)
      << result.out << result.err;
}

// A class of 20,000 methods, each calling the one before through `self`: each call's
// target was found by scanning the class (quadratic). Each method is still resolved, and
// the chain shown is elided like any long one.
TEST(BadInput, ThousandsOfMethodsInOneClassAreResolved) {
  TempDir dir;
  std::string source = "import threading\nclass C:\n    def m0(self):\n        threading.Thread(target=print).start()\n";
  for (int i = 1; i < 20000; ++i) source += fmt::format("    def m{}(self):\n        return self.m{}()\n", i, i - 1);
  source += "C().m19999()\n";
  dir.Write("big_class.py", source);
  CommandResult result = testing::Run({"sh", "-c", std::string("exec timeout 120 ") + FAASLINT_BINARY + " --all"},
                                      dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_NE(result.out.find("FL103 `C().m19999()` starts `threading.Thread` (big_class.py:4, via `C.m19998()` -> "),
            std::string::npos)
      << result.out << result.err;
  EXPECT_NE(result.out.find("`C.m19991()` -> ... -> `C.m0()`) at import time"), std::string::npos)
      << result.out << result.err;
}

// 20,000 threads kept on `self` and started in other methods, and 20,000 functions each
// starting a process and a child it never waits for: each start looked for its
// constructor, join or wait by scanning every call or function of the module (190 s).
// Each lookup is an index now, and every start is still reported once.
TEST(BadInput, ThousandsOfThreadsAndProcessesAreEachReported) {
  TempDir dir;
  constexpr int kStarts = 20000;
  std::string source = "import multiprocessing\nimport subprocess\nimport threading\nclass Pool:\n    def __init__(self):\n";
  for (int i = 0; i < kStarts; ++i) source += fmt::format("        self.t{} = threading.Thread(target=print)\n", i);
  for (int i = 0; i < kStarts; ++i) source += fmt::format("    def s{}(self):\n        self.t{}.start()\n", i, i);
  for (int i = 0; i < kStarts; ++i) {
    source += fmt::format(
        "def p{}():\n    p = multiprocessing.Process(target=print)\n    p.start()\n"
        "    c = subprocess.Popen(['ls'])\n    print(c.pid)\n", i);
  }
  dir.Write("app.py", source);
  CommandResult result = testing::Run(
      {"sh", "-c", std::string("exec timeout 120 ") + FAASLINT_BINARY + " --all --format json"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  auto count = [&](std::string_view needle) {
    size_t found = 0;
    for (size_t at = result.out.find(needle); at != std::string::npos; at = result.out.find(needle, at + 1)) ++found;
    return found;
  };
  EXPECT_EQ(count(R"("code": "FL101")"), kStarts) << result.err;  // the threads
  EXPECT_EQ(count(R"("code": "FL102")"), 2 * kStarts) << result.err;  // the processes and the children
  EXPECT_EQ(count(R"("code": "FL102")") + count(R"("code": "FL101")"), count(R"("code": ")"));
}

// 60 modules, each importing three others and calling them at import time, none starting
// anything: following each chain depth first explored every path of the import graph
// (40 such modules ran for hours). Each function is now expanded once per question.
TEST(BadInput, ImportGraphsWithManyPathsAreCheckedOnce) {
  TempDir dir;
  constexpr int kModules = 60;
  for (int i = 0; i < kModules; ++i) {
    std::string imports, calls;
    for (int k = 1; k <= 3; ++k) {
      const int j = (i * 7 + k * 13) % kModules;
      imports += fmt::format("from m{} import f{}\n", j, j);
      calls += fmt::format("    f{}()\n", j);
    }
    dir.Write(fmt::format("m{}.py", i), fmt::format("{}def f{}():\n{}f{}()\n", imports, i, calls, i));
  }
  CommandResult result = testing::Run({"sh", "-c", std::string("exec timeout 120 ") + FAASLINT_BINARY + " --all"},
                                      dir.path());
  EXPECT_EQ(result.exit_code, 0) << result.out << result.err;
  EXPECT_NE(result.out.find("60 files checked"), std::string::npos) << result.out;
}

// 3,000 modules, each calling the next at import time, the last starting a thread: the
// lookup recursed once per module and overflowed a worker's stack (a random import graph
// of 4,000 modules crashed at 1,886 levels). It is a loop now, and every module's call
// is reported with its chain elided.
TEST(BadInput, ImportChainsOfThousandsOfModulesAreFollowed) {
  TempDir dir;
  constexpr int kModules = 3000;
  for (int i = 0; i + 1 < kModules; ++i) {
    dir.Write(fmt::format("m{}.py", i),
              fmt::format("from m{} import f{}\ndef f{}():\n    f{}()\nf{}()\n", i + 1, i + 1, i, i + 1, i));
  }
  dir.Write(fmt::format("m{}.py", kModules - 1),
            fmt::format("import threading\ndef f{}():\n    threading.Thread(target=print).start()\n", kModules - 1));
  CommandResult result = testing::Run(
      {"sh", "-c", std::string("exec timeout 120 ") + FAASLINT_BINARY + " --all --format json --select FL103"},
      dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Count(result.out, "\"code\": \"FL103\""), static_cast<size_t>(kModules - 1)) << result.err;
  EXPECT_NE(result.out.find("`f0()` starts `threading.Thread` (m2999.py:3, via `m1.f1()` -> `m2.f2()` -> `m3.f3()` -> "
                            "`m4.f4()` -> `m5.f5()` -> `m6.f6()` -> `m7.f7()` -> `m8.f8()` -> ... -> "
                            "`m2999.f2999()`) at import time"),
            std::string::npos)
      << result.out.substr(0, 3000);
}

// Deep blocks cost their indentation: 3,000 levels are 4.5 MB, 10,000 are 50 MB and so
// over the size limit.
TEST(BadInput, DeepBlocksAreCheckedOrOverTheSizeLimit) {
  TempDir dir;
  auto nested_ifs = [](int depth) {
    std::string source = kThreadAtImport;
    for (int i = 0; i < depth; ++i) source += std::string(i, ' ') + "if x:\n";
    return source + std::string(depth, ' ') + "pass\n";
  };
  dir.Write("ifs3000.py", nested_ifs(3000));
  dir.Write("ifs10000.py", nested_ifs(10000));
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("ifs3000.py:2:1: FL101"), std::string::npos) << result.out;
  EXPECT_NE(result.err.find("faaslint: ifs10000.py: skipped: "), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("over the 16 MiB limit"), std::string::npos) << result.err;
}

// A megabyte on one line, ASCII and not: columns stay right and the run stays linear
// (counting code points from the line start for every node was quadratic: minutes).
TEST(BadInput, OneMegabyteLineIsCheckedWithRightColumns) {
  TempDir dir;
  std::string items;
  while (items.size() < (1u << 20)) items += "f(1), ";
  dir.Write("ascii.py", "import threading\nx = [" + items + "]; " + kThreadStart);
  dir.Write("unicode.py", "import threading\nx = ['é', " + items + "]; " + kThreadStart);
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  const size_t column = 5 + items.size() + 4;  // "x = [" items "]; "
  EXPECT_NE(result.out.find("ascii.py:2:" + std::to_string(column) + ": FL101"), std::string::npos);
  // 'é' is two bytes and one column; "'é', " adds five columns.
  EXPECT_NE(result.out.find("unicode.py:2:" + std::to_string(column + 5) + ": FL101"), std::string::npos);
  EXPECT_EQ(result.err, "");
}

TEST(BadInput, SymlinksOutOfTheProjectAreNotFollowed) {
  TempDir outside;
  outside.Write("secret.py", kThreadAtImport);
  TempDir dir;
  dir.Write("real.py", kThreadAtImport);
  fs::create_symlink("/etc/passwd", dir / "app.py");
  fs::create_symlink(outside / "secret.py", dir / "linked.py");
  fs::create_symlink(outside.path(), dir / "vendor");
  fs::create_directories(dir / "pkg");
  fs::create_directory_symlink("..", dir / "pkg/loop");  // a cycle
  fs::create_directory_symlink(".", dir / "self");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out.find("secret"), std::string::npos) << result.out;
  EXPECT_EQ(result.out.find("linked.py"), std::string::npos) << result.out;
  EXPECT_EQ(Count(result.out, "FL101"), 1u) << "real.py once, not again through a loop: " << result.out;
  EXPECT_EQ(result.err, "");
}

TEST(BadInput, UnreadableFolderIsAnErrorNamingIt) {
  TempDir dir;
  dir.Write("app.py", "x = 1\n");
  dir.Write("private/app.py", kThreadAtImport);
  chmod(dir.path().c_str(), 0755);
  chmod((dir / "private").c_str(), 0);
  CommandResult result = testing::RunFaaslintAsNobody({"--all"}, dir.path());
  chmod((dir / "private").c_str(), 0755);
  EXPECT_EQ(result.exit_code, 2) << "files that cannot be read are not silently passed: " << result.out;
  EXPECT_NE(result.err.find("private"), std::string::npos) << result.err;
  EXPECT_EQ(Count(result.err, "\n"), 1u) << result.err;
}

// A syntax error: the file is checked as far as tree-sitter parses it, and a note says so
// with the line, so a partly checked file does not read as clean. Valid modern syntax
// (PEP 695, match, nested f-strings, the walrus) gets no note.
TEST(BadInput, SyntaxErrorIsNamedAndTheRestIsChecked) {
  TempDir dir;
  dir.Write("app.py", "import threading\n\ndef f(:\n    return 1\nthreading.Thread(target=print).start()\n");
  dir.Write("unclosed.py", "x = 1\ny = foo(1,\n");
  // tree-sitter wraps this module from line 1 in one ERROR node; the error is the `def`
  // without its colon (QA: a Discord bot's handler), after the statements that parsed.
  dir.Write("bot.py", "import os\n\nclient = object()\n\n# the handler\ndef handler(request)\n"
                      "    async def on_ready()\n        print(os.getpid())\n");
  dir.Write("modern.py",
            "type Pair[T] = tuple[T, T]\n"
            "def first[T](p: Pair[T]) -> T:\n"
            "    match p:\n"
            "        case (a, *_):\n"
            "            return a\n"
            "if (n := len('ab')) > 1:\n"
            "    print(f\"{n!r:>{n}} {'x' if n else \"y\"}\")\n");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.out.find("app.py:5:1: FL101"), std::string::npos) << "the rest is checked: " << result.out;
  EXPECT_NE(result.out.find("in 4 files checked; 3 files Python will not import.\n"), std::string::npos) << result.out;
  EXPECT_EQ(result.err,
            "faaslint: app.py: syntax error on line 3: checked as far as it parses\n"
            "faaslint: bot.py: syntax error on line 6: checked as far as it parses\n"
            "faaslint: unclosed.py: syntax error on line 2: checked as far as it parses\n");
}

// A file Python will not import fails the deployment, so it fails the run even without
// a finding, and the summary does not say "All checks passed" (QA round 4: a commit with
// a syntax error passed the hook with exit 0). --exit-zero still exits 0.
TEST(BadInput, AFilePythonWillNotImportFailsTheRun) {
  TempDir dir;
  dir.Write("app.py", "import os\nNAME = os.getenv('NAME', 'x')\n\n\ndef index(:\n    return NAME\n");
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 1) << result.out << result.err;
  EXPECT_EQ(result.err, "faaslint: app.py: syntax error on line 5: checked as far as it parses\n");
  EXPECT_NE(result.out.find("No findings in 1 file checked; 1 file Python will not import.\n"), std::string::npos)
      << result.out;
  CommandResult exit_zero = testing::RunFaaslint({"check", "--all", "--exit-zero", "--color", "never"}, dir.path());
  EXPECT_EQ(exit_zero.exit_code, 0);

  dir.Write("app.py", "import os\nNAME = os.getenv('NAME', 'x')\n\n\ndef index():\n    return NAME\n");
  CommandResult fixed = CheckAll(dir);
  EXPECT_EQ(fixed.exit_code, 0) << fixed.out << fixed.err;
  EXPECT_EQ(fixed.err, "");
}

// tree-sitter-python's scanner kept "inside an f-string" from one file to the next one
// the same worker parsed: a file ending in an unterminated f-string turned the next file
// into a syntax error (a note on a valid file, its findings lost or changed). Found by
// the python fuzz target comparing one worker with two.
TEST(BadInput, AnUnterminatedFStringDoesNotLeakIntoTheNextFile) {
  TempDir dir;
  dir.Write("a.py", "greeting = f\"hello\n");
  dir.Write("b.py", "import threading\n\n\ndef poll():\n    pass\n\n\nthreading.Thread(target=poll).start()\n");
  for (const char* jobs : {"1", "2"}) {
    CommandResult result = testing::RunFaaslint({"check", "--all", "--jobs", jobs, "--color", "never"}, dir.path());
    EXPECT_EQ(result.err, "faaslint: a.py: syntax error on line 1: checked as far as it parses\n") << jobs;
    EXPECT_NE(result.out.find("b.py:8:1: FL101 `threading.Thread` is started at import time"), std::string::npos)
        << jobs << ": " << result.out;
  }
}

// Indentation Python refuses and tree-sitter reads past without an error node. Each case
// is also given to python3's own compiler: the note appears exactly when Python refuses
// the file. The cases it accepts are the look-alikes a column check could trip on.
TEST(BadInput, IndentationErrorIsNamedExactlyWhenPythonRefusesTheFile) {
  struct Case {
    std::string name, source;
    int line;  // of the note; 0: Python accepts the file, and there is no note
  };
  const Case kCases[] = {
      {"unexpected_indent", "import os\n    x = 1\n", 2},
      {"no_body", "def f():\nreturn 1\n", 1},
      {"comment_is_no_body", "def f():\n    # later\nx = 1\n", 1},
      {"dedent_to_no_level", "if True:\n        x = 1\n    y = 2\n", 3},
      {"nested_dedent_to_no_level", "def f():\n    if x:\n        a\n      b\n    c\n", 4},
      {"method_dedented", "class A:\n    def f(self):\n        pass\n   def g(self):\n        pass\n", 4},
      {"more_after_an_inline_body", "if x: a\n    b\n", 2},
      {"indent_after_a_statement", "def f():\n    a = 1\n        b = 2\n", 3},
      {"semicolons", "a = 1; b = 2\nif a: b = 3; c = 4\n", 0},
      {"inline_bodies", "class A: pass\nclass B:\n    def f(self): return 1\n    x = 1\n", 0},
      {"backslash_continuation", "x = 1; \\\n    y = 2\nz = 3\n", 0},
      {"string_over_lines", "x = \"\"\"\n  a\n\"\"\"; y = 1\ndef f():\n    s = '''\n    '''; t = 2\n", 0},
      {"comments_anywhere", "def f():\n        # deeper\n    x = 1\n  # shallower\n    return x\n# end\n", 0},
      {"brackets_over_lines", "x = [\n  1,\n      2]\ndef f(a,\n        b):\n    return (a +\n            b)\n", 0},
      {"decorators_and_tabs", "import functools\n@functools.cache\ndef f():\n\tif True:\n\t\treturn 1\n", 0},
      {"form_feed", "x = 1\n\f\ndef f():\n    return 1\n\fy = 2\n", 0},
      {"byte_order_mark", "\xEF\xBB\xBFimport os\nx = 1\n", 0},
      {"match_statement", "match x:\n    case 1:\n        y = 1\n    case _:\n        pass\n", 0},
  };
  TempDir dir;
  for (const Case& c : kCases) dir.Write(c.name + ".py", c.source);
  CommandResult result = CheckAll(dir);
  CommandResult python = CompileWithPython(dir);
  ASSERT_EQ(python.exit_code, 0) << python.err;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const bool refused = python.out.find(c.name + ".py ") != std::string::npos;
    EXPECT_EQ(refused, c.line != 0) << "python3 disagrees with the case: " << python.out;
    if (c.line != 0) {
      EXPECT_NE(python.out.find(c.name + ".py IndentationError "), std::string::npos) << python.out;
      EXPECT_NE(result.err.find("faaslint: " + c.name + ".py: indentation error on line " + std::to_string(c.line) +
                                ": Python will not import this file\n"),
                std::string::npos)
          << result.err;
    } else {
      EXPECT_EQ(result.err.find("faaslint: " + c.name + ".py:"), std::string::npos) << result.err;
    }
  }
  EXPECT_NE(result.out.find("in 18 files checked; "), std::string::npos) << "all checked, notes or not: " << result.out;
  // The files Python refuses fail the run, as they fail the deployment.
  EXPECT_NE(result.out.find("files Python will not import.\n"), std::string::npos) << result.out;
  EXPECT_EQ(result.exit_code, 1);
}

// Characters tree-sitter skips like a space and Python refuses in code: a vertical tab
// and zero-width characters, which code copied from a web page brings along. Each case is
// also given to python3's own compiler: the note appears exactly when Python refuses the
// file, and names the character and its line.
TEST(BadInput, InvisibleCharacterIsNamedExactlyWhenPythonRefusesTheFile) {
  struct Case {
    std::string name, source;
    int line;                // of the note; 0: Python accepts the file, and there is no note
    std::string code_point;  // as the note writes it
  };
  const Case kCases[] = {
      {"zero_width_space", "import os\nx =\u200b 1\n", 2, "200B"},
      {"vertical_tab", "x = 1\n\vy = 2\n", 2, "000B"},
      {"word_joiner_in_a_body", "def f():\n    return\u2060 1\n", 2, "2060"},
      {"byte_order_mark_in_the_middle", "x = 1\n\ufeffy = 2\n", 2, "FEFF"},
      {"joiner_in_a_name", "a\u200db = 1\n", 1, "200D"},
      {"fstring_replacement_field", "n = 1\ns = f'{n\u200b}'\n", 2, "200B"},
      {"in_strings", "s = 'a\u200bb'\nt = \"\"\"\v\"\"\"\n", 0, ""},
      {"in_a_comment", "x = 1  # \u200b\v\n", 0, ""},
      {"fstring_text", "n = 1\ns = f'\u200b{n}'\n", 0, ""},
      {"byte_order_mark_at_the_start", "\ufeffx = 1\n", 0, ""},
  };
  TempDir dir;
  for (const Case& c : kCases) dir.Write(c.name + ".py", c.source);
  CommandResult result = CheckAll(dir);
  CommandResult python = CompileWithPython(dir);
  ASSERT_EQ(python.exit_code, 0) << python.err;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.name);
    const bool refused = python.out.find(c.name + ".py ") != std::string::npos;
    EXPECT_EQ(refused, c.line != 0) << "python3 disagrees with the case: " << python.out;
    if (c.line != 0) {
      const std::string line = std::to_string(c.line);
      EXPECT_NE(python.out.find(c.name + ".py SyntaxError " + line + ": invalid non-printable character U+" + c.code_point),
                std::string::npos)
          << python.out;
      EXPECT_NE(result.err.find("faaslint: " + c.name + ".py: invisible character U+" + c.code_point + " on line " +
                                line + ": Python will not import this file\n"),
                std::string::npos)
          << result.err;
    } else {
      EXPECT_EQ(result.err.find("faaslint: " + c.name + ".py:"), std::string::npos) << result.err;
    }
  }
  EXPECT_NE(result.out.find("in 10 files checked; "), std::string::npos) << "all checked, notes or not: " << result.out;
  // The files Python refuses fail the run, as they fail the deployment.
  EXPECT_NE(result.out.find("files Python will not import.\n"), std::string::npos) << result.out;
  EXPECT_EQ(result.exit_code, 1);
}

// An unreadable .faaslint.yaml stops the run: what it selects is unknown.
TEST(BadInput, UnreadableConfigIsAnErrorWithItsCause) {
  TempDir dir;
  dir.Write("app.py", kThreadAtImport);
  dir.Write(".faaslint.yaml", "select: [FL1]\n");
  chmod(dir.path().c_str(), 0755);
  chmod((dir / ".faaslint.yaml").c_str(), 0);
  CommandResult result = testing::RunFaaslintAsNobody({"--all"}, dir.path());
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.err, "faaslint: .faaslint.yaml: cannot open: Permission denied\n");
  EXPECT_EQ(result.out, "");
}

// An unreadable vercel.json is a finding that says why in a plain folder. In a work tree
// it fails the diff, as it fails `git diff`: the error names the file and the cause.
TEST(BadInput, UnreadableVercelJsonIsNamedWithItsCause) {
  for (bool in_git : {false, true}) {
    SCOPED_TRACE(in_git ? "git work tree" : "plain folder");
    TempDir dir;
    dir.Write("api/index.py", "x = 1\n");
    dir.Write("vercel.json", "{}\n");
    if (in_git) {
      testing::GitInit(dir.path());
      testing::GitCommitAll(dir.path(), "first");
    }
    chmod(dir.path().c_str(), 0755);
    chmod((dir / "vercel.json").c_str(), 0);
    CommandResult result =
        testing::RunFaaslintAsNobody({"--all", "--color", "never"}, dir.path(), {{"HOME", dir.path()}});
    if (in_git) {
      EXPECT_EQ(result.exit_code, 2) << result.out;
      EXPECT_EQ(result.err, "faaslint: vercel.json: cannot read: Permission denied\n");
      EXPECT_EQ(result.out, "");
    } else {
      EXPECT_EQ(result.exit_code, 1) << result.err;
      EXPECT_NE(result.out.find("vercel.json:1:1: FL601 cannot read vercel.json: Permission denied\n"),
                std::string::npos)
          << result.out;
      EXPECT_EQ(result.err, "");
    }
  }
}

// File names a pull request may hold, each with a finding: the text output names each
// once, escaped, and no line of it is a workflow command for the CI runner.
TEST(BadInput, HostileFileNamesAreReportedEscapedAndInjectNothing) {
  const std::vector<std::string> kNames = {
      "with space.py", "ünïcødé 文件.py", "new\nline.py", "::error::x.py", "%0A%25.py", "a,b.py",
      "x##[stop-commands]tok.py", "\xC2\xA0::warning::nbsp.py", "tab\there.py", "esc\x1b[31m.py"};
  TempDir dir;
  for (const std::string& name : kNames) dir.Write(name, kThreadAtImport);
  CommandResult text = CheckAll(dir);
  EXPECT_EQ(text.exit_code, 1);
  EXPECT_EQ(Count(text.out, ": FL101 "), kNames.size()) << text.out;
  EXPECT_EQ(text.err, "");
  for (std::string_view line : fuzz::RunnerLines(text.out)) {
    EXPECT_FALSE(fuzz::ParseV2Command(line)) << line;
    EXPECT_FALSE(fuzz::HasLegacyCommandPrefix(line)) << line;
  }
  EXPECT_NE(text.out.find("new\\nline.py:2:1: FL101"), std::string::npos) << text.out;
  EXPECT_NE(text.out.find("with space.py:2:1: FL101"), std::string::npos) << text.out;
  EXPECT_EQ(text.out.find('\x1b'), std::string::npos) << "no terminal escapes from a file name";
}

// The same names as notes on stderr (which CI shows in the log too).
TEST(BadInput, HostileFileNamesInNotesInjectNothing) {
  TempDir dir;
  dir.Write("x\n::error::pwned.py", std::string("\0", 1));
  dir.Write("y##[stop-commands]tok.py", std::string("\0", 1));
  CommandResult result = CheckAll(dir);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(Count(result.err, "\n"), 2u) << result.err;
  for (std::string_view line : fuzz::RunnerLines(result.err)) {
    EXPECT_TRUE(line.starts_with("faaslint: ")) << line;
    EXPECT_FALSE(fuzz::ParseV2Command(line)) << line;
    EXPECT_FALSE(fuzz::HasLegacyCommandPrefix(line)) << line;
  }
}

TEST(BadInput, BrokenConfigurationsAreOneLineErrorsNamingFileAndLine) {
  const std::pair<std::string, std::string> kConfigs[] = {
      {"platform: vercel\nselct: [FL1]\n", ".faaslint.yaml:2:1: unknown key 'selct'"},
      {"fail-on: [error]\n", ".faaslint.yaml:1:10: "},
      {"rules:\n  FL101: 3\n", ".faaslint.yaml:2:10: "},
      {"select: [\n", ".faaslint.yaml:"},
  };
  for (const auto& [content, expected] : kConfigs) {
    TempDir dir;
    dir.Write("app.py", "x = 1\n");
    dir.Write(".faaslint.yaml", content);
    CommandResult result = CheckAll(dir);
    EXPECT_EQ(result.exit_code, 2) << content;
    EXPECT_TRUE(result.out.empty()) << content;
    EXPECT_TRUE(result.err.starts_with("faaslint: " + expected)) << content << " -> " << result.err;
    EXPECT_EQ(Count(result.err, "\n"), 1u) << result.err;
  }
}

// "Billion laughs": nine levels of nine aliases. Refused at the first alias, at once.
TEST(BadInput, YamlAliasBombIsRefusedQuickly) {
  std::string bomb = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n";
  for (char level = 'b'; level <= 'i'; ++level) {
    std::string previous(1, static_cast<char>(level - 1));
    bomb += std::string(1, level) + ": &" + level + " [";
    for (int i = 0; i < 9; ++i) bomb += (i ? ",*" : "*") + previous;
    bomb += "]\n";
  }
  TempDir dir;
  dir.Write("app.py", "x = 1\n");
  dir.Write(".faaslint.yaml", bomb);
  CommandResult result = RunBounded({"--all"}, dir.path(), 10);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_NE(result.err.find(".faaslint.yaml:2:"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("aliases"), std::string::npos) << result.err;
}

// Thousands of files under a limit of 32 open descriptors: a leaked descriptor per file
// would fail the run.
TEST(BadInput, ThousandsOfFilesLeakNoFileDescriptors) {
  TempDir dir;
  const int kFiles = 3000;
  for (int i = 0; i < kFiles; ++i) dir.Write("pkg" + std::to_string(i % 30) + "/m" + std::to_string(i) + ".py", kThreadAtImport);
  CommandResult result = testing::Run(
      {"prlimit", "--nofile=32:32", "timeout", "300", FAASLINT_BINARY, "--all", "--jobs", "2"}, dir.path());
  EXPECT_EQ(result.exit_code, 1) << result.err;
  EXPECT_EQ(Count(result.out, ": FL101 "), static_cast<size_t>(kFiles));
  EXPECT_EQ(result.err, "");
}

}  // namespace
}  // namespace faaslint

namespace faaslint {
namespace {

// YAML tags that other loaders turn into code are plain values here: nothing runs.
TEST(BadInput, ConfigurationCannotRunAnything) {
  TempDir dir;
  dir.Write("app.py", "x = 1\n");
  const std::string marker = dir / "pwned";
  for (const std::string& config : {
           "--- !!python/object/apply:os.system [\"touch " + marker + "\"]\n",
           "platform: !!python/object/apply:os.system [\"touch " + marker + "\"]\n",
           "select: !shell \"touch " + marker + "\"\n"}) {
    dir.Write(".faaslint.yaml", config);
    CommandResult result = CheckAll(dir);
    EXPECT_EQ(result.exit_code, 2) << config;
    EXPECT_TRUE(result.err.starts_with("faaslint: ")) << result.err;
    EXPECT_FALSE(fs::exists(marker)) << config;
  }
}

}  // namespace
}  // namespace faaslint

namespace faaslint {
namespace {

// vercel.json as a hostile or broken pull request writes it, in a Flask project that is
// otherwise fine: one clear FL601/FL603 finding naming the file and line, exit 1, and a
// bounded run (the deep cases once crashed tree-sitter or took 20 GB).
CommandResult CheckWithVercelJson(const std::string& vercel_json) {
  TempDir dir;
  dir.Write("api/index.py", "from flask import Flask\napp = Flask(__name__)\n");
  dir.Write("requirements.txt", "flask\n");
  dir.Write("vercel.json", vercel_json);
  return RunBounded({"--all", "--color", "never"}, dir.path(), 60);
}

// The two files checked: api/index.py and vercel.json.
constexpr const char* kOneFinding = "Found 1 finding (1 error) in 2 files checked.\n";

TEST(BadInput, VercelJsonThatIsNoObjectIsOneFindingNamingIt) {
  const std::pair<std::string, std::string> kCases[] = {
      {"null\n", "vercel.json:1:1: FL603 `vercel.json` must be an object, not null\n"},
      {"[{\"crons\": []}]\n", "vercel.json:1:1: FL603 `vercel.json` must be an object, not an array\n"},
      {"", "vercel.json:1:1: FL601 file is empty, which is not valid JSON\n"
           "  help: write `{}` for an empty configuration, or delete the file\n"},
      {"\xEF\xBB\xBF{}\n", "vercel.json:1:1: FL601 file starts with a byte order mark (BOM), which JSON does not allow\n"
                           "  help: save the file as UTF-8 without BOM\n"},
  };
  for (const auto& [content, expected] : kCases) {
    CommandResult result = CheckWithVercelJson(content);
    EXPECT_EQ(result.exit_code, 1) << content;
    EXPECT_EQ(result.out, expected + kOneFinding) << content;
    EXPECT_EQ(result.err, "") << content;
  }
}

TEST(BadInput, VercelJsonWithInvalidUtf8NamesTheByte) {
  CommandResult result = CheckWithVercelJson("{\n  \"regions\": [\"caf\xE9\"]\n}\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.out,
            "vercel.json:2:19: FL601 invalid UTF-8 byte: JSON text must be UTF-8 (RFC 8259 section 8.1)\n"
            "  help: save the file as UTF-8\n" +
                std::string(kOneFinding));
  EXPECT_EQ(result.err, "");
}

// 5 MB of arrays: over the 1 MiB a vercel.json may have, not read. Under it, arrays
// closed and unclosed (65,535 unclosed levels crashed tree-sitter 0.20) and 100,000
// levels of objects: refused at the 257th level, before any parse.
TEST(BadInput, VercelJsonHugeOrNestedDeeplyIsOneFinding) {
  const std::string kTooDeep =
      "FL601 nesting deeper than 256 levels\n"
      "  help: vercel.json needs a handful of levels; the rest of the file was not read\n";
  const std::pair<std::string, std::string> kCases[] = {
      {std::string(5u << 19, '[') + std::string(5u << 19, ']'),
       "vercel.json:1:1: FL601 file is 5242880 bytes, over the 1 MiB faaslint reads\n"
       "  help: a vercel.json of this size is generated or not a configuration; it was not read\n"},
      {std::string(500000, '[') + std::string(500000, ']'), "vercel.json:1:257: " + kTooDeep},
      {std::string(1000000, '['), "vercel.json:1:257: " + kTooDeep},
      {[] {
         std::string deep;
         for (int i = 0; i < 100000; ++i) deep += "{\"a\":\n";
         return deep + "1" + std::string(100000, '}');
       }(),
       "vercel.json:257:1: " + kTooDeep},
  };
  for (const auto& [content, expected] : kCases) {
    CommandResult result = CheckWithVercelJson(content);
    EXPECT_EQ(result.exit_code, 1);
    EXPECT_EQ(result.out, expected + kOneFinding) << content.substr(0, 20);
    EXPECT_EQ(result.err, "");
  }
}

// Shallow but broken everywhere: the errors stop at 100 and one line says how many more.
TEST(BadInput, VercelJsonWithThousandsOfErrorsListsTheFirstHundred) {
  std::string content = "{\"regions\": [";
  for (int i = 0; i < 5000; ++i) content += "\"\\q\",\n";
  CommandResult result = CheckWithVercelJson(content + "\"x\"]}\n");
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(Count(result.out, ": FL601 invalid escape `\\q` in a string\n"), 100u) << result.out.substr(0, 500);
  EXPECT_NE(result.out.find("vercel.json:100:2: FL601 4900 more errors after this one are not listed\n"),
            std::string::npos)
      << result.out.substr(result.out.size() - 500);
  EXPECT_TRUE(result.out.ends_with("Found 101 findings (101 errors) in 2 files checked.\n")) << result.out;
}

}  // namespace
}  // namespace faaslint
