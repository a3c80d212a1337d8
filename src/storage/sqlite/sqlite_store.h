#pragma once

#include <memory>
#include <string>

#include "storage/sql/sql_store.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::sqlite {

// The embedded backend: one SQLite file in WAL mode, STRICT tables, foreign keys on. Everything
// but what is SQLite's own (BEGIN IMMEDIATE, PRAGMA data_version and integrity_check, the
// schema as written) is the shared sql::SqlStore.
class SqliteStore final : public sql::SqlStore {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, OpenMode mode);

  Status ScanNumbers(const std::function<void(const NumberRow&)>& visit) override;
  Result<int64_t> DataVersion() override;
  Result<std::vector<std::string>> CheckIntegrity() override;
  std::string Describe() const override { return "sqlite:" + database_.path(); }

  // The connection, for tests and benchmarks that look under the hood.
  Database& database() { return database_; }

 private:
  explicit SqliteStore(std::unique_ptr<SqliteConnection> connection)
      : SqlStore(std::move(connection)),
        database_(static_cast<SqliteConnection&>(db_).database()) {}

  // Writers queue on SQLite's write lock (with the busy timeout) as soon as they begin, so two
  // use cases never both read and then both write.
  std::string BeginSql() const override { return "BEGIN IMMEDIATE"; }
  // BEGIN, COMMIT, ROLLBACK and the savepoints' statements are kept prepared: a single-value
  // write otherwise parses two of them every time.
  Status Control(std::string_view sql) override;
  // In WAL mode a read transaction keeps the snapshot of its first read while writers commit.
  std::string BeginSnapshotSql() const override { return "BEGIN DEFERRED"; }
  std::string MigrationSql(const sql::Migration& m) const override { return m.sql; }
  Result<bool> HasTable(std::string_view name) override;
  std::string MigrationsTableSql() const override;
  Result<bool> HasCommitStamp() override;
  // Raises the commit counter, as PostgreSQL's store does (see ReadCommitStamp).
  Status BeforeCommit() override;

  Database& database_;
  bool has_counter_ = false;  // antq_commits exists (checked until it does)
};

}  // namespace antq::sqlite
