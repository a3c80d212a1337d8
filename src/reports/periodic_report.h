#pragma once

#include <string>

#include "analytics/engine.h"
#include "common/language_format.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/period.h"
#include "domain/unit_registry.h"
#include "reports/official_layout.h"
#include "reports/report_builder.h"
#include "reports/templates.h"

namespace antq::reports {

struct PeriodicRequest {
  std::string area;                        // a unit code, as it stood at the end of the period
  Period period = *Period::Parse("2023");  // a month, quarter, half or year
  Layout layout = Layout::kState;
  Date date;       // the report's date
  int number = 0;  // its number, 0 to leave it blank
  std::string notice;
  Language language = Language::kVietnamese;  // the templates' language
  // How the units' reports came in (data sets with a deadline), for the limitations.
  std::vector<ReportingTimeliness> timeliness;
};

// The periodic movement report of a unit for a month, quarter, half or year under the
// reporting calendar of Nghị định 09/2019 (decree09: a month runs from the 15th of the one
// before to the 14th): the data cut-off, the results with each figure's change against the same
// period of the year before ("tăng 12,5 % so với cùng kỳ"), limitations, next steps, and an annex
// by the units one level down. Sentences come from `templates` (data/templates/periodic.*.toml).
Result<Report> BuildPeriodicReport(const analytics::Engine& engine, const UnitRegistry& units,
                                   const Catalog& catalog, const Templates& templates,
                                   const PeriodicRequest& request);

// "tăng 12,5 % so với cùng kỳ", "giảm 3 % so với cùng kỳ", "bằng cùng kỳ" (the templates
// change.up, change.down, change.same with {percent}); empty when there is nothing to compare
// with (no figure the year before, or zero).
Result<std::string> ChangeAgainstLastYear(const Templates& templates, const LanguageFormat& format,
                                          double now, std::optional<double> before);

}  // namespace antq::reports
