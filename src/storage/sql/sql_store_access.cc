// Users and sessions of the SQL store (migration 4).
#include <fmt/format.h>

#include "storage/sql/sql_store.h"

namespace antq::sql {
namespace {

constexpr const char* kUserColumns =
    "id, name, role, coalesce(entry_unit_id, 0), entry_code, entry_as_of, "
    "coalesce(view_unit_id, 0), view_code, view_as_of, inspection_id, password_hash, disabled, "
    "failed_sign_ins, locked_until, sessions_valid_after, created_at, created_by";

Result<UnitScope> ReadScope(const Statement& st, int column) {
  UnitScope scope;
  scope.unit = st.Int(column);
  scope.code = st.Text(column + 1);
  const std::string as_of = st.Text(column + 2);
  if (!as_of.empty()) {
    auto d = Date::Parse(as_of);
    if (!d) return Fail(ErrorCode::kInternal, "corrupt scope date in users: " + as_of);
    scope.as_of = *d;
  }
  return scope;
}

Result<UserRecord> ReadUser(const Statement& st) {
  UserRecord u;
  u.id = st.Int(0);
  u.name = st.Text(1);
  auto role = ParseRole(st.TextView(2));
  if (!role) return Fail(ErrorCode::kInternal, "corrupt role in users: " + st.Text(2));
  u.role = *role;
  auto entry = ReadScope(st, 3);
  if (!entry) return Fail(entry.error());
  u.entry = *entry;
  auto view = ReadScope(st, 6);
  if (!view) return Fail(view.error());
  u.view = *view;
  u.inspection = st.Int(9);
  u.password_hash = st.Text(10);
  u.disabled = st.Int(11) != 0;
  u.failed_sign_ins = static_cast<int>(st.Int(12));
  u.locked_until = st.Text(13);
  u.sessions_valid_after = st.Text(14);
  u.created_at = st.Text(15);
  u.created_by = st.Text(16);
  return u;
}

void BindScope(Statement& st, int column, const UnitScope& scope) {
  if (scope.everything()) {
    st.BindNull(column)
        .Bind(column + 1, std::string_view(""))
        .Bind(column + 2, std::string_view(""));
  } else {
    st.Bind(column, scope.unit)
        .Bind(column + 1, scope.code)
        .Bind(column + 2, scope.as_of.ToString());
  }
}

constexpr const char* kSessionColumns =
    "token_hash, user_name, bearer, csrf_token, label, client, created_at, expires_at";

SessionRecord ReadSession(const Statement& st) {
  SessionRecord s;
  s.token_hash = st.Text(0);
  s.user = st.Text(1);
  s.bearer = st.Int(2) != 0;
  s.csrf_token = st.Text(3);
  s.label = st.Text(4);
  s.client = st.Text(5);
  s.created_at = st.Text(6);
  s.expires_at = st.Text(7);
  return s;
}

}  // namespace

Result<std::optional<UserRecord>> SqlStore::GetUser(const std::string& name) {
  auto st = db_.Cached(fmt::format("SELECT {} FROM users WHERE name = ?", kUserColumns));
  if (!st) return Fail(st.error());
  (*st)->Bind(1, name);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<UserRecord>();
  auto user = ReadUser(**st);
  if (!user) return Fail(user.error());
  return std::optional<UserRecord>(std::move(*user));
}

Result<std::vector<UserRecord>> SqlStore::ListUsers() {
  auto st = db_.Prepare(fmt::format("SELECT {} FROM users ORDER BY name", kUserColumns));
  if (!st) return Fail(st.error());
  std::vector<UserRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    auto user = ReadUser(*st);
    if (!user) return Fail(user.error());
    out.push_back(std::move(*user));
  }
}

Status SqlStore::PutUser(const UserRecord& u) {
  auto st = db_.Cached(
      "INSERT INTO users(name, role, entry_unit_id, entry_code, entry_as_of, view_unit_id, "
      "view_code, view_as_of, inspection_id, password_hash, disabled, failed_sign_ins, "
      "locked_until, sessions_valid_after, created_at, created_by) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT(name) DO UPDATE SET "
      "role = excluded.role, entry_unit_id = excluded.entry_unit_id, "
      "entry_code = excluded.entry_code, entry_as_of = excluded.entry_as_of, "
      "view_unit_id = excluded.view_unit_id, view_code = excluded.view_code, "
      "view_as_of = excluded.view_as_of, inspection_id = excluded.inspection_id, "
      "password_hash = excluded.password_hash, disabled = excluded.disabled, "
      "failed_sign_ins = excluded.failed_sign_ins, locked_until = excluded.locked_until, "
      "sessions_valid_after = excluded.sessions_valid_after");
  if (!st) return Fail(st.error());
  Statement& s = **st;
  s.Bind(1, u.name).Bind(2, RoleName(u.role));
  BindScope(s, 3, u.entry);
  BindScope(s, 6, u.view);
  s.Bind(9, u.inspection).Bind(10, u.password_hash).Bind(11, int64_t{u.disabled ? 1 : 0});
  s.Bind(12, int64_t{u.failed_sign_ins}).Bind(13, u.locked_until).Bind(14, u.sessions_valid_after);
  s.Bind(15, u.created_at).Bind(16, u.created_by);
  return s.Run();
}

Status SqlStore::PutSession(const SessionRecord& r) {
  auto st = db_.Cached(
      fmt::format("INSERT INTO sessions({}) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT(token_hash) DO "
                  "UPDATE SET user_name = excluded.user_name, bearer = excluded.bearer, "
                  "csrf_token = excluded.csrf_token, label = excluded.label, "
                  "client = excluded.client, created_at = excluded.created_at, "
                  "expires_at = excluded.expires_at",
                  kSessionColumns));
  if (!st) return Fail(st.error());
  return (*st)
      ->Bind(1, r.token_hash)
      .Bind(2, r.user)
      .Bind(3, int64_t{r.bearer ? 1 : 0})
      .Bind(4, r.csrf_token)
      .Bind(5, r.label)
      .Bind(6, r.client)
      .Bind(7, r.created_at)
      .Bind(8, r.expires_at)
      .Run();
}

Result<std::optional<SessionRecord>> SqlStore::GetSession(const std::string& token_hash) {
  auto st =
      db_.Cached(fmt::format("SELECT {} FROM sessions WHERE token_hash = ?", kSessionColumns));
  if (!st) return Fail(st.error());
  (*st)->Bind(1, token_hash);
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  if (!*row) return std::optional<SessionRecord>();
  return std::optional<SessionRecord>(ReadSession(**st));
}

Status SqlStore::DeleteSession(const std::string& token_hash) {
  auto st = db_.Cached("DELETE FROM sessions WHERE token_hash = ?");
  if (!st) return Fail(st.error());
  return (*st)->Bind(1, token_hash).Run();
}

Status SqlStore::DeleteExpiredSessions(const std::string& now) {
  auto st = db_.Cached("DELETE FROM sessions WHERE expires_at < ?");
  if (!st) return Fail(st.error());
  return (*st)->Bind(1, now).Run();
}

Result<std::vector<SessionRecord>> SqlStore::SessionsOf(const std::string& user) {
  auto st = db_.Prepare(fmt::format(
      "SELECT {} FROM sessions WHERE user_name = ? ORDER BY created_at", kSessionColumns));
  if (!st) return Fail(st.error());
  st->Bind(1, user);
  std::vector<SessionRecord> out;
  while (true) {
    auto row = st->Step();
    if (!row) return Fail(row.error());
    if (!*row) return out;
    out.push_back(ReadSession(*st));
  }
}

}  // namespace antq::sql
