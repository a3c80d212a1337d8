#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analytics/engine.h"
#include "analytics/query.h"
#include "common/result.h"
#include "domain/period.h"
#include "domain/unit.h"

namespace antq::reports {

// The column of `measure` among a query's `measures`: the engine answers each row's values in
// the order the query names its measures. Fails with kInternal, naming the measure and the
// measures there are, when `measures` does not hold it: a report that reads a figure it did
// not ask for is a bug, and must stop rather than state another figure in its place.
Result<size_t> MeasureColumn(const std::vector<std::string>& measures, std::string_view measure);

// Where and when a report counts its figures: the area, the range of periods (inclusive, of
// one type) and the calendar that places events in them.
struct FigureScope {
  std::string under;  // the area's unit code
  Period from = *Period::Parse("2000");
  Period to = *Period::Parse("2000");
  std::string calendar = "gregorian";

  // `measures` over the range: one row of the area's totals, or a row per unit of `by`.
  analytics::Query QueryOf(std::vector<std::string> measures,
                           std::optional<UnitLevel> by = {}) const;
};

// The range of `query` as `antq query --period` takes it: "2023Q1", or "2019..2022".
std::string PeriodArgument(const analytics::Query& query);

// The command a user runs to get the same numbers as `query`:
// `antq query --measure "a,b" --under 62 --period 2019..2022 --calendar gregorian --by district`.
std::string QueryCommand(const analytics::Query& query);

// A query's answer kept with the query, its figures read by measure code, never by position, so
// that reordering a report's measures cannot swap its figures. Both report definitions read
// their figures through it; ReportBuilder writes it as a table.
class FigureTable {
 public:
  FigureTable(analytics::Query query, std::vector<analytics::Row> rows);

  // Runs `query` on `engine`; the engine's errors as they are.
  static Result<FigureTable> Run(const analytics::Engine& engine, analytics::Query query);

  const analytics::Query& query() const { return query_; }
  const std::vector<analytics::Row>& rows() const { return rows_; }

  // `measure` on `row` (one of rows()): nullopt where nothing was recorded. MeasureColumn's
  // error when the query has no such measure.
  Result<std::optional<double>> Value(const analytics::Row& row, std::string_view measure) const;
  // The area's total of `measure`: the value on the one row a query with no grouping answers,
  // nullopt when it answered none (nothing recorded). MeasureColumn's error as Value's.
  Result<std::optional<double>> Total(std::string_view measure) const;
  // `measure` added down all the rows, nothing recorded counting as 0. MeasureColumn's error.
  Result<double> Sum(std::string_view measure) const;

  // The query behind one figure of the table: `measure` alone, over the unit `unit_code` (the
  // area when empty), over the same range and calendar, not grouped.
  analytics::Query FigureQuery(std::string_view measure, const std::string& unit_code = {}) const;

 private:
  analytics::Query query_;
  std::vector<analytics::Row> rows_;
};

}  // namespace antq::reports
