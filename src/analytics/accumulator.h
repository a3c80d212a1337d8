#pragma once

#include <cstddef>
#include <optional>
#include <utility>
#include <vector>

#include "analytics/cells.h"
#include "analytics/engine.h"
#include "analytics/measure_plan.h"
#include "analytics/period_grouping.h"
#include "analytics/unit_placement.h"

namespace antq::analytics {

// Adds up a query's base figures into cells: reported values by scanning the engine's series
// (the heavy part, which may run on two cores, one base per thread), events and verdicts record
// by record. Then answers each cell's value by the element's aggregation.
class Accumulator {
 public:
  Accumulator(const Engine& engine, const Query& query, const MeasurePlan& plan,
              const UnitPlacement& placement, PeriodGrouping& periods);

  // Adds up every base; value bases of a large query on two cores.
  Status Run();

  // The value of base `base` in (slot, group), by its aggregation; nullopt when nothing is there.
  std::optional<double> CellValue(size_t base, size_t slot, size_t group) const;
  bool Holds(size_t base, size_t slot, size_t group) const {
    return cells_[base].Holds(slot, group);
  }

 private:
  using SeriesList = std::vector<std::pair<const Series*, const PeriodGrouping::Table*>>;
  // The series a base adds up, with their period tables (built before any thread starts).
  SeriesList SeriesOf(const BaseMeasure& b);
  size_t EstimatedColumns(size_t base) const;
  void AccumulateValues(size_t base, UnitPlacement::PlaceCache& cache);
  Status AccumulateEvents(size_t base);
  Status AccumulateVerdicts(size_t base);
  void AccumulateGroupCount(size_t base);
  // Adds records that each count on one day (verdicts, expected reports): `day_and_value` gives
  // a record's day and value; records outside the range are left out.
  template <typename Record, typename DayAndValue>
  Status AddDated(BaseCells& out, const std::vector<Record>& records, DayAndValue day_and_value) {
    for (const Record& record : records) {
      const std::pair<Date, double> day_value = day_and_value(record);
      const Date day = day_value.first;  // captured below, so not a structured binding
      const double value = day_value.second;
      if (!periods_.range().Contains(day)) continue;
      auto group = periods_.GroupOfDay(day);
      if (!group) return Fail(group.error());
      placement_.Place(record.unit, day,
                       [&](int slot, double share) { out.AddTo(slot, *group, value, share); });
    }
    return Ok();
  }
  Status AccumulateReports(size_t base);

  const Engine& e_;
  const Query& q_;
  const MeasurePlan& plan_;
  const UnitPlacement& placement_;
  PeriodGrouping& periods_;
  std::vector<SeriesList> base_series_;
  std::vector<BaseCells> cells_;
};

}  // namespace antq::analytics
