// .faaslint.yaml via yaml-cpp's event parser rather than YAML::Load: the events give a
// position for every value, and expose aliases. YAML::Load shares the aliased node, so a
// "billion laughs" file loads in microseconds but any walk over it visits 9^10 nodes
// (measured with yaml-cpp 0.7: 3 million nodes visited in 0.14 s before a cut-off).
// A config has no use for aliases, so they are refused.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>

#include <optional>
#include <sstream>

#include "config/tree.h"

namespace faaslint::config {
namespace {

Position ToPosition(const YAML::Mark& mark) {
  // yaml-cpp marks are 0-based; -1 when unknown.
  return Position{static_cast<uint32_t>(mark.line < 0 ? 1 : mark.line + 1),
                  static_cast<uint32_t>(mark.column < 0 ? 1 : mark.column + 1)};
}

// Builds a Value tree from parser events. The first problem is kept and every later
// event ignored; the parser still runs to the end of the document, which is linear in
// the file size because nothing is expanded.
class TreeBuilder final : public YAML::EventHandler {
 public:
  bool failed() const { return problem_.has_value(); }
  const Problem& problem() const { return *problem_; }
  Value TakeRoot() { return std::move(root_); }

  const std::optional<Position>& document_start() const { return document_start_; }

  void OnDocumentStart(const YAML::Mark& mark) override { document_start_ = ToPosition(mark); }
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t) override {
    Value value;
    value.position = ToPosition(mark);
    Attach(std::move(value));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Fail(ToPosition(mark), "YAML aliases (*name) are not supported in a faaslint config");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                const std::string& text) override {
    Value value;
    value.kind = Value::Kind::kScalar;
    value.position = ToPosition(mark);
    value.text = text;
    Attach(std::move(value));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {
    Open(Value::Kind::kList, mark);
  }
  void OnSequenceEnd() override { Close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {
    Open(Value::Kind::kMap, mark);
  }
  void OnMapEnd() override { Close(); }

 private:
  struct Frame {
    Value value;
    std::optional<Value> key;  // a map's key waiting for its value
  };

  void Fail(Position position, std::string message) {
    if (!problem_) problem_ = Problem{position, std::move(message)};
  }

  void Open(Value::Kind kind, const YAML::Mark& mark) {
    if (failed()) return;
    Frame frame;
    frame.value.kind = kind;
    frame.value.position = ToPosition(mark);
    stack_.push_back(std::move(frame));
  }

  void Close() {
    if (failed() || stack_.empty()) return;
    Value value = std::move(stack_.back().value);
    stack_.pop_back();
    Attach(std::move(value));
  }

  void Attach(Value value) {
    if (failed()) return;
    if (stack_.empty()) {
      root_ = std::move(value);
      return;
    }
    Frame& parent = stack_.back();
    if (parent.value.kind == Value::Kind::kList) {
      parent.value.items.push_back(std::move(value));
      return;
    }
    if (!parent.key) {
      if (value.kind != Value::Kind::kScalar) {
        return Fail(value.position, "keys must be plain strings");
      }
      for (const auto& [key, unused] : parent.value.entries) {
        if (key.text == value.text) return Fail(value.position, "duplicate key '" + value.text + "'");
      }
      parent.key = std::move(value);
      return;
    }
    parent.value.entries.push_back({std::move(*parent.key), std::move(value)});
    parent.key.reset();
  }

  std::vector<Frame> stack_;
  Value root_;
  std::optional<Position> document_start_;
  std::optional<Problem> problem_;
};

}  // namespace

bool ParseYaml(std::string_view text, Value* root, Problem* problem) {
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    TreeBuilder builder;
    if (!parser.HandleNextDocument(builder)) {
      *root = Value{};  // no document at all: an empty file or only comments
      return true;
    }
    if (builder.failed()) {
      *problem = builder.problem();
      return false;
    }
    // A second document is only parsed to say where it starts.
    TreeBuilder second;
    if (parser.HandleNextDocument(second)) {
      *problem = Problem{second.document_start().value_or(Position{}),
                         "a config file holds one YAML document; this is a second one"};
      return false;
    }
    *root = builder.TakeRoot();
    return true;
  } catch (const YAML::DeepRecursion& e) {
    // yaml-cpp 0.7 stops deep nesting (measured: 400 levels parse, 500 do not) with the
    // message "bad file", which would send the user looking for the wrong problem.
    *problem = Problem{ToPosition(e.mark), "YAML nesting is too deep"};
  } catch (const YAML::ParserException& e) {
    *problem = Problem{ToPosition(e.mark), "invalid YAML: " + e.msg};
  } catch (const YAML::Exception& e) {
    *problem = Problem{ToPosition(e.mark), "invalid YAML: " + e.msg};
  }
  return false;
}

}  // namespace faaslint::config
