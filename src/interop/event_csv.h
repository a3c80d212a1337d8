#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/catalog.h"
#include "domain/event.h"

namespace antq {

// One data row of an event CSV file: the date and unit cells as written, and the other cells as
// the raw fields of the register (empty cells left out), ready for BuildEventFields.
struct EventCsvRow {
  int line = 0;
  std::string date;
  std::string unit;
  RawFields fields;
  // Set when the row has a different number of cells from the header; the row holds nothing
  // else then.
  std::string shape_problem;
};

// An event CSV file read against a register: which field each column holds, and the rows.
struct EventCsv {
  std::string file;                  // the name errors use
  std::vector<std::string> columns;  // per column: "date", "unit", a field code or "items.OPTION"
  std::vector<EventCsvRow> rows;

  // The 1-based column of a field key as found in an error's `where` ("participants",
  // "items.sung", "recommendations[0].text"), or 0 when no column holds it.
  int ColumnOf(std::string_view field_key) const;
  // "file:line:column" for a problem in `row` at `field_key` ("file:line" without a column).
  std::string Where(const EventCsvRow& row, std::string_view field_key) const;
};

// Reads CSV text (see ReadCsv) whose header row names the columns: "date" and "unit" (or their
// Vietnamese names: ngày, xã, đơn vị, …) and the register's fields by code or by Vietnamese or
// English name or alias, accent- and case-insensitively; items quantities as "items.OPTION" or
// the option's name. Errors in the header (an unknown or repeated column, a missing date or unit
// column, an empty file) are returned with file:line; problems of single rows are left to the
// caller, which checks each row's fields.
Result<EventCsv> ReadEventCsv(std::string_view text, const std::string& file, const Register& reg,
                              const Catalog& catalog);

}  // namespace antq
