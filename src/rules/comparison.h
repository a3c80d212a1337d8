#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/catalog.h"
#include "domain/criteria.h"
#include "expr/ast.h"

namespace antq::rules {

// The measure a reference reads: "atantt.recognised" or "atantt.recognised.khu_dan_cu".
std::string MeasureKey(const expr::Reference& ref);

// Says why an element may not be read where a comparison is used ("not an element of data set
// x"), or nothing when it may.
using ElementCheck = std::function<std::optional<std::string>(const DataElement& element)>;

// Checks the two sides of a comparison: both parse and read only #{…} references to known
// measures that `check` (when given) accepts. Errors name `what`, the side and the column:
// "validation rule tips (rules.toml:12): left: column 3: unknown element 'tips.x'".
Status CheckSides(const Catalog& catalog, std::string_view left, std::string_view right,
                  const std::string& what, const ElementCheck& check = {});

// A left expression, an operator and a right expression over data elements, parsed once and
// evaluated for many units or reports: the shape validation rules and criteria share.
class Comparison {
 public:
  static Result<Comparison> Parse(std::string_view left, CompareOp op, std::string_view right);

  // The measures both sides read, each once, in order of appearance.
  const std::vector<std::string>& keys() const { return keys_; }
  CompareOp op() const { return op_; }

  using ValueOf = std::function<std::optional<double>(const std::string& key)>;

  struct Outcome {
    std::optional<double> left;
    std::optional<double> right;
    std::vector<std::pair<std::string, std::optional<double>>> values;  // each key's value
    size_t missing = 0;                                                 // keys with no value
    bool holds = false;  // both sides computed and the comparison holds
  };

  // With `missing_as_zero`, a key with no value counts as 0 (a rule checked despite a gap).
  Outcome Evaluate(const ValueOf& value_of, bool missing_as_zero) const;

  // The two sides with `unit` and the operator that held instead: "64 % < 70 %" (vi uses a
  // decimal comma).
  std::string ShowFailure(const Outcome& outcome, const std::string& unit, bool vi) const;

 private:
  std::shared_ptr<const expr::Node> left_;
  std::shared_ptr<const expr::Node> right_;
  CompareOp op_ = CompareOp::kEqual;
  std::vector<std::string> keys_;
};

}  // namespace antq::rules
