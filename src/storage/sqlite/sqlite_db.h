#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "storage/sql/connection.h"

namespace antq::sqlite {

// A prepared statement. Bind parameters are 1-based as in SQLite; Step returns true while rows
// remain. Owns the sqlite3_stmt.
class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement() { sqlite3_finalize(stmt_); }

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& BindOptional(int index, const std::optional<std::string>& value);

  // Advances to the next row: true if there is one, false when done.
  Result<bool> Step();
  // Runs to completion, for statements that return no rows.
  Status Run();
  void Reset();

  int64_t Int(int column) const { return sqlite3_column_int64(stmt_, column); }
  double Real(int column) const { return sqlite3_column_double(stmt_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(stmt_, column) == SQLITE_NULL; }
  std::string Text(int column) const;
  // The text of a column without a copy; valid until the next Step or Reset.
  std::string_view TextView(int column) const;
  // The last column of the current row as a number (for benchmarks that add up answers).
  double LastReal() const { return sqlite3_column_double(stmt_, sqlite3_column_count(stmt_) - 1); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_;
};

// The error for a failed SQLite call with result code `rc`: kUnavailable with a plain message when
// another connection held a lock past the busy timeout, kIo otherwise.
Error DatabaseError(int rc, std::string_view message);

// How long a writer waits for another process's write transaction before it gives up. Writes
// take milliseconds, so only a stuck process (or a huge import) holds the lock this long.
inline constexpr int kBusyTimeoutMs = 60000;

// An open SQLite connection with ANTQ's settings: WAL, synchronous = FULL (a commit is on disk
// before it is acknowledged, so it survives a power cut), foreign keys, a long busy timeout and
// the ICU "vi" collation.
class Database {
 public:
  static Result<Database> Open(const std::string& path, bool create);
  Database(Database&& o) noexcept : db_(o.db_), path_(std::move(o.path_)) { o.db_ = nullptr; }
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  // Whether a statement of this connection is still part-way through its rows (and so holds a
  // read transaction open).
  bool HasActiveStatement() const;
  Error LastError(std::string_view what) const;
  sqlite3* handle() const { return db_; }
  const std::string& path() const { return path_; }

 private:
  Database(sqlite3* db, std::string path) : db_(db), path_(std::move(path)) {}
  sqlite3* db_;
  std::string path_;
};

// The store's connection (sql::Connection) over a Database.
class SqliteConnection final : public sql::Connection {
 public:
  explicit SqliteConnection(Database db) : db_(std::move(db)) {}
  ~SqliteConnection() override { DropCachedStatements(); }

  Status Exec(std::string_view sql) override { return db_.Exec(sql); }
  Result<sql::Statement> Prepare(std::string_view sql) override;
  bool HasActiveStatement() const override { return db_.HasActiveStatement(); }
  bool HasLastInsertRowId() const override { return true; }
  int64_t LastInsertRowId() const override { return sqlite3_last_insert_rowid(db_.handle()); }
  Database& database() { return db_; }

 private:
  Database db_;
};

}  // namespace antq::sqlite
