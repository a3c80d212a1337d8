#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/unit_registry.h"

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
};

// The persistent store behind every use case. Backends: SQLite (embedded, the default) and, later,
// PostgreSQL. Every write happens inside a Transaction from Begin(); a Store is used by one thread
// at a time.
class Store {
 public:
  virtual ~Store() = default;

  // Starts the one transaction of a use case (SQLite: BEGIN IMMEDIATE, so writers queue up
  // instead of failing half-way).
  virtual Result<std::unique_ptr<Transaction>> Begin() = 0;

  // Applies the numbered migrations the database has not seen yet, inside the caller's
  // transaction. Returns how many were applied.
  virtual Result<int> Migrate() = 0;
  // The highest migration applied; 0 for an empty database.
  virtual Result<int> SchemaVersion() = 0;

  virtual Result<UnitRegistry> LoadUnits() = 0;
  // Persists what UnitRegistry::Apply added, inside the caller's transaction.
  virtual Status SaveUnitChanges(const UnitChanges& changes) = 0;

  virtual Result<StoreSummary> Summary() = 0;

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
