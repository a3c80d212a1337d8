#include "app/values_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/analytics_use_cases.h"
#include "app/scope.h"
#include "app/validation_use_cases.h"
#include "app/workflow_use_cases.h"
#include "common/text.h"
#include "domain/calendar.h"

namespace antq {
namespace {

std::string Subject(const DataValue& v) {
  return v.option.empty() ? fmt::format("{}/{}", v.element, v.period)
                          : fmt::format("{}.{}/{}", v.element, v.option, v.period);
}

// Records one change of a value in the audit log (inside the caller's transaction).
Status AuditValue(Workspace& ws, const char* action, const DataValue& v, const Actor& actor,
                  const std::string& now, std::optional<std::string> old_value,
                  std::optional<std::string> new_value) {
  AuditEntry audit;
  audit.at = now;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = action;
  audit.unit_id = v.unit_id;
  audit.subject = Subject(v);
  audit.old_value = std::move(old_value);
  audit.new_value = std::move(new_value);
  return ws.store().AppendAudit(audit);
}

// Only a draft's figures change (CheckReportWritable); an approver's correction of a submitted
// report sends it back to draft, audited, since submitted means "as checked". Runs inside the
// write's transaction, so the state it checks is the state the write commits against.
Status CheckAndReopen(Workspace& ws, const Actor& actor, const ReportTarget& t,
                      const std::string& period, const std::string& now, bool& reopened) {
  auto status = ws.store().GetReportStatus(t.unit->unit_id, t.data_set->code, period);
  if (!status) return Fail(status.error());
  if (auto s = CheckReportWritable(actor, t, *status); !s) return s;
  if (!*status || (*status)->state != ReportState::kSubmitted) return Ok();
  ReportStatus draft = **status;
  draft.state = ReportState::kDraft;
  draft.changed_by = actor.user;
  draft.changed_at = now;
  draft.comment = "";
  if (auto s = ws.store().PutReportStatus(draft); !s) return s;
  AuditEntry audit;
  audit.at = now;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = "report.reopen";
  audit.unit_id = t.unit->unit_id;
  audit.subject = t.Subject();
  audit.old_value = "submitted";
  audit.new_value = "draft";
  reopened = true;
  return ws.store().AppendAudit(audit);
}

// The report's rule check, run inside the write's transaction so that it reads what is about to
// be committed without taking the database's lock once per figure.
Status CheckReport(const Workspace& ws, const ReportTarget& target, const std::string& period,
                   const std::vector<std::string>& elements, WriteSummary& summary) {
  if (elements.empty()) return Ok();
  auto violations =
      ValidateStoredReport(ws, target.unit->unit_id, *target.data_set, period, elements);
  if (!violations) return Fail(violations.error());
  summary.violations = std::move(*violations);
  return Ok();
}

// After the commit (the analytics engine has the new figures): the stored verdicts that read
// what changed are evaluated again.
Status ReevaluateVerdicts(Workspace& ws, const ReportTarget& target, const std::string& period,
                          const std::vector<std::string>& elements, const Actor& actor,
                          WriteSummary& summary) {
  if (elements.empty()) return Ok();
  auto changes = ReevaluateAfterChange(ws, target.unit->unit_id, period, elements, actor);
  if (!changes) return Fail(changes.error());
  summary.verdict_changes = std::move(*changes);
  return Ok();
}

}  // namespace

Result<WriteSummary> SetValues(Workspace& ws, const Actor& actor, const ReportKey& key,
                               const std::vector<ValueInput>& inputs, Date today) {
  auto target = ResolveReport(ws, key, today);
  if (!target) return Fail(target.error());
  if (auto s = RequireUnit(actor, Action::kEnter, target->unit->unit_id); !s) {
    return Fail(s.error());
  }
  std::vector<ValueInput> values = inputs;
  for (ValueInput& in : values) {
    if (!in.option.empty() || ws.catalog().FindElement(in.element)) continue;
    const size_t dot = in.element.rfind('.');
    if (dot != std::string::npos && ws.catalog().FindElement(in.element.substr(0, dot))) {
      in.option = in.element.substr(dot + 1);
      in.element = in.element.substr(0, dot);
    }
  }
  // Check everything before writing anything.
  const std::string period = target->period.Code();
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
    v.period = period;
    v.data_set = target->data_set->code;
    auto comment =
        ParseValue(ValueSpec{ValueType::kText, std::nullopt, std::nullopt, 1000}, in.comment);
    if (!comment) return Fail(comment.error().At(where + ".comment"));
    v.value = std::move(*value);
    v.stored_by = actor.user;
    v.comment = comment->text;
    parsed.push_back(std::move(v));
  }
  WriteSummary summary;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  const std::string now = NowUtcIso();
  if (auto s = CheckAndReopen(ws, actor, *target, period, now, summary.reopened); !s) {
    return Fail(s.error());
  }
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
    if (auto s = AuditValue(ws, "value.set", v, actor, now, old_value, v.value.ToString()); !s) {
      return Fail(s.error());
    }
    ++(*existing ? summary.updated : summary.added);
    written.push_back(&v);
  }
  if (written.empty() && summary.reopened) {
    // Nothing changed: the report stays as it was, submitted.
    return summary;
  }
  std::vector<std::string> changed;
  changed.reserve(written.size());
  for (const DataValue* v : written) changed.push_back(v->element);
  if (auto s = CheckReport(ws, *target, period, changed, summary); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  for (const DataValue* v : written) NotifyValue(ws, *v);
  if (auto s = ReevaluateVerdicts(ws, *target, period, changed, actor, summary); !s) {
    return Fail(s.error());
  }
  return summary;
}

Result<WriteSummary> ClearValues(Workspace& ws, const Actor& actor, const ReportKey& key,
                                 const std::vector<std::string>& elements) {
  auto target = ResolveReport(ws, key, Date::Max());
  if (!target) return Fail(target.error());
  if (auto s = RequireUnit(actor, Action::kEnter, target->unit->unit_id); !s) {
    return Fail(s.error());
  }
  // Each key is an element (all its options) or "ELEMENT.OPTION" (that option only).
  std::vector<std::pair<std::string, std::string>> keys;
  for (const std::string& e : elements) {
    std::pair<std::string, std::string> key{e, ""};
    if (!ws.catalog().FindElement(e)) {
      if (auto found = ws.catalog().FindMeasure(e); found && found->first) {
        key = {found->first->code, found->second};
      }
    }
    const auto& members = target->data_set->elements;
    if (std::find(members.begin(), members.end(), key.first) == members.end()) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("data set {} has no element '{}'", target->data_set->code, e),
                  "element");
    }
    keys.push_back(std::move(key));
  }
  std::vector<ValueFilter> filters;
  if (keys.empty()) {
    filters.push_back({{target->unit->unit_id}, target->data_set->elements, {}, {}});
  } else {
    for (const auto& [element, option] : keys) {
      filters.push_back({{target->unit->unit_id},
                         {element},
                         option.empty() ? std::vector<std::string>{} : std::vector{option},
                         {}});
    }
  }
  std::vector<DataValue> doomed;
  for (ValueFilter& filter : filters) {
    filter.periods = {target->period.Code()};
    if (auto s = ws.store().ScanValues(filter, [&](const DataValue& v) { doomed.push_back(v); });
        !s) {
      return Fail(s.error());
    }
  }
  WriteSummary summary;
  const std::string period = target->period.Code();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  const std::string now = NowUtcIso();
  if (!doomed.empty()) {
    if (auto s = CheckAndReopen(ws, actor, *target, period, now, summary.reopened); !s) {
      return Fail(s.error());
    }
  }
  for (const DataValue& v : doomed) {
    if (auto s = ws.store().DeleteValue(v.unit_id, v.element, v.option, v.period); !s) {
      return Fail(s.error());
    }
    if (auto s = AuditValue(ws, "value.clear", v, actor, now, v.value.ToString(), {}); !s) {
      return Fail(s.error());
    }
    ++summary.cleared;
  }
  std::vector<std::string> changed;
  changed.reserve(doomed.size());
  for (const DataValue& v : doomed) changed.push_back(v.element);
  if (auto s = CheckReport(ws, *target, period, changed, summary); !s) return Fail(s.error());
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  for (const DataValue& v : doomed) NotifyValueCleared(ws, v);
  if (auto s = ReevaluateVerdicts(ws, *target, period, changed, actor, summary); !s) {
    return Fail(s.error());
  }
  return summary;
}

Result<std::vector<ValueRow>> GetValues(const Workspace& ws, const Actor& actor,
                                        const ValuesQuery& q) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
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
  if (auto s = RequireArea(ws.units(), actor, q.under, at); !s) return Fail(s.error());
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
    if (!actor.MayReadAt(v.unit_id)) return;
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
