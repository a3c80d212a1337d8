#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/unit.h"

namespace antq {

// One import of a data file, as recorded for `antq import list` and `antq import undo`: which
// file (its name and SHA-256), who, when, what it did, and whether it was undone.
struct DataImport {
  int64_t id = 0;
  std::string file_name;
  std::string sha256;
  std::string format;
  std::string user;
  std::string at;  // UTC, ISO 8601
  int64_t imported = 0;
  int64_t updated = 0;
  int64_t ignored = 0;
  int64_t refused = 0;
  std::string undone_at;  // empty while it stands
  std::string undone_by;
};

// One value an import stored, with what was there before: undoing puts `old_value` back (or
// removes the value when there was none), provided the value is still `new_value`. An empty
// `new_value` records a value the import deleted (stored values are never empty).
struct DataImportChange {
  int64_t import_id = 0;
  UnitId unit_id = 0;
  std::string unit_code;  // as the report was named
  std::string element;
  std::string option;
  std::string period;
  std::string data_set;
  std::optional<std::string> old_value;
  std::string old_comment;
  std::string new_value;
  std::string new_comment;
};

}  // namespace antq
