// The audit log of the SQL store: an append-only hash chain (migrations 4 and 5).
#include <fmt/format.h>

#include "common/date.h"
#include "storage/sql/sql_store.h"

namespace antq::sql {
namespace {

constexpr const char* kAuditColumns =
    "id, at, user_name, client, action, coalesce(unit_id, 0), subject, old_value, new_value, "
    "prev_hash, hash";

AuditEntry ReadAudit(const Statement& st) {
  AuditEntry a;
  a.id = st.Int(0);
  a.at = st.Text(1);
  a.user = st.Text(2);
  a.client = st.Text(3);
  a.action = st.Text(4);
  a.unit_id = st.Int(5);
  a.subject = st.Text(6);
  if (!st.IsNull(7)) a.old_value = st.Text(7);
  if (!st.IsNull(8)) a.new_value = st.Text(8);
  a.prev_hash = st.Text(9);
  a.hash = st.Text(10);
  return a;
}

}  // namespace

Status SqlStore::AppendAudit(const AuditEntry& entry) {
  if (depth_ == 0) {
    return Fail(ErrorCode::kInternal, "an audit entry is written only inside a transaction");
  }
  // The last row is read inside the write transaction, which holds the database's write lock
  // (SQLite's BEGIN IMMEDIATE, PostgreSQL's advisory lock), so no other writer can append
  // between this read and the insert: the chain never forks.
  if (!audit_head_) {
    auto head = LastAuditRow();
    if (!head) return Fail(head.error());
    audit_head_ = std::move(*head);
  }
  AuditEntry a = entry;
  a.id = audit_head_->first + 1;
  if (a.at.empty()) a.at = NowUtcIso();
  a.prev_hash = audit_head_->second;
  a.hash = AuditChainHash(a);
  auto st = db_.Cached(
      "INSERT INTO audit_log(id, at, user_name, client, action, unit_id, subject, old_value, "
      "new_value, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, a.id).Bind(2, a.at).Bind(3, a.user).Bind(4, a.client).Bind(5, a.action);
  if (a.unit_id) {
    s.Bind(6, a.unit_id);
  } else {
    s.BindNull(6);
  }
  s.Bind(7, a.subject).BindOptional(8, a.old_value).BindOptional(9, a.new_value);
  s.Bind(10, a.prev_hash).Bind(11, a.hash);
  if (auto done = s.Run(); !done) {
    audit_head_.reset();
    return done;
  }
  audit_head_ = {a.id, a.hash};
  return Ok();
}

Result<std::pair<int64_t, std::string>> SqlStore::AuditHead() {
  auto st = db_.Cached("SELECT id, hash FROM audit_head WHERE one = 1");
  if (!st) return Fail(st.error());
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return Fail(ErrorCode::kInternal, "the audit chain has no head row");
  return std::make_pair((*st)->Int(0), (*st)->Text(1));
}

Result<std::pair<int64_t, std::string>> SqlStore::LastAuditRow() {
  auto st = db_.Cached("SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1");
  if (!st) return Fail(st.error());
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::make_pair(int64_t{0}, std::string());
  return std::make_pair((*st)->Int(0), (*st)->Text(1));
}

Result<std::vector<AuditEntry>> SqlStore::RecentAudit(const std::vector<UnitId>& units,
                                                      size_t limit, const std::string& subject) {
  std::string where = units.empty() ? "1 = 1" : "unit_id IN (" + IdList(units) + ")";
  if (!subject.empty()) where += " AND subject = ?";
  auto st = db_.Prepare(fmt::format("SELECT {} FROM audit_log WHERE {} ORDER BY id DESC LIMIT {}",
                                    kAuditColumns, where, limit));
  if (!st) return Fail(st.error());
  if (!subject.empty()) st->Bind(1, subject);
  std::vector<AuditEntry> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back(ReadAudit(*st));
  }
}

Status SqlStore::ScanAudit(const std::function<void(const AuditEntry&)>& visit) {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM audit_log ORDER BY id", kAuditColumns));
  if (!st) return Fail(st.error());
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return Ok();
    visit(ReadAudit(*st));
  }
}

}  // namespace antq::sql
