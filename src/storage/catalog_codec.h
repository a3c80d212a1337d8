#pragma once

#include <string>

#include "common/result.h"
#include "domain/catalog.h"

namespace antq {

// The catalogue as stored in the database: one JSON document per catalogue version, so a
// database is self-contained (commands after init need no data folder) and old versions stay
// readable for the audit trail.
std::string EncodeCatalog(const Catalog& catalog);
Result<Catalog> DecodeCatalog(const std::string& json);

}  // namespace antq
