#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace antq {

// One cell of a worksheet as Excel stored it. Numbers keep the digits the file wrote (never a
// double's rounding); a number styled as a date also gets its ISO date, since offices type
// periods as dates. The font is the cell style's (or a rich text's first run's): old files name
// ".VnTime" or "VNI-Times", which says how their text was typed.
struct SheetCell {
  enum class Type { kEmpty, kNumber, kText, kBoolean, kError };
  Type type = Type::kEmpty;
  std::string text;  // the number's digits ("1234", "15.5"), the string, "TRUE"/"FALSE", "#N/A"
  std::string date;  // YYYY-MM-DD when a number is styled as a date
  std::string font;
  bool merged = false;  // a copy of a merged range's first cell, not typed in this cell
};

// A worksheet as a grid: rows and columns from 0, so "C5" is Cell(4, 2). Merged ranges repeat
// their first cell's value in every cell (header cells are often merged across columns).
class Sheet {
 public:
  std::string name;

  const SheetCell& Cell(size_t row, size_t column) const;
  size_t rows() const { return cells_.size(); }
  size_t columns() const { return columns_; }
  void Set(size_t row, size_t column, SheetCell cell);

 private:
  std::vector<std::vector<SheetCell>> cells_;
  size_t columns_ = 0;
};

// "C5" for (4, 2): the reference a message names.
std::string CellReference(size_t row, size_t column);
// The 0-based column of "C" or "AA", or -1 when it is not a column's letters.
int ParseColumnLetters(std::string_view letters);
// The 0-based row and column of "C5" (letters in either case); false when it is not one.
bool ParseCellReference(std::string_view ref, size_t* row, size_t* column);

// The names of an XLSX workbook's sheets in their order.
Result<std::vector<std::string>> ListXlsxSheets(std::string_view bytes, const std::string& file);

// Reads one sheet of an XLSX workbook held in `bytes` with libzip and pugixml: shared and inline
// strings, numbers, booleans, errors, formula results, dates (1900 and 1904 systems), merged
// cells. `sheet` is a sheet's name, or "" for the first. A part larger than the limit (a zip
// bomb), a missing part or broken XML is an error naming the file and the part; text is
// checked as UTF-8 and NFC-normalised.
Result<Sheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet,
                            const std::string& file);

}  // namespace antq
