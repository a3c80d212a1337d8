#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/query.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "expr/ast.h"

namespace antq::analytics {

// A figure the engine adds up directly into cells: an element (or one option of it), or the
// verdicts on a criteria set.
struct BaseMeasure {
  enum class Kind { kValue, kEvent, kVerdict };
  Kind kind = Kind::kValue;
  std::string element;
  std::string option;
  const DataElement* def = nullptr;  // kValue and kEvent
  // kVerdict: the criteria set, and whether only verdicts met count (E{set.MET}) or all
  // (E{set.ASSESSED}).
  std::string verdict_set;
  bool verdict_met = false;
};

// What a query shows, parsed once: each requested measure is a base figure, or an indicator
// expression whose references are base figures. Ratios are computed per row from the added-up
// bases, never summed.
class MeasurePlan {
 public:
  static Result<MeasurePlan> Build(const Catalog& catalog, const Query& query);

  const std::vector<BaseMeasure>& bases() const { return bases_; }

  // The requested measures of one row, from its base figures (nullopt: nothing recorded).
  void Evaluate(const std::vector<std::optional<double>>& base_values,
                std::vector<std::optional<double>>& out) const;

 private:
  struct Measure {
    int base = -1;  // a base shown as it is, or
    std::unique_ptr<expr::Node> expression;
    std::map<std::string, int> refs;  // reference key -> base index
  };

  explicit MeasurePlan(const Catalog& catalog) : catalog_(&catalog) {}
  Status Add(const std::string& text, const Query& query);
  int AddBase(BaseMeasure base);
  int BaseOf(const std::string& text);

  const Catalog* catalog_;
  std::vector<BaseMeasure> bases_;
  std::vector<Measure> measures_;
};

}  // namespace antq::analytics
