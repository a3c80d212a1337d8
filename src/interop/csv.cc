#include "interop/csv.h"

#include <fmt/format.h>

#include "common/text.h"

namespace antq {

Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view file_name) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  auto normalized = NormalizeInput(text, file_name);
  if (!normalized) return Fail(normalized.error());
  const std::string& s = *normalized;
  std::vector<CsvRow> rows;
  CsvRow row;
  std::string field;
  int line = 1;
  row.line = 1;
  bool in_quotes = false;
  bool field_started = false;  // the current row has begun
  bool row_has_text = false;   // … and holds anything but a line end (a blank line is skipped)
  int quote_line = 0;
  auto end_field = [&] {
    row.fields.push_back(std::move(field));
    field.clear();
  };
  auto end_row = [&] {
    end_field();
    if (row_has_text) rows.push_back(std::move(row));
    row = CsvRow();
    field_started = false;
    row_has_text = false;
  };
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (in_quotes) {
      if (c == '"') {
        if (i + 1 < s.size() && s[i + 1] == '"') {
          field.push_back('"');
          ++i;
        } else {
          in_quotes = false;
        }
      } else {
        if (c == '\n') ++line;
        field.push_back(c);
      }
      continue;
    }
    if (!field_started) {
      row.line = line;
      field_started = true;
    }
    if (c != '\r' && c != '\n') row_has_text = true;
    switch (c) {
      case '"':
        if (!field.empty()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "a quote inside an unquoted field; put the whole field in quotes and "
                      "double the quote",
                      fmt::format("{}:{}", file_name, line));
        }
        in_quotes = true;
        quote_line = line;
        break;
      case ',':
        end_field();
        break;
      case '\r':
        break;
      case '\n':
        end_row();
        ++line;
        break;
      default:
        field.push_back(c);
    }
  }
  if (in_quotes) {
    return Fail(ErrorCode::kInvalidArgument, "a quoted field is never closed",
                fmt::format("{}:{}", file_name, quote_line));
  }
  if (field_started || !field.empty()) end_row();
  return rows;
}

}  // namespace antq
