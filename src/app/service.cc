#include "app/service.h"

#include <condition_variable>
#include <iostream>
#include <optional>

#include "app/engine_loader.h"

namespace antq {

Result<std::unique_ptr<Service>> Service::Open(const std::string& db_url,
                                               std::chrono::milliseconds freshness,
                                               std::chrono::milliseconds snapshot_quiet) {
  auto ws = Workspace::Open(db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  ws->ServeManyThreads();
  std::unique_ptr<Service> service(new Service(std::move(*ws), freshness, snapshot_quiet));
  std::unique_lock lock = service->LockForWriting();
  Workspace::SetWritingThread(true);
  // The data version before the engine loads: a commit by another process during the load then
  // shows as a change at the next check, and the engine reloads.
  auto version = service->ws_.store().DataVersion();
  auto engine = version ? EnsureAnalytics(service->ws_) : Fail(version.error());
  Workspace::SetWritingThread(false);
  if (!engine) return Fail(engine.error());
  service->data_version_ = *version;
  service->last_check_ = std::chrono::steady_clock::now();
  service->MarkSynced();
  lock.unlock();
  if (!service->ws_.engine_snapshot_path().empty()) {
    service->snapshotter_ = std::jthread(
        [s = service.get()](const std::stop_token& stop) { s->SnapshotWhenQuiet(stop); });
  }
  if (service->ws_.store().NotifiesCommits()) {
    auto watch = OpenStore(db_url, OpenMode::kMustExist);
    if (!watch) return Fail(watch.error());
    service->watch_store_ = std::move(*watch);
    service->watcher_ =
        std::jthread([s = service.get()](const std::stop_token& stop) { s->WatchCommits(stop); });
  }
  return service;
}

Service::~Service() {
  watcher_ = std::jthread();  // stops and joins the watcher
  snapshotter_ = std::jthread();
  SaveSnapshotIfStale();
}

bool Service::SaveSnapshotIfStale() {
  std::lock_guard one_at_a_time(snapshot_mu_);
  if (!snapshot_stale_ || ws_.engine_snapshot_path().empty()) return !snapshot_stale_;
  uint64_t generation = 0;
  std::optional<std::string> stamp;
  {
    // On the writer connection, where data_version_ was read: the stamp is of the database the
    // engine matches only if no other process committed since.
    std::unique_lock lock = LockForWriting();
    if (!ws_.analytics()) return false;
    generation = write_generation_;
    std::lock_guard check(check_mu_);
    Workspace::SetWritingThread(true);
    struct Reset {
      ~Reset() { Workspace::SetWritingThread(false); }
    } reset;
    auto version = ws_.store().DataVersion();
    if (!version || *version != data_version_) return false;  // the next read reloads first
    auto read = ReadEngineStamp(ws_);
    if (!read) {
      ReportStale(read.error());
      return false;
    }
    if (!*read) {  // a database without a commit counter keeps no snapshot
      snapshot_stale_ = false;
      return true;
    }
    stamp = std::move(*read);
  }
  // Readers go on while the file is written; a write that came in between makes it stale again.
  std::shared_lock lock = LockForReading();
  if (write_generation_ != generation || !ws_.analytics()) return false;
  if (auto s = SaveEngineSnapshot(ws_, *ws_.analytics(), *stamp); !s) {
    std::cerr << "antq serve: could not write the engine snapshot: " << s.error().ToString()
              << "\n";
    return false;
  }
  snapshot_stale_ = false;
  return true;
}

void Service::SnapshotWhenQuiet(const std::stop_token& stop) {
  std::mutex mu;
  std::condition_variable_any wake;
  const auto tick = std::min<std::chrono::milliseconds>(snapshot_quiet_, std::chrono::seconds(1));
  while (!stop.stop_requested()) {
    {
      std::unique_lock lock(mu);
      wake.wait_for(lock, stop, tick, [] { return false; });
    }
    if (stop.stop_requested()) return;
    const std::chrono::steady_clock::time_point written{
        std::chrono::steady_clock::duration(last_write_.load())};
    if (snapshot_stale_ && std::chrono::steady_clock::now() - written >= snapshot_quiet_ &&
        !SaveSnapshotIfStale()) {
      // Not now (another process wrote, or the file could not be written): wait another quiet
      // period rather than try every second.
      last_write_ = std::chrono::steady_clock::now().time_since_epoch().count();
    }
  }
}

std::shared_lock<std::shared_mutex> Service::LockForReading() {
  { std::lock_guard pass(turnstile_); }
  return std::shared_lock(mu_);
}

std::unique_lock<std::shared_mutex> Service::LockForWriting() {
  std::lock_guard wait_first(turnstile_);
  return std::unique_lock(mu_);
}

Status Service::Refresh() {
  {
    std::lock_guard check(check_mu_);
    if (std::chrono::steady_clock::now() - last_check_ < freshness_) return Ok();
  }
  std::unique_lock lock = LockForWriting();
  InUse in_use(in_use_);
  return ReloadIfChangedLocked();
}

Status Service::ReloadIfChangedLocked() {
  std::lock_guard check(check_mu_);
  last_check_ = std::chrono::steady_clock::now();
  Workspace::SetWritingThread(true);
  struct Reset {
    ~Reset() { Workspace::SetWritingThread(false); }
  } reset;
  auto version = ws_.store().DataVersion();
  if (!version) return Fail(version.error());
  if (*version == data_version_) {
    MarkSynced();
    return Ok();
  }
  // Another process committed: what is kept in memory may be stale.
  query_cache_.Clear();
  if (auto s = ws_.Reload(); !s) return s;
  auto engine = EnsureAnalytics(ws_);
  if (!engine) return Fail(engine.error());
  sessions_.ForgetAll();
  data_version_ = *version;
  ++reloads_;
  MarkSynced();
  return Ok();
}

void Service::AfterWriteLocked() {
  // A write that replaced the units or the catalogue dropped the engine: load it again while no
  // reader can see it missing. Commits of the writer connection itself do not change its data
  // version, so the last one seen stays right.
  if (!ws_.analytics()) {
    Workspace::SetWritingThread(true);
    if (auto engine = EnsureAnalytics(ws_); !engine) ReportStale(engine.error());
    Workspace::SetWritingThread(false);
  }
  MarkSynced();
}

void Service::MarkSynced() {
  engine_values_ = ws_.analytics() ? ws_.analytics()->value_count() : 0;
  synced_at_ = std::chrono::steady_clock::now().time_since_epoch().count();
}

Service::Stats Service::stats() const {
  Stats s;
  s.engine_values = engine_values_;
  const std::chrono::steady_clock::time_point synced{
      std::chrono::steady_clock::duration(synced_at_.load())};
  s.seconds_since_sync =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - synced).count();
  s.reloads = reloads_;
  s.refresh_failures = refresh_failures_;
  s.db_connections = ws_.open_connections();
  s.db_connections_in_use = in_use_;
  return s;
}

Status Service::CheckDatabase() {
  try {
    auto version = ws_.store().SchemaVersion();
    if (!version) return Fail(ErrorCode::kIo, version.error().message(), "db");
    return Ok();
  } catch (const std::exception& e) {
    // A reading connection that cannot be opened (a deleted file, no file handles left) is
    // exactly what a health check is for, so it is an answer here rather than a 500.
    return Fail(ErrorCode::kIo, e.what(), "db");
  }
}

void Service::WatchCommits(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    // A short wait, so that a stopping server is not held up.
    auto announced = watch_store_->WaitForCommits(std::chrono::milliseconds(200));
    if (!announced) {
      ReportStale(announced.error());
      std::this_thread::sleep_for(std::chrono::seconds(1));
      continue;
    }
    if (!*announced) continue;
    std::unique_lock lock = LockForWriting();
    if (auto s = ReloadIfChangedLocked(); !s) ReportStale(s.error());
  }
}

void Service::ReportStale(const Error& error) {
  ++refresh_failures_;
  std::cerr << "antq serve: could not refresh from the database: " << error.ToString() << "\n";
}

}  // namespace antq
