#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace antq {

// A fill-in workbook for one data set and period: what `antq template xlsx` writes and the
// "antq-template" mapping (data/mappings/antq-template.toml) reads back. Its layout is that
// mapping's: the period code in B2, element codes in row 4 (their names in row 3), a unit per
// row from row 5 with its code in column A and its name in column B.
struct EntryTemplateColumn {
  std::string code;   // ELEMENT or ELEMENT.OPTION
  std::string title;  // what people read: "Số buổi tuyên truyền — Súng"
  enum class Kind { kWhole, kDecimal, kText } kind = Kind::kWhole;
  double min = 0;  // for numbers: what Excel's data validation lets people type
  double max = 0;
};

struct EntryTemplateRow {
  std::string unit_code;
  std::string unit_name;
  std::vector<std::optional<std::string>> values;  // per column; what is stored now
};

struct EntryTemplate {
  std::string title;         // row 1
  std::string period_label;  // A2: "Kỳ báo cáo"
  std::string period;        // B2: the period code
  std::string period_note;   // C2: "tháng 9/2022", the period in words
  std::string code_header;   // A3
  std::string name_header;   // B3
  std::string instructions;  // a line under the table
  std::vector<EntryTemplateColumn> columns;
  std::vector<EntryTemplateRow> rows;
};

// The first rows of the layout (1-based, as Excel numbers them), shared with the mapping file.
inline constexpr int kTemplateCodeRow = 4;
inline constexpr int kTemplateFirstRow = 5;

// Writes `t` with libxlsxwriter: headers bold and frozen, numbers as numbers, Excel's data
// validation on every figure column (whole numbers within the element's range, decimals, or
// text), the code row greyed as "do not change". Replaces `path` only once complete.
Status WriteEntryTemplateXlsx(const EntryTemplate& t, const std::filesystem::path& path);

}  // namespace antq
