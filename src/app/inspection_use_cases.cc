#include "app/inspection_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "app/evaluation_use_cases.h"
#include "app/json_mapping.h"
#include "app/scope.h"
#include "app/validation_use_cases.h"
#include "common/text.h"

namespace antq {
namespace {

Result<std::string> Text(const std::string& raw, const char* field, size_t max_length,
                         bool required = true) {
  auto v = ParseValue(ValueSpec{ValueType::kText, std::nullopt, std::nullopt, max_length}, raw);
  if (!v) return Fail(v.error().At(field));
  if (required && v->text.empty()) return Fail(ErrorCode::kInvalidArgument, "is required", field);
  return v->text;
}

Result<Date> DateField(const std::string& raw, const char* field) {
  auto v = ParseValue(ValueSpec{ValueType::kDate}, raw);
  if (!v) return Fail(v.error().At(field));
  return *Date::Parse(v->text);
}

Status Audit(Workspace& ws, const Actor& actor, const char* action, UnitId unit,
             const std::string& subject, const std::string& value) {
  AuditEntry audit;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = action;
  audit.unit_id = unit;
  audit.subject = subject;
  audit.new_value = value;
  return ws.store().AppendAudit(audit);
}

Result<Inspection> Load(const Workspace& ws, int64_t id) {
  auto i = ws.store().GetInspection(id);
  if (!i) return Fail(i.error());
  if (!*i) return Fail(ErrorCode::kNotFound, fmt::format("no inspection {}", id), "id");
  return **i;
}

// Who may write an inspection's findings and recommendations: its managers (province officers,
// administrators) where its scope is theirs, and the inspectors on its team.
Status RequireTeam(const Actor& actor, const Inspection& i) {
  if (RoleAllows(actor.role, Action::kManageInspection) && actor.MayEnterAt(i.scope.unit)) {
    return Ok();
  }
  if (RoleAllows(actor.role, Action::kWriteInspection) &&
      (actor.inspection == i.id || i.HasMember(actor.user))) {
    return Ok();
  }
  return Fail(ErrorCode::kPermissionDenied,
              fmt::format("user {} is not on the team of inspection {}", actor.user, i.id));
}

Status RequireReadable(const Actor& actor, const Inspection& i) {
  if (actor.MayReadAt(i.scope.unit) || actor.inspection == i.id || i.HasMember(actor.user)) {
    return RequireRole(actor, Action::kRead);
  }
  return Fail(ErrorCode::kPermissionDenied,
              fmt::format("inspection {} is outside the view scope of user {}", i.id, actor.user));
}

const UnitVersion* Latest(const UnitRegistry& units, UnitId id) {
  const auto versions = units.VersionsOfUnit(id);
  return versions.empty() ? nullptr : versions.back();
}

}  // namespace

Result<Inspection> OpenInspection(Workspace& ws, const Actor& actor, const NewInspection& in) {
  if (auto s = RequireRole(actor, Action::kManageInspection); !s) return Fail(s.error());
  Inspection i;
  auto number = Text(in.decision_number, "decision_number", 100);
  if (!number) return Fail(number.error());
  i.decision_number = *number;
  auto date = DateField(in.decision_date, "decision_date");
  if (!date) return Fail(date.error());
  i.decision_date = *date;
  auto body = Text(in.issuing_body, "issuing_body", 300);
  if (!body) return Fail(body.error());
  i.issuing_body = *body;
  auto subject = Text(in.subject, "subject", 1000);
  if (!subject) return Fail(subject.error());
  i.subject = *subject;
  Date at = i.decision_date;
  if (!in.scope_at.empty()) {
    auto d = DateField(in.scope_at, "scope_at");
    if (!d) return Fail(d.error());
    at = *d;
  }
  auto root = AreaRoot(ws.units(), in.scope, at);
  if (!root) return Fail(root.error().At("scope"));
  if (auto s = RequireUnit(actor, Action::kManageInspection, (*root)->unit_id); !s) {
    return Fail(s.error());
  }
  i.scope = UnitScope{(*root)->code, at, (*root)->unit_id};
  auto years = PeriodRange(in.period);
  if (!years) return Fail(years.error());
  if (years->front().type() != PeriodType::kYearly) {
    return Fail(ErrorCode::kInvalidArgument, "an inspection covers whole years: 2019..2022",
                "period");
  }
  i.period_from = years->front().Code();
  i.period_to = years->back().Code();
  if (std::count_if(in.team.begin(), in.team.end(), [](const TeamMember& m) { return m.head; }) >
      1) {
    return Fail(ErrorCode::kInvalidArgument, "a team has one head", "team.head");
  }
  for (const TeamMember& m : in.team) {
    auto title = Text(m.title, "team.title", 200);
    if (!title) return Fail(title.error());
    auto member_body = Text(m.body, "team.body", 300, false);
    if (!member_body) return Fail(member_body.error());
    if (!m.user.empty()) {
      auto user = ws.store().GetUser(m.user);
      if (!user) return Fail(user.error());
      if (!*user) {
        return Fail(ErrorCode::kNotFound, fmt::format("no user {}", QuoteForMessage(m.user)),
                    "team.user");
      }
    }
    i.team.push_back({*title, *member_body, m.user, m.head});
  }
  i.created_by = actor.user;
  i.created_at = NowUtcIso();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto id = ws.store().InsertInspection(i);
  if (!id) return Fail(id.error());
  i.id = *id;
  if (auto s =
          Audit(ws, actor, "inspection.open", i.scope.unit, fmt::format("inspection {}", i.id),
                fmt::format("{} {}: {}", i.decision_number, i.decision_date.ToString(), i.subject));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return i;
}

Result<std::vector<Inspection>> ListInspections(const Workspace& ws, const Actor& actor) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  auto all = ws.store().ListInspections();
  if (!all) return Fail(all.error());
  std::vector<Inspection> out;
  for (Inspection& i : *all) {
    if (RequireReadable(actor, i)) out.push_back(std::move(i));
  }
  std::reverse(out.begin(), out.end());
  return out;
}

Result<InspectionDetails> GetInspection(const Workspace& ws, const Actor& actor, int64_t id) {
  auto i = Load(ws, id);
  if (!i) return Fail(i.error());
  if (auto s = RequireReadable(actor, *i); !s) return Fail(s.error());
  InspectionDetails out;
  out.inspection = std::move(*i);
  auto findings = ws.store().FindingsOf(id);
  if (!findings) return Fail(findings.error());
  out.findings = std::move(*findings);
  auto recs = ws.store().RecommendationsOf(id);
  if (!recs) return Fail(recs.error());
  out.recommendations = std::move(*recs);
  return out;
}

Result<Inspection> TakeSnapshot(Workspace& ws, const Actor& actor, int64_t id) {
  auto i = Load(ws, id);
  if (!i) return Fail(i.error());
  if (auto s = RequireTeam(actor, *i); !s) return Fail(s.error());
  const Actor reader = Actor::LocalOperator(actor.user);  // the team reads its whole scope
  nlohmann::json sets = nlohmann::json::array();
  auto first = Period::Parse(i->period_from);
  auto last = Period::Parse(i->period_to);
  if (!first || !last) return Fail(ErrorCode::kInternal, "corrupt inspection period");
  for (const auto& [code, set] : ws.catalog().criteria_sets()) {
    for (Period p = *first; !(*last < p); p = p.Next()) {
      // A set that does not cover the area or the year adds nothing.
      auto ev = EvaluateCriteriaSet(ws, reader, {code, i->scope.code, p.Code()});
      if (!ev || ev->units.empty()) continue;
      sets.push_back(views::EvaluationJson(*ev));
    }
  }
  i->snapshot_at = NowUtcIso();
  i->snapshot = nlohmann::json({{"taken_at", i->snapshot_at}, {"evaluations", sets}}).dump();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  if (auto s = ws.store().UpdateInspection(*i); !s) return Fail(s.error());
  if (auto s =
          Audit(ws, actor, "inspection.snapshot", i->scope.unit, fmt::format("inspection {}", id),
                fmt::format("{} evaluation(s) frozen", sets.size()));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return *i;
}

Result<Finding> AddFinding(Workspace& ws, const Actor& actor, int64_t inspection,
                           const std::string& text, const std::string& unit) {
  auto i = Load(ws, inspection);
  if (!i) return Fail(i.error());
  if (auto s = RequireTeam(actor, *i); !s) return Fail(s.error());
  auto body = Text(text, "text", kLongTextMaxLength);
  if (!body) return Fail(body.error());
  Finding f;
  f.inspection_id = inspection;
  f.text = *body;
  if (!unit.empty()) {
    auto v = AreaRoot(ws.units(), unit, i->scope.as_of);
    if (!v) return Fail(v.error().At("unit"));
    f.unit_id = (*v)->unit_id;
  }
  f.created_by = actor.user;
  f.created_at = NowUtcIso();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto id = ws.store().InsertFinding(f);
  if (!id) return Fail(id.error());
  f.id = *id;
  if (auto s = Audit(ws, actor, "inspection.finding", f.unit_id ? f.unit_id : i->scope.unit,
                     fmt::format("inspection {}", inspection), f.text);
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return f;
}

Result<Recommendation> AddRecommendation(Workspace& ws, const Actor& actor, int64_t inspection,
                                         const NewRecommendation& in) {
  auto i = Load(ws, inspection);
  if (!i) return Fail(i.error());
  if (auto s = RequireTeam(actor, *i); !s) return Fail(s.error());
  Recommendation r;
  r.inspection_id = inspection;
  auto text = Text(in.text, "text", kTextMaxLength);
  if (!text) return Fail(text.error());
  r.text = *text;
  auto unit = AreaRoot(ws.units(), in.responsible_unit, i->scope.as_of);
  if (!unit) return Fail(unit.error().At("responsible_unit"));
  r.responsible_unit = (*unit)->unit_id;
  auto deadline = DateField(in.deadline, "deadline");
  if (!deadline) return Fail(deadline.error());
  r.deadline = *deadline;
  r.updated_by = actor.user;
  r.updated_at = NowUtcIso();
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto id = ws.store().InsertRecommendation(r);
  if (!id) return Fail(id.error());
  r.id = *id;
  if (auto s = Audit(ws, actor, "recommendation.add", r.responsible_unit,
                     fmt::format("recommendation {} (inspection {})", r.id, inspection),
                     fmt::format("by {}: {}", r.deadline.ToString(), r.text));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return r;
}

Result<Recommendation> UpdateRecommendation(Workspace& ws, const Actor& actor, int64_t id,
                                            const RecommendationUpdate& update, Date today) {
  (void)today;
  // Only roles that can be on a team or answer for a unit get as far as finding out whether the
  // recommendation exists.
  if (!RoleAllows(actor.role, Action::kWriteInspection) &&
      !RoleAllows(actor.role, Action::kEnter)) {
    return Fail(RequireRole(actor, Action::kWriteInspection).error());
  }
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().GetRecommendation(id);
  if (!stored) return Fail(stored.error());
  if (!*stored) return Fail(ErrorCode::kNotFound, fmt::format("no recommendation {}", id), "id");
  Recommendation r = **stored;
  auto i = Load(ws, r.inspection_id);
  if (!i) return Fail(i.error());
  // The team, or the officers of the responsible unit.
  if (!RequireTeam(actor, *i)) {
    if (auto s = RequireUnit(actor, Action::kEnter, r.responsible_unit); !s) {
      return Fail(s.error());
    }
  }
  std::string change;
  if (update.status) {
    auto status = ParseRecommendationStatus(*update.status);
    if (!status) return Fail(status.error());
    if (*status != r.status) {
      change = fmt::format("{} → {}", RecommendationStatusName(r.status),
                           RecommendationStatusName(*status));
      r.status = *status;
    }
  }
  if (!update.evidence.empty()) {
    auto note = Text(update.evidence, "evidence", kTextMaxLength);
    if (!note) return Fail(note.error());
    r.evidence.push_back({NowUtcIso(), actor.user, *note});
    AppendListItem(change, "evidence: " + *note, "; ");
  }
  if (change.empty()) return r;
  r.updated_by = actor.user;
  r.updated_at = NowUtcIso();
  if (auto s = ws.store().UpdateRecommendation(r); !s) return Fail(s.error());
  if (auto s =
          Audit(ws, actor, "recommendation.update", r.responsible_unit,
                fmt::format("recommendation {} (inspection {})", r.id, r.inspection_id), change);
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return r;
}

Result<std::vector<RecommendationRow>> FollowUp(const Workspace& ws, const Actor& actor,
                                                int64_t inspection, const std::string& status,
                                                Date today) {
  if (auto s = RequireRole(actor, Action::kRead); !s) return Fail(s.error());
  std::optional<RecommendationStatus> wanted;
  if (!status.empty()) {
    if (status == "overdue") {
      wanted = RecommendationStatus::kOverdue;
    } else {
      auto parsed = ParseRecommendationStatus(status);
      if (!parsed) return Fail(parsed.error());
      wanted = *parsed;
    }
  }
  auto recs = ws.store().RecommendationsOf(inspection);
  if (!recs) return Fail(recs.error());
  std::map<int64_t, std::optional<Inspection>> inspections;
  std::vector<RecommendationRow> out;
  for (Recommendation& r : *recs) {
    auto& i = inspections[r.inspection_id];
    if (!i) {
      auto loaded = Load(ws, r.inspection_id);
      if (!loaded) return Fail(loaded.error());
      i = std::move(*loaded);
    }
    if (!RequireReadable(actor, *i) && !actor.MayReadAt(r.responsible_unit)) continue;
    const RecommendationStatus shown = r.StatusOn(today);
    if (wanted && shown != *wanted) continue;
    const UnitVersion* responsible = Latest(ws.units(), r.responsible_unit);
    out.push_back({std::move(r), shown, responsible});
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const RecommendationRow& a, const RecommendationRow& b) {
                     return std::pair(static_cast<int>(a.status), a.recommendation.deadline) <
                            std::pair(static_cast<int>(b.status), b.recommendation.deadline);
                   });
  return out;
}

}  // namespace antq
