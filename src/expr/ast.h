#pragma once

#include <memory>
#include <string>
#include <vector>

namespace antq::expr {

// What a reference in an expression points at. Codes replace DHIS2's UIDs:
//   #{element} and #{element.option}  a data element (or one of its disaggregation options)
//   C{constant}                       a named constant
//   OUG{group}                        the number of units in a unit group
//   R{dataset.METRIC}                 reporting: REPORTING_RATE, REPORTING_RATE_ON_TIME,
//                                     ACTUAL_REPORTS, ACTUAL_REPORTS_ON_TIME, EXPECTED_REPORTS
// kEvaluation: E{set.MET} or E{set.ASSESSED}, the units of an area that meet a criteria set in
// its assessment years, and those assessed ("70/85 xã đạt").
enum class RefKind { kElement, kConstant, kUnitGroup, kReporting, kEvaluation };

struct Reference {
  RefKind kind = RefKind::kElement;
  std::string code;    // element, constant, group, data set or criteria set
  std::string option;  // element option, reporting metric or evaluation metric
  int position = 0;    // 1-based column of the reference in the text
};

enum class Op {
  kAdd,
  kSub,
  kMul,
  kDiv,
  kMod,
  kPow,
  kLt,
  kGt,
  kLe,
  kGe,
  kEq,
  kNe,
  kAnd,
  kOr,
  kNot,
  kNeg,
  kPlus,
};

// A parsed expression. Nodes are immutable once built; a tree is owned by its root.
struct Node {
  enum class Kind { kNumber, kString, kBool, kNull, kRef, kUnary, kBinary, kCall };
  Kind kind = Kind::kNull;
  int position = 0;
  double number = 0;
  bool boolean = false;
  std::string text;  // string literal, or function name for calls
  Reference ref;
  Op op = Op::kAdd;
  std::vector<std::unique_ptr<Node>> children;
};

}  // namespace antq::expr
