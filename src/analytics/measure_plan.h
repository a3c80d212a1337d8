#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "analytics/query.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"
#include "expr/ast.h"

namespace antq::analytics {

// A figure the engine adds up directly into cells: an element (or one option of it), the
// verdicts on a criteria set, the members of a unit group, or the reports expected of a data set.
struct BaseMeasure {
  enum class Kind { kValue, kEvent, kVerdict, kGroupCount, kReports };
  Kind kind = Kind::kValue;
  std::string element;
  std::string option;
  const DataElement* def = nullptr;  // kValue and kEvent
  // kVerdict: the criteria set, and whether only verdicts met count (E{set.MET}) or all
  // (E{set.ASSESSED}).
  std::string verdict_set;
  bool verdict_met = false;
  // kGroupCount: the unit group whose members are counted (OUG{group}); kReports: the data set,
  // and which of its expected reports count: all, those handed in, or those handed in on time.
  std::string code;
  enum class Reports { kExpected, kActual, kOnTime };
  Reports reports = Reports::kExpected;
};

// What a query shows, parsed once: each requested measure is a base figure, or an indicator
// expression whose references are base figures. Ratios are computed per row from the added-up
// bases, never summed.
class MeasurePlan {
 public:
  static Result<MeasurePlan> Build(const Catalog& catalog, const UnitRegistry& units,
                                   const Query& query);

  const std::vector<BaseMeasure>& bases() const { return bases_; }

  // The requested measures of one row, from its base figures (nullopt: nothing recorded).
  void Evaluate(const std::vector<std::optional<double>>& base_values,
                std::vector<std::optional<double>>& out) const;

 private:
  // What a reference reads: a constant, a base, or a rate of two bases in percent (R{…RATE}).
  struct Operand {
    std::optional<double> constant;
    int base = -1;
    int per = -1;  // a rate: 100 × base / per, null when per is 0
  };
  struct Measure {
    int base = -1;  // a base shown as it is, or
    std::unique_ptr<expr::Node> expression;
    std::map<std::string, Operand> refs;  // reference key -> what it reads
  };

  MeasurePlan(const Catalog& catalog, const UnitRegistry& units)
      : catalog_(&catalog), units_(&units) {}
  Status Add(const std::string& text, const Query& query);
  Result<Operand> OperandOf(const std::string& text, const expr::Reference& r, const Query& query);
  int AddBase(BaseMeasure base);
  int BaseOf(const std::string& text);

  const Catalog* catalog_;
  const UnitRegistry* units_;
  std::vector<BaseMeasure> bases_;
  std::vector<Measure> measures_;
};

}  // namespace antq::analytics
