#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/period.h"
#include "domain/unit.h"
#include "expr/ast.h"

namespace antq::analytics {

// A unit's verdict on a criteria set for one assessment year, dated on the year's last day:
// what E{set.MET} (the verdicts met) and E{set.ASSESSED} (all of them) add up. The app evaluates
// the sets and passes the verdicts in; the analytics layer knows no criteria.
struct Verdict {
  UnitId unit = 0;
  Date day;
  bool met = false;
};

// A report a unit was expected to hand in for one period of a data set, dated on the period's
// last day: what R{set.EXPECTED_REPORTS} counts, and whether it was handed in (ACTUAL_REPORTS)
// and by its deadline (ACTUAL_REPORTS_ON_TIME). The app works these out from the reporting
// workflow and passes them in, as it does verdicts.
struct ExpectedReport {
  UnitId unit = 0;
  Date day;
  bool handed_in = false;
  bool on_time = false;
};

// One question to the engine: measures × units × periods. The same shape serves the CLI
// (`antq query`), the HTTP API and the reports (docs/query.md).
struct Query {
  // Element codes ("propaganda.sessions"), an element and option ("handin.items.sung"), or an
  // indicator expression over elements ("#{propaganda.participants} / #{propaganda.sessions}"),
  // which is computed on each row after aggregation (a ratio is never summed).
  std::vector<std::string> measures;
  // The area: its unit code. Without `as_of`, each figure belongs to the unit it was recorded
  // on, on its date; with `as_of`, figures are carried through lineage to the units of that date
  // (a merge adds up, a split divides by its weights) and `under` is read on that date.
  std::string under;
  std::optional<Date> as_of;
  // Only figures of units in this unit group (border communes, …): a unit counts while it, or
  // a unit above it, is a member, on the figure's day (with `as_of`: its successor on that day).
  std::string group;
  // Group by the units of this level (none: one total for the area), or by unit group: one row
  // per group of the registry (a unit in two groups counts in both) and one for units in none.
  std::optional<UnitLevel> by_level;
  bool by_group = false;
  // Group by periods of this type (none: one total for the range).
  std::optional<PeriodType> by_period;
  // The range, inclusive: periods of one type ("2019".."2022").
  Period from = *Period::Parse("2000");
  Period to = *Period::Parse("2000");
  // The calendar that places events (by their dates) in periods. Reported values keep the
  // calendar of their data set.
  std::string calendar = "gregorian";
  // The verdicts E{…} measures read, by criteria set code.
  std::map<std::string, std::vector<Verdict>> verdicts;
  // The reports R{…} measures read, by data set code.
  std::map<std::string, std::vector<ExpectedReport>> reports;
};

// The criteria sets the measures of `query` read through E{set.METRIC}, each once. Measures
// that do not parse are left for the query to report.
std::vector<std::string> EvaluationSetsRead(const Query& query);
// The data sets the measures of `query` read through R{set.METRIC}, each once.
std::vector<std::string> ReportingSetsRead(const Query& query);

// The key an indicator's reference is known by inside a query: "e" or "e.option" for elements,
// "E{set.MET}", "C{code}", "OUG{group}" and "R{set.METRIC}" for the others.
std::string ReferenceKey(const expr::Reference& ref);

// One row: a unit (or the area) and a period (or the range), then one value per measure
// (nullopt: nothing recorded).
struct Row {
  std::string unit_code;
  std::string unit_name;
  std::string period;
  std::vector<std::optional<double>> values;
};

struct QueryResult {
  std::vector<std::string> measures;
  std::vector<Row> rows;
  // What a reader must know to read the rows right ("the group has no members").
  std::vector<std::string> notes;
};

}  // namespace antq::analytics
