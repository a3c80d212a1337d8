#include "storage/sqlite/sqlite_db.h"

#include <fmt/format.h>

#include "common/text.h"

namespace antq::sqlite {
namespace {

int CollateVietnamese(void*, int a_len, const void* a, int b_len, const void* b) {
  return CompareVietnamese(
      std::string_view(static_cast<const char*>(a), static_cast<size_t>(a_len)),
      std::string_view(static_cast<const char*>(b), static_cast<size_t>(b_len)));
}

}  // namespace

Error DatabaseError(int rc, std::string_view message) {
  const int primary = rc & 0xFF;
  if (rc == SQLITE_BUSY_SNAPSHOT) {
    return Error(ErrorCode::kUnavailable,
                 "the database changed while this write was being prepared; nothing was "
                 "written. Try again");
  }
  if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED) {
    return Error(ErrorCode::kUnavailable,
                 fmt::format("another writer has held the database for more than {} s; nothing "
                             "was written. Try again when it has finished",
                             kBusyTimeoutMs / 1000));
  }
  return Error(ErrorCode::kIo, fmt::format("database error: {}", message));
}

Statement& Statement::Bind(int index, int64_t value) {
  sqlite3_bind_int64(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(stmt_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(stmt_, index, value.data(), static_cast<int>(value.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(stmt_, index);
  return *this;
}

Statement& Statement::BindOptional(int index, const std::optional<std::string>& value) {
  return value ? Bind(index, std::string_view(*value)) : BindNull(index);
}

Result<bool> Statement::Step() {
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return Fail(DatabaseError(sqlite3_extended_errcode(db_), sqlite3_errmsg(db_)));
}

Status Statement::Run() {
  auto r = Step();
  if (!r) return Fail(r.error());
  Reset();
  return Ok();
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string_view Statement::TextView(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return {reinterpret_cast<const char*>(p),
          static_cast<size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Text(int column) const {
  const auto* p = sqlite3_column_text(stmt_, column);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

Result<Database> Database::Open(const std::string& path, bool create) {
  sqlite3* db = nullptr;
  const int flags = SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0) | SQLITE_OPEN_NOMUTEX;
  const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
  if (rc != SQLITE_OK) {
    std::string message = db ? sqlite3_errmsg(db) : "out of memory";
    sqlite3_close(db);
    if (!create && rc == SQLITE_CANTOPEN) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("database {} does not exist; create it with 'antq init'", path),
                  "db");
    }
    return Fail(ErrorCode::kIo, fmt::format("cannot open database {}: {}", path, message), "db");
  }
  Database database(db, path);
  if (sqlite3_create_collation_v2(db, "vi", SQLITE_UTF8, nullptr, CollateVietnamese, nullptr) !=
      SQLITE_OK) {
    return Fail(database.LastError("registering the vi collation"));
  }
  // The busy timeout comes first: every later statement may have to wait for another writer.
  const std::string busy = fmt::format("PRAGMA busy_timeout = {}", kBusyTimeoutMs);
  for (const char* pragma : {busy.c_str(), "PRAGMA foreign_keys = ON", "PRAGMA journal_mode = WAL",
                             "PRAGMA synchronous = FULL", "PRAGMA cache_size = -65536"}) {
    if (auto s = database.Exec(pragma); !s) {
      return Fail(ErrorCode::kIo,
                  fmt::format("{} is not a usable SQLite database: {}", path, s.error().message()),
                  "db");
    }
  }
  return database;
}

Database::~Database() {
  if (db_) sqlite3_close_v2(db_);
}

bool Database::HasActiveStatement() const {
  for (sqlite3_stmt* st = sqlite3_next_stmt(db_, nullptr); st; st = sqlite3_next_stmt(db_, st)) {
    if (sqlite3_stmt_busy(st)) return true;
  }
  return false;
}

Status Database::Exec(std::string_view sql) {
  char* err = nullptr;
  const std::string text(sql);
  if (const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &err); rc != SQLITE_OK) {
    std::string message = err ? err : sqlite3_errmsg(db_);
    sqlite3_free(err);
    return Fail(
        DatabaseError(sqlite3_extended_errcode(db_) ? sqlite3_extended_errcode(db_) : rc, message));
  }
  return Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr) !=
      SQLITE_OK) {
    return Fail(LastError(sql));
  }
  return Statement(db_, stmt);
}

namespace {

// sql::Statement's backend: the SQLite statement itself.
class SqliteStatementBackend final : public sql::StatementBackend {
 public:
  explicit SqliteStatementBackend(Statement st) : st_(std::move(st)) {}
  void Bind(int index, int64_t value) override { st_.Bind(index, value); }
  void Bind(int index, double value) override { st_.Bind(index, value); }
  void Bind(int index, std::string_view value) override { st_.Bind(index, value); }
  void BindNull(int index) override { st_.BindNull(index); }
  Result<bool> Step() override { return st_.Step(); }
  void Reset() override { st_.Reset(); }
  int64_t Int(int column) const override { return st_.Int(column); }
  double Real(int column) const override { return st_.Real(column); }
  bool IsNull(int column) const override { return st_.IsNull(column); }
  std::string_view TextView(int column) const override { return st_.TextView(column); }

 private:
  Statement st_;
};

}  // namespace

Result<sql::Statement> SqliteConnection::Prepare(std::string_view sql) {
  auto st = db_.Prepare(sql);
  if (!st) return Fail(st.error());
  return sql::Statement(std::make_unique<SqliteStatementBackend>(std::move(*st)));
}

Error Database::LastError(std::string_view what) const {
  return DatabaseError(sqlite3_extended_errcode(db_),
                       fmt::format("{} ({})", sqlite3_errmsg(db_), what));
}

}  // namespace antq::sqlite
