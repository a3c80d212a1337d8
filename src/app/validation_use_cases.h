#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "app/values_use_cases.h"
#include "app/workspace.h"
#include "common/result.h"
#include "reports/report_builder.h"
#include "rules/validation.h"

namespace antq {

// The rules one stored report breaks (its unit, data set and period), from its stored figures.
// With `touching`, only the rules that read those elements (what a save of them can change);
// it reads only the figures those rules need.
Result<std::vector<rules::Violation>> ValidateStoredReport(
    const Workspace& ws, UnitId unit, const DataSet& data_set, const std::string& period,
    const std::vector<std::string>& touching = {});

// `antq validate`: every stored report under an area in a period, checked against its data
// set's rules.
struct ValidateRequest {
  std::string under;     // an area's unit code
  std::string period;    // a period; reports of shorter periods inside it are checked too
  std::string data_set;  // optional: only this data set
};

struct ReportCheck {
  const UnitVersion* unit = nullptr;
  const DataSet* data_set = nullptr;
  std::string period;
  std::vector<rules::Violation> violations;
};

struct ValidationSummary {
  size_t reports_checked = 0;
  size_t errors = 0;
  size_t warnings = 0;
  std::vector<ReportCheck> reports;  // only reports that break a rule, by data set, period, unit
};

Result<ValidationSummary> ValidateArea(const Workspace& ws, const Actor& actor,
                                       const ValidateRequest& request);

// `antq values status`: how the reports of a data set with a deadline came in from the units
// under an area: on time, late (submitted after the cut-off plus the data set's
// submit_within_days), missing. Periods whose deadline has not passed by `today` are left out.
struct ReportArrival {
  const UnitVersion* unit = nullptr;
  std::string period;
  Date deadline;
  std::string submitted_at;  // empty when missing
  bool late = false;         // submitted after the deadline; !late with no time is missing
};

struct TimelinessResult {
  reports::ReportingTimeliness counts;
  std::vector<ReportArrival> late_or_missing;  // by period, then unit
};

// `within`: periods of any type no shorter than the data set's (2019, 2023Q1); the data set's
// periods inside them are counted.
Result<TimelinessResult> CountTimeliness(const Workspace& ws, const DataSet& data_set,
                                         const std::string& area, const std::vector<Period>& within,
                                         Date today);

// "2019..2022" as its periods (2019, 2020, 2021, 2022), or one period; errors name --period.
Result<std::vector<Period>> PeriodRange(std::string_view text);

// The periods of `type` a report period `within` covers: itself, the months of a quarter or
// year, and so on. Fails when `within` is shorter than `type`.
Result<std::vector<Period>> PeriodsWithin(const Period& within, PeriodType type);

}  // namespace antq
