#include "analytics/query_runner.h"

#include "analytics/accumulator.h"
#include "analytics/measure_plan.h"
#include "analytics/period_grouping.h"
#include "analytics/result_collector.h"
#include "analytics/unit_placement.h"

namespace antq::analytics {

Result<QueryResult> QueryRunner::Run() {
  if (q_.measures.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: at least one measure", "measure");
  auto periods = PeriodGrouping::Make(q_);
  if (!periods) return Fail(periods.error());
  auto placement = UnitPlacement::Make(e_.units_, e_.timelines_, q_, periods->range());
  if (!placement) return Fail(placement.error());
  auto plan = MeasurePlan::Build(e_.catalog_, e_.units_, q_);
  if (!plan) return Fail(plan.error());
  Accumulator cells(e_, q_, *plan, *placement, *periods);
  if (auto s = cells.Run(); !s) return Fail(s.error());
  return CollectRows(e_, q_, *plan, *placement, *periods, cells);
}

}  // namespace antq::analytics
