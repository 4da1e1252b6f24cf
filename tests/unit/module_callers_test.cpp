// The call graph facts the module keeps per function (python/module.h): who calls it,
// and whether its name is handed on as a value. FL101, FL102, FL104 and FL106 decide
// "runs only under a guard" from them.
#include <gtest/gtest.h>

#include <algorithm>

#include "python/module.h"
#include "python/parser.h"

namespace faaslint::python {
namespace {

std::unique_ptr<Module> Parse(const std::string& source) {
  Parser parser;
  return ParseModule(parser, "app.py", source);
}

const Function& FunctionNamed(const Module& module, std::string_view name) {
  for (const Function& function : module.functions()) {
    if (function.name == name) return function;
  }
  ADD_FAILURE() << "no function " << name;
  return module.functions().front();
}

TEST(ModuleCallers, ListsTheCallsThatInvokeEachFunctionInModuleOrder) {
  std::unique_ptr<Module> module = Parse(
      "def main():\n    helper()\n"
      "def helper():\n    pass\n"
      "def unused():\n    pass\n"
      "if __name__ == '__main__':\n    main()\n"
      "helper()\n");
  std::vector<std::string> main_callers, helper_callers;
  for (int call : FunctionNamed(*module, "main").callers) main_callers.push_back(module->calls()[call].callee);
  for (int index : FunctionNamed(*module, "helper").callers) {
    const Call& call = module->calls()[index];
    helper_callers.push_back(call.callee + "@" + std::to_string(call.range.start.line));
  }
  EXPECT_EQ(main_callers, (std::vector<std::string>{"main"}));
  EXPECT_EQ(helper_callers, (std::vector<std::string>{"helper@2", "helper@9"}));
  EXPECT_TRUE(FunctionNamed(*module, "unused").callers.empty());
}

TEST(ModuleCallers, MarksModuleLevelFunctionsWhoseNameIsHandedOn) {
  std::unique_ptr<Module> module = Parse(
      "import threading\n"
      "def worker():\n    pass\n"
      "def returned():\n    pass\n"
      "def kept():\n    pass\n"
      "def inspected():\n    pass\n"
      "class Job:\n    def run(self):\n        pass\n"
      "threading.Thread(target=worker).start()\n"
      "def factory():\n    return returned\n"
      "handlers = {'k': kept}\n"
      "print(inspected.__name__)\n"
      "if inspected:\n    pass\n"
      "schedule(run)\n");
  EXPECT_FALSE(FunctionNamed(*module, "worker").handed_on_by.empty());
  EXPECT_FALSE(FunctionNamed(*module, "returned").handed_on_by.empty());
  EXPECT_TRUE(FunctionNamed(*module, "inspected").handed_on_by.empty());  // read in place: an attribute, a test
  EXPECT_FALSE(FunctionNamed(*module, "kept").handed_on_by.empty());
  EXPECT_TRUE(FunctionNamed(*module, "factory").handed_on_by.empty());
  // A method is not the module-level name `run` handed to schedule().
  EXPECT_TRUE(FunctionNamed(*module, "run").handed_on_by.empty());
}

// Calling the result of a call is another call, not a second call of the callee: once it
// made `requests.post(url)()` two FL403 findings, and tree-sitter builds such a call
// when it recovers from a syntax error (`requests.post(url)` then `while x()`
// without its colon), where the fix for the second one added a timeout to `x()`.
TEST(ModuleCallers, CallingWhatACallReturnedIsNotCallingTheCalleeAgain) {
  std::unique_ptr<Module> module = Parse(
      "import requests\n"
      "def make():\n    pass\n"
      "requests.post('https://example.com')()\n"
      "make()()\n");
  std::vector<std::string> callees;
  for (const Call& call : module->calls()) callees.push_back(call.callee);
  std::sort(callees.begin(), callees.end());
  EXPECT_EQ(callees, (std::vector<std::string>{"make", "make()", "requests.post", "requests.post()"}));
  EXPECT_EQ(FunctionNamed(*module, "make").callers.size(), 1u);
}

// `bot.run()` calls Bot.run when every binding of `bot` where it is read is a Bot(): at
// module level, or in the function that makes it; not when the name is a parameter there,
// nor when it is also bound to something else.
TEST(ModuleCallers, AMethodIsCalledThroughANameBoundOnlyToAnInstanceOfItsClass) {
  std::unique_ptr<Module> module = Parse(
      "class Bot:\n    def run(self):\n        pass\n"
      "bot = Bot()\n"
      "def main():\n    local = Bot()\n    local.run()\n"
      "def handle(bot):\n    bot.run()\n"
      "def shared():\n    bot.run()\n"
      "other = Bot()\nother = None\n"
      "other.run()\n"
      "Bot().run()\n");
  std::vector<uint32_t> lines;
  for (int call : FunctionNamed(*module, "run").callers) lines.push_back(module->calls()[call].range.start.line);
  EXPECT_EQ(lines, (std::vector<uint32_t>{7, 11, 15}));
}

}  // namespace
}  // namespace faaslint::python
