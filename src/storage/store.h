#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/access.h"
#include "domain/audit.h"
#include "domain/catalog.h"
#include "domain/data_import.h"
#include "domain/evaluation_record.h"
#include "domain/event.h"
#include "domain/inspection.h"
#include "domain/unit_registry.h"
#include "domain/values.h"
#include "storage/copied_tables.h"

namespace antq {

// A database transaction. Destroying it without Commit rolls everything back, so a use case that
// returns early on an error leaves the store exactly as it was.
class Transaction {
 public:
  virtual ~Transaction() = default;
  virtual Status Commit() = 0;
};

// Row counts, for `antq init` and `antq demo` to say what the database holds.
struct StoreSummary {
  int schema_version = 0;
  int64_t units = 0;
  int64_t unit_versions = 0;
  int64_t lineage_events = 0;
  int64_t unit_groups = 0;
  int catalog_version = 0;
  int64_t data_values = 0;
  int64_t events = 0;
  int64_t audit_entries = 0;
};

// Which values to read: any of the units (none = all), elements (none = all), options (none =
// all) and periods (none = all). Naming the options as well lets a report's values be found by
// key lookups, as the option comes before the period in the key.
struct ValueFilter {
  std::vector<UnitId> units;
  std::vector<std::string> elements;
  std::vector<std::string> options;
  std::vector<std::string> periods;
};

// Which events to read: one register, any of the units (none = all), dates in [from, to].
struct EventFilter {
  std::string register_code;
  std::vector<UnitId> units;
  Date from = Date::Min();
  Date to = Date::Max();
  bool include_deleted = false;
};

// The persistent store behind every use case. Backends: SQLite (embedded, the default) and, later,
// PostgreSQL. Every write happens inside a Transaction from Begin(); a Store is used by one thread
// at a time.
class Store {
 public:
  virtual ~Store() = default;

  // Starts the one transaction of a use case (SQLite: BEGIN IMMEDIATE, so writers queue up
  // instead of failing half-way). Begun inside another, it nests: its Commit keeps its writes
  // for the outer one to commit, and dropping it undoes only its own writes.
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // A transaction that only reads and sees one state of the database in all its reads while
  // writers go on (a backup taken from a live server).
  virtual Result<std::unique_ptr<Transaction>> BeginSnapshot() = 0;

  // Whole-table copying, for backup, restore and moving an installation between backends
  // (app/database_copy_use_cases.h). A row is its columns' values as text in the table's column
  // order, nullopt for NULL; numbers keep every digit.
  using TableRow = std::vector<std::optional<std::string>>;
  virtual Status ScanTable(const CopiedTable& table,
                           const std::function<Status(const TableRow&)>& visit) = 0;
  // Adds rows to `table` inside the caller's transaction (PostgreSQL: COPY).
  virtual Status AppendRows(const CopiedTable& table, const std::vector<TableRow>& rows) = 0;
  virtual Result<int64_t> CountRows(const CopiedTable& table) = 0;
  // After rows were copied with their ids: rows added later are numbered after them.
  virtual Status FinishCopy() { return Ok(); }

  // Applies the numbered migrations the database has not seen yet, inside the caller's
  // transaction. Returns how many were applied.
  virtual Result<int> Migrate() = 0;
  // The highest migration applied; 0 for an empty database.
  virtual Result<int> SchemaVersion() = 0;
  // The highest migration this build knows: a database below it needs `antq init` first.
  virtual int KnownSchemaVersion() const = 0;

  virtual Result<UnitRegistry> LoadUnits() = 0;
  // Persists what UnitRegistry::Apply added, inside the caller's transaction.
  virtual Status SaveUnitChanges(const UnitChanges& changes) = 0;

  // The current catalogue and its version number (0 and an empty catalogue before the first).
  virtual Result<std::pair<int, Catalog>> LoadCatalog() = 0;
  // Stores `catalog` as version `version` and registers its elements.
  virtual Status SaveCatalog(int version, const Catalog& catalog) = 0;
  // How many values each element has, to refuse catalogue changes that would orphan them.
  virtual Result<std::map<std::string, int64_t>> ValueCountsByElement() = 0;

  // Values are keyed by (unit, element, option, period).
  virtual Result<std::optional<DataValue>> GetValue(UnitId unit, const std::string& element,
                                                    const std::string& option,
                                                    const std::string& period) = 0;
  virtual Status PutValue(const DataValue& value) = 0;
  virtual Status DeleteValue(UnitId unit, const std::string& element, const std::string& option,
                             const std::string& period) = 0;
  virtual Status ScanValues(const ValueFilter& filter,
                            const std::function<void(const DataValue&)>& visit) = 0;
  // Every numeric value in key order (unit, element, option, period), as views into the
  // store's row that live only during the call: the start-up load of the analytics engine,
  // tens of millions of rows, without a DataValue or a string copy each.
  struct NumberRow {
    UnitId unit = 0;
    std::string_view element, option, data_set, period;
    double number = 0;
  };
  virtual Status ScanNumbers(const std::function<void(const NumberRow&)>& visit) = 0;

  // Events carry a content hash so that importing the same rows twice finds them;
  // `fields_json` is event.fields as JSON text (the caller has it already).
  virtual Result<int64_t> InsertEvent(const Event& event, int64_t content_hash,
                                      const std::string& fields_json) = 0;
  virtual Status UpdateEvent(const Event& event, int64_t content_hash) = 0;
  virtual Result<std::optional<Event>> GetEvent(int64_t id) = 0;
  // The content hashes of the live events of `register_code`, so a bulk import can tell new rows
  // from stored ones without a query per row.
  virtual Result<std::vector<int64_t>> EventHashes(const std::string& register_code) = 0;
  // Live (not deleted) events of `register_code` on `date` with this content hash.
  virtual Result<std::vector<Event>> FindEventsByHash(const std::string& register_code, Date date,
                                                      int64_t content_hash) = 0;
  virtual Status ScanEvents(const EventFilter& filter,
                            const std::function<void(const Event&)>& visit) = 0;

  // Every event row exactly as stored, deleted ones too, as views that live only during the
  // call. Nothing is parsed, so `antq check` sees a damaged row instead of stopping at it.
  struct StoredEventRow {
    int64_t id = 0;
    std::string_view register_code, date, fields;
    UnitId unit = 0;
    bool deleted = false;
  };
  virtual Status ScanStoredEvents(const std::function<void(const StoredEventRow&)>& visit) = 0;

  // Submission state of a report; nullopt for one never submitted (a draft).
  virtual Result<std::optional<ReportStatus>> GetReportStatus(UnitId unit,
                                                              const std::string& data_set,
                                                              const std::string& period) = 0;
  virtual Status PutReportStatus(const ReportStatus& status) = 0;
  // Every recorded status of `data_set` for the periods from `first` to `last` (codes of the
  // data set's period type), to count reports on time, late and missing.
  virtual Result<std::vector<ReportStatus>> ReportStatuses(const std::string& data_set,
                                                           const std::string& first,
                                                           const std::string& last) = 0;

  // Stored evaluation results: one per (criteria set, period, unit), replaced on re-evaluation.
  virtual Status PutEvaluationRecord(const EvaluationRecord& record) = 0;
  // The results of `criteria_set` for `period` (either may be empty: any) on any of `units`
  // (none = all).
  virtual Result<std::vector<EvaluationRecord>> EvaluationRecords(
      const std::string& criteria_set, const std::string& period,
      const std::vector<UnitId>& units) = 0;

  // Appends `entry` to the audit chain: the store gives it the next id and links it to the last
  // row (prev_hash, hash). Only inside a transaction, so that concurrent writers chain in turn.
  virtual Status AppendAudit(const AuditEntry& entry) = 0;
  // The newest entries about any of `units` (none = all), newest first; with `subject`, only
  // entries about that subject ("commune-monthly/202303": a report's history).
  virtual Result<std::vector<AuditEntry>> RecentAudit(const std::vector<UnitId>& units,
                                                      size_t limit,
                                                      const std::string& subject = {}) = 0;
  // Every audit row in id order, as stored, for `antq audit verify`.
  virtual Status ScanAudit(const std::function<void(const AuditEntry&)>& visit) = 0;
  // The last row the store recorded writing (id 0 and "" for none).
  virtual Result<std::pair<int64_t, std::string>> AuditHead() = 0;

  // Users, by name; PutUser inserts a new name and replaces an existing one.
  virtual Result<std::optional<UserRecord>> GetUser(const std::string& name) = 0;
  virtual Result<std::vector<UserRecord>> ListUsers() = 0;
  virtual Status PutUser(const UserRecord& user) = 0;
  // Sessions and API tokens, by the hash of their secret.
  virtual Status PutSession(const SessionRecord& session) = 0;
  virtual Result<std::optional<SessionRecord>> GetSession(const std::string& token_hash) = 0;
  virtual Status DeleteSession(const std::string& token_hash) = 0;
  // Removes every session and token that expired before `now` (UTC ISO 8601).
  virtual Status DeleteExpiredSessions(const std::string& now) = 0;
  // The sessions and tokens of `user`, for `antq user tokens`.
  virtual Result<std::vector<SessionRecord>> SessionsOf(const std::string& user) = 0;

  // Inspections, their findings and recommendations. Insert* return the new id.
  virtual Result<int64_t> InsertInspection(const Inspection& inspection) = 0;
  virtual Status UpdateInspection(const Inspection& inspection) = 0;
  virtual Result<std::optional<Inspection>> GetInspection(int64_t id) = 0;
  virtual Result<std::vector<Inspection>> ListInspections() = 0;
  virtual Result<int64_t> InsertFinding(const Finding& finding) = 0;
  virtual Result<std::vector<Finding>> FindingsOf(int64_t inspection) = 0;
  virtual Result<int64_t> InsertRecommendation(const Recommendation& recommendation) = 0;
  virtual Status UpdateRecommendation(const Recommendation& recommendation) = 0;
  virtual Result<std::optional<Recommendation>> GetRecommendation(int64_t id) = 0;
  // The recommendations of one inspection, or of all (0).
  virtual Result<std::vector<Recommendation>> RecommendationsOf(int64_t inspection) = 0;

  // Recorded imports of data files and the values each stored (antq import list / undo).
  // InsertDataImport returns the new id.
  virtual Result<int64_t> InsertDataImport(const DataImport& record) = 0;
  virtual Status PutDataImportChange(const DataImportChange& change) = 0;
  // Sets the counts of import `id` (a streamed import knows them only at its end).
  virtual Status SetDataImportCounts(const DataImport& counts) = 0;
  virtual Result<std::vector<DataImport>> ListDataImports() = 0;
  virtual Result<std::optional<DataImport>> GetDataImport(int64_t id) = 0;
  virtual Result<std::vector<DataImportChange>> DataImportChanges(int64_t id) = 0;
  virtual Status MarkDataImportUndone(int64_t id, const std::string& by, const std::string& at) = 0;

  // Small settings that belong to the database (whether the sample is loaded, …).
  virtual Result<std::optional<std::string>> GetMeta(const std::string& key) = 0;
  virtual Status SetMeta(const std::string& key, const std::string& value) = 0;

  virtual Result<StoreSummary> Summary() = 0;

  // A number that changes when another connection commits to the database (SQLite: PRAGMA
  // data_version): a server's writer connection tells from it that another process wrote.
  virtual Result<int64_t> DataVersion() = 0;

  // What a copy of the database's contents kept outside it (the analytics engine's snapshot) is
  // checked against before it is trusted: `database_id`, random, made with the database (a copy
  // restored elsewhere gets its own), and `commits`, which every write transaction of every
  // connection raises by one as it commits, so any committed write changes it. Unlike
  // DataVersion it is stored in the database and the same for every connection and process.
  struct CommitStamp {
    std::string database_id;
    int64_t commits = 0;
    bool operator==(const CommitStamp&) const = default;
  };
  // Whether a transaction (or savepoint) is open on this connection: what it reads then may
  // include writes that are not committed yet.
  virtual bool InTransaction() const = 0;
  // nullopt for a database whose schema predates the counter (until `antq init` upgrades it) or
  // that has no schema yet.
  virtual Result<std::optional<CommitStamp>> ReadCommitStamp() = 0;

  // Whether WaitForCommits can be told of other connections' commits (PostgreSQL: LISTEN). A
  // server node on such a store refreshes as soon as another node commits; on SQLite it checks
  // DataVersion when it next reads.
  virtual bool NotifiesCommits() const { return false; }
  // Waits up to `timeout` for a commit by any connection: true if one was announced. Use on a
  // connection of its own, as it may hold the connection busy listening.
  virtual Result<bool> WaitForCommits(std::chrono::milliseconds timeout) {
    (void)timeout;
    return false;
  }

  // The database's own consistency check (SQLite: integrity_check and foreign_key_check): one
  // line per problem; empty when the file is sound.
  virtual Result<std::vector<std::string>> CheckIntegrity() = 0;

  // A short description for messages: "sqlite:antq.db".
  virtual std::string Describe() const = 0;
};

enum class OpenMode {
  kMustExist,       // every command but init: a missing database is an error
  kCreateIfMissing  // init
};

// Opens the database named by `url`: "sqlite:PATH" (or a bare path), or "postgresql://…" (not
// yet available: an error says so).
Result<std::unique_ptr<Store>> OpenStore(std::string_view url, OpenMode mode);

}  // namespace antq
