#pragma once

#include "analytics/accumulator.h"
#include "analytics/engine.h"
#include "analytics/measure_plan.h"
#include "analytics/period_grouping.h"
#include "analytics/unit_placement.h"

namespace antq::analytics {

// Turns added-up cells into the query's rows: one per row unit and period group that holds
// anything, units in Vietnamese name order, periods in time order, each with its measures
// computed from the row's base figures.
QueryResult CollectRows(const Engine& engine, const Query& query, const MeasurePlan& plan,
                        const UnitPlacement& placement, const PeriodGrouping& periods,
                        const Accumulator& cells);

}  // namespace antq::analytics
