#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <stop_token>
#include <string>
#include <thread>
#include <utility>

#include "app/analytics_use_cases.h"
#include "app/sessions.h"
#include "app/workspace.h"
#include "common/result.h"

namespace antq {

// The one Workspace of a server process, shared by its request threads.
//
// Concurrency model: one writer at a time, readers in parallel. A write takes the exclusive
// lock, runs its use case on the writer connection (one transaction), feeds the analytics engine
// and commits before it lets go, so a write acknowledged to one client is visible to the next
// read of any client. Reads take the shared lock and run on a connection of their own thread;
// they see the units, the catalogue and the engine as the last write left them. Writers queue on
// the lock (and, across processes, on SQLite's write lock with its busy timeout).
//
// Writers go first: glibc's shared mutex lets new readers in while a writer waits, so a steady
// stream of dashboard reads would starve every save. A waiting writer holds `turnstile_`, which
// each reader passes through before it takes the shared lock: new readers wait behind the
// writer, the readers already in finish, and the writer gets the lock.
//
// Other processes (a CLI run, a cron import, another server node on the same PostgreSQL) may
// write to the same database: before a read, at most once every `freshness`, the writer
// connection's data version is compared with the last one seen; a change another process made
// reloads units, catalogue and engine first. On a store that announces commits (PostgreSQL's
// NOTIFY), a watcher thread does the same as soon as another node commits, so a value saved
// through one node shows in the next query on another without waiting for a read to notice.
//
// The engine snapshot (engine_loader.h) is written after a start-up that had to read the
// database, at shutdown when writes made it stale, and by a background thread once no write has
// come for `snapshot_quiet`, so that a crash loses little of it. Writes never wait for it: the
// file is written under the shared lock, readers go on, and a write that comes in meanwhile
// only makes the next round write it again.
class Service {
 public:
  static Result<std::unique_ptr<Service>> Open(
      const std::string& db_url,
      std::chrono::milliseconds freshness = std::chrono::milliseconds(1000),
      std::chrono::milliseconds snapshot_quiet = std::chrono::seconds(30));
  // Writes the engine snapshot if writes made it stale (see SaveSnapshotIfStale).
  ~Service();
  Service(const Service&) = delete;
  Service& operator=(const Service&) = delete;

  // Writes the engine snapshot now if a write since the last one made it stale and the engine
  // matches the database (no other process committed since it was last brought up to date).
  // Returns whether the snapshot is current afterwards. Takes the locks itself.
  bool SaveSnapshotIfStale();

  // Runs `read` with the workspace under the shared lock. A read must not change what the
  // workspace keeps in memory (the engine is loaded before any read runs).
  template <typename F>
  auto Read(F&& read) {
    if (auto s = Refresh(); !s) ReportStale(s.error());
    std::shared_lock lock = LockForReading();
    InUse in_use(in_use_);
    return read(ws_);
  }

  // Runs `write` with the workspace under the exclusive lock, on the writer connection.
  template <typename F>
  auto Write(F&& write) {
    std::unique_lock lock = LockForWriting();
    InUse in_use(in_use_);
    if (auto s = ReloadIfChangedLocked(); !s) ReportStale(s.error());
    Workspace::SetWritingThread(true);
    struct Reset {
      ~Reset() { Workspace::SetWritingThread(false); }
    } reset;
    auto result = write(ws_);
    ++write_generation_;
    snapshot_stale_ = true;
    last_write_ = std::chrono::steady_clock::now().time_since_epoch().count();
    query_cache_.Clear();
    AfterWriteLocked();
    return result;
  }

  SessionService& sessions() { return sessions_; }
  const QueryCache& query_cache() const { return query_cache_; }

  // What monitoring reads (/metrics). Never waits for the lock, so a scrape answers during a
  // long import: the engine's figures are those the last write or reload left.
  struct Stats {
    size_t engine_values = 0;          // values the analytics engine holds
    double seconds_since_sync = 0;     // since memory was last known to match the database
    int64_t reloads = 0;               // full reloads after another process committed
    int64_t refresh_failures = 0;      // failed checks or reloads (each also on standard error)
    size_t db_connections = 0;         // open: the writer's and one per thread that has read
    size_t db_connections_in_use = 0;  // lent to a read or a write in progress
  };
  Stats stats() const;

  // One trivial read of the database on the calling thread's connection, for /healthz. Takes
  // no lock, so a long write does not make the server look down. Errors: kIo when the database
  // cannot be opened or read.
  Status CheckDatabase();

 private:
  explicit Service(Workspace ws, std::chrono::milliseconds freshness,
                   std::chrono::milliseconds snapshot_quiet)
      : ws_(std::move(ws)), freshness_(freshness), snapshot_quiet_(snapshot_quiet) {
    ws_.set_query_cache(&query_cache_);
  }
  std::shared_lock<std::shared_mutex> LockForReading();
  std::unique_lock<std::shared_mutex> LockForWriting();
  Status Refresh();
  Status ReloadIfChangedLocked();
  void AfterWriteLocked();
  void ReportStale(const Error& error);
  // The watcher thread: waits for other connections' commits and reloads after them.
  void WatchCommits(const std::stop_token& stop);
  void MarkSynced();
  // The snapshot thread: writes the snapshot once writes have stopped for snapshot_quiet_.
  void SnapshotWhenQuiet(const std::stop_token& stop);

  // Counts a read or write in progress for as long as it lives.
  struct InUse {
    explicit InUse(std::atomic<size_t>& n) : n_(n) { ++n_; }
    ~InUse() { --n_; }
    InUse(const InUse&) = delete;
    InUse& operator=(const InUse&) = delete;
    std::atomic<size_t>& n_;
  };

  std::shared_mutex mu_;
  std::mutex turnstile_;  // held by a writer waiting for mu_; readers pass through it
  Workspace ws_;
  QueryCache query_cache_;  // emptied by every write and reload (see query_cache.h)
  SessionService sessions_;
  const std::chrono::milliseconds freshness_;
  std::mutex check_mu_;  // one freshness check at a time, on the writer connection
  std::chrono::steady_clock::time_point last_check_;
  int64_t data_version_ = 0;
  // For stats(): written under the lock, read without it.
  std::atomic<size_t> in_use_{0};
  std::atomic<size_t> engine_values_{0};
  std::atomic<std::chrono::steady_clock::rep> synced_at_{0};  // steady_clock ticks
  std::atomic<int64_t> reloads_{0};
  std::atomic<int64_t> refresh_failures_{0};
  // The engine snapshot: writes (under the exclusive lock) count up write_generation_, mark the
  // snapshot stale and note when they ran; SaveSnapshotIfStale writes it when no write came in.
  const std::chrono::milliseconds snapshot_quiet_;
  uint64_t write_generation_ = 0;
  std::atomic<bool> snapshot_stale_{false};
  std::atomic<std::chrono::steady_clock::rep> last_write_{0};  // steady_clock ticks
  std::mutex snapshot_mu_;                                     // one snapshot written at a time
  std::unique_ptr<Store> watch_store_;  // the watcher's own connection (it listens on it)
  std::jthread snapshotter_;
  std::jthread watcher_;  // last: stopped and joined first
};

}  // namespace antq
