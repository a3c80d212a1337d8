#include "domain/criteria.h"

#include <fmt/format.h>

#include <algorithm>

namespace antq {

Result<CompareOp> ParseCompareOp(std::string_view text) {
  if (text == "==" || text == "=") return CompareOp::kEqual;
  if (text == "!=") return CompareOp::kNotEqual;
  if (text == "<") return CompareOp::kLess;
  if (text == "<=") return CompareOp::kLessOrEqual;
  if (text == ">") return CompareOp::kGreater;
  if (text == ">=") return CompareOp::kGreaterOrEqual;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown comparison '{}'; use one of ==, !=, <, <=, >, >=", text));
}

std::string_view CompareOpText(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual:
      return "=";
    case CompareOp::kNotEqual:
      return "≠";
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessOrEqual:
      return "≤";
    case CompareOp::kGreater:
      return ">";
    case CompareOp::kGreaterOrEqual:
      return "≥";
  }
  return "?";
}

std::string_view CompareOpCode(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual:
      return "==";
    case CompareOp::kNotEqual:
      return "!=";
    case CompareOp::kLess:
      return "<";
    case CompareOp::kLessOrEqual:
      return "<=";
    case CompareOp::kGreater:
      return ">";
    case CompareOp::kGreaterOrEqual:
      return ">=";
  }
  return "?";
}

bool Compare(double left, CompareOp op, double right) {
  switch (op) {
    case CompareOp::kEqual:
      return left == right;
    case CompareOp::kNotEqual:
      return left != right;
    case CompareOp::kLess:
      return left < right;
    case CompareOp::kLessOrEqual:
      return left <= right;
    case CompareOp::kGreater:
      return left > right;
    case CompareOp::kGreaterOrEqual:
      return left >= right;
  }
  return false;
}

CompareOp Negated(CompareOp op) {
  switch (op) {
    case CompareOp::kEqual:
      return CompareOp::kNotEqual;
    case CompareOp::kNotEqual:
      return CompareOp::kEqual;
    case CompareOp::kLess:
      return CompareOp::kGreaterOrEqual;
    case CompareOp::kLessOrEqual:
      return CompareOp::kGreater;
    case CompareOp::kGreater:
      return CompareOp::kLessOrEqual;
    case CompareOp::kGreaterOrEqual:
      return CompareOp::kLess;
  }
  return op;
}

const CriteriaVersion* CriteriaSet::VersionFor(int year) const {
  for (const CriteriaVersion& v : versions) {
    if (v.from_year <= year && (v.to_year == 0 || year <= v.to_year)) return &v;
  }
  return nullptr;
}

const Recogniser* CriteriaSet::RecogniserOn(Date day) const {
  for (const Recogniser& r : recognisers) {
    if (r.from <= day && day <= r.to) return &r;
  }
  return nullptr;
}

bool CriteriaSet::Concerns(const UnitVersion& unit) const {
  if (unit.level != level) return false;
  return unit_types.empty() ||
         std::find(unit_types.begin(), unit_types.end(), unit.type) != unit_types.end();
}

}  // namespace antq
