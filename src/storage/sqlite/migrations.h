#pragma once

#include <span>

namespace antq::sqlite {

// One step of the schema. Migrations are append-only: a released migration is never edited; a
// change of schema is a new migration with the next number.
struct Migration {
  int version;
  const char* name;
  const char* sql;
};

std::span<const Migration> Migrations();

}  // namespace antq::sqlite
