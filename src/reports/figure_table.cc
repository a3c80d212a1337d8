#include "reports/figure_table.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace antq::reports {

Result<size_t> MeasureColumn(const std::vector<std::string>& measures, std::string_view measure) {
  const auto found = std::find(measures.begin(), measures.end(), measure);
  if (found == measures.end()) {
    return Fail(
        ErrorCode::kInternal,
        fmt::format("the report reads the measure '{}', which its query does not ask for "
                    "(it asks for: {})",
                    measure,
                    measures.empty() ? "nothing" : fmt::format("{}", fmt::join(measures, ", "))),
        std::string(measure));
  }
  return static_cast<size_t>(found - measures.begin());
}

analytics::Query FigureScope::QueryOf(std::vector<std::string> measures,
                                      std::optional<UnitLevel> by) const {
  analytics::Query q;
  q.measures = std::move(measures);
  q.under = under;
  q.from = from;
  q.to = to;
  q.calendar = calendar;
  q.by_level = by;
  return q;
}

std::string PeriodArgument(const analytics::Query& query) {
  if (query.from == query.to) return query.from.Code();
  return query.from.Code() + ".." + query.to.Code();
}

std::string QueryCommand(const analytics::Query& q) {
  std::string measures;
  for (const std::string& m : q.measures) measures += measures.empty() ? m : "," + m;
  return fmt::format("antq query --measure \"{}\" --under {} --period {} --calendar {}{}", measures,
                     q.under, PeriodArgument(q), q.calendar,
                     q.by_level ? " --by " + std::string(UnitLevelName(*q.by_level)) : "");
}

FigureTable::FigureTable(analytics::Query query, std::vector<analytics::Row> rows)
    : query_(std::move(query)), rows_(std::move(rows)) {}

Result<FigureTable> FigureTable::Run(const analytics::Engine& engine, analytics::Query query) {
  auto answer = engine.Run(query);
  if (!answer) return Fail(answer.error());
  return FigureTable(std::move(query), std::move(answer->rows));
}

Result<std::optional<double>> FigureTable::Value(const analytics::Row& row,
                                                 std::string_view measure) const {
  auto column = MeasureColumn(query_.measures, measure);
  if (!column) return Fail(column.error());
  if (*column >= row.values.size()) {
    return Fail(ErrorCode::kInternal,
                fmt::format("a row of the answer has {} values, fewer than the query's {} measures",
                            row.values.size(), query_.measures.size()),
                std::string(measure));
  }
  return row.values[*column];
}

Result<std::optional<double>> FigureTable::Total(std::string_view measure) const {
  if (rows_.empty()) {
    auto column = MeasureColumn(query_.measures, measure);
    if (!column) return Fail(column.error());
    return std::optional<double>();
  }
  return Value(rows_.front(), measure);
}

Result<double> FigureTable::Sum(std::string_view measure) const {
  auto column = MeasureColumn(query_.measures, measure);
  if (!column) return Fail(column.error());
  double sum = 0;
  for (const analytics::Row& row : rows_) {
    auto value = Value(row, measure);
    if (!value) return Fail(value.error());
    sum += value->value_or(0);
  }
  return sum;
}

analytics::Query FigureTable::FigureQuery(std::string_view measure,
                                          const std::string& unit_code) const {
  analytics::Query q = query_;
  q.measures = {std::string(measure)};
  if (!unit_code.empty()) q.under = unit_code;
  q.by_level.reset();
  return q;
}

}  // namespace antq::reports
