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
