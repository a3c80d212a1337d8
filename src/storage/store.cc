#include "storage/store.h"

#include <fmt/format.h>

#include "storage/postgres/pg_store.h"
#include "storage/sqlite/sqlite_store.h"

namespace antq {

Result<std::unique_ptr<Store>> OpenStore(std::string_view url, OpenMode mode) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) {
    auto store = postgres::PgStore::Open(std::string(url), mode);
    if (!store) return Fail(store.error());
    return std::unique_ptr<Store>(std::move(*store));
  }
  std::string_view path = url;
  if (path.starts_with("sqlite:")) path.remove_prefix(7);
  if (path.empty()) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' names no database file", url), "db");
  }
  auto store = sqlite::SqliteStore::Open(std::string(path), mode);
  if (!store) return Fail(store.error());
  return std::unique_ptr<Store>(std::move(*store));
}

}  // namespace antq
