#include "app/workspace.h"

#include <fmt/format.h>

#include <atomic>
#include <cstdlib>
#include <stdexcept>

#include "app/engine_loader.h"

#ifndef ANTQ_SOURCE_DATA_DIR
#define ANTQ_SOURCE_DATA_DIR ""
#endif

namespace antq {

Result<std::filesystem::path> ChooseDataDir(const std::string& override_dir, const std::string& env,
                                            const std::filesystem::path& binary,
                                            const std::filesystem::path& source_data_dir) {
  namespace fs = std::filesystem;
  auto usable = [](const fs::path& p) {
    std::error_code ec;
    return !p.empty() && fs::is_directory(p / "units", ec);
  };
  if (!override_dir.empty()) {
    if (usable(override_dir)) return fs::path(override_dir);
    return Fail(
        ErrorCode::kNotFound,
        fmt::format("{} is not an ANTQ data folder (it has no units/ folder)", override_dir),
        "data_dir");
  }
  if (!env.empty()) {
    if (usable(env)) return fs::path(env);
    return Fail(ErrorCode::kNotFound,
                fmt::format("{} is not an ANTQ data folder (it has no units/ folder)", env),
                "ANTQ_DATA_DIR");
  }
  if (!binary.empty()) {
    const fs::path installed = binary.parent_path().parent_path() / "share" / "antq";
    if (usable(installed)) return installed;
  }
  if (usable(source_data_dir)) return source_data_dir;
  return Fail(ErrorCode::kNotFound,
              "cannot find ANTQ's data folder; name it (data_dir) or set ANTQ_DATA_DIR",
              "data_dir");
}

Result<std::filesystem::path> FindDataDir(const std::string& override_dir) {
  const char* env = std::getenv("ANTQ_DATA_DIR");
  std::error_code ec;
  const std::filesystem::path binary = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ChooseDataDir(override_dir, env ? env : "", ec ? std::filesystem::path() : binary,
                       ANTQ_SOURCE_DATA_DIR);
}

Result<Workspace> Workspace::Open(const std::string& db_url, OpenMode mode) {
  auto store = OpenStore(db_url, mode);
  if (!store) return Fail(store.error());
  auto version = (*store)->SchemaVersion();
  if (!version) return Fail(version.error());
  UnitRegistry units;
  if (*version > 0) {
    auto loaded = (*store)->LoadUnits();
    if (!loaded) return Fail(loaded.error());
    units = std::move(*loaded);
    if (*version < (*store)->KnownSchemaVersion() && mode == OpenMode::kMustExist) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("database {} has schema version {}; run 'antq init' to upgrade it "
                              "to version {}",
                              (*store)->Describe(), *version, (*store)->KnownSchemaVersion()),
                  "db");
    }
  } else if (mode == OpenMode::kMustExist) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("database {} is empty; run 'antq init' first", (*store)->Describe()),
                "db");
  }
  Workspace ws(std::move(*store), std::move(units), db_url);
  ws.engine_snapshot_path_ =
      EngineSnapshotPath(db_url, ws.store().Describe(), std::getenv("ANTQ_CACHE_DIR"));
  if (*version >= 2) {
    auto catalog = ws.store().LoadCatalog();
    if (!catalog) return Fail(catalog.error());
    ws.set_catalog(catalog->first, std::move(catalog->second));
    auto sample = ws.store().GetMeta("sample");
    if (!sample) return Fail(sample.error());
    ws.set_has_sample(sample->has_value());
  }
  return ws;
}

namespace {

thread_local bool writing_thread = false;

}  // namespace

void Workspace::SetWritingThread(bool writing) { writing_thread = writing; }

Store& Workspace::store() const {
  if (!many_threads_ || writing_thread) return *store_;
  return ReaderStore();
}

uint64_t Workspace::NextInstance() {
  static std::atomic<uint64_t> next{1};
  return next++;
}

size_t Workspace::open_connections() const {
  std::lock_guard lock(readers_->mu);
  return 1 + readers_->stores.size();
}

Store& Workspace::ReaderStore() const {
  thread_local uint64_t cached_for = 0;
  thread_local Store* cached = nullptr;
  if (cached_for == instance_ && cached) return *cached;
  std::lock_guard lock(readers_->mu);
  auto& slot = readers_->stores[std::this_thread::get_id()];
  if (!slot) {
    auto opened = OpenStore(db_url_, OpenMode::kMustExist);
    // The database was opened a moment ago by this process: failing now is broken
    // infrastructure (a deleted file, no file handles left), not a user error.
    if (!opened)
      throw std::runtime_error("cannot open a reading connection: " + opened.error().ToString());
    slot = std::move(*opened);
  }
  cached_for = instance_;
  cached = slot.get();
  return *cached;
}

Status Workspace::Reload() {
  auto units = store_->LoadUnits();
  if (!units) return Fail(units.error());
  auto catalog = store_->LoadCatalog();
  if (!catalog) return Fail(catalog.error());
  auto sample = store_->GetMeta("sample");
  if (!sample) return Fail(sample.error());
  set_units(std::move(*units));
  set_catalog(catalog->first, std::move(catalog->second));
  set_has_sample(sample->has_value());
  return Ok();
}

}  // namespace antq
