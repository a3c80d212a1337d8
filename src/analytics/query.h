#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/date.h"
#include "domain/period.h"
#include "domain/unit.h"

namespace antq::analytics {

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
  // Group by the units of this level (none: one total for the area).
  std::optional<UnitLevel> by_level;
  // Group by periods of this type (none: one total for the range).
  std::optional<PeriodType> by_period;
  // The range, inclusive: periods of one type ("2019".."2022").
  Period from = *Period::Parse("2000");
  Period to = *Period::Parse("2000");
  // The calendar that places events (by their dates) in periods. Reported values keep the
  // calendar of their data set.
  std::string calendar = "gregorian";
};

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
};

}  // namespace antq::analytics
