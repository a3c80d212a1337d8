#include "app/database_copy_use_cases.h"

#include <fmt/format.h>

#include <filesystem>

#include "common/hash.h"
#include "domain/audit.h"
#include "storage/store.h"

namespace antq {
namespace {

constexpr size_t kBatchRows = 5000;

// A table's rows folded into one digest: each value with its length, NULL told apart from "".
class RowDigest {
 public:
  void Add(const Store::TableRow& row) {
    for (const auto& value : row) {
      if (value) {
        hash_.Add(fmt::format("{}:", value->size())).Add(*value);
      } else {
        hash_.Add("-");
      }
    }
    hash_.Add("\n");
  }
  std::string Hex() { return hash_.Hex(); }

 private:
  Sha256 hash_;
};

// The target must hold nothing yet: a restore never mixes two installations' rows.
Status CheckEmpty(Store& target) {
  for (const CopiedTable& table : CopiedTables()) {
    if (table.name == "meta") continue;  // init may have set a setting or two
    auto rows = target.CountRows(table);
    if (!rows) return Fail(rows.error());
    if (*rows > 0) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("{} already holds data ({} rows in {}); copy only into an empty "
                              "database",
                              target.Describe(), *rows, table.name),
                  "db");
    }
  }
  return Ok();
}

Status CopyTables(Store& source, Store& target, DatabaseCopy& copy, const CopyProgress& progress) {
  for (const CopiedTable& table : CopiedTables()) {
    DatabaseCopy::Table done{std::string(table.name), 0, {}};
    RowDigest digest;
    std::vector<Store::TableRow> batch;
    batch.reserve(kBatchRows);
    auto flush = [&]() -> Status {
      if (batch.empty()) return Ok();
      if (auto s = target.AppendRows(table, batch); !s) return s;
      batch.clear();
      if (progress) progress(table.name, done.rows);
      return Ok();
    };
    auto scanned = source.ScanTable(table, [&](const Store::TableRow& row) -> Status {
      digest.Add(row);
      batch.push_back(row);
      ++done.rows;
      return batch.size() >= kBatchRows ? flush() : Ok();
    });
    if (!scanned) return scanned;
    if (auto s = flush(); !s) return s;
    done.sha256 = digest.Hex();
    copy.rows += done.rows;
    copy.tables.push_back(std::move(done));
  }
  return Ok();
}

// Reads the target back: the same rows in every table, and an intact chain that ends where the
// source's did.
Status Verify(Store& target, const DatabaseCopy& copy) {
  const auto tables = CopiedTables();
  for (size_t i = 0; i < tables.size(); ++i) {
    RowDigest digest;
    int64_t rows = 0;
    auto scanned = target.ScanTable(tables[i], [&](const Store::TableRow& row) {
      digest.Add(row);
      ++rows;
      return Ok();
    });
    if (!scanned) return scanned;
    if (rows != copy.tables[i].rows || digest.Hex() != copy.tables[i].sha256) {
      return Fail(ErrorCode::kInternal,
                  fmt::format("the copy of table {} differs from the source ({} rows read, {} "
                              "found); the target was not changed",
                              tables[i].name, copy.tables[i].rows, rows));
    }
  }
  return Ok();
}

}  // namespace

Result<DatabaseCopy> CopyDatabase(const std::string& from_url, const std::string& to_url,
                                  const Actor& actor, const CopyProgress& progress) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  auto source = OpenStore(from_url, OpenMode::kMustExist);
  if (!source) return Fail(source.error());
  auto version = (*source)->SchemaVersion();
  if (!version) return Fail(version.error());
  if (*version != (*source)->KnownSchemaVersion()) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{} has schema version {}, this antq writes {}; bring it up to date "
                            "with 'antq init' first",
                            (*source)->Describe(), *version, (*source)->KnownSchemaVersion()),
                "db");
  }
  auto target = OpenStore(to_url, OpenMode::kCreateIfMissing);
  if (!target) return Fail(target.error());
  DatabaseCopy copy;
  {
    auto tx = (*target)->Begin();
    if (!tx) return Fail(tx.error());
    if (auto migrated = (*target)->Migrate(); !migrated) return Fail(migrated.error());
    if (auto s = CheckEmpty(**target); !s) return Fail(s.error());
    auto snapshot = (*source)->BeginSnapshot();
    if (!snapshot) return Fail(snapshot.error());
    if (auto s = CopyTables(**source, **target, copy, progress); !s) return Fail(s.error());
    if (auto s = (*snapshot)->Commit(); !s) return Fail(s.error());
    if (auto s = (*target)->FinishCopy(); !s) return Fail(s.error());
    if (auto s = Verify(**target, copy); !s) return Fail(s.error());
    if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  }
  // The chain as the target now keeps it, head included (set as the copy committed).
  AuditChainVerifier verifier;
  if (auto s = (*target)->ScanAudit([&](const AuditEntry& e) { verifier.Visit(e); }); !s) {
    return Fail(s.error());
  }
  auto head = (*target)->AuditHead();
  if (!head) return Fail(head.error());
  verifier.Finish(head->first, head->second);
  if (!verifier.breaks().empty()) {
    const AuditChainBreak& b = verifier.breaks().front();
    return Fail(ErrorCode::kInternal,
                fmt::format("the copied audit chain does not verify on {}: row {}: {}",
                            (*target)->Describe(), b.id, b.problem));
  }
  copy.audit_rows = verifier.rows();
  copy.audit_head = head->second;
  return copy;
}

Result<DatabaseCopy> BackupDatabase(const std::string& db_url, const std::string& file,
                                    const Actor& actor, const CopyProgress& progress) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (fs::exists(file, ec)) {
    return Fail(ErrorCode::kConflict,
                fmt::format("{} exists; choose another name or remove it first", file), "--out");
  }
  const std::string partial = file + ".partial";
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(partial + suffix, ec);
  auto copy = CopyDatabase(db_url, "sqlite:" + partial, actor, progress);
  if (!copy) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) fs::remove(partial + suffix, ec);
    return copy;
  }
  fs::rename(partial, file, ec);
  if (ec) {
    return Fail(ErrorCode::kIo, fmt::format("cannot name the backup {}: {}", file, ec.message()),
                "--out");
  }
  return copy;
}

}  // namespace antq
