#include "interop/entry_template_xlsx.h"

#include <xlsxwriter.h>

#include <charconv>

#include "common/file_replace.h"

namespace antq {
namespace {

// libxlsxwriter's validation holds char* fields it copies; the texts live here meanwhile.
struct Validation {
  lxw_data_validation v = {};
  std::string title;
  std::string message;
};

void Validate(lxw_worksheet* sheet, lxw_row_t first, lxw_row_t last, lxw_col_t column,
              const EntryTemplateColumn& c) {
  if (c.kind == EntryTemplateColumn::Kind::kText) return;
  Validation val;
  val.v.validate = c.kind == EntryTemplateColumn::Kind::kWhole ? LXW_VALIDATION_TYPE_INTEGER
                                                               : LXW_VALIDATION_TYPE_DECIMAL;
  val.v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
  val.v.minimum_number = c.min;
  val.v.maximum_number = c.max;
  val.title = c.code;
  val.message =
      c.kind == EntryTemplateColumn::Kind::kWhole ? "Số nguyên / whole number" : "Số / number";
  val.v.error_title = val.title.data();
  val.v.error_message = val.message.data();
  worksheet_data_validation_range(sheet, first, column, last, column, &val.v);
}

}  // namespace

Status WriteEntryTemplateXlsx(const EntryTemplate& t, const std::filesystem::path& path) {
  const std::filesystem::path temporary = TemporaryFor(path);
  lxw_workbook* book = workbook_new(temporary.c_str());
  if (!book) return Fail(ErrorCode::kIo, "cannot create the file", path.string());
  lxw_worksheet* sheet = workbook_add_worksheet(book, nullptr);
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(book);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_bg_color(header, 0xDDE6F0);
  lxw_format* code = workbook_add_format(book);
  format_set_font_color(code, 0x595959);
  format_set_border(code, LXW_BORDER_THIN);
  format_set_bg_color(code, 0xF2F2F2);
  lxw_format* cell = workbook_add_format(book);
  format_set_border(cell, LXW_BORDER_THIN);
  format_set_num_format(cell, "#,##0.##");
  lxw_format* text = workbook_add_format(book);
  format_set_border(text, LXW_BORDER_THIN);
  format_set_num_format(text, "@");

  worksheet_write_string(sheet, 0, 0, t.title.c_str(), bold);
  worksheet_write_string(sheet, 1, 0, t.period_label.c_str(), bold);
  worksheet_write_string(sheet, 1, 1, t.period.c_str(), text);
  worksheet_write_string(sheet, 1, 2, t.period_note.c_str(), nullptr);
  const lxw_row_t names_row = kTemplateCodeRow - 2;
  const lxw_row_t codes_row = kTemplateCodeRow - 1;
  const lxw_row_t first_row = kTemplateFirstRow - 1;
  worksheet_write_string(sheet, names_row, 0, t.code_header.c_str(), header);
  worksheet_write_string(sheet, names_row, 1, t.name_header.c_str(), header);
  worksheet_write_string(sheet, codes_row, 0, "", code);
  worksheet_write_string(sheet, codes_row, 1, "", code);
  worksheet_set_column(sheet, 0, 0, 10, nullptr);
  worksheet_set_column(sheet, 1, 1, 28, nullptr);
  for (size_t c = 0; c < t.columns.size(); ++c) {
    const auto column = static_cast<lxw_col_t>(c + 2);
    worksheet_write_string(sheet, names_row, column, t.columns[c].title.c_str(), header);
    worksheet_write_string(sheet, codes_row, column, t.columns[c].code.c_str(), code);
    worksheet_set_column(sheet, column, column, 16, nullptr);
  }
  worksheet_set_row(sheet, names_row, 60, nullptr);
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const EntryTemplateRow& row = t.rows[r];
    const auto at = static_cast<lxw_row_t>(first_row + r);
    worksheet_write_string(sheet, at, 0, row.unit_code.c_str(), text);
    worksheet_write_string(sheet, at, 1, row.unit_name.c_str(), cell);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      const auto column = static_cast<lxw_col_t>(c + 2);
      const bool is_text = t.columns[c].kind == EntryTemplateColumn::Kind::kText;
      const std::optional<std::string>& v = c < row.values.size() ? row.values[c] : std::nullopt;
      double number = 0;
      if (v && !is_text &&
          std::from_chars(v->data(), v->data() + v->size(), number).ec == std::errc()) {
        worksheet_write_number(sheet, at, column, number, cell);
      } else if (v) {
        worksheet_write_string(sheet, at, column, v->c_str(), text);
      } else {
        worksheet_write_blank(sheet, at, column, is_text ? text : cell);
      }
    }
  }
  if (!t.rows.empty()) {
    const auto last = static_cast<lxw_row_t>(first_row + t.rows.size() - 1);
    for (size_t c = 0; c < t.columns.size(); ++c) {
      Validate(sheet, first_row, last, static_cast<lxw_col_t>(c + 2), t.columns[c]);
    }
  }
  worksheet_write_string(sheet, static_cast<lxw_row_t>(first_row + t.rows.size() + 1), 0,
                         t.instructions.c_str(), nullptr);
  worksheet_freeze_panes(sheet, first_row, 2);
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    std::filesystem::remove(temporary);
    return Fail(ErrorCode::kIo, std::string("cannot write the file: ") + lxw_strerror(error),
                path.string());
  }
  return ReplaceWith(temporary, path);
}

}  // namespace antq
