#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/catalog.h"

namespace antq {

// Reads and validates every *.toml file of `folder` (in name order) into one catalogue. Errors
// name each file by its path under `folder` as given, so a --data-dir error points at that copy.
Result<Catalog> ReadCatalogFolder(const std::filesystem::path& folder);

struct CatalogUpgrade {
  int version = 0;       // the version now current
  bool changed = false;  // a new version was stored
  size_t elements = 0;
  size_t data_sets = 0;
  size_t registers = 0;
};

// Makes `catalog` the current catalogue inside the caller's transaction, if it differs from the
// stored one. Refuses (naming the element) to change the value type of an element that has
// values, or to drop such an element: stored figures are never orphaned or reinterpreted.
Result<CatalogUpgrade> UpgradeCatalog(Workspace& ws, const Actor& actor, const Catalog& catalog);

}  // namespace antq
