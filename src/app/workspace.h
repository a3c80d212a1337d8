#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "analytics/engine.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"
#include "rules/rule_index.h"
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
  const UnitRegistry& units() const { return *units_; }
  // Replacing the units or the catalogue drops the analytics engine; it reloads when next used.
  void set_units(UnitRegistry units) {
    *units_ = std::move(units);
    analytics_.reset();
  }
  const Catalog& catalog() const { return *catalog_; }
  int catalog_version() const { return catalog_version_; }
  void set_catalog(int version, Catalog catalog) {
    catalog_version_ = version;
    *catalog_ = std::move(catalog);
    rule_index_ = rules::RuleIndex::Build(*catalog_);
    analytics_.reset();
  }
  // What the catalogue's validation rules and criteria read, rebuilt with the catalogue.
  const rules::RuleIndex& rule_index() const { return rule_index_; }
  // Whether the database holds the synthetic Kon Tum sample, which every output must say.
  bool has_sample() const { return has_sample_; }
  void set_has_sample(bool has) { has_sample_ = has; }

  // The analytics engine, loaded from the store on first use (see analytics_use_cases.h);
  // nullptr until then. Write use cases feed it after each commit.
  analytics::Engine* analytics() const { return analytics_.get(); }
  void set_analytics(std::unique_ptr<analytics::Engine> engine) { analytics_ = std::move(engine); }

 private:
  Workspace(std::unique_ptr<Store> store, UnitRegistry units)
      : store_(std::move(store)),
        units_(std::make_unique<UnitRegistry>(std::move(units))),
        catalog_(std::make_unique<Catalog>()) {}
  std::unique_ptr<Store> store_;
  // Behind pointers so that their addresses, which the engine keeps, survive a move.
  std::unique_ptr<UnitRegistry> units_;
  std::unique_ptr<Catalog> catalog_;
  int catalog_version_ = 0;
  rules::RuleIndex rule_index_;
  bool has_sample_ = false;
  std::unique_ptr<analytics::Engine> analytics_;
};

}  // namespace antq
