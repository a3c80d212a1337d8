#pragma once

#include "analytics/engine.h"
#include "analytics/query.h"

namespace antq::analytics {

// Runs one query against the engine, in four steps, each its own part:
//   MeasurePlan     what to add up (bases) and what to show (measures, indicators)
//   PeriodGrouping  what each stored period means for the range and the --by periods
//   UnitPlacement   which row unit (slot) each unit's figures go to, at the time or as of a date
//   Accumulator     the adding up, into dense cells; CollectRows then makes the rows
class QueryRunner {
 public:
  QueryRunner(const Engine& engine, const Query& query) : e_(engine), q_(query) {}
  Result<QueryResult> Run();

 private:
  const Engine& e_;
  const Query& q_;
};

}  // namespace antq::analytics
