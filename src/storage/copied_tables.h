#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace antq {

// How a copied column's values are read and written: numbers are copied as numbers so that no
// digit is lost on the way (a REAL read as text would be rounded).
enum class ColumnKind { kInteger, kReal, kText };

struct CopiedColumn {
  std::string_view name;
  ColumnKind kind;
};

// A table as a whole-database copy moves it (backup, restore, migration between backends): its
// columns, and the order its rows are read and written in, which keeps ids and the order rows
// were added in.
struct CopiedTable {
  std::string_view name;
  std::vector<CopiedColumn> columns;
  std::string_view order_by;
};

// Every table that holds ANTQ's data at the current schema version, parents before children.
// Not copied: schema_migrations (the target is migrated to the same version), audit_head (the
// target's head follows the copied chain) and antq_commits (each database counts its own commits
// under its own id, so a copy never passes for its source: see Store::ReadCommitStamp). A test
// compares this list with the schema.
std::span<const CopiedTable> CopiedTables();

// `"a", "b", …`: the table's columns, quoted (one is named `user`), for SELECT, INSERT and COPY.
std::string QuotedColumns(const CopiedTable& table);
// The query that reads a whole table in its copy order.
std::string SelectAllSql(const CopiedTable& table);
// A REAL as a copy carries it: the shortest text that reads back exactly, the same whichever
// backend it was read from, so that a copy's digests agree across backends.
std::string RealText(double value);

}  // namespace antq
