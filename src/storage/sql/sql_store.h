#pragma once

#include <memory>
#include <string>

#include "storage/sql/connection.h"
#include "storage/sql/migrations.h"
#include "storage/store.h"

namespace antq::sql {

// The last audit row (id, hash) as known inside the current write transaction.
using AuditHeadCache = std::pair<int64_t, std::string>;

// The Store written once in the SQL both backends speak; SqliteStore and PgStore add what
// differs (how a write transaction starts, how the schema is found and checked, how other
// connections' commits are noticed). The operations are split by concern: units, catalogue,
// values, events and evaluations in sql_store.cc, the audit chain in sql_store_audit.cc, users and
// sessions in sql_store_access.cc, inspections in sql_store_inspections.cc, recorded imports in
// sql_store_imports.cc.
class SqlStore : public Store {
 public:
  Result<std::unique_ptr<Transaction>> Begin() override;
  Result<int> Migrate() override;
  Result<int> SchemaVersion() override;
  Result<UnitRegistry> LoadUnits() override;
  Status SaveUnitChanges(const UnitChanges& changes) override;
  Result<std::pair<int, Catalog>> LoadCatalog() override;
  Status SaveCatalog(int version, const Catalog& catalog) override;
  Result<std::map<std::string, int64_t>> ValueCountsByElement() override;
  Result<std::optional<DataValue>> GetValue(UnitId unit, const std::string& element,
                                            const std::string& option,
                                            const std::string& period) override;
  Status PutValue(const DataValue& value) override;
  Status DeleteValue(UnitId unit, const std::string& element, const std::string& option,
                     const std::string& period) override;
  Status ScanNumbers(const std::function<void(const NumberRow&)>& visit) override;
  Status ScanValues(const ValueFilter& filter,
                    const std::function<void(const DataValue&)>& visit) override;
  Result<int64_t> InsertEvent(const Event& event, int64_t content_hash,
                              const std::string& fields_json) override;
  Status UpdateEvent(const Event& event, int64_t content_hash) override;
  Result<std::optional<Event>> GetEvent(int64_t id) override;
  Result<std::vector<int64_t>> EventHashes(const std::string& register_code) override;
  Result<std::vector<Event>> FindEventsByHash(const std::string& register_code, Date date,
                                              int64_t content_hash) override;
  Status ScanEvents(const EventFilter& filter,
                    const std::function<void(const Event&)>& visit) override;
  Result<std::optional<ReportStatus>> GetReportStatus(UnitId unit, const std::string& data_set,
                                                      const std::string& period) override;
  Status PutReportStatus(const ReportStatus& status) override;
  Result<std::vector<ReportStatus>> ReportStatuses(const std::string& data_set,
                                                   const std::string& first,
                                                   const std::string& last) override;
  Status PutEvaluationRecord(const EvaluationRecord& record) override;
  Result<std::vector<EvaluationRecord>> EvaluationRecords(
      const std::string& criteria_set, const std::string& period,
      const std::vector<UnitId>& units) override;
  Status AppendAudit(const AuditEntry& entry) override;
  Result<std::vector<AuditEntry>> RecentAudit(const std::vector<UnitId>& units, size_t limit,
                                              const std::string& subject) override;
  Status ScanAudit(const std::function<void(const AuditEntry&)>& visit) override;
  Result<std::pair<int64_t, std::string>> AuditHead() override;
  Result<std::optional<UserRecord>> GetUser(const std::string& name) override;
  Result<std::vector<UserRecord>> ListUsers() override;
  Status PutUser(const UserRecord& user) override;
  Status PutSession(const SessionRecord& session) override;
  Result<std::optional<SessionRecord>> GetSession(const std::string& token_hash) override;
  Status DeleteSession(const std::string& token_hash) override;
  Status DeleteExpiredSessions(const std::string& now) override;
  Result<std::vector<SessionRecord>> SessionsOf(const std::string& user) override;
  Result<int64_t> InsertInspection(const Inspection& inspection) override;
  Status UpdateInspection(const Inspection& inspection) override;
  Result<std::optional<Inspection>> GetInspection(int64_t id) override;
  Result<std::vector<Inspection>> ListInspections() override;
  Result<int64_t> InsertDataImport(const DataImport& record) override;
  Status PutDataImportChange(const DataImportChange& change) override;
  Status SetDataImportCounts(const DataImport& counts) override;
  Result<std::vector<DataImport>> ListDataImports() override;
  Result<std::optional<DataImport>> GetDataImport(int64_t id) override;
  Result<std::vector<DataImportChange>> DataImportChanges(int64_t id) override;
  Status MarkDataImportUndone(int64_t id, const std::string& by, const std::string& at) override;
  Result<int64_t> InsertFinding(const Finding& finding) override;
  Result<std::vector<Finding>> FindingsOf(int64_t inspection) override;
  Result<int64_t> InsertRecommendation(const Recommendation& recommendation) override;
  Status UpdateRecommendation(const Recommendation& recommendation) override;
  Result<std::optional<Recommendation>> GetRecommendation(int64_t id) override;
  Result<std::vector<Recommendation>> RecommendationsOf(int64_t inspection) override;
  Result<std::optional<std::string>> GetMeta(const std::string& key) override;
  Status SetMeta(const std::string& key, const std::string& value) override;
  Result<StoreSummary> Summary() override;
  Result<std::optional<CommitStamp>> ReadCommitStamp() override;
  bool InTransaction() const override { return depth_ > 0; }
  Status ScanStoredEvents(const std::function<void(const StoredEventRow&)>& visit) override;
  int KnownSchemaVersion() const override;
  Result<std::unique_ptr<Transaction>> BeginSnapshot() override;
  Status ScanTable(const CopiedTable& table,
                   const std::function<Status(const TableRow&)>& visit) override;
  Status AppendRows(const CopiedTable& table, const std::vector<TableRow>& rows) override;
  Result<int64_t> CountRows(const CopiedTable& table) override;

 protected:
  explicit SqlStore(std::unique_ptr<Connection> connection)
      : connection_(std::move(connection)), db_(*connection_) {}

  // The statements that open the outermost write transaction.
  virtual std::string BeginSql() const = 0;
  // The statements that open a read-only transaction with one snapshot for all its reads.
  virtual std::string BeginSnapshotSql() const = 0;
  // Runs just before the outermost write transaction commits.
  virtual Status BeforeCommit() { return Ok(); }
  // Runs one transaction-control statement (BeginSql(), COMMIT, ROLLBACK, a savepoint's). A
  // backend that can keep such statements prepared reuses them, since every write pays for them.
  virtual Status Control(std::string_view sql) { return db_.Exec(sql); }
  // The statements of migration `m` in this backend's dialect.
  virtual std::string MigrationSql(const Migration& m) const = 0;
  // Whether the table exists (before migrations, to tell an empty database).
  virtual Result<bool> HasTable(std::string_view name) = 0;
  // The schema_migrations table, created before the first migration, with the commit counter
  // (antq_commits: one row of the count and the database's id).
  virtual std::string MigrationsTableSql() const = 0;
  // Whether the commit counter row has the database id (a database made by an older antq may
  // have neither until `antq init` upgrades it).
  virtual Result<bool> HasCommitStamp() = 0;

  std::unique_ptr<Connection> connection_;
  Connection& db_;

 private:
  friend class SqlTransaction;
  Result<int64_t> Count(const char* table);
  // The id and hash of the audit log's last row ((0, "") for none), which a new row extends.
  Result<std::pair<int64_t, std::string>> LastAuditRow();
  int depth_ = 0;            // open transactions: 0 none, 1 the outer one, more are savepoints
  int scanning_values_ = 0;  // ScanValues calls in progress (a visitor may scan again)
  // The audit head while a write transaction lasts, so that a bulk write (the sample, an import)
  // reads it once; reset by the transactions when they end or undo writes.
  std::optional<AuditHeadCache> audit_head_;
  bool has_commit_stamp_ = false;  // known to be there (it never goes away)
};

}  // namespace antq::sql
