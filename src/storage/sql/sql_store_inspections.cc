// Inspections, findings and recommendations of the SQL store (migration 4). Teams and
// evidence notes are small lists kept as JSON.
#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "storage/sql/sql_store.h"

namespace antq::sql {
namespace {

using nlohmann::json;

constexpr const char* kInspectionColumns =
    "id, decision_number, decision_date, issuing_body, subject, scope_unit_id, scope_code, "
    "scope_as_of, period_from, period_to, team, snapshot, snapshot_at, created_by, created_at";

Result<Date> StoredDate(const std::string& text, const char* what) {
  auto d = Date::Parse(text);
  if (!d)
    return Fail(ErrorCode::kInternal, fmt::format("corrupt {} in the database: {}", what, text));
  return *d;
}

std::string TeamJson(const std::vector<TeamMember>& team) {
  json out = json::array();
  for (const TeamMember& m : team)
    out.push_back({{"title", m.title}, {"body", m.body}, {"user", m.user}, {"head", m.head}});
  return out.dump();
}

Result<std::vector<TeamMember>> ReadTeam(const std::string& text) {
  const json j = json::parse(text, nullptr, false);
  if (j.is_discarded() || !j.is_array())
    return Fail(ErrorCode::kInternal, "corrupt inspection team");
  std::vector<TeamMember> team;
  for (const json& m : j) {
    if (!m.is_object()) return Fail(ErrorCode::kInternal, "corrupt inspection team");
    const auto head = m.find("head");
    if (head != m.end() && !head->is_boolean())
      return Fail(ErrorCode::kInternal, "corrupt inspection team");
    team.push_back({m.value("title", ""), m.value("body", ""), m.value("user", ""),
                    head != m.end() && head->get<bool>()});
  }
  return team;
}

Result<Inspection> ReadInspection(const Statement& st) {
  Inspection i;
  i.id = st.Int(0);
  i.decision_number = st.Text(1);
  auto date = StoredDate(st.Text(2), "decision date");
  if (!date) return Fail(date.error());
  i.decision_date = *date;
  i.issuing_body = st.Text(3);
  i.subject = st.Text(4);
  i.scope.unit = st.Int(5);
  i.scope.code = st.Text(6);
  auto as_of = StoredDate(st.Text(7), "inspection scope date");
  if (!as_of) return Fail(as_of.error());
  i.scope.as_of = *as_of;
  i.period_from = st.Text(8);
  i.period_to = st.Text(9);
  auto team = ReadTeam(st.Text(10));
  if (!team) return Fail(team.error());
  i.team = std::move(*team);
  i.snapshot = st.Text(11);
  i.snapshot_at = st.Text(12);
  i.created_by = st.Text(13);
  i.created_at = st.Text(14);
  return i;
}

std::string EvidenceJson(const std::vector<EvidenceNote>& notes) {
  json out = json::array();
  for (const EvidenceNote& n : notes) out.push_back({{"at", n.at}, {"by", n.by}, {"text", n.text}});
  return out.dump();
}

constexpr const char* kRecommendationColumns =
    "id, inspection_id, text, responsible_unit_id, deadline, status, evidence, updated_by, "
    "updated_at";

Result<Recommendation> ReadRecommendation(const Statement& st) {
  Recommendation r;
  r.id = st.Int(0);
  r.inspection_id = st.Int(1);
  r.text = st.Text(2);
  r.responsible_unit = st.Int(3);
  auto deadline = StoredDate(st.Text(4), "recommendation deadline");
  if (!deadline) return Fail(deadline.error());
  r.deadline = *deadline;
  auto status = ParseRecommendationStatus(st.TextView(5));
  if (!status) return Fail(ErrorCode::kInternal, "corrupt recommendation status");
  r.status = *status;
  const json notes = json::parse(st.Text(6), nullptr, false);
  if (notes.is_discarded() || !notes.is_array()) {
    return Fail(ErrorCode::kInternal, "corrupt recommendation evidence");
  }
  for (const json& n : notes) {
    if (!n.is_object()) return Fail(ErrorCode::kInternal, "corrupt recommendation evidence");
    r.evidence.push_back({n.value("at", ""), n.value("by", ""), n.value("text", "")});
  }
  r.updated_by = st.Text(7);
  r.updated_at = st.Text(8);
  return r;
}

void BindInspection(Statement& s, const Inspection& i) {
  s.Bind(1, i.decision_number).Bind(2, i.decision_date.ToString()).Bind(3, i.issuing_body);
  s.Bind(4, i.subject).Bind(5, i.scope.unit).Bind(6, i.scope.code);
  s.Bind(7, i.scope.as_of.ToString()).Bind(8, i.period_from).Bind(9, i.period_to);
  s.Bind(10, TeamJson(i.team)).Bind(11, i.snapshot).Bind(12, i.snapshot_at);
  s.Bind(13, i.created_by).Bind(14, i.created_at);
}

}  // namespace

Result<int64_t> SqlStore::InsertInspection(const Inspection& i) {
  auto st = db_.Cached(
      "INSERT INTO inspections(decision_number, decision_date, issuing_body, subject, "
      "scope_unit_id, scope_code, scope_as_of, period_from, period_to, team, snapshot, "
      "snapshot_at, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id");
  if (!st) return Fail(st.error());
  BindInspection(**st, i);
  return (*st)->RunReturningId();
}

Status SqlStore::UpdateInspection(const Inspection& i) {
  auto st = db_.Cached(
      "UPDATE inspections SET decision_number = ?, decision_date = ?, issuing_body = ?, "
      "subject = ?, scope_unit_id = ?, scope_code = ?, scope_as_of = ?, period_from = ?, "
      "period_to = ?, team = ?, snapshot = ?, snapshot_at = ?, created_by = ?, created_at = ? "
      "WHERE id = ?");
  if (!st) return Fail(st.error());
  BindInspection(**st, i);
  (*st)->Bind(15, i.id);
  return (*st)->Run();
}

Result<std::optional<Inspection>> SqlStore::GetInspection(int64_t id) {
  auto st = db_.Cached(fmt::format("SELECT {} FROM inspections WHERE id = ?", kInspectionColumns));
  if (!st) return Fail(st.error());
  (*st)->Bind(1, id);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Inspection>();
  auto i = ReadInspection(**st);
  if (!i) return Fail(i.error());
  return std::optional<Inspection>(std::move(*i));
}

Result<std::vector<Inspection>> SqlStore::ListInspections() {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM inspections ORDER BY id", kInspectionColumns));
  if (!st) return Fail(st.error());
  std::vector<Inspection> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    auto i = ReadInspection(*st);
    if (!i) return Fail(i.error());
    out.push_back(std::move(*i));
  }
}

Result<int64_t> SqlStore::InsertFinding(const Finding& f) {
  auto st = db_.Cached(
      "INSERT INTO inspection_findings(inspection_id, unit_id, text, created_by, created_at) "
      "VALUES (?,?,?,?,?) RETURNING id");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, f.inspection_id);
  if (f.unit_id) {
    s.Bind(2, f.unit_id);
  } else {
    s.BindNull(2);
  }
  s.Bind(3, f.text).Bind(4, f.created_by).Bind(5, f.created_at);
  return s.RunReturningId();
}

Result<std::vector<Finding>> SqlStore::FindingsOf(int64_t inspection) {
  auto st = db_.Prepare(
      "SELECT id, inspection_id, coalesce(unit_id, 0), text, created_by, created_at FROM "
      "inspection_findings WHERE inspection_id = ? ORDER BY id");
  if (!st) return Fail(st.error());
  st->Bind(1, inspection);
  std::vector<Finding> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back({st->Int(0), st->Int(1), st->Int(2), st->Text(3), st->Text(4), st->Text(5)});
  }
}

Result<int64_t> SqlStore::InsertRecommendation(const Recommendation& r) {
  auto st = db_.Cached(
      "INSERT INTO recommendations(inspection_id, text, responsible_unit_id, deadline, status, "
      "evidence, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, r.inspection_id).Bind(2, r.text).Bind(3, r.responsible_unit);
  s.Bind(4, r.deadline.ToString()).Bind(5, RecommendationStatusName(r.status));
  s.Bind(6, EvidenceJson(r.evidence)).Bind(7, r.updated_by).Bind(8, r.updated_at);
  return s.RunReturningId();
}

Status SqlStore::UpdateRecommendation(const Recommendation& r) {
  auto st = db_.Cached(
      "UPDATE recommendations SET text = ?, responsible_unit_id = ?, deadline = ?, status = ?, "
      "evidence = ?, updated_by = ?, updated_at = ? WHERE id = ?");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, r.text).Bind(2, r.responsible_unit).Bind(3, r.deadline.ToString());
  s.Bind(4, RecommendationStatusName(r.status)).Bind(5, EvidenceJson(r.evidence));
  s.Bind(6, r.updated_by).Bind(7, r.updated_at).Bind(8, r.id);
  return s.Run();
}

Result<std::optional<Recommendation>> SqlStore::GetRecommendation(int64_t id) {
  auto st = db_.Cached(
      fmt::format("SELECT {} FROM recommendations WHERE id = ?", kRecommendationColumns));
  if (!st) return Fail(st.error());
  (*st)->Bind(1, id);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<Recommendation>();
  auto r = ReadRecommendation(**st);
  if (!r) return Fail(r.error());
  return std::optional<Recommendation>(std::move(*r));
}

Result<std::vector<Recommendation>> SqlStore::RecommendationsOf(int64_t inspection) {
  auto st = db_.Prepare(
      fmt::format("SELECT {} FROM recommendations WHERE ?1 = 0 OR inspection_id = ?1 ORDER BY id",
                  kRecommendationColumns));
  if (!st) return Fail(st.error());
  st->Bind(1, inspection);
  std::vector<Recommendation> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    auto r = ReadRecommendation(*st);
    if (!r) return Fail(r.error());
    out.push_back(std::move(*r));
  }
}

}  // namespace antq::sql
