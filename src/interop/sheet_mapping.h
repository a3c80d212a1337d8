#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "interop/data_value_set.h"
#include "interop/xlsx_reader.h"

namespace antq {

// How to read figures out of a sheet an office keeps (data/mappings/*.toml): one axis holds the
// units (a row per unit, or a column per unit), the other the elements, named by a header row or
// a label column. Labels are matched to codes through the mapping's tables accent- and
// case-insensitively, or taken as codes; any label that is neither is an error rather than a
// column silently dropped.
struct SheetMapping {
  std::string name;
  std::string sheet;           // "" for the first sheet
  bool units_in_rows = true;   // false: a column per unit, a row per element
  bool units_by_name = false;  // the unit labels are names, not codes
  size_t header_row = 0;       // 0-based: the row labelling the columns
  size_t first_row = 0;        // 0-based: the first row of figures
  size_t label_column = 0;     // 0-based: the column labelling the rows
  std::string period;          // a fixed period code, or ""
  std::string period_cell;     // a cell holding the period code ("B2"), or ""
  bool stop_at_blank = true;   // the rows end at the first row with an empty label
  std::set<std::string> skip;  // SearchKeys of row/column labels that are not units (totals)
  std::set<size_t> ignore_columns;
  std::set<size_t> ignore_rows;
  std::map<std::string, std::string> elements;  // SearchKey(label) → ELEMENT or ELEMENT.OPTION
  std::map<std::string, std::string> aliases;   // SearchKey(unit name) → unit code
};

// Reads a mapping file. Errors name the file, the line and the key.
Result<SheetMapping> ReadSheetMapping(std::string_view text, const std::string& file);

// What reading a sheet found besides values: legacy text converted to Unicode, by cell.
struct SheetNote {
  std::string cell;  // "Sheet1!B7"
  std::string message;
};

// One figure found in a sheet, before the import use case resolves it: the unit's code (or its
// name, to be matched against the tree), the element code and the value as typed.
struct SheetValue {
  DataValueEntry entry;
  bool unit_is_name = false;
  bool value_is_text = false;  // typed as text: read as a Vietnamese number ("1.234", "15,5")
};

struct SheetValues {
  std::vector<SheetValue> values;
  std::vector<SheetNote> notes;
};

// The figures of `sheet` as `mapping` lays them out, for `period` (a code; "" takes the
// mapping's period or period cell). Blank value cells are not values. Text in the old TCVN3 and
// VNI encodings is converted (and noted); the entries' `cell` field names where each value
// was. Errors name the file and the cell.
Result<SheetValues> ReadSheetValues(const Sheet& sheet, const SheetMapping& mapping,
                                    std::string_view period, const std::string& file);

}  // namespace antq
