#include "app/service.h"

#include <iostream>

namespace antq {

Result<std::unique_ptr<Service>> Service::Open(const std::string& db_url,
                                               std::chrono::milliseconds freshness) {
  auto ws = Workspace::Open(db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  ws->ServeManyThreads();
  std::unique_ptr<Service> service(new Service(std::move(*ws), freshness));
  std::unique_lock lock = service->LockForWriting();
  Workspace::SetWritingThread(true);
  auto engine = EnsureAnalytics(service->ws_);
  Workspace::SetWritingThread(false);
  if (!engine) return Fail(engine.error());
  auto version = service->ws_.store().DataVersion();
  if (!version) return Fail(version.error());
  service->data_version_ = *version;
  service->last_check_ = std::chrono::steady_clock::now();
  service->MarkSynced();
  lock.unlock();
  if (service->ws_.store().NotifiesCommits()) {
    auto watch = OpenStore(db_url, OpenMode::kMustExist);
    if (!watch) return Fail(watch.error());
    service->watch_store_ = std::move(*watch);
    service->watcher_ =
        std::jthread([s = service.get()](const std::stop_token& stop) { s->WatchCommits(stop); });
  }
  return service;
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
