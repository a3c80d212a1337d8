#include "app/engine_loader.h"

#include <fmt/format.h>

#include <array>
#include <condition_variable>
#include <cstdlib>
#include <deque>
#include <functional>
#include <iostream>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "analytics/engine_snapshot.h"
#include "app/workspace.h"
#include "common/text.h"

#ifndef ANTQ_VERSION
#define ANTQ_VERSION "unknown"
#endif

namespace antq {
namespace {

// A slice of rows on its way from the reader to the engine. Keys (element, option, data set)
// and period codes are numbered by the reader; a batch brings the ones first seen in it.
struct Batch {
  std::vector<std::array<std::string, 3>> new_keys;
  std::vector<std::string> new_periods;
  struct Row {
    UnitId unit;
    uint32_t key;
    uint32_t period;
    double number;
  };
  std::vector<Row> rows;
  bool last = false;
};

// A bounded hand-over between the two threads: the reader waits when the engine falls behind.
class BatchQueue {
 public:
  void Push(Batch batch) {
    std::unique_lock lock(mutex_);
    has_room_.wait(lock, [&] { return batches_.size() < kCapacity; });
    batches_.push_back(std::move(batch));
    has_batch_.notify_one();
  }
  Batch Pop() {
    std::unique_lock lock(mutex_);
    has_batch_.wait(lock, [&] { return !batches_.empty(); });
    Batch b = std::move(batches_.front());
    batches_.pop_front();
    has_room_.notify_one();
    return b;
  }

 private:
  static constexpr size_t kCapacity = 4;
  std::mutex mutex_;
  std::condition_variable has_batch_, has_room_;
  std::deque<Batch> batches_;
};

constexpr size_t kBatchRows = 1 << 14;

}  // namespace

Status LoadValues(Store& store, analytics::Engine& engine) {
  BatchQueue queue;
  std::thread filler([&] {
    analytics::Engine::BulkLoader loader(engine);
    std::vector<std::array<std::string, 3>> keys;
    std::vector<std::string> periods;
    while (true) {
      Batch b = queue.Pop();
      for (auto& k : b.new_keys) keys.push_back(std::move(k));
      for (auto& p : b.new_periods) periods.push_back(std::move(p));
      for (const Batch::Row& r : b.rows) {
        const auto& k = keys[r.key];
        loader.Add(r.unit, k[0], k[1], k[2], periods[r.period], r.number);
      }
      if (b.last) return;
    }
  });

  std::map<std::array<std::string, 3>, uint32_t, std::less<>> key_ids;
  std::unordered_map<std::string, uint32_t, TextHash, std::equal_to<>> period_ids;
  std::array<std::string, 3> last_key;
  uint32_t last_key_id = UINT32_MAX;
  Batch batch;
  auto status = store.ScanNumbers([&](const Store::NumberRow& r) {
    // Rows come grouped by unit, element and option: the key rarely changes.
    if (last_key_id == UINT32_MAX || r.element != last_key[0] || r.option != last_key[1] ||
        r.data_set != last_key[2]) {
      last_key = {std::string(r.element), std::string(r.option), std::string(r.data_set)};
      auto [it, added] = key_ids.try_emplace(last_key, static_cast<uint32_t>(key_ids.size()));
      if (added) batch.new_keys.push_back(last_key);
      last_key_id = it->second;
    }
    auto p = period_ids.find(r.period);
    if (p == period_ids.end()) {
      p = period_ids.emplace(std::string(r.period), static_cast<uint32_t>(period_ids.size())).first;
      batch.new_periods.emplace_back(r.period);
    }
    batch.rows.push_back({r.unit, last_key_id, p->second, r.number});
    if (batch.rows.size() == kBatchRows) {
      queue.Push(std::move(batch));
      batch = Batch();
      batch.rows.reserve(kBatchRows);
    }
  });
  batch.last = true;
  queue.Push(std::move(batch));
  filler.join();
  return status;
}

namespace {

// FNV-1a: a stable name for a database's snapshot file in a shared cache folder.
uint64_t NameHash(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (const char c : text) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}

void Report(const std::string& line) { std::cerr << "antq: " << line << "\n"; }

}  // namespace

std::filesystem::path EngineSnapshotPath(const std::string& db_url, const std::string& described,
                                         const char* cache_dir_env) {
  const std::string cache = cache_dir_env ? cache_dir_env : "";
  if (cache == "off") return {};
  if (!cache.empty()) {
    return std::filesystem::path(cache) /
           fmt::format("engine-{:016x}.snapshot", NameHash(described));
  }
  if (db_url.starts_with("postgresql://") || db_url.starts_with("postgres://")) return {};
  std::string_view path = db_url;
  if (path.starts_with("sqlite:")) path.remove_prefix(7);
  if (path.empty() || path == ":memory:") return {};
  return std::string(path) + ".engine";
}

Result<std::optional<std::string>> ReadEngineStamp(Workspace& ws) {
  Store& store = ws.store();
  auto commits = store.ReadCommitStamp();
  if (!commits) return Fail(commits.error());
  if (!*commits) return std::optional<std::string>();
  auto schema = store.SchemaVersion();
  if (!schema) return Fail(schema.error());
  auto audit = store.AuditHead();
  if (!audit) return Fail(audit.error());
  return std::optional<std::string>(
      fmt::format("antq {}\ndatabase {}\ncommits {}\naudit {} {}\nschema {}\ncatalog {}\n",
                  ANTQ_VERSION, (*commits)->database_id, (*commits)->commits, audit->first,
                  audit->second, *schema, ws.catalog_version()));
}

Status SaveEngineSnapshot(const Workspace& ws, const analytics::Engine& engine,
                          const std::string& stamp) {
  const std::filesystem::path& path = ws.engine_snapshot_path();
  if (path.empty()) return Ok();
  std::error_code ignored;
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path(), ignored);
  return analytics::SaveEngineSnapshot(engine, stamp, path);
}

Result<LoadedEngine> LoadEngine(Workspace& ws) {
  LoadedEngine loaded;
  const std::filesystem::path& path = ws.engine_snapshot_path();
  const bool snapshots = !path.empty() && !ws.store().InTransaction();
  std::optional<std::string> before;
  if (snapshots) {
    auto stamp = ReadEngineStamp(ws);
    if (!stamp) return Fail(stamp.error());
    before = std::move(*stamp);
  }
  if (before) {
    auto engine = analytics::LoadEngineSnapshot(path, *before, ws.units(), ws.catalog());
    if (engine) {
      loaded.engine = std::move(*engine);
      loaded.stamp = std::move(before);
      loaded.from_snapshot = true;
      return loaded;
    }
    if (engine.error().code() != ErrorCode::kNotFound) {
      Report(fmt::format("the engine snapshot is not used, the engine loads from the database: {}",
                         engine.error().ToString()));
    }
  }
  loaded.engine = std::make_unique<analytics::Engine>(ws.units(), ws.catalog());
  if (auto s = LoadValues(ws.store(), *loaded.engine); !s) return Fail(s.error());
  for (const auto& [code, reg] : ws.catalog().registers()) {
    EventFilter filter;
    filter.register_code = code;
    if (auto s = ws.store().ScanEvents(filter, [&](const Event& e) { loaded.engine->PutEvent(e); });
        !s) {
      return Fail(s.error());
    }
  }
  if (!before) return loaded;
  // Only if nothing was committed while the store was read does the engine hold that state.
  auto after = ReadEngineStamp(ws);
  if (!after) return Fail(after.error());
  if (*after != before) return loaded;
  loaded.stamp = std::move(before);
  if (auto s = SaveEngineSnapshot(ws, *loaded.engine, *loaded.stamp); !s) {
    Report(fmt::format("could not write the engine snapshot: {}", s.error().ToString()));
  }
  return loaded;
}

}  // namespace antq
