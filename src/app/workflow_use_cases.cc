#include "app/workflow_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "app/validation_use_cases.h"
#include "common/text.h"

namespace antq {
namespace {

constexpr std::pair<ReportProgress, std::string_view> kProgress[] = {
    {ReportProgress::kNotStarted, "not_started"},
    {ReportProgress::kDraft, "draft"},
    {ReportProgress::kSubmittedOnTime, "submitted_on_time"},
    {ReportProgress::kSubmittedLate, "submitted_late"},
    {ReportProgress::kApproved, "approved"},
    {ReportProgress::kLocked, "locked"},
    {ReportProgress::kOverdue, "overdue"},
};

std::string Describe(const ReportTarget& t) {
  return fmt::format("report {} of {} {} for {}", t.data_set->code, t.unit->code,
                     t.unit->FullName(), t.period.Code());
}

// Whether the actor approves for the level above `unit`: the unit is in its entry scope and is
// not its own scope unit (nobody approves their own report).
Status RequireApprover(const Actor& actor, Action action, const ReportTarget& t) {
  if (auto s = RequireUnit(actor, action, t.unit->unit_id); !s) return s;
  if (!actor.is_admin() && actor.entry.unit == t.unit->unit_id) {
    return Fail(ErrorCode::kPermissionDenied,
                fmt::format("the {} is approved by the level above {}, not by its own officers",
                            Describe(t), t.unit->code));
  }
  return Ok();
}

Status Audit(Workspace& ws, const Actor& actor, const ReportTarget& t, const char* action,
             ReportState from, ReportState to, const std::string& now, const std::string& comment) {
  AuditEntry audit;
  audit.at = now;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = action;
  audit.unit_id = t.unit->unit_id;
  audit.subject = t.Subject();
  audit.old_value = std::string(ReportStateName(from));
  audit.new_value = comment.empty() ? std::string(ReportStateName(to))
                                    : fmt::format("{}: {}", ReportStateName(to), comment);
  return ws.store().AppendAudit(audit);
}

// Moves a report from one of `from` to `to` in one transaction, audited.
Result<ReportStatus> Transition(Workspace& ws, const Actor& actor, const ReportTarget& t,
                                std::initializer_list<ReportState> from, ReportState to,
                                const char* audit_action, const char* verb,
                                const std::string& comment) {
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().GetReportStatus(t.unit->unit_id, t.data_set->code, t.period.Code());
  if (!stored) return Fail(stored.error());
  const ReportState state = *stored ? (*stored)->state : ReportState::kDraft;
  if (std::find(from.begin(), from.end(), state) == from.end()) {
    std::string allowed;
    for (ReportState s : from) AppendListItem(allowed, ReportStateName(s), " or ");
    return Fail(ErrorCode::kConflict,
                fmt::format("the {} is {}; only a report that is {} can be {}", Describe(t),
                            ReportStateName(state), allowed, verb));
  }
  ReportStatus next = *stored ? **stored : ReportStatus{};
  next.unit_id = t.unit->unit_id;
  next.data_set = t.data_set->code;
  next.period = t.period.Code();
  next.state = to;
  next.changed_by = actor.user;
  next.changed_at = NowUtcIso();
  next.comment = comment;
  if (to == ReportState::kSubmitted) next.submitted_at = next.changed_at;
  if (auto s = ws.store().PutReportStatus(next); !s) return Fail(s.error());
  if (auto s = Audit(ws, actor, t, audit_action, state, to, next.changed_at, comment); !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return next;
}

Result<std::string> RequiredComment(const std::string& comment) {
  auto text = ParseValue(ValueSpec{ValueType::kText, std::nullopt, std::nullopt, 1000}, comment);
  if (!text) return Fail(text.error().At("comment"));
  if (text->text.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "is required: say why, for the unit to act on",
                "comment");
  }
  return text->text;
}

}  // namespace

std::optional<ReportProgress> ParseReportProgress(std::string_view name) {
  for (const auto& [p, text] : kProgress) {
    if (text == name) return p;
  }
  return std::nullopt;
}

std::string_view ReportProgressName(ReportProgress progress) {
  for (const auto& [p, name] : kProgress) {
    if (p == progress) return name;
  }
  return "?";
}

Status CheckReportWritable(const Actor& actor, const ReportTarget& t,
                           const std::optional<ReportStatus>& status) {
  if (auto s = RequireUnit(actor, Action::kEnter, t.unit->unit_id); !s) return s;
  switch (status ? status->state : ReportState::kDraft) {
    case ReportState::kDraft:
      return Ok();
    case ReportState::kSubmitted:
      // An approver may still correct a submitted report; it goes back to draft.
      if (RoleAllows(actor.role, Action::kApprove) &&
          (actor.is_admin() || actor.entry.unit != t.unit->unit_id)) {
        return Ok();
      }
      return Fail(ErrorCode::kConflict,
                  fmt::format("the {} was submitted on {}; its figures can change again when the "
                              "level above returns it to draft",
                              Describe(t), status->submitted_at.substr(0, 10)));
    case ReportState::kApproved:
      return Fail(ErrorCode::kConflict,
                  fmt::format("the {} is approved; it must be returned to draft before its "
                              "figures can change",
                              Describe(t)));
    case ReportState::kLocked:
      return Fail(ErrorCode::kConflict,
                  fmt::format("the {} is locked; the province must unlock and return it before "
                              "its figures can change",
                              Describe(t)));
  }
  return Ok();
}

Result<SubmitResult> SubmitReport(Workspace& ws, const Actor& actor, const ReportKey& key) {
  auto t = ResolveReport(ws, key, Date::Today());
  if (!t) return Fail(t.error());
  if (auto s = RequireUnit(actor, Action::kSubmit, t->unit->unit_id); !s) return Fail(s.error());
  SubmitResult result;
  auto violations = ValidateStoredReport(ws, t->unit->unit_id, *t->data_set, t->period.Code());
  if (!violations) return Fail(violations.error());
  result.violations = std::move(*violations);
  auto stored = ws.store().GetReportStatus(t->unit->unit_id, t->data_set->code, t->period.Code());
  if (!stored) return Fail(stored.error());
  if (*stored && (*stored)->state != ReportState::kDraft) {
    result.already = true;
    result.status = **stored;
    return result;
  }
  if (rules::HasErrors(result.violations)) return result;
  auto status = Transition(ws, actor, *t, {ReportState::kDraft}, ReportState::kSubmitted,
                           "report.submit", "submitted", "");
  if (!status) return Fail(status.error());
  result.submitted = true;
  result.status = std::move(*status);
  return result;
}

Result<ReportStatus> ApproveReport(Workspace& ws, const Actor& actor, const ReportKey& key) {
  auto t = ResolveReport(ws, key, Date::Max());
  if (!t) return Fail(t.error());
  if (auto s = RequireApprover(actor, Action::kApprove, *t); !s) return Fail(s.error());
  return Transition(ws, actor, *t, {ReportState::kSubmitted}, ReportState::kApproved,
                    "report.approve", "approved", "");
}

Result<ReportStatus> ReturnReport(Workspace& ws, const Actor& actor, const ReportKey& key,
                                  const std::string& comment) {
  auto t = ResolveReport(ws, key, Date::Max());
  if (!t) return Fail(t.error());
  if (auto s = RequireApprover(actor, Action::kApprove, *t); !s) return Fail(s.error());
  auto why = RequiredComment(comment);
  if (!why) return Fail(why.error());
  return Transition(ws, actor, *t, {ReportState::kSubmitted, ReportState::kApproved},
                    ReportState::kDraft, "report.return", "returned", *why);
}

Result<ReportStatus> LockReport(Workspace& ws, const Actor& actor, const ReportKey& key) {
  auto t = ResolveReport(ws, key, Date::Max());
  if (!t) return Fail(t.error());
  if (auto s = RequireUnit(actor, Action::kLock, t->unit->unit_id); !s) return Fail(s.error());
  return Transition(ws, actor, *t, {ReportState::kApproved}, ReportState::kLocked, "report.lock",
                    "locked", "");
}

Result<ReportStatus> UnlockReport(Workspace& ws, const Actor& actor, const ReportKey& key,
                                  const std::string& comment) {
  auto t = ResolveReport(ws, key, Date::Max());
  if (!t) return Fail(t.error());
  if (auto s = RequireUnit(actor, Action::kLock, t->unit->unit_id); !s) return Fail(s.error());
  auto why = RequiredComment(comment);
  if (!why) return Fail(why.error());
  return Transition(ws, actor, *t, {ReportState::kLocked}, ReportState::kApproved, "report.unlock",
                    "unlocked", *why);
}

Result<ReportForm> GetReportForm(const Workspace& ws, const Actor& actor, const ReportKey& key,
                                 Date today) {
  auto t = ResolveReport(ws, key, today);
  if (!t) return Fail(t.error());
  if (auto s = RequireUnit(actor, Action::kRead, t->unit->unit_id); !s) return Fail(s.error());
  ReportForm form;
  form.target = *t;
  auto stored = ws.store().GetReportStatus(t->unit->unit_id, t->data_set->code, t->period.Code());
  if (!stored) return Fail(stored.error());
  if (*stored) form.status = **stored;
  form.status.unit_id = t->unit->unit_id;
  form.status.data_set = t->data_set->code;
  form.status.period = t->period.Code();
  ValueFilter filter;
  filter.units = {t->unit->unit_id};
  filter.elements = t->data_set->elements;
  filter.options = ws.catalog().OptionsOf(t->data_set->elements);
  filter.periods = {t->period.Code()};
  std::map<std::string, size_t> order;
  for (size_t i = 0; i < t->data_set->elements.size(); ++i) order[t->data_set->elements[i]] = i;
  if (auto s = ws.store().ScanValues(filter, [&](const DataValue& v) { form.values.push_back(v); });
      !s) {
    return Fail(s.error());
  }
  std::stable_sort(
      form.values.begin(), form.values.end(), [&](const DataValue& a, const DataValue& b) {
        return std::pair(order[a.element], a.option) < std::pair(order[b.element], b.option);
      });
  form.started = stored->has_value() || !form.values.empty();
  auto violations = ValidateStoredReport(ws, t->unit->unit_id, *t->data_set, t->period.Code());
  if (!violations) return Fail(violations.error());
  form.violations = std::move(*violations);
  if (auto s = CheckReportWritable(actor, *t, *stored); s) {
    form.writable = true;
  } else {
    form.not_writable_because = s.error().message();
  }
  return form;
}

Result<std::vector<AuditEntry>> ReportHistory(const Workspace& ws, const Actor& actor,
                                              const ReportKey& key, size_t limit) {
  auto t = ResolveReport(ws, key, Date::Max());
  if (!t) return Fail(t.error());
  if (auto s = RequireUnit(actor, Action::kRead, t->unit->unit_id); !s) return Fail(s.error());
  std::vector<AuditEntry> out;
  // Figures are audited per element ("tips.received/202303"), transitions per report
  // ("commune-monthly/202303"): both belong to the history.
  auto transitions = ws.store().RecentAudit({t->unit->unit_id}, limit, t->Subject());
  if (!transitions) return Fail(transitions.error());
  out = std::move(*transitions);
  for (const std::string& element : t->data_set->elements) {
    auto figures =
        ws.store().RecentAudit({t->unit->unit_id}, limit, element + "/" + t->period.Code());
    if (!figures) return Fail(figures.error());
    out.insert(out.end(), figures->begin(), figures->end());
  }
  std::sort(out.begin(), out.end(),
            [](const AuditEntry& a, const AuditEntry& b) { return a.id > b.id; });
  if (out.size() > limit) out.resize(limit);
  return out;
}

Result<StatusOverview> ReportStatusOverview(const Workspace& ws, const Actor& actor,
                                            const StatusRequest& r, Date today) {
  StatusOverview out;
  out.data_set = ws.catalog().FindDataSet(r.data_set);
  if (!out.data_set) {
    return Fail(ErrorCode::kNotFound, fmt::format("no data set {}", QuoteForMessage(r.data_set)),
                "data_set");
  }
  const DataSet& ds = *out.data_set;
  auto within = PeriodRange(r.period);
  if (!within) return Fail(within.error());
  std::vector<Period> periods;
  for (const Period& p : *within) {
    auto inside = PeriodsWithin(p, ds.period_type);
    if (!inside) return Fail(inside.error().At("period"));
    periods.insert(periods.end(), inside->begin(), inside->end());
  }
  if (ws.units().VersionsOfCode(r.under).empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no unit has code {}", QuoteForMessage(r.under)),
                "under");
  }
  std::set<ReportProgress> only;
  for (const std::string& name : r.states) {
    auto p = ParseReportProgress(name);
    if (!p) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not a state; use not_started, draft, submitted_on_time, "
                              "submitted_late, approved, locked, overdue",
                              QuoteForMessage(name)),
                  "state");
    }
    only.insert(*p);
  }
  auto calendar = Calendar::Find(ds.calendar);
  if (!calendar) return Fail(calendar.error());
  if (periods.empty()) return out;
  auto statuses = ws.store().ReportStatuses(ds.code, periods.front().Code(), periods.back().Code());
  if (!statuses) return Fail(statuses.error());
  std::map<std::pair<UnitId, std::string>, const ReportStatus*> by_report;
  for (const ReportStatus& s : *statuses) by_report[{s.unit_id, s.period}] = &s;

  struct Slot {
    const UnitVersion* unit;
    Period period;
    DateRange window;
    const UnitVersion* child;  // the root's child it lies under (itself when a child)
  };
  std::vector<Slot> slots;
  std::set<UnitId> unit_ids;
  bool root_readable = false;
  for (const Period& p : periods) {
    auto window = (*calendar)->Window(p);
    if (!window) return Fail(window.error());
    if (window->start > today) continue;
    auto root = ws.units().Resolve(r.under, window->end);
    if (!root) continue;  // the area did not exist then
    if (!actor.MayReadAt((*root)->unit_id)) continue;
    root_readable = true;
    std::vector<const UnitVersion*> units =
        ws.units().Descendants((*root)->unit_id, window->end, ds.level);
    if ((*root)->level == ds.level) units.insert(units.begin(), *root);
    for (const UnitVersion* unit : units) {
      const UnitVersion* child = unit;
      for (const UnitVersion* a : ws.units().Ancestors(unit->unit_id, window->end)) {
        if (a->unit_id == (*root)->unit_id) break;
        child = a;
      }
      if (unit->unit_id == (*root)->unit_id) child = nullptr;
      slots.push_back({unit, p, *window, child});
      unit_ids.insert(unit->unit_id);
    }
  }
  if (!root_readable) {
    auto denied = RequireUnit(actor, Action::kRead, ws.units().VersionsOfCode(r.under)[0]->unit_id);
    if (!denied) return Fail(denied.error());
  }
  // Which reports have figures: a draft, not merely not started.
  std::set<std::pair<UnitId, std::string>> with_values;
  ValueFilter filter;
  filter.units.assign(unit_ids.begin(), unit_ids.end());
  filter.elements = ds.elements;
  for (const Period& p : periods) filter.periods.push_back(p.Code());
  if (!filter.units.empty()) {
    if (auto s = ws.store().ScanValues(filter,
                                       [&](const DataValue& v) {
                                         with_values.insert({v.unit_id, v.period});
                                       });
        !s) {
      return Fail(s.error());
    }
  }
  std::map<UnitId, ReportingRate> by_child;
  std::vector<UnitId> child_order;
  for (const Slot& slot : slots) {
    ReportStatusRow row;
    row.unit = slot.unit;
    row.period = slot.period.Code();
    if (ds.submit_within_days > 0) row.deadline = slot.window.end.AddDays(ds.submit_within_days);
    auto it = by_report.find({slot.unit->unit_id, row.period});
    if (it != by_report.end()) row.status = *it->second;
    row.status.unit_id = slot.unit->unit_id;
    row.status.data_set = ds.code;
    row.status.period = row.period;
    const bool recorded = it != by_report.end();
    const std::string& submitted =
        row.status.submitted_at.empty() ? row.status.changed_at : row.status.submitted_at;
    auto submitted_on = Date::Parse(std::string_view(submitted).substr(0, 10));
    const bool on_time =
        !submitted_on || row.deadline == Date::Max() || *submitted_on <= row.deadline;
    const ReportState state = recorded ? row.status.state : ReportState::kDraft;
    const bool handed_in = state != ReportState::kDraft;
    switch (state) {
      case ReportState::kLocked:
        row.progress = ReportProgress::kLocked;
        break;
      case ReportState::kApproved:
        row.progress = ReportProgress::kApproved;
        break;
      case ReportState::kSubmitted:
        row.progress = on_time ? ReportProgress::kSubmittedOnTime : ReportProgress::kSubmittedLate;
        break;
      case ReportState::kDraft:
        if (row.deadline < today) {
          row.progress = ReportProgress::kOverdue;
        } else if (recorded || with_values.contains({slot.unit->unit_id, row.period})) {
          row.progress = ReportProgress::kDraft;
        } else {
          row.progress = ReportProgress::kNotStarted;
        }
        break;
    }
    row.handed_in = handed_in;
    row.on_time = handed_in && on_time;
    ++out.counts[row.progress];
    if (row.deadline < today) {
      ++out.due.due;
      if (!handed_in) {
        ++out.due.missing;
      } else if (on_time) {
        ++out.due.on_time;
      } else {
        ++out.due.late;
      }
    }
    for (ReportingRate* rate :
         {&out.total, slot.child ? &by_child[slot.child->unit_id] : nullptr}) {
      if (!rate) continue;
      ++rate->expected;
      if (handed_in) ++rate->actual;
      if (handed_in && on_time) ++rate->on_time;
    }
    if (slot.child && !by_child[slot.child->unit_id].unit) {
      by_child[slot.child->unit_id].unit = slot.child;
      child_order.push_back(slot.child->unit_id);
    }
    if (only.empty() || only.contains(row.progress)) out.rows.push_back(std::move(row));
  }
  std::stable_sort(out.rows.begin(), out.rows.end(),
                   [](const ReportStatusRow& a, const ReportStatusRow& b) {
                     if (a.period != b.period) return a.period < b.period;
                     return CompareVietnamese(a.unit->name, b.unit->name) < 0;
                   });
  for (UnitId id : child_order) out.by_unit.push_back(by_child[id]);
  std::stable_sort(out.by_unit.begin(), out.by_unit.end(),
                   [](const ReportingRate& a, const ReportingRate& b) {
                     return CompareVietnamese(a.unit->name, b.unit->name) < 0;
                   });
  return out;
}

}  // namespace antq
