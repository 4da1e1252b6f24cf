#include "python/node_types.h"

#include <cstring>

#include "python/parser.h"

namespace faaslint::python {
namespace {

NodeType Lookup(const TSLanguage* language, const char* name) {
  auto length = static_cast<uint32_t>(std::strlen(name));
  return {ts_language_symbol_for_name(language, name, length, true),
          ts_language_symbol_for_name(language, name, length, false)};
}

NodeTypes Build(const TSLanguage* language) {
  NodeTypes types;
  types.aliased_import = Lookup(language, "aliased_import");
  types.as_pattern = Lookup(language, "as_pattern");
  types.assignment = Lookup(language, "assignment");
  types.attribute = Lookup(language, "attribute");
  types.augmented_assignment = Lookup(language, "augmented_assignment");
  types.await = Lookup(language, "await");
  types.binary_operator = Lookup(language, "binary_operator");
  types.block = Lookup(language, "block");
  types.boolean_operator = Lookup(language, "boolean_operator");
  types.break_statement = Lookup(language, "break_statement");
  types.call = Lookup(language, "call");
  types.case_clause = Lookup(language, "case_clause");
  types.class_definition = Lookup(language, "class_definition");
  types.comment = Lookup(language, "comment");
  types.comparison_operator = Lookup(language, "comparison_operator");
  types.concatenated_string = Lookup(language, "concatenated_string");
  types.conditional_expression = Lookup(language, "conditional_expression");
  types.continue_statement = Lookup(language, "continue_statement");
  types.decorated_definition = Lookup(language, "decorated_definition");
  types.decorator = Lookup(language, "decorator");
  types.delete_statement = Lookup(language, "delete_statement");
  types.dictionary = Lookup(language, "dictionary");
  types.dictionary_splat = Lookup(language, "dictionary_splat");
  types.elif_clause = Lookup(language, "elif_clause");
  types.else_clause = Lookup(language, "else_clause");
  types.except_clause = Lookup(language, "except_clause");
  types.except_group_clause = Lookup(language, "except_group_clause");
  types.expression_list = Lookup(language, "expression_list");
  types.expression_statement = Lookup(language, "expression_statement");
  types.false_ = Lookup(language, "false");
  types.finally_clause = Lookup(language, "finally_clause");
  types.float_ = Lookup(language, "float");
  types.for_statement = Lookup(language, "for_statement");
  types.function_definition = Lookup(language, "function_definition");
  types.future_import_statement = Lookup(language, "future_import_statement");
  types.generator_expression = Lookup(language, "generator_expression");
  types.global_statement = Lookup(language, "global_statement");
  types.identifier = Lookup(language, "identifier");
  types.if_statement = Lookup(language, "if_statement");
  types.import_from_statement = Lookup(language, "import_from_statement");
  types.import_statement = Lookup(language, "import_statement");
  types.integer = Lookup(language, "integer");
  types.interpolation = Lookup(language, "interpolation");
  types.keyword_argument = Lookup(language, "keyword_argument");
  types.lambda = Lookup(language, "lambda");
  types.list = Lookup(language, "list");
  types.list_pattern = Lookup(language, "list_pattern");
  types.list_splat = Lookup(language, "list_splat");
  types.match_statement = Lookup(language, "match_statement");
  types.named_expression = Lookup(language, "named_expression");
  types.none = Lookup(language, "none");
  types.nonlocal_statement = Lookup(language, "nonlocal_statement");
  types.not_operator = Lookup(language, "not_operator");
  types.pair = Lookup(language, "pair");
  types.parenthesized_expression = Lookup(language, "parenthesized_expression");
  types.pattern_list = Lookup(language, "pattern_list");
  types.raise_statement = Lookup(language, "raise_statement");
  types.return_statement = Lookup(language, "return_statement");
  types.set = Lookup(language, "set");
  types.string = Lookup(language, "string");
  types.string_content = Lookup(language, "string_content");
  types.string_start = Lookup(language, "string_start");
  types.subscript = Lookup(language, "subscript");
  types.true_ = Lookup(language, "true");
  types.try_statement = Lookup(language, "try_statement");
  types.tuple = Lookup(language, "tuple");
  types.tuple_pattern = Lookup(language, "tuple_pattern");
  types.while_statement = Lookup(language, "while_statement");
  types.wildcard_import = Lookup(language, "wildcard_import");
  types.with_clause = Lookup(language, "with_clause");
  types.with_statement = Lookup(language, "with_statement");
  types.yield = Lookup(language, "yield");
  types.field.alias = ts_language_field_id_for_name(language, "alias", 5);
  types.field.alternative = ts_language_field_id_for_name(language, "alternative", 11);
  types.field.argument = ts_language_field_id_for_name(language, "argument", 8);
  types.field.arguments = ts_language_field_id_for_name(language, "arguments", 9);
  types.field.attribute = ts_language_field_id_for_name(language, "attribute", 9);
  types.field.body = ts_language_field_id_for_name(language, "body", 4);
  types.field.condition = ts_language_field_id_for_name(language, "condition", 9);
  types.field.consequence = ts_language_field_id_for_name(language, "consequence", 11);
  types.field.definition = ts_language_field_id_for_name(language, "definition", 10);
  types.field.function = ts_language_field_id_for_name(language, "function", 8);
  types.field.key = ts_language_field_id_for_name(language, "key", 3);
  types.field.left = ts_language_field_id_for_name(language, "left", 4);
  types.field.module_name = ts_language_field_id_for_name(language, "module_name", 11);
  types.field.name = ts_language_field_id_for_name(language, "name", 4);
  types.field.object = ts_language_field_id_for_name(language, "object", 6);
  types.field.operator_ = ts_language_field_id_for_name(language, "operator", 8);
  types.field.operators = ts_language_field_id_for_name(language, "operators", 9);
  types.field.parameters = ts_language_field_id_for_name(language, "parameters", 10);
  types.field.right = ts_language_field_id_for_name(language, "right", 5);
  types.field.subscript = ts_language_field_id_for_name(language, "subscript", 9);
  types.field.superclasses = ts_language_field_id_for_name(language, "superclasses", 12);
  types.field.type = ts_language_field_id_for_name(language, "type", 4);
  types.field.value = ts_language_field_id_for_name(language, "value", 5);
  return types;
}

}  // namespace

const NodeTypes& NodeTypes::Python() {
  static const NodeTypes types = Build(tree_sitter_python());
  return types;
}

}  // namespace faaslint::python
