#pragma once

#include <memory>
#include <string>

#include "storage/postgres/pg_connection.h"
#include "storage/sql/sql_store.h"

namespace antq::postgres {

// The server backend: a PostgreSQL database (15 or later) shared by any number of ANTQ nodes.
// Everything but what is PostgreSQL's own is the shared sql::SqlStore.
//
// Writers take one transaction-level advisory lock as they begin, so write transactions run one
// at a time across every node, as they do in SQLite: a use case's reads and its writes (a
// workflow transition, the audit head and the row that extends it) are never interleaved with
// another writer's. Readers do not take it and never wait.
//
// Each write transaction adds one to the counter row of `antq_commits` and sends NOTIFY
// antq_commits, both taking effect as it commits. DataVersion is the count of commits by other
// connections, which is what a server node checks to learn that another node wrote.
class PgStore final : public sql::SqlStore {
 public:
  static Result<std::unique_ptr<PgStore>> Open(const std::string& url, OpenMode mode);

  Status ScanNumbers(const std::function<void(const NumberRow&)>& visit) override;
  Status ScanTable(const CopiedTable& table,
                   const std::function<Status(const TableRow&)>& visit) override;
  Result<int64_t> DataVersion() override;
  Result<std::vector<std::string>> CheckIntegrity() override;
  std::string Describe() const override { return description_; }
  bool NotifiesCommits() const override { return true; }
  // Rows go in through COPY … FROM STDIN, many times faster than an INSERT each.
  Status AppendRows(const CopiedTable& table, const std::vector<TableRow>& rows) override;
  // Moves each identity column's sequence past the ids copied in.
  Status FinishCopy() override;
  Result<bool> WaitForCommits(std::chrono::milliseconds timeout) override;

 private:
  PgStore(std::unique_ptr<PgConnection> connection, std::string description)
      : SqlStore(std::move(connection)),
        pg_(static_cast<PgConnection&>(db_)),
        description_(std::move(description)) {}

  std::string BeginSql() const override;
  std::string BeginSnapshotSql() const override {
    return "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY";
  }
  Status BeforeCommit() override;
  std::string MigrationSql(const sql::Migration& m) const override;
  Result<bool> HasTable(std::string_view name) override;
  std::string MigrationsTableSql() const override;
  Result<bool> HasCommitStamp() override;

  PgConnection& pg_;
  std::string description_;
  int64_t own_commits_ = 0;
  bool has_schema_ = false;  // the audit head and the commit counter exist
  bool listening_ = false;   // LISTEN antq_commits has been sent
};

// The URL without its password, for messages: "postgresql://antq@db1:5432/antq".
std::string DescribeUrl(std::string_view url);

}  // namespace antq::postgres
