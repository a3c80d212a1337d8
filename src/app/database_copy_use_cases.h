#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "common/result.h"

namespace antq {

// What a whole-database copy moved, table by table, and what it checked.
struct DatabaseCopy {
  struct Table {
    std::string name;
    int64_t rows = 0;
    std::string sha256;  // of the rows as read from the source, equal on the target
  };
  std::vector<Table> tables;
  int64_t rows = 0;
  int64_t audit_rows = 0;  // the chain verified on the target
  std::string audit_head;  // the hash its last row ends with, as on the source
};

// Called as rows are copied: the table and how many of its rows so far.
using CopyProgress = std::function<void(std::string_view table, int64_t rows)>;

// `antq backup`, `antq restore` and `antq migrate`: every table of `from_url` copied, from one
// snapshot taken while writers go on, into the empty database `to_url` (created and migrated if
// need be), in one transaction of the target's, so a copy cut short leaves the target as it was.
// Then checked on the target: every table's row count and a SHA-256 of its rows equal to what
// was read, and the audit chain intact and ending on the source's last row. Works between any
// two backends (SQLite file → PostgreSQL, and back). Administrators only.
Result<DatabaseCopy> CopyDatabase(const std::string& from_url, const std::string& to_url,
                                  const Actor& actor, const CopyProgress& progress = {});

// `antq backup --out FILE`: CopyDatabase into a new SQLite file (a portable backup that restores
// into either backend), written beside FILE and renamed to it once checked; FILE must not exist.
Result<DatabaseCopy> BackupDatabase(const std::string& db_url, const std::string& file,
                                    const Actor& actor, const CopyProgress& progress = {});

}  // namespace antq
