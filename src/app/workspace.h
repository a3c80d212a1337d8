#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/result.h"
#include "domain/unit_registry.h"
#include "storage/store.h"

namespace antq {

// Where ANTQ finds its shipped data (catalogue, units, templates): the --data-dir option, else
// $ANTQ_DATA_DIR, else the data/ folder of the source tree the binary was built from, else
// ../share/antq next to the binary.
Result<std::filesystem::path> FindDataDir(const std::string& override_dir);

// An open database with its unit registry loaded: what every use case works on. Use cases change
// the store and the in-memory state together, inside one transaction, and only adopt the new
// in-memory state after the commit succeeded.
class Workspace {
 public:
  static Result<Workspace> Open(const std::string& db_url, OpenMode mode);

  Store& store() { return *store_; }
  const UnitRegistry& units() const { return units_; }
  void set_units(UnitRegistry units) { units_ = std::move(units); }

 private:
  Workspace(std::unique_ptr<Store> store, UnitRegistry units)
      : store_(std::move(store)), units_(std::move(units)) {}
  std::unique_ptr<Store> store_;
  UnitRegistry units_;
};

}  // namespace antq
