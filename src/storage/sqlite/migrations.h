#pragma once

#include <span>

#include "common/result.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::sqlite {

// One step of the schema. Migrations are append-only: a released migration is never edited; a
// change of schema is a new migration with the next number.
struct Migration {
  int version;
  const char* name;
  const char* sql;
  // Work SQL cannot do (hashing), run after `sql` in the same transaction; may be null.
  Status (*after)(Database& db) = nullptr;
};

std::span<const Migration> Migrations();

}  // namespace antq::sqlite
