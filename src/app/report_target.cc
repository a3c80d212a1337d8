#include "app/report_target.h"

#include <fmt/format.h>

#include "app/scope.h"
#include "common/text.h"

namespace antq {

std::string ReportTarget::Subject() const {
  return fmt::format("{}/{}", data_set->code, period.Code());
}

Result<ReportTarget> ResolveReport(const Workspace& ws, const ReportKey& r, Date today) {
  ReportTarget t;
  t.data_set = ws.catalog().FindDataSet(r.data_set);
  if (!t.data_set) {
    std::string known;
    for (const auto& [code, ds] : ws.catalog().data_sets()) AppendListItem(known, code, ", ");
    return Fail(ErrorCode::kNotFound,
                fmt::format("unknown data set '{}'; the catalogue has {}", r.data_set, known),
                "data_set");
  }
  auto period = Period::Parse(r.period);
  if (!period) return Fail(period.error().At("period"));
  t.period = *period;
  if (t.period.type() != t.data_set->period_type) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is a {} period, but data set {} is reported {}", r.period,
                            PeriodTypeName(t.period.type()), t.data_set->code,
                            PeriodTypeName(t.data_set->period_type)),
                "period");
  }
  auto calendar = Calendar::Find(t.data_set->calendar);
  if (!calendar) return Fail(calendar.error());
  auto window = (*calendar)->Window(t.period);
  if (!window) return Fail(window.error().At("period"));
  t.window = *window;
  if (t.data_set->submit_within_days > 0) {
    t.deadline = t.window.end.AddDays(t.data_set->submit_within_days);
  }
  if (t.window.start > today) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("period {} ({} under {}) has not started yet; today is {}", r.period,
                            t.window.ToString(), t.data_set->calendar, today.ToString()),
                "period");
  }
  auto unit = ResolveUnitIn(ws.units(), r.unit, t.window);
  if (!unit) {
    return Fail(
        ErrorCode::kNotFound,
        fmt::format("{} (period {} is {})", unit.error().message(), r.period, t.window.ToString()),
        "unit");
  }
  t.unit = *unit;
  if (t.unit->level != t.data_set->level) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} {} is a {}, but data set {} is reported by each {}", t.unit->code,
                            t.unit->FullName(), UnitLevelName(t.unit->level), t.data_set->code,
                            UnitLevelName(t.data_set->level)),
                "unit");
  }
  return t;
}

}  // namespace antq
