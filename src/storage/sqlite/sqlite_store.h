#pragma once

#include <memory>
#include <string>

#include "storage/sqlite/sqlite_db.h"
#include "storage/store.h"

namespace antq::sqlite {

// The embedded backend: one SQLite file in WAL mode, STRICT tables, foreign keys on.
class SqliteStore final : public Store {
 public:
  static Result<std::unique_ptr<SqliteStore>> Open(const std::string& path, OpenMode mode);

  Result<std::unique_ptr<Transaction>> Begin() override;
  Result<int> Migrate() override;
  Result<int> SchemaVersion() override;
  Result<UnitRegistry> LoadUnits() override;
  Status SaveUnitChanges(const UnitChanges& changes) override;
  Result<StoreSummary> Summary() override;
  std::string Describe() const override { return "sqlite:" + db_.path(); }

  // The connection, for tests and benchmarks that look under the hood.
  Database& database() { return db_; }

 private:
  explicit SqliteStore(Database db) : db_(std::move(db)) {}
  Result<int64_t> Count(const char* table);
  Database db_;
};

}  // namespace antq::sqlite
