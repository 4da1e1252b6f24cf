// The tree-sitter-python node types the module walk branches on, as symbol ids looked
// up once per process: comparing two integers instead of a type name with strcmp for
// every node (the walk met ~20 strcmps per expression before), and field ids instead of
// field names (each lookup by name scans the grammar's field table).
#pragma once

#include <tree_sitter/api.h>

namespace faaslint::python {

// One type name's symbols. A grammar can give a name both a named and an anonymous
// symbol (`await` the expression, `await` the keyword); matching either keeps exactly
// the meaning of comparing ts_node_type() names. Absent symbols are 0, the end-of-input
// symbol, which is never a node of a tree.
struct NodeType {
  TSSymbol named = 0;
  TSSymbol anonymous = 0;
  bool Matches(TSSymbol symbol) const { return symbol == named || symbol == anonymous; }
};

struct NodeTypes {
  NodeType aliased_import, as_pattern, assignment, attribute, augmented_assignment, await, binary_operator, block,
      boolean_operator, break_statement, call, case_clause, class_definition, comment, comparison_operator,
      concatenated_string, conditional_expression, continue_statement, decorated_definition, decorator,
      delete_statement, dictionary, dictionary_splat, elif_clause, else_clause, except_clause, except_group_clause,
      expression_list, expression_statement, false_, finally_clause, float_, for_statement, function_definition,
      future_import_statement, generator_expression, global_statement, identifier, if_statement,
      import_from_statement, import_statement, integer, interpolation, keyword_argument, lambda, list, list_pattern,
      list_splat, match_statement, named_expression, none, nonlocal_statement, not_operator, pair, parenthesized_expression,
      pattern_list, raise_statement, return_statement, set, string, string_content, string_start, subscript, true_,
      try_statement, tuple, tuple_pattern, while_statement, wildcard_import, with_clause, with_statement, yield;

  // Field ids (0 when the grammar has no such field: no child then, as by name).
  struct Fields {
    TSFieldId alias, alternative, argument, arguments, attribute, body, condition, consequence, definition, function, key, left, module_name, name, object, operator_, operators, parameters, right, subscript, superclasses, type, value;
  } field;

  // The table for tree_sitter_python(); built on first use, read-only afterwards.
  static const NodeTypes& Python();
};

inline bool Is(TSNode node, const NodeType& type) { return type.Matches(ts_node_symbol(node)); }

}  // namespace faaslint::python
