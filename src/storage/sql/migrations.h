#pragma once

#include <span>

#include "common/result.h"
#include "storage/sql/connection.h"

namespace antq::sql {

// One step of the schema. Migrations are append-only: a released migration is never edited; a
// change of schema is a new migration with the next number.
//
// One text serves both backends: it is written in SQLite's dialect, and the PostgreSQL store
// translates the few differences (types, STRICT, implicit row ids) in one place
// (postgres/pg_schema.cc). What cannot be translated (trigger bodies) has its own PostgreSQL
// text.
struct Migration {
  int version;
  const char* name;
  const char* sql;
  // Work SQL cannot do (hashing), run after `sql` in the same transaction; may be null.
  Status (*after)(Connection& db) = nullptr;
  // The PostgreSQL text, where translating `sql` cannot give it; null otherwise.
  const char* postgres_sql = nullptr;
};

std::span<const Migration> Migrations();

}  // namespace antq::sql
