#include "documents/xlsx_writer.h"

#include <fmt/format.h>
#include <xlsxwriter.h>

#include <set>

#include "common/file_replace.h"

namespace antq::documents {
namespace {

// Excel measures column widths in characters of the default font; about 2 mm each.
double Characters(double mm) { return mm / 2.0; }

std::string CellText(const Cell& cell) {
  std::string text;
  for (const Paragraph& p : cell.paragraphs) {
    if (!text.empty()) text += "\n";
    for (const Run& r : p.runs) text += r.text;
  }
  return text;
}

// Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook.
std::string SheetName(const std::string& title, int index, std::set<std::string>& used) {
  std::string name;
  for (char c : title) name += std::string("[]:*?/\\").find(c) == std::string::npos ? c : ' ';
  // Cut at 31 characters (code points, not bytes) without splitting one.
  size_t chars = 0, cut = 0;
  for (cut = 0; cut < name.size() && chars < 31; ++cut) {
    if ((static_cast<unsigned char>(name[cut]) & 0xC0) != 0x80) ++chars;
    if (chars == 31) {
      ++cut;
      while (cut < name.size() && (static_cast<unsigned char>(name[cut]) & 0xC0) == 0x80) ++cut;
      break;
    }
  }
  name = name.substr(0, cut);
  while (!name.empty() && name.back() == ' ') name.pop_back();
  if (name.empty()) name = fmt::format("Bảng {}", index);
  while (used.contains(name)) name = fmt::format("Bảng {}", ++index);
  used.insert(name);
  return name;
}

std::string ColumnName(int column) {
  std::string name;
  for (int c = column + 1; c > 0; c = (c - 1) / 26)
    name.insert(name.begin(), static_cast<char>('A' + (c - 1) % 26));
  return name;
}

struct Note {
  std::string sheet;
  int row = 0;
  int column = 0;
  std::string value;
  std::string text;
};

// The number format of the document's language, by its Windows locale id: 0x042A Vietnamese
// shows grouping dots and a decimal comma, 0x0809 English (United Kingdom) commas and a point.
std::string NumberFormatFor(const std::string& language) {
  const char* locale = language.rfind("en", 0) == 0 ? "809" : "42A";
  return fmt::format("[$-{}]#,##0.##;-#,##0.##;0", locale);
}

class XlsxWriter {
 public:
  XlsxWriter(lxw_workbook* workbook, const std::string& language) : book_(workbook) {
    title_ = Format(true, false);
    format_set_font_size(title_, 13);
    header_ = Format(true, true);
    format_set_align(header_, LXW_ALIGN_CENTER);
    format_set_align(header_, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(header_);
    text_ = Format(false, true);
    format_set_text_wrap(text_);
    format_set_align(text_, LXW_ALIGN_VERTICAL_CENTER);
    const std::string numbers = NumberFormatFor(language);
    number_ = Format(false, true);
    format_set_num_format(number_, numbers.c_str());
    total_ = Format(true, true);
    format_set_num_format(total_, numbers.c_str());
    total_text_ = Format(true, true);
  }

  Status Table(const documents::Table& table, int index) {
    const std::string name = SheetName(table.title, index, sheet_names_);
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    if (!sheet) return Fail(ErrorCode::kInternal, "cannot add the sheet " + name);
    for (size_t c = 0; c < table.column_widths_mm.size(); ++c) {
      worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                           Characters(table.column_widths_mm[c]), nullptr);
    }
    int row = 0;
    if (!table.title.empty()) {
      worksheet_write_string(sheet, 0, 0, table.title.c_str(), title_);
      row = 2;
    }
    const int first_row = row;
    std::vector<double> column_totals(table.column_widths_mm.size(), 0);
    for (size_t r = 0; r < table.rows.size(); ++r, ++row) {
      const bool header = static_cast<int>(r) < table.header_rows;
      int column = 0;
      for (const Cell& cell : table.rows[r]) {
        const auto xrow = static_cast<lxw_row_t>(row);
        const auto xcol = static_cast<lxw_col_t>(column);
        if (cell.column_span > 1) {
          worksheet_merge_range(sheet, xrow, xcol, xrow,
                                static_cast<lxw_col_t>(column + cell.column_span - 1),
                                CellText(cell).c_str(), header ? header_ : total_text_);
        } else if (cell.total_of_above && cell.number) {
          const int data_first = first_row + table.header_rows;
          const std::string formula =
              fmt::format("=SUM({0}{1}:{0}{2})", ColumnName(column), data_first + 1, row);
          worksheet_write_formula_num(sheet, xrow, xcol, formula.c_str(), total_, *cell.number);
        } else if (cell.number && !header) {
          worksheet_write_number(sheet, xrow, xcol, *cell.number, number_);
        } else {
          worksheet_write_string(sheet, xrow, xcol, CellText(cell).c_str(),
                                 header ? header_ : text_);
        }
        if (!cell.note.empty()) {
          worksheet_write_comment(sheet, xrow, xcol, cell.note.c_str());
          notes_.push_back({name, row, column, CellText(cell), cell.note});
        }
        column += cell.column_span;
      }
    }
    // Printed on A4 landscape, as wide as the page.
    worksheet_set_paper(sheet, 9);
    worksheet_set_landscape(sheet);
    worksheet_fit_to_pages(sheet, 1, 0);
    if (table.header_rows > 0) {
      worksheet_freeze_panes(sheet, static_cast<lxw_row_t>(first_row + table.header_rows), 0);
    }
    return Ok();
  }

  // The notes sheet: every noted cell, its value, a link to it and the note.
  void Notes(const SourcesSheet& sources) {
    if (notes_.empty()) return;
    const std::string name = SheetName(sources.name, 0, sheet_names_);
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    worksheet_set_column(sheet, 0, 0, 22, nullptr);
    worksheet_set_column(sheet, 1, 1, 14, nullptr);
    worksheet_set_column(sheet, 2, 2, 110, nullptr);
    worksheet_write_string(sheet, 0, 0, sources.cell.c_str(), header_);
    worksheet_write_string(sheet, 0, 1, sources.value.c_str(), header_);
    worksheet_write_string(sheet, 0, 2, sources.source.c_str(), header_);
    worksheet_freeze_panes(sheet, 1, 0);
    for (size_t i = 0; i < notes_.size(); ++i) {
      const Note& n = notes_[i];
      const auto row = static_cast<lxw_row_t>(i + 1);
      const std::string cell = fmt::format("{}{}", ColumnName(n.column), n.row + 1);
      const std::string link = fmt::format("internal:'{}'!{}", n.sheet, cell);
      worksheet_write_url_opt(sheet, row, 0, link.c_str(), text_,
                              fmt::format("{}!{}", n.sheet, cell).c_str(), nullptr);
      worksheet_write_string(sheet, row, 1, n.value.c_str(), text_);
      worksheet_write_string(sheet, row, 2, n.text.c_str(), text_);
    }
  }

 private:
  lxw_format* Format(bool bold, bool border) {
    lxw_format* f = workbook_add_format(book_);
    format_set_font_name(f, "Times New Roman");
    format_set_font_size(f, 12);
    if (bold) format_set_bold(f);
    if (border) format_set_border(f, LXW_BORDER_THIN);
    return f;
  }

  lxw_workbook* book_;
  lxw_format* title_;
  lxw_format* header_;
  lxw_format* text_;
  lxw_format* number_;
  lxw_format* total_;
  lxw_format* total_text_;
  std::set<std::string> sheet_names_;
  std::vector<Note> notes_;
};

}  // namespace

Status WriteXlsx(const Document& document, const std::filesystem::path& path) {
  const std::filesystem::path temporary = TemporaryFor(path);
  lxw_workbook* book = workbook_new(temporary.c_str());
  if (!book) return Fail(ErrorCode::kIo, "cannot create the file", path.string());
  // libxlsxwriter takes char* but copies the texts.
  std::string title = document.title;
  std::string author = document.author;
  lxw_doc_properties properties = {};
  properties.title = title.data();
  properties.author = author.data();
  workbook_set_properties(book, &properties);
  XlsxWriter writer(book, document.language);
  int index = 0;
  for (const Block& block : document.blocks) {
    if (const auto* table = std::get_if<documents::Table>(&block)) {
      if (auto s = writer.Table(*table, ++index); !s) {
        workbook_close(book);
        std::filesystem::remove(temporary);
        return s;
      }
    }
  }
  if (index == 0) {
    workbook_close(book);
    std::filesystem::remove(temporary);
    return Fail(ErrorCode::kInvalidArgument, "the document has no table to write as a sheet",
                path.string());
  }
  writer.Notes(document.sources);
  const lxw_error error = workbook_close(book);
  if (error != LXW_NO_ERROR) {
    std::filesystem::remove(temporary);
    return Fail(ErrorCode::kIo, std::string("cannot write the file: ") + lxw_strerror(error),
                path.string());
  }
  return ReplaceWith(temporary, path);
}

}  // namespace antq::documents
