#include "vercel/json.h"

#include <gtest/gtest.h>

#include "vercel/schema.h"

namespace faaslint::vercel {
namespace {

std::string Errors(const JsonDocument& doc) {
  std::string out;
  for (const JsonDiagnostic& e : doc.errors) {
    out += std::to_string(e.range.start.line) + ":" + std::to_string(e.range.start.column) + " " +
           e.message + "\n";
  }
  return out;
}

TEST(VercelJson, ValidDocumentHasPositionsForKeysAndValues) {
  JsonDocument doc = ParseJson("{\n  \"functions\": {\"api/*.py\": {\"memory\": 1024}},\n  \"x\": [true, null, \"\\u00e9\"]\n}\n");
  ASSERT_TRUE(doc.root);
  EXPECT_EQ(Errors(doc), "");
  const JsonMember* functions = doc.root->Find("functions");
  ASSERT_NE(functions, nullptr);
  EXPECT_EQ(functions->key_range.start, (Position{2, 3}));
  EXPECT_EQ(functions->key_range.end, (Position{2, 14}));
  const JsonValue* memory = functions->value.Get("api/*.py")->Get("memory");
  ASSERT_NE(memory, nullptr);
  EXPECT_TRUE(memory->is_number());
  EXPECT_TRUE(memory->is_integer);
  EXPECT_EQ(memory->number, 1024);
  EXPECT_EQ(memory->range.start, (Position{2, 40}));
  const JsonValue* x = doc.root->Get("x");
  ASSERT_EQ(x->items.size(), 3u);
  EXPECT_EQ(x->items[2].text, "\xC3\xA9");
}

// Vercel validates with JSON Schema, where "integer" means a zero fractional part.
TEST(VercelJson, IntegersAreNumbersWithoutAFractionalPartHoweverWritten) {
  JsonDocument doc = ParseJson("[1024, 1024.0, 1e3, -0.0, 1024.5, 1e-3]");
  ASSERT_TRUE(doc.root);
  std::vector<bool> integers;
  for (const JsonValue& item : doc.root->items) integers.push_back(item.is_integer);
  EXPECT_EQ(integers, (std::vector<bool>{true, true, true, true, false, false}));
}

TEST(VercelJson, ColumnsCountCodePointsNotBytes) {
  JsonDocument doc = ParseJson("{\"\xC3\xA9\xC3\xA9\": 1, \"a\": 2,}");
  EXPECT_EQ(Errors(doc), "1:17 trailing comma before `}` is not allowed in JSON\n");
  EXPECT_EQ(doc.root->Get("a")->range.start, (Position{1, 16}));
}

TEST(VercelJson, CommentsAreReportedAndTheRestIsRead) {
  JsonDocument doc = ParseJson(
      "{\n  // line\n  \"a\": 1, /* block */\n  # hash\n  \"b\": \"http://x\" // after\n}\n");
  EXPECT_EQ(Errors(doc),
            "2:3 comments are not allowed in JSON (`//` comment)\n"
            "3:11 comments are not allowed in JSON (`/* */` comment)\n"
            "4:3 comments are not allowed in JSON (`#` comment)\n"
            "5:19 comments are not allowed in JSON (`//` comment)\n");
  ASSERT_TRUE(doc.root);
  EXPECT_EQ(doc.root->Get("b")->text, "http://x");
  EXPECT_EQ(doc.root->Get("a")->number, 1);
}

TEST(VercelJson, TrailingCommasInArraysAndObjects) {
  JsonDocument doc = ParseJson("{\"a\": [1, 2,\n], \"b\": 1,\n}");
  EXPECT_EQ(Errors(doc),
            "1:12 trailing comma before `]` is not allowed in JSON\n"
            "2:10 trailing comma before `}` is not allowed in JSON\n");
  EXPECT_EQ(doc.root->Get("a")->items.size(), 2u);
}

TEST(VercelJson, DuplicateKeyKeepsTheLastValue) {
  JsonDocument doc = ParseJson("{\n\"a\": 1,\n\"a\": 2\n}");
  EXPECT_EQ(Errors(doc), "3:1 duplicate key `a` (first defined on line 2)\n");
  EXPECT_EQ(doc.root->members.size(), 1u);
  EXPECT_EQ(doc.root->Get("a")->number, 2);
}

// Each repeat names the occurrence it replaces; the survivor takes the place of the last.
TEST(VercelJson, KeysRepeatedManyTimesKeepTheLastValueInItsPlace) {
  JsonDocument doc = ParseJson("{\n\"a\": 1,\n\"b\": 2,\n\"a\": 3,\n\"c\": 4,\n\"a\": 5,\n\"b\": 6\n}");
  EXPECT_EQ(Errors(doc),
            "4:1 duplicate key `a` (first defined on line 2)\n"
            "6:1 duplicate key `a` (first defined on line 4)\n"
            "7:1 duplicate key `b` (first defined on line 3)\n");
  std::string order;
  for (const JsonMember& member : doc.root->members) order += member.key + "=" + member.value.text + " ";
  EXPECT_EQ(order, "c=4 a=5 b=6 ");
}

// Thousands of keys in one object (a `functions` map): every one kept, the one repeat
// reported where it is.
TEST(VercelJson, ThousandsOfKeysInOneObject) {
  std::string text = "{";
  for (int i = 0; i < 50000; ++i) text += (i ? ",\"api/h" : "\"api/h") + std::to_string(i) + "*.py\": {}";
  text += ",\"api/h7*.py\": 1}";
  JsonDocument doc = ParseJson(text);
  EXPECT_EQ(Errors(doc), "1:" + std::to_string(text.size() - 15) + " duplicate key `api/h7*.py` (first defined on line 1)\n");
  EXPECT_EQ(doc.root->members.size(), 50000u);
  EXPECT_EQ(doc.root->members.back().key, "api/h7*.py");
}

TEST(VercelJson, BomEmptyAndWhitespaceOnly) {
  EXPECT_EQ(Errors(ParseJson("\xEF\xBB\xBF{}")),
            "1:1 file starts with a byte order mark (BOM), which JSON does not allow\n");
  EXPECT_EQ(Errors(ParseJson("")), "1:1 file is empty, which is not valid JSON\n");
  EXPECT_EQ(Errors(ParseJson("  \n")), "1:1 file has no JSON value\n");
  EXPECT_FALSE(ParseJson("").root);
}

TEST(VercelJson, SyntaxErrorsHavePositionsAndRecovery) {
  JsonDocument doc = ParseJson("{\n  \"a\": 1\n  \"b\": 2\n}");
  ASSERT_FALSE(doc.errors.empty());
  EXPECT_EQ(doc.errors[0].range.start.line, 2u) << Errors(doc);
  EXPECT_NE(doc.errors[0].message.find("syntax error"), std::string::npos);

  JsonDocument unclosed = ParseJson("{\"a\": {\"b\": 1}");
  EXPECT_NE(Errors(unclosed).find("expected `}`"), std::string::npos);
  EXPECT_EQ(Errors(ParseJson("{\"a\": 1.}")), "1:7 invalid number `1.`\n");
  EXPECT_EQ(Errors(ParseJson("{} {}")), "1:4 unexpected value after the end of the top-level value\n");
  EXPECT_EQ(Errors(ParseJson("{\"a\": \"x\\qy\"}")), "1:9 invalid escape `\\q` in a string\n");
}

TEST(VercelJson, NoErrorsForStrictJson) {
  for (const char* text : {"{}", "[]", "{\"a\": -0.5e+3}", "{\"url\": \"https://a/b#c\"}",
                           "{\"s\": \"a, }\"}", "{\"s\": \"/* x */\"}"}) {
    EXPECT_EQ(Errors(ParseJson(text)), "") << text;
  }
}

}  // namespace
}  // namespace faaslint::vercel

namespace faaslint::vercel {
namespace {

TEST(VercelJson, DeepNestingIsReportedNotACrash) {
  std::string deep(100000, '[');
  deep += std::string(100000, ']');
  JsonDocument doc = ParseJson("{\"a\": " + deep + "}");
  ASSERT_FALSE(doc.errors.empty());
  EXPECT_EQ(doc.errors[0].message, "nesting deeper than 256 levels");
}

}  // namespace
}  // namespace faaslint::vercel

namespace faaslint::vercel {
namespace {

TEST(VercelJson, NestingIsMeasuredBeforeParsingAndStringsDoNotCount) {
  std::string brackets_in_string = "{\"a\": \"" + std::string(1000, '[') + "\"}";
  EXPECT_EQ(Errors(ParseJson(brackets_in_string)), "");
  EXPECT_EQ(ParseJson(brackets_in_string).root->Get("a")->text.size(), 1000u);

  std::string at_limit = std::string(256, '[') + std::string(256, ']');
  EXPECT_EQ(Errors(ParseJson(at_limit)), "");
  // Closed levels count back down: 300 arrays side by side, each 200 deep, are fine.
  std::string wide = "[";
  for (int i = 0; i < 300; ++i) wide += std::string(i ? "," : "") + std::string(200, '[') + std::string(200, ']');
  EXPECT_EQ(Errors(ParseJson(wide + "]")), "");

  // Unclosed levels do not: 70,000 of them (tree-sitter 0.20 crashed from 65,535 on).
  JsonDocument open = ParseJson(std::string(70000, '['));
  EXPECT_FALSE(open.root);
  EXPECT_EQ(Errors(open), "1:257 nesting deeper than 256 levels\n");
  std::string keys;
  for (int i = 0; i < 70000; ++i) keys += "{\"a\": 1 ";
  EXPECT_EQ(Errors(ParseJson(keys)), "1:2049 nesting deeper than 256 levels\n");  // the 257th `{`
}

TEST(VercelJson, FilesOverOneMebibyteAreNotRead) {
  std::string big = "{\"regions\": [" + std::string(1u << 20, ' ') + "]}";
  JsonDocument doc = ParseJson(big);
  EXPECT_FALSE(doc.root);
  EXPECT_EQ(Errors(doc), "1:1 file is 1048591 bytes, over the 1 MiB faaslint reads\n");
  big.resize((1u << 20) - 2);
  EXPECT_TRUE(ParseJson(big + "]}").root);
}

TEST(VercelJson, InvalidUtf8IsReportedWhereItIs) {
  JsonDocument doc = ParseJson("{\"a\": \"ok\",\n \"b\": \"\xC3\xA9\xFF\"}");
  EXPECT_EQ(Errors(doc), "2:9 invalid UTF-8 byte: JSON text must be UTF-8 (RFC 8259 section 8.1)\n");
  EXPECT_EQ(doc.root->Get("a")->text, "ok");
}

TEST(VercelJson, ErrorsStopAtOneHundredAndSayHowManyMore) {
  std::string many = "[";
  for (int i = 0; i < 150; ++i) many += "1.,";
  JsonDocument doc = ParseJson(many + "1]");
  ASSERT_EQ(doc.errors.size(), 101u);
  EXPECT_EQ(doc.errors[99].message, "invalid number `1.`");
  EXPECT_EQ(doc.errors[100].message, "50 more errors after this one are not listed");
  EXPECT_EQ(doc.errors[100].range, doc.errors[99].range);

  std::string hundred = "[";
  for (int i = 0; i < 100; ++i) hundred += "1.,";
  EXPECT_EQ(ParseJson(hundred + "1]").errors.size(), 100u);
}

}  // namespace
}  // namespace faaslint::vercel

namespace faaslint::vercel {
namespace {

// FL602/FL603 get their issues from ValidateSchema: past 100 of a kind, one line says how
// many more (100,000 wrong values on one line once took 8 GB through the findings).
TEST(VercelSchema, IssuesStopAtOneHundredOfAKind) {
  std::string regions = "{\"regions\": [";
  for (int i = 0; i < 150; ++i) regions += "1,";
  JsonDocument doc = ParseJson(regions + "1], \"x\": 1}");
  std::vector<SchemaIssue> issues = ValidateSchema(*doc.root);
  ASSERT_EQ(issues.size(), 102u);  // 100 values, the count of the others, and `x`
  size_t invalid = 0;
  for (const SchemaIssue& issue : issues) invalid += issue.kind == SchemaIssueKind::kInvalidValue;
  EXPECT_EQ(invalid, 101u);
  EXPECT_EQ(issues.back().message, "51 more invalid values after this one are not listed");
  EXPECT_EQ(issues.back().range, issues[99].range);  // at the 100th value: regions[99]

  regions = "{\"regions\": [";
  for (int i = 0; i < 99; ++i) regions += "1,";
  EXPECT_EQ(ValidateSchema(*ParseJson(regions + "1]}").root).size(), 100u);
}

}  // namespace
}  // namespace faaslint::vercel
