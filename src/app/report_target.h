#pragma once

#include <string>

#include "app/workspace.h"
#include "common/date.h"
#include "common/result.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/period.h"

namespace antq {

// One report: a unit, a data set and a period, as given (codes).
struct ReportKey {
  std::string unit;
  std::string data_set;
  std::string period;
};

// A report resolved against the catalogue and the units: the data set, the period and its date
// window under the data set's calendar, the deadline, and the unit as it was in the window.
struct ReportTarget {
  const DataSet* data_set = nullptr;
  Period period = *Period::Parse("2000");
  DateRange window;
  Date deadline = Date::Max();  // the window's end plus the data set's submit_within_days
  const UnitVersion* unit = nullptr;

  // "commune-monthly/202303": the subject of the report's audit entries.
  std::string Subject() const;
};

// Resolves `key`, refusing (naming the field: data_set, period, unit): an unknown data set; a
// period of another type than the data set's, or one that has not started by `today`; a unit
// that did not exist in the window or is of another level than the data set's.
Result<ReportTarget> ResolveReport(const Workspace& ws, const ReportKey& key, Date today);

}  // namespace antq
