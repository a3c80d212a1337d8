#include "app/values_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/analytics_use_cases.h"
#include "app/scope.h"
#include "app/validation_use_cases.h"
#include "common/text.h"
#include "domain/calendar.h"

namespace antq {
namespace {

// A report's target: data set, period window and unit, checked against the catalogue.
struct ReportTarget {
  const DataSet* data_set = nullptr;
  Period period = *Period::Parse("2000");
  DateRange window;
  const UnitVersion* unit = nullptr;
};

Result<ReportTarget> ResolveReport(const Workspace& ws, const ValuesRequest& r, Date today) {
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

std::string Subject(const DataValue& v) {
  return v.option.empty() ? fmt::format("{}/{}", v.element, v.period)
                          : fmt::format("{}.{}/{}", v.element, v.option, v.period);
}

// Records one change of a value in the audit log (inside the caller's transaction).
Status AuditValue(Workspace& ws, const char* action, const DataValue& v, const std::string& user,
                  const std::string& now, std::optional<std::string> old_value,
                  std::optional<std::string> new_value) {
  AuditEntry audit;
  audit.at = now;
  audit.user = user;
  audit.action = action;
  audit.unit_id = v.unit_id;
  audit.subject = Subject(v);
  audit.old_value = std::move(old_value);
  audit.new_value = std::move(new_value);
  return ws.store().AppendAudit(audit);
}

// A submitted report whose figures change goes back to draft: submitted means "as checked".
Status ReopenIfSubmitted(Workspace& ws, UnitId unit, const std::string& data_set,
                         const std::string& period, const std::string& user, const std::string& now,
                         bool& reopened) {
  auto status = ws.store().GetReportStatus(unit, data_set, period);
  if (!status) return Fail(status.error());
  if (!*status || (*status)->state != ReportState::kSubmitted) return Ok();
  ReportStatus draft{unit, data_set, period, ReportState::kDraft, user, now};
  if (auto s = ws.store().PutReportStatus(draft); !s) return s;
  AuditEntry audit;
  audit.at = now;
  audit.user = user;
  audit.action = "report.reopen";
  audit.unit_id = unit;
  audit.subject = fmt::format("{}/{}", data_set, period);
  audit.old_value = "submitted";
  audit.new_value = "draft";
  reopened = true;
  return ws.store().AppendAudit(audit);
}

// The report's rule check, run inside the write's transaction so that it reads what is about to
// be committed without taking the database's lock once per figure.
Status CheckReport(const Workspace& ws, const ReportTarget& target,
                   const std::vector<std::string>& elements, WriteSummary& summary) {
  if (elements.empty()) return Ok();
  auto violations = ValidateStoredReport(ws, target.unit->unit_id, *target.data_set,
                                         target.period.Code(), elements);
  if (!violations) return Fail(violations.error());
  summary.violations = std::move(*violations);
  return Ok();
}

// After the commit (the analytics engine has the new figures): the stored verdicts that read
// what changed are evaluated again.
Status ReevaluateVerdicts(Workspace& ws, const ReportTarget& target,
                          const std::vector<std::string>& elements, const std::string& user,
                          WriteSummary& summary) {
  if (elements.empty()) return Ok();
  auto changes =
      ReevaluateAfterChange(ws, target.unit->unit_id, target.period.Code(), elements, user);
  if (!changes) return Fail(changes.error());
  summary.verdict_changes = std::move(*changes);
  return Ok();
}

}  // namespace

Result<WriteSummary> SetValues(Workspace& ws, const ValuesRequest& request,
                               const std::vector<ValueInput>& values, Date today) {
  auto target = ResolveReport(ws, request, today);
  if (!target) return Fail(target.error());
  // Check everything before writing anything.
  std::vector<DataValue> parsed;
  std::set<std::pair<std::string, std::string>> seen;
  for (const ValueInput& in : values) {
    const std::string where = in.option.empty() ? in.element : in.element + "." + in.option;
    const DataElement* element = ws.catalog().FindElement(in.element);
    if (!element) {
      return Fail(ErrorCode::kNotFound, fmt::format("unknown element '{}'", in.element), where);
    }
    const auto& members = target->data_set->elements;
    if (std::find(members.begin(), members.end(), in.element) == members.end()) {
      const DataSet* home = ws.catalog().DataSetOf(in.element);
      return Fail(
          ErrorCode::kInvalidArgument,
          home ? fmt::format("element {} is reported in data set {}, not {}", in.element,
                             home->code, target->data_set->code)
               : fmt::format("element {} is computed from the {} register and cannot be "
                             "set",
                             in.element, element->source ? element->source->register_code : "?"),
          where);
    }
    if (!element->category.empty()) {
      const Category* category = ws.catalog().FindCategory(element->category);
      if (!category || !category->Find(in.option)) {
        std::string known;
        if (category) {
          for (const CategoryOption& o : category->options) AppendListItem(known, o.code, ", ");
        }
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("element {} is broken down by {}; give one of its options ({})",
                                in.element, element->category, known),
                    where);
      }
    } else if (!in.option.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("element {} has no breakdown", in.element), where);
    }
    if (element->valid_from && target->window.end < *element->valid_from) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("element {} is reported from {} on", in.element,
                              element->valid_from->ToString()),
                  where);
    }
    if (!seen.insert({in.element, in.option}).second) {
      return Fail(ErrorCode::kInvalidArgument, "given twice", where);
    }
    auto value = ParseValue(element->Spec(), in.value);
    if (!value) return Fail(value.error().At(where));
    DataValue v;
    v.unit_id = target->unit->unit_id;
    v.element = in.element;
    v.option = in.option;
    v.period = target->period.Code();
    v.data_set = target->data_set->code;
    v.value = std::move(*value);
    v.stored_by = request.user;
    v.comment = in.comment;
    parsed.push_back(std::move(v));
  }
  WriteSummary summary;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  const std::string now = NowUtcIso();
  std::vector<const DataValue*> written;
  for (DataValue& v : parsed) {
    auto existing = ws.store().GetValue(v.unit_id, v.element, v.option, v.period);
    if (!existing) return Fail(existing.error());
    if (*existing && (*existing)->value == v.value && (*existing)->comment == v.comment) {
      ++summary.unchanged;
      continue;
    }
    v.updated_at = now;
    if (auto s = ws.store().PutValue(v); !s) return Fail(s.error());
    std::optional<std::string> old_value;
    if (*existing) old_value = (*existing)->value.ToString();
    if (auto s = AuditValue(ws, "value.set", v, request.user, now, old_value, v.value.ToString());
        !s) {
      return Fail(s.error());
    }
    ++(*existing ? summary.updated : summary.added);
    written.push_back(&v);
  }
  if (!written.empty()) {
    if (auto s = ReopenIfSubmitted(ws, target->unit->unit_id, target->data_set->code,
                                   target->period.Code(), request.user, now, summary.reopened);
        !s) {
      return Fail(s.error());
    }
  }
  std::vector<std::string> changed;
  for (const DataValue* v : written) changed.push_back(v->element);
  if (auto s = CheckReport(ws, *target, changed, summary); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  for (const DataValue* v : written) NotifyValue(ws, *v);
  if (auto s = ReevaluateVerdicts(ws, *target, changed, request.user, summary); !s) {
    return Fail(s.error());
  }
  return summary;
}

Result<WriteSummary> ClearValues(Workspace& ws, const ValuesRequest& request,
                                 const std::vector<std::string>& elements) {
  auto target = ResolveReport(ws, request, Date::Max());
  if (!target) return Fail(target.error());
  for (const std::string& e : elements) {
    const auto& members = target->data_set->elements;
    if (std::find(members.begin(), members.end(), e) == members.end()) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("data set {} has no element '{}'", target->data_set->code, e),
                  "element");
    }
  }
  ValueFilter filter;
  filter.units = {target->unit->unit_id};
  filter.elements = elements.empty() ? target->data_set->elements : elements;
  filter.periods = {target->period.Code()};
  std::vector<DataValue> doomed;
  if (auto s = ws.store().ScanValues(filter, [&](const DataValue& v) { doomed.push_back(v); });
      !s) {
    return Fail(s.error());
  }
  WriteSummary summary;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  const std::string now = NowUtcIso();
  for (const DataValue& v : doomed) {
    if (auto s = ws.store().DeleteValue(v.unit_id, v.element, v.option, v.period); !s) {
      return Fail(s.error());
    }
    if (auto s = AuditValue(ws, "value.clear", v, request.user, now, v.value.ToString(), {}); !s) {
      return Fail(s.error());
    }
    ++summary.cleared;
  }
  if (!doomed.empty()) {
    if (auto s = ReopenIfSubmitted(ws, target->unit->unit_id, target->data_set->code,
                                   target->period.Code(), request.user, now, summary.reopened);
        !s) {
      return Fail(s.error());
    }
  }
  std::vector<std::string> changed;
  for (const DataValue& v : doomed) changed.push_back(v.element);
  if (auto s = CheckReport(ws, *target, changed, summary); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  for (const DataValue& v : doomed) NotifyValueCleared(ws, v);
  if (auto s = ReevaluateVerdicts(ws, *target, changed, request.user, summary); !s) {
    return Fail(s.error());
  }
  return summary;
}

Result<std::vector<ValueRow>> GetValues(const Workspace& ws, const ValuesQuery& q) {
  ValueFilter filter;
  std::vector<std::string> elements = q.elements;
  if (!q.data_set.empty()) {
    const DataSet* ds = ws.catalog().FindDataSet(q.data_set);
    if (!ds)
      return Fail(ErrorCode::kNotFound, fmt::format("unknown data set '{}'", q.data_set),
                  "data_set");
    if (elements.empty()) elements = ds->elements;
  }
  for (const std::string& e : elements) {
    if (!ws.catalog().FindElement(e)) {
      return Fail(ErrorCode::kNotFound, fmt::format("unknown element '{}'", e), "element");
    }
  }
  filter.elements = elements;
  Date at = Date::Today();
  if (!q.period.empty()) {
    auto period = Period::Parse(q.period);
    if (!period) return Fail(period.error().At("period"));
    filter.periods = {period->Code()};
    at = *Date::FromYmd(period->year(), 12, 31);
  }
  auto area = AreaOf(ws.units(), q.under, at);
  if (!area) return Fail(area.error().At("under"));
  filter.units = area->unit_ids();
  std::vector<ValueRow> rows;
  auto status = ws.store().ScanValues(filter, [&](const DataValue& v) {
    ValueRow row;
    row.element = ws.catalog().FindElement(v.element);
    // The unit as it was in the period (its last version otherwise).
    const auto versions = ws.units().VersionsOfUnit(v.unit_id);
    row.unit = versions.empty() ? nullptr : versions.back();
    if (auto p = Period::Parse(v.period)) {
      const Date end = *Date::FromYmd(p->year(), 12, 31);
      for (const UnitVersion* version : versions) {
        if (version->valid.start <= end) row.unit = version;
      }
    }
    if (q.level && row.unit && row.unit->level != *q.level) return;
    if (!area->everything()) {
      // The value counts for the area if its unit belonged to the area during the period.
      const DataSet* ds = ws.catalog().FindDataSet(v.data_set);
      auto calendar = Calendar::Find(ds ? ds->calendar : "gregorian");
      auto period = Period::Parse(v.period);
      if (calendar && period) {
        auto window = (*calendar)->Window(*period);
        if (window && !area->Overlaps(v.unit_id, *window)) return;
      }
    }
    row.value = v;
    rows.push_back(std::move(row));
  });
  if (!status) return Fail(status.error());
  std::stable_sort(rows.begin(), rows.end(), [](const ValueRow& a, const ValueRow& b) {
    if (a.value.period != b.value.period) return a.value.period < b.value.period;
    if (a.value.element != b.value.element) return a.value.element < b.value.element;
    const int c = CompareVietnamese(a.unit ? a.unit->name : "", b.unit ? b.unit->name : "");
    if (c != 0) return c < 0;
    return a.value.option < b.value.option;
  });
  return rows;
}

}  // namespace antq
