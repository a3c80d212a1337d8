#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "expr/ast.h"

namespace antq::expr {

// A value during evaluation: missing (null), a number, a boolean or a string.
using Value = std::variant<std::monostate, double, bool, std::string>;

inline bool IsNull(const Value& v) { return std::holds_alternative<std::monostate>(v); }

// Supplies the values of references; nullopt means "not reported" (null).
using RefResolver = std::function<std::optional<double>(const Reference&)>;

// Evaluates a parsed tree. Follows DHIS2: a missing item makes arithmetic and comparisons null
// (use firstNonNull(#{x}, 0) to count it as zero); division by zero is null; booleans are 1/0 in
// arithmetic; if(cond, a, b) takes b when cond is false or null. Never throws.
Value Evaluate(const Node& root, const RefResolver& resolve);

// The number a value stands for (booleans as 1/0), or nullopt.
std::optional<double> AsNumber(const Value& v);

}  // namespace antq::expr
