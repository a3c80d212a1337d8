#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "analytics/engine.h"
#include "app/query_cache.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"
#include "rules/rule_index.h"
#include "storage/store.h"

namespace antq {

// The words every output of a database holding the synthetic sample carries.
inline constexpr const char* kSampleNotice =
    "DỮ LIỆU MẪU / SAMPLE DATA: số liệu tổng hợp ngẫu nhiên cho Kon Tum, không phải số liệu thật";

// Where ANTQ finds its shipped data (catalogue, units, templates): the --data-dir option, else
// $ANTQ_DATA_DIR, else ../share/antq next to the binary (an installed antq, /usr/bin/antq with
// /usr/share/antq), else the data/ folder of the source tree the binary was built from. An
// installation comes before the source tree so that a package built on a machine uses its own
// data there too.
Result<std::filesystem::path> FindDataDir(const std::string& override_dir);
// The same choice with its inputs given: `env` is $ANTQ_DATA_DIR's value, `binary` the running
// program's path. A folder qualifies when it has a units/ folder.
Result<std::filesystem::path> ChooseDataDir(const std::string& override_dir, const std::string& env,
                                            const std::filesystem::path& binary,
                                            const std::filesystem::path& source_data_dir);

// An open database with its unit registry loaded: what every use case works on. Use cases change
// the store and the in-memory state together, inside one transaction, and only adopt the new
// in-memory state after the commit succeeded.
class Workspace {
 public:
  static Result<Workspace> Open(const std::string& db_url, OpenMode mode);

  // The store is a handle: reading through a const Workspace is fine. A command uses one
  // connection. A server (after ServeManyThreads) gives each reading thread a connection of its
  // own, opened on first use, and keeps the first one for the thread that writes: SQLite
  // connections are not shared between threads, and a connection that never writes sees every
  // commit of the writer as soon as it begins its next read.
  Store& store() const;
  void ServeManyThreads() { many_threads_ = true; }
  // Connections open now: the writer's and each reading thread's. Thread-safe.
  size_t open_connections() const;
  // Marks the calling thread as the writer (inside the server's exclusive lock) or not.
  static void SetWritingThread(bool writing);
  // Reads everything kept in memory again from the store (units, catalogue, the sample mark) and
  // drops the analytics engine: after another process changed the database.
  Status Reload();
  const UnitRegistry& units() const { return *units_; }
  // Replacing the units or the catalogue drops the analytics engine; it reloads when next used.
  void set_units(UnitRegistry units) {
    *units_ = std::move(units);
    analytics_.reset();
  }
  const Catalog& catalog() const { return *catalog_; }
  int catalog_version() const { return catalog_version_; }
  void set_catalog(int version, Catalog catalog) {
    catalog_version_ = version;
    *catalog_ = std::move(catalog);
    rule_index_ = rules::RuleIndex::Build(*catalog_);
    analytics_.reset();
  }
  // What the catalogue's validation rules and criteria read, rebuilt with the catalogue.
  const rules::RuleIndex& rule_index() const { return rule_index_; }
  // Whether the database holds the synthetic Kon Tum sample, which every output must say.
  bool has_sample() const { return has_sample_; }
  void set_has_sample(bool has) { has_sample_ = has; }

  // The analytics engine, loaded from the store on first use (see analytics_use_cases.h);
  // nullptr until then. Write use cases feed it after each commit.
  analytics::Engine* analytics() const { return analytics_.get(); }
  void set_analytics(std::unique_ptr<analytics::Engine> engine) { analytics_ = std::move(engine); }
  // Where the engine's snapshot is kept (EngineSnapshotPath in engine_loader.h, chosen by Open);
  // empty: nowhere. Tests point it elsewhere.
  const std::filesystem::path& engine_snapshot_path() const { return engine_snapshot_path_; }
  void set_engine_snapshot_path(std::filesystem::path path) {
    engine_snapshot_path_ = std::move(path);
  }
  // Answers kept between writes (the server sets one; a command has none).
  QueryCache* query_cache() const { return query_cache_; }
  void set_query_cache(QueryCache* cache) { query_cache_ = cache; }

 private:
  Workspace(std::unique_ptr<Store> store, UnitRegistry units, std::string db_url)
      : store_(std::move(store)),
        db_url_(std::move(db_url)),
        readers_(std::make_unique<Readers>()),
        units_(std::make_unique<UnitRegistry>(std::move(units))),
        catalog_(std::make_unique<Catalog>()) {}
  Store& ReaderStore() const;

  std::unique_ptr<Store> store_;  // the writer's (and a command's only) connection
  std::string db_url_;
  bool many_threads_ = false;
  struct Readers {
    std::mutex mu;
    std::map<std::thread::id, std::unique_ptr<Store>> stores;
  };
  std::unique_ptr<Readers> readers_;
  uint64_t instance_ = NextInstance();  // tells workspaces apart in per-thread caches
  static uint64_t NextInstance();
  // Behind pointers so that their addresses, which the engine keeps, survive a move.
  std::unique_ptr<UnitRegistry> units_;
  std::unique_ptr<Catalog> catalog_;
  int catalog_version_ = 0;
  rules::RuleIndex rule_index_;
  bool has_sample_ = false;
  std::unique_ptr<analytics::Engine> analytics_;
  std::filesystem::path engine_snapshot_path_;
  QueryCache* query_cache_ = nullptr;
};

}  // namespace antq
