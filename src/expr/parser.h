#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "expr/ast.h"

namespace antq::expr {

// Parses the DHIS2-compatible expression subset of ANTQ (docs/expressions.md):
// numbers, 'strings', true/false, null, the references of ast.h, + - * / % ^, comparisons,
// && || ! (and, or, not), parentheses, and the functions if, isNull, isNotNull, firstNonNull,
// greatest and least. Errors carry the 1-based column: "column 12: expected ')'" with
// `where` = "expression". Never throws; any input either parses or fails with a message.
Result<std::unique_ptr<Node>> Parse(std::string_view text);

// Every reference in a tree, in text order: for checking codes against the catalogue.
std::vector<Reference> References(const Node& root);

}  // namespace antq::expr
