#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "common/result.h"
#include "domain/catalog.h"
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

  // The store is a handle: reading through a const Workspace is fine.
  Store& store() const { return *store_; }
  const UnitRegistry& units() const { return units_; }
  void set_units(UnitRegistry units) { units_ = std::move(units); }
  const Catalog& catalog() const { return catalog_; }
  int catalog_version() const { return catalog_version_; }
  void set_catalog(int version, Catalog catalog) {
    catalog_version_ = version;
    catalog_ = std::move(catalog);
  }
  // Whether the database holds the synthetic Kon Tum sample, which every output must say.
  bool has_sample() const { return has_sample_; }
  void set_has_sample(bool has) { has_sample_ = has; }

 private:
  Workspace(std::unique_ptr<Store> store, UnitRegistry units)
      : store_(std::move(store)), units_(std::move(units)) {}
  std::unique_ptr<Store> store_;
  UnitRegistry units_;
  Catalog catalog_;
  int catalog_version_ = 0;
  bool has_sample_ = false;
};

}  // namespace antq
