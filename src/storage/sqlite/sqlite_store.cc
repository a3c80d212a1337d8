#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>

namespace antq::sqlite {

Result<std::unique_ptr<SqliteStore>> SqliteStore::Open(const std::string& path, OpenMode mode) {
  auto db = Database::Open(path, mode == OpenMode::kCreateIfMissing);
  if (!db) return Fail(db.error());
  return std::unique_ptr<SqliteStore>(
      new SqliteStore(std::make_unique<SqliteConnection>(std::move(*db))));
}

Result<bool> SqliteStore::HasTable(std::string_view name) {
  auto st = db_.Prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
  if (!st) return Fail(st.error());
  st->Bind(1, name);
  if (auto r = st->Step(); !r) return Fail(r.error());
  return st->Int(0) > 0;
}

std::string SqliteStore::MigrationsTableSql() const {
  return "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
         "name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT; "
         "CREATE TABLE IF NOT EXISTS antq_commits (one INTEGER PRIMARY KEY CHECK (one = 1), "
         "n INTEGER NOT NULL, database_id TEXT NOT NULL) STRICT; "
         "INSERT OR IGNORE INTO antq_commits VALUES (1, 0, lower(hex(randomblob(16))))";
}

Result<bool> SqliteStore::HasCommitStamp() { return HasTable("antq_commits"); }

Status SqliteStore::BeforeCommit() {
  if (!has_counter_) {
    auto has = HasTable("antq_commits");
    if (!has) return Fail(has.error());
    if (!*has) return Ok();  // a database not yet upgraded: nothing to count
    has_counter_ = true;
  }
  return db_.Exec("UPDATE antq_commits SET n = n + 1 WHERE one = 1");
}

Status SqliteStore::Control(std::string_view sql) {
  auto st = db_.Cached(sql);
  if (!st) return Fail(st.error());
  return (*st)->Run();
}

Result<int64_t> SqliteStore::DataVersion() {
  auto st = db_.Cached("PRAGMA data_version");
  if (!st) return Fail(st.error());
  auto row = (*st)->Step();
  if (!row) return Fail(row.error());
  return (*st)->Int(0);
}

Status SqliteStore::ScanNumbers(const std::function<void(const NumberRow&)>& visit) {
  // The table is keyed (unit_id, element, option, period) WITHOUT ROWID: the scan reads it in
  // place, in key order, with no sort. The whole table is read, so it is mapped into memory for
  // the scan rather than copied through read() (a third of the time on a national database);
  // afterwards the pages the scan cached are given back, as nothing will read them soon.
  if (auto s = db_.Exec("PRAGMA mmap_size = 2147418112"); !s) return s;
  struct Unmap {
    sql::Connection& db;
    ~Unmap() { (void)db.Exec("PRAGMA mmap_size = 0; PRAGMA shrink_memory"); }
  } unmap{db_};
  return SqlStore::ScanNumbers(visit);
}

Result<std::vector<std::string>> SqliteStore::CheckIntegrity() {
  std::vector<std::string> problems;
  auto integrity = db_.Prepare("PRAGMA integrity_check");
  if (!integrity) return Fail(integrity.error());
  while (true) {
    auto more = integrity->Step();
    if (!more) return Fail(more.error());
    if (!*more) break;
    if (integrity->Text(0) != "ok") problems.push_back(integrity->Text(0));
  }
  auto keys = db_.Prepare("PRAGMA foreign_key_check");
  if (!keys) return Fail(keys.error());
  while (true) {
    auto more = keys->Step();
    if (!more) return Fail(more.error());
    if (!*more) break;
    problems.push_back(fmt::format("row {} of table {} refers to a missing row of {}", keys->Int(1),
                                   keys->Text(0), keys->Text(2)));
  }
  return problems;
}

}  // namespace antq::sqlite
