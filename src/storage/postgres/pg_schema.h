#pragma once

#include <string>
#include <string_view>

namespace antq::postgres {

// A migration written in SQLite's dialect (sql/migrations.cc) as PostgreSQL runs it. The
// differences, all here:
// - STRICT and WITHOUT ROWID are SQLite's: dropped;
// - INTEGER is 64-bit in SQLite: BIGINT; REAL: DOUBLE PRECISION; an INTEGER PRIMARY KEY numbers
//   new rows by itself: an identity column;
// - TEXT compares byte by byte in SQLite: TEXT COLLATE "C", so keys sort the same on both;
// - a table with neither an INTEGER PRIMARY KEY nor WITHOUT ROWID has an implicit `rowid` in
//   insertion order, which the store orders by: an identity column named rowid;
// - `user` is a reserved word: quoted.
std::string PostgresSchemaSql(std::string_view sqlite_sql);

}  // namespace antq::postgres
