// The return statements the module keeps (python/module.h): what each returns and in which
// function. FL704 reads a helper's verdict (`return key == secret`) from them.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "python/module.h"
#include "python/parser.h"

namespace faaslint::python {
namespace {

TEST(ModuleReturns, KeepsWhatEachReturnReturnsAndWhere) {
  Parser parser;
  std::unique_ptr<Module> module = ParseModule(parser, "app.py",
                                               "def ok(key, secret):\n"
                                               "    if not secret:\n"
                                               "        return True  # no secret set\n"
                                               "    return key == secret or False\n"
                                               "def bare():\n"
                                               "    def inner():\n"
                                               "        return None\n"
                                               "    return\n"
                                               "def pair():\n"
                                               "    return 1, 2\n");
  std::vector<std::string> seen;
  for (const Return& statement : module->returns()) {
    seen.push_back(module->functions()[statement.function].name + ":" + std::to_string(statement.range.start.line) +
                   ":" + std::to_string(static_cast<int>(statement.value.kind)) + ":" +
                   std::string(statement.value.text));
  }
  const auto kind = [](Expr::Kind k) { return std::to_string(static_cast<int>(k)); };
  EXPECT_EQ(seen, (std::vector<std::string>{
                      "ok:3:" + kind(Expr::Kind::kBool) + ":True",
                      "ok:4:" + kind(Expr::Kind::kBoolOp) + ":key == secret or False",
                      "inner:7:" + kind(Expr::Kind::kNone) + ":None",
                      "bare:8:" + kind(Expr::Kind::kNone) + ":return",
                      "pair:10:" + kind(Expr::Kind::kOther) + ":1, 2",
                  }));
  // A comparison keeps its sides: what a caller's `if not ok(...)` needs.
  const Expr& verdict = module->returns()[1].value;
  ASSERT_EQ(verdict.items.size(), 2u);
  EXPECT_EQ(verdict.items[0].kind, Expr::Kind::kComparison);
  EXPECT_EQ(verdict.items[0].str, "==");
}

}  // namespace
}  // namespace faaslint::python
