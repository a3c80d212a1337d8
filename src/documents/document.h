#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace antq::documents {

// A neutral model of a written document: what it says and how each part looks, with no idea of
// what the document is about. Report definitions build it; the DOCX, PDF and XLSX writers lay it
// out. Lengths are in millimetres and type sizes in points, the units Nghị định 30/2020 uses.

enum class Align { kLeft, kCenter, kRight, kJustify };

// A stretch of text with one look. A run with a footnote is followed by the note's mark.
struct Run {
  std::string text;
  bool bold = false;
  bool italic = false;
  bool underline = false;
  double size_pt = 0;    // 0: the paragraph's size
  std::string footnote;  // the note's text; empty: no note

  static Run Plain(std::string text) { return Run{std::move(text)}; }
  static Run Bold(std::string text) { return Run{std::move(text), true}; }
  static Run Italic(std::string text) { return Run{std::move(text), false, true}; }
};

struct Paragraph {
  std::vector<Run> runs;
  Align align = Align::kJustify;
  double size_pt = 0;  // 0: the document's body size
  double first_line_indent_mm = 0;
  double left_indent_mm = 0;
  double space_before_pt = 0;
  double space_after_pt = 6;
  // A solid rule under the text, centred, of this length: the line under the tiêu ngữ or the
  // issuing agency's name. 0: none.
  double rule_below_mm = 0;
  bool keep_with_next = false;

  static Paragraph Of(std::vector<Run> runs, Align align = Align::kJustify);
};

// A section heading: level 1 for "I. KẾT QUẢ…", 2 for "1. …", 3 for "a) …". The label is part
// of the text, since official documents number their parts in their own way.
struct Heading {
  int level = 1;
  std::vector<Run> runs;
};

// The marks of a list's items.
enum class ListStyle {
  kVietnameseLetters,  // a) b) c) d) đ) e) g) …: the điểm of an official text
  kNumbers,            // 1. 2. 3.
  kDashes,             // - item;
};

struct List {
  ListStyle style = ListStyle::kDashes;
  std::vector<Paragraph> items;
};

struct Cell {
  std::vector<Paragraph> paragraphs;  // what a page shows
  int column_span = 1;
  // For spreadsheets: the number behind the text (written as a number, not text), whether the
  // cell totals the numbers above it in its column (written as a formula with its value), and
  // a note on where the number comes from (written as a cell comment).
  std::optional<double> number;
  bool total_of_above = false;
  std::string note;
};

struct Table {
  std::string title;  // names the sheet when the table is written as a spreadsheet
  std::vector<double> column_widths_mm;
  std::vector<std::vector<Cell>> rows;
  int header_rows = 1;  // repeated at the top of each page, shown bold
  bool borders = true;
};

// Two blocks of text side by side without borders: the header block (agency and number on the
// left, quốc hiệu or the Party's name and the date on the right) and the closing block
// (recipients on the left, signature on the right).
struct SideBySide {
  double left_share = 0.4;  // of the text width
  std::vector<Paragraph> left;
  std::vector<Paragraph> right;
};

struct PageBreak {};

using Block = std::variant<Paragraph, Heading, List, Table, SideBySide, PageBreak>;

// A4 portrait with margins inside the decree's ranges; page numbers centred at the top, none
// on page 1.
struct PageSetup {
  double width_mm = 210;
  double height_mm = 297;
  double top_mm = 20;
  double bottom_mm = 20;
  double left_mm = 30;
  double right_mm = 15;
  bool number_pages = true;
  bool number_first_page = false;
};

// The spreadsheet writer's last sheet: every cell with a note, a link to it and the note.
struct SourcesSheet {
  std::string name = "Nguồn số liệu";
  std::string cell = "Ô / cell";
  std::string value = "Giá trị / value";
  std::string source = "Nguồn / source";
};

struct Document {
  std::string title;               // the file's title property
  std::string author;              // the file's author property
  std::string language = "vi-VN";  // BCP 47: readers' spelling, hyphenation and fonts follow it
  SourcesSheet sources;
  PageSetup page;
  std::string font = "Times New Roman";
  double body_size_pt = 14;
  std::vector<Block> blocks;

  double text_width_mm() const { return page.width_mm - page.left_mm - page.right_mm; }
};

// The mark of the `index`-th item (0-based) of a list: "a)", "đ)", "1.", "-". Vietnamese
// letters skip f, j, w and z and put đ after d; past y they double ("aa)").
std::string ListMark(ListStyle style, int index);

}  // namespace antq::documents
