#pragma once

#include <string>
#include <vector>

#include "analytics/query.h"
#include "common/language_format.h"
#include "reports/report_builder.h"

namespace antq::reports {

// What the analysis export needs besides the answer: the measures' names in the workbook's
// language (in the answer's order) and the query as text, which the workbook keeps as the
// note of its heading so a figure can be traced back to what was asked.
struct QueryWorkbookRequest {
  std::vector<std::string> measure_names;
  std::string query;
  std::string title;  // names the sheet
  Language language = Language::kVietnamese;
};

// A query's answer as a workbook: one sheet with a row per unit and period and a column per
// measure, numbers as numbers (an empty cell where nothing was recorded). The rows stay in the
// answer's order; no totals row is added, since a measure such as a rate or the last value of
// a stock cannot be summed down the column.
Report QueryWorkbook(const analytics::QueryResult& result, const QueryWorkbookRequest& request);

}  // namespace antq::reports
