#include "app/workspace.h"

#include <fmt/format.h>

#include <cstdlib>

#ifndef ANTQ_SOURCE_DATA_DIR
#define ANTQ_SOURCE_DATA_DIR ""
#endif

namespace antq {

Result<std::filesystem::path> FindDataDir(const std::string& override_dir) {
  namespace fs = std::filesystem;
  auto usable = [](const fs::path& p) { return !p.empty() && fs::is_directory(p / "units"); };
  if (!override_dir.empty()) {
    if (usable(override_dir)) return fs::path(override_dir);
    return Fail(
        ErrorCode::kNotFound,
        fmt::format("{} is not an ANTQ data folder (it has no units/ folder)", override_dir),
        "data_dir");
  }
  if (const char* env = std::getenv("ANTQ_DATA_DIR"); env && *env) {
    if (usable(env)) return fs::path(env);
    return Fail(ErrorCode::kNotFound,
                fmt::format("{} is not an ANTQ data folder (it has no units/ folder)", env),
                "ANTQ_DATA_DIR");
  }
  if (usable(ANTQ_SOURCE_DATA_DIR)) return fs::path(ANTQ_SOURCE_DATA_DIR);
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "antq";
    if (usable(installed)) return installed;
  }
  return Fail(ErrorCode::kNotFound,
              "cannot find ANTQ's data folder; name it (data_dir) or set ANTQ_DATA_DIR",
              "data_dir");
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
  Workspace ws(std::move(*store), std::move(units));
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

}  // namespace antq
