#include "app/validation_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "app/scope.h"
#include "common/text.h"
#include "domain/calendar.h"

namespace antq {
namespace {

// A report's figures by measure key: "tips.received", "atantt.total.khu_dan_cu", and for an
// element with options, the element's code for their sum.
using ReportValues = std::map<std::string, double, std::less<>>;

void AddValue(ReportValues& values, const DataValue& v) {
  if (!v.value.number) return;
  if (v.option.empty()) {
    values[v.element] = *v.value.number;
    return;
  }
  values[v.element + "." + v.option] = *v.value.number;
  values[v.element] += *v.value.number;
}

std::vector<rules::Violation> Check(const rules::ReportValidator& validator,
                                    const ReportValues& values) {
  return validator.Check([&](const std::string& key) -> std::optional<double> {
    auto it = values.find(key);
    if (it == values.end()) return std::nullopt;
    return it->second;
  });
}

}  // namespace

Result<std::vector<Period>> PeriodsWithin(const Period& within, PeriodType type) {
  if (within.type() == type) return std::vector<Period>{within};
  std::vector<Period> out;
  auto first = Period::Make(type, within.year(), 1, 1);
  if (!first) return Fail(first.error());
  // A year holds its weeks and days too; shorter periods hold the month-based periods they nest.
  auto inside = [&](const Period& p) {
    if (within.type() == PeriodType::kYearly) return p.year() == within.year();
    return EnclosingMonthBased(p, within.type()) == within;
  };
  for (Period p = *first; p.year() == within.year(); p = p.Next()) {
    if (inside(p)) out.push_back(p);
  }
  if (out.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is not made of {} periods; give a year or a {} period",
                            within.Code(), PeriodTypeName(type), PeriodTypeName(type)),
                "period");
  }
  return out;
}

Result<std::vector<rules::Violation>> ValidateStoredReport(
    const Workspace& ws, UnitId unit, const DataSet& data_set, const std::string& period,
    const std::vector<std::string>& touching) {
  const rules::ReportValidator validator = ws.rule_index().ValidatorFor(data_set.code, touching);
  if (validator.empty()) return std::vector<rules::Violation>{};
  // One lookup per figure the rules read; an element with options is read whole.
  ReportValues values;
  ValueFilter whole;
  whole.units = {unit};
  whole.periods = {period};
  for (const std::string& key : validator.keys()) {
    auto measure = ws.catalog().FindMeasure(key);
    if (!measure) continue;
    const DataElement& element = *measure->first;
    if (!element.category.empty()) {
      if (std::find(whole.elements.begin(), whole.elements.end(), element.code) ==
          whole.elements.end()) {
        whole.elements.push_back(element.code);
      }
      continue;
    }
    auto stored = ws.store().GetValue(unit, element.code, "", period);
    if (!stored) return Fail(stored.error());
    if (*stored) AddValue(values, **stored);
  }
  if (!whole.elements.empty()) {
    if (auto s = ws.store().ScanValues(whole, [&](const DataValue& v) { AddValue(values, v); });
        !s) {
      return Fail(s.error());
    }
  }
  return Check(validator, values);
}

Result<ValidationSummary> ValidateArea(const Workspace& ws, const Actor& actor,
                                       const ValidateRequest& r) {
  if (r.under.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  auto period = Period::Parse(r.period);
  if (!period) return Fail(period.error().At("period"));
  if (!r.data_set.empty() && !ws.catalog().FindDataSet(r.data_set)) {
    return Fail(ErrorCode::kNotFound, fmt::format("unknown data set '{}'", r.data_set), "data_set");
  }
  // The area as it stood at any time in the period's year, so both sides of a reorganisation
  // are checked.
  auto area = AreaOf(ws.units(), r.under, *Date::FromYmd(period->year(), 12, 31));
  if (!area) return Fail(area.error().At("under"));
  if (auto s = RequireArea(ws.units(), actor, r.under, *Date::FromYmd(period->year(), 12, 31));
      !s) {
    return Fail(s.error());
  }
  ValidationSummary summary;
  for (const auto& [code, ds] : ws.catalog().data_sets()) {
    if (!r.data_set.empty() && code != r.data_set) continue;
    const rules::ReportValidator validator = ws.rule_index().ValidatorFor(code);
    if (validator.empty()) continue;
    auto periods = PeriodsWithin(*period, ds.period_type);
    if (!periods) {
      if (!r.data_set.empty()) return Fail(periods.error());
      continue;  // reported over longer periods than asked: not part of this check
    }
    ValueFilter filter;
    filter.units = area->unit_ids();
    filter.elements = ds.elements;
    for (const Period& p : *periods) filter.periods.push_back(p.Code());
    auto calendar = Calendar::Find(ds.calendar);
    if (!calendar) return Fail(calendar.error());
    std::map<std::string, DateRange> windows;
    for (const Period& p : *periods) {
      if (auto w = (*calendar)->Window(p)) windows.emplace(p.Code(), *w);
    }
    std::map<std::pair<std::string, UnitId>, ReportValues> reports;
    auto visit = [&](const DataValue& v) {
      // A unit counts for the area while it was in it.
      auto w = windows.find(v.period);
      if (!area->everything() && w != windows.end() && !area->Overlaps(v.unit_id, w->second)) {
        return;
      }
      if (!actor.MayReadAt(v.unit_id)) return;
      AddValue(reports[{v.period, v.unit_id}], v);
    };
    if (auto s = ws.store().ScanValues(filter, visit); !s) return Fail(s.error());
    for (const auto& [key, values] : reports) {
      ++summary.reports_checked;
      std::vector<rules::Violation> violations = Check(validator, values);
      if (violations.empty()) continue;
      ReportCheck check;
      auto p = Period::Parse(key.first);
      const Date end = p ? *Date::FromYmd(p->year(), 12, 31) : Date::Max();
      check.unit = ws.units().VersionOf(key.second, end);
      if (!check.unit) {
        const auto versions = ws.units().VersionsOfUnit(key.second);
        check.unit = versions.empty() ? nullptr : versions.back();
      }
      check.data_set = &ds;
      check.period = key.first;
      for (const rules::Violation& v : violations) {
        ++(v.rule->importance == Importance::kError ? summary.errors : summary.warnings);
      }
      check.violations = std::move(violations);
      summary.reports.push_back(std::move(check));
    }
  }
  return summary;
}

Result<std::vector<Period>> PeriodRange(std::string_view text) {
  const size_t dots = text.find("..");
  auto first = Period::Parse(dots == std::string_view::npos ? text : text.substr(0, dots));
  if (!first) return Fail(first.error().At("period"));
  auto last = Period::Parse(dots == std::string_view::npos ? text : text.substr(dots + 2));
  if (!last) return Fail(last.error().At("period"));
  if (first->type() != last->type() || *last < *first) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a range of periods of one type, first to last", text),
                "period");
  }
  std::vector<Period> periods;
  for (Period p = *first; !(*last < p); p = p.Next()) periods.push_back(p);
  return periods;
}

Result<TimelinessResult> CountTimeliness(const Workspace& ws, const DataSet& ds,
                                         const std::string& area, const std::vector<Period>& within,
                                         Date today) {
  if (ds.submit_within_days <= 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the data set '{}' has no deadline (submit_within_days)", ds.code),
                "data_set");
  }
  auto calendar = Calendar::Find(ds.calendar);
  if (!calendar) return Fail(calendar.error());
  std::vector<Period> periods;
  for (const Period& p : within) {
    auto inside = PeriodsWithin(p, ds.period_type);
    if (!inside) return Fail(inside.error().At("period"));
    periods.insert(periods.end(), inside->begin(), inside->end());
  }
  if (ws.units().VersionsOfCode(area).empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no unit has code '{}'", area), "under");
  }
  TimelinessResult result;
  result.counts.data_set = ds.code;
  result.counts.deadline_days = ds.submit_within_days;
  if (periods.empty()) return result;
  auto statuses = ws.store().ReportStatuses(ds.code, periods.front().Code(), periods.back().Code());
  if (!statuses) return Fail(statuses.error());
  std::map<std::pair<UnitId, std::string>, const ReportStatus*> by_report;
  for (const ReportStatus& s : *statuses) by_report[{s.unit_id, s.period}] = &s;
  for (const Period& p : periods) {
    auto window = (*calendar)->Window(p);
    if (!window) return Fail(window.error());
    const Date deadline = window->end.AddDays(ds.submit_within_days);
    if (deadline >= today) continue;
    auto root = ws.units().Resolve(area, window->end);
    if (!root) continue;  // the area did not exist then
    std::vector<const UnitVersion*> units =
        ws.units().Descendants((*root)->unit_id, window->end, ds.level);
    if ((*root)->level == ds.level) units.insert(units.begin(), *root);
    for (const UnitVersion* unit : units) {
      ++result.counts.expected;
      auto it = by_report.find({unit->unit_id, p.Code()});
      const bool submitted = it != by_report.end() && it->second->state != ReportState::kDraft;
      if (!submitted) {
        ++result.counts.missing;
        result.late_or_missing.push_back({unit, p.Code(), deadline, "", false});
        continue;
      }
      const std::string& at =
          it->second->submitted_at.empty() ? it->second->changed_at : it->second->submitted_at;
      auto on = Date::Parse(std::string_view(at).substr(0, 10));
      if (on && deadline < *on) {
        ++result.counts.late;
        result.late_or_missing.push_back({unit, p.Code(), deadline, at, true});
      }
    }
  }
  return result;
}

}  // namespace antq
