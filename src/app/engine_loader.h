#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include "analytics/engine.h"
#include "common/result.h"
#include "storage/store.h"

namespace antq {

class Workspace;

// Fills `engine` with every numeric value of `store`. Reading the store and filling the engine
// each take about half of a national start-up (tens of millions of rows), so they run on two
// cores: this thread reads rows into batches, a second thread adds them to the engine.
Status LoadValues(Store& store, analytics::Engine& engine);

// The engine snapshot (analytics/engine_snapshot.h): a file with the engine's columns and event
// records, so that a start-up copies them back in well under a second instead of reading every
// value from the database. It is a cache: deleting it only makes the next start-up slower.
//
// Where it lives, for the database `db_url` (its password-free description is `described`):
// in $ANTQ_CACHE_DIR (`cache_dir_env`) when that is set, named engine-HASH.snapshot after the
// description; "off" there turns snapshots off. Otherwise beside a SQLite file, PATH.engine; a
// PostgreSQL database has none unless $ANTQ_CACHE_DIR names a folder. Empty: no snapshot.
std::filesystem::path EngineSnapshotPath(const std::string& db_url, const std::string& described,
                                         const char* cache_dir_env);

// What a snapshot must have been taken of to be used: the database's id and commit count
// (Store::ReadCommitStamp, which every committed write transaction of any process changes), its
// audit head, schema and catalogue versions, and the antq version and the snapshot format, as
// text. nullopt when the database has no commit counter (made by an older antq and not yet
// upgraded by `antq init`): then no snapshot is used or written.
Result<std::optional<std::string>> ReadEngineStamp(Workspace& ws);

// An engine just loaded, and the stamp of the database state it holds (nullopt: not known, so
// no snapshot may be written of it).
struct LoadedEngine {
  std::unique_ptr<analytics::Engine> engine;
  std::optional<std::string> stamp;
  bool from_snapshot = false;
};

// Loads the engine over the workspace's units and catalogue: from the snapshot when it is there,
// whole and of the database's current stamp; otherwise from the store (values and live events),
// after which it writes the snapshot if nothing was committed during the load. A snapshot that
// is present but not used (stale, of another database, truncated, corrupt) is reported on
// standard error and replaced. Inside an open transaction the store is read and no snapshot is
// used or written, since the transaction's view holds writes that may yet be rolled back.
Result<LoadedEngine> LoadEngine(Workspace& ws);

// Writes the snapshot of `engine`, which holds the database state `stamp` (from ReadEngineStamp
// at a time the engine matched the database). Nothing to do when the workspace keeps none.
// Errors: kIo.
Status SaveEngineSnapshot(const Workspace& ws, const analytics::Engine& engine,
                          const std::string& stamp);

}  // namespace antq
