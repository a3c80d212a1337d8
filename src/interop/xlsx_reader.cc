// XLSX in (libzip + pugixml): the parts of a workbook that hold what offices type into a sheet.
#include "interop/xlsx_reader.h"

#include <fmt/format.h>
#include <zip.h>

#include <cctype>
#include <charconv>
#include <map>
#include <memory>
#include <pugixml.hpp>

#include "common/date.h"
#include "common/text.h"

namespace antq {
namespace {

// No part of a sheet offices keep comes near this; a part that claims more is refused before
// it is inflated (a zip bomb would otherwise take the server's memory).
constexpr zip_uint64_t kMaxPartBytes = 256ull << 20;
constexpr size_t kMaxRows = 1048576;
constexpr size_t kMaxColumns = 16384;

struct ZipCloser {
  void operator()(zip_t* z) const { zip_discard(z); }
};

// The workbook's zip archive, read from memory.
class Package {
 public:
  static Result<Package> Open(std::string_view bytes, const std::string& file) {
    zip_error_t error;
    zip_error_init(&error);
    zip_source_t* source = zip_source_buffer_create(bytes.data(), bytes.size(), 0, &error);
    if (!source) {
      zip_error_fini(&error);
      return Fail(ErrorCode::kInvalidArgument, "cannot read the file", file);
    }
    zip_t* archive = zip_open_from_source(source, ZIP_RDONLY, &error);
    if (!archive) {
      zip_source_free(source);
      zip_error_fini(&error);
      return Fail(ErrorCode::kInvalidArgument,
                  "not an XLSX workbook (not a zip archive); save it from Excel as .xlsx", file);
    }
    zip_error_fini(&error);
    return Package(archive, file);
  }

  bool Has(const std::string& name) const {
    return zip_name_locate(zip_.get(), name.c_str(), 0) >= 0;
  }

  // The part `name` parsed as XML.
  Result<pugi::xml_document> Xml(const std::string& name) const {
    zip_stat_t stat;
    zip_stat_init(&stat);
    if (zip_stat(zip_.get(), name.c_str(), 0, &stat) != 0) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("the workbook has no part {}", name),
                  file_);
    }
    if (!(stat.valid & ZIP_STAT_SIZE) || stat.size > kMaxPartBytes) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("part {} is larger than {} MB", name, kMaxPartBytes >> 20), file_);
    }
    std::string bytes(stat.size, '\0');
    zip_file_t* part = zip_fopen(zip_.get(), name.c_str(), 0);
    const zip_int64_t read = part ? zip_fread(part, bytes.data(), stat.size) : -1;
    if (part) zip_fclose(part);
    if (read < 0 || static_cast<zip_uint64_t>(read) != stat.size) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("part {} is damaged", name), file_);
    }
    pugi::xml_document doc;
    const pugi::xml_parse_result parsed = doc.load_buffer(bytes.data(), bytes.size());
    if (!parsed) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("part {} is not XML: {} at byte {}", name, parsed.description(),
                              parsed.offset),
                  file_);
    }
    return doc;
  }

 private:
  Package(zip_t* archive, std::string file) : zip_(archive), file_(std::move(file)) {}
  std::unique_ptr<zip_t, ZipCloser> zip_;
  std::string file_;
};

// The element's name without its namespace prefix ("x:row" → "row"): some writers prefix.
std::string_view LocalName(const pugi::xml_node& node) {
  std::string_view name = node.name();
  const size_t colon = name.find(':');
  return colon == std::string_view::npos ? name : name.substr(colon + 1);
}

pugi::xml_node Child(const pugi::xml_node& parent, std::string_view name) {
  for (pugi::xml_node n : parent.children()) {
    if (LocalName(n) == name) return n;
  }
  return {};
}

// The text of a string item (<si> or <is>): its <t>, or its runs' <t>s, never the phonetic
// guide (<rPh>). The first run's font goes to `font`.
std::string StringItemText(const pugi::xml_node& item, std::string* font) {
  std::string text;
  for (pugi::xml_node n : item.children()) {
    const std::string_view name = LocalName(n);
    if (name == "t") {
      text += n.text().get();
    } else if (name == "r") {
      if (font && font->empty()) {
        *font = Child(Child(n, "rPr"), "rFont").attribute("val").value();
      }
      text += Child(n, "t").text().get();
    }
  }
  return text;
}

struct SharedString {
  std::string text;
  std::string font;
};

// What a cell's style says: its font and whether it shows a date.
struct CellStyle {
  std::string font;
  bool date = false;
};

// Built-in number formats 14–22 and 45–47 are dates and times; a custom format is a date when
// it has a day, month or year letter outside quotes and brackets ("dd/mm/yyyy", "[$-42A]d").
bool IsDateFormat(int id, std::string_view code) {
  if ((id >= 14 && id <= 22) || (id >= 45 && id <= 47)) return true;
  bool quoted = false;
  int bracket = 0;
  for (char c : code) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '[') ++bracket;
    if (c == ']' && bracket > 0) --bracket;
    if (bracket > 0) continue;
    if (c == 'd' || c == 'D' || c == 'y' || c == 'Y' || c == 'm' || c == 'M') return true;
  }
  return false;
}

std::vector<CellStyle> ReadStyles(const pugi::xml_document& doc) {
  const pugi::xml_node sheet = Child(doc, "styleSheet");
  std::map<int, std::string> custom;
  for (pugi::xml_node f : Child(sheet, "numFmts").children()) {
    custom[f.attribute("numFmtId").as_int()] = f.attribute("formatCode").value();
  }
  std::vector<std::string> fonts;
  for (pugi::xml_node f : Child(sheet, "fonts").children()) {
    fonts.emplace_back(Child(f, "name").attribute("val").value());
  }
  std::vector<CellStyle> styles;
  for (pugi::xml_node xf : Child(sheet, "cellXfs").children()) {
    CellStyle style;
    const size_t font = xf.attribute("fontId").as_uint();
    if (font < fonts.size()) style.font = fonts[font];
    const int id = xf.attribute("numFmtId").as_int();
    auto it = custom.find(id);
    style.date = IsDateFormat(id, it == custom.end() ? "" : it->second);
    styles.push_back(std::move(style));
  }
  return styles;
}

}  // namespace

bool ParseCellReference(std::string_view ref, size_t* row, size_t* column) {
  size_t letters = 0;
  while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) {
    ++letters;
  }
  const int col = ParseColumnLetters(ref.substr(0, letters));
  size_t number = 0;
  const char* begin = ref.data() + letters;
  const char* end = ref.data() + ref.size();
  auto [ptr, ec] = std::from_chars(begin, end, number);
  if (col < 0 || ec != std::errc() || ptr != end || number == 0 || number > kMaxRows) return false;
  *row = number - 1;
  *column = static_cast<size_t>(col);
  return true;
}

namespace {

// The ISO date of an Excel serial number (whole days; the time of day is dropped). The 1900
// system counts the 29 February 1900 that never was, so serials after it are one day late.
std::string SerialDate(std::string_view digits, bool system_1904) {
  double serial = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), serial);
  if (ec != std::errc() || serial < 1 || serial > 2958465) return "";
  const auto days = static_cast<int64_t>(serial);
  auto base =
      system_1904 ? Date::FromYmd(1904, 1, 1) : Date::FromYmd(1899, 12, days < 60 ? 31 : 30);
  if (!base) return "";
  return base->AddDays(days).ToString();
}

// The workbook's sheets: name → part path inside the package.
struct Workbook {
  std::vector<std::pair<std::string, std::string>> sheets;
  bool system_1904 = false;
};

Result<Workbook> ReadWorkbook(const Package& package, const std::string& file) {
  auto doc = package.Xml("xl/workbook.xml");
  if (!doc) return Fail(doc.error());
  auto rels = package.Xml("xl/_rels/workbook.xml.rels");
  if (!rels) return Fail(rels.error());
  std::map<std::string, std::string, std::less<>> targets;
  for (pugi::xml_node r : Child(*rels, "Relationships").children()) {
    std::string target = r.attribute("Target").value();
    // Relative to xl/, or absolute from the package's root.
    target = target.starts_with('/') ? target.substr(1) : "xl/" + target;
    targets[r.attribute("Id").value()] = target;
  }
  Workbook book;
  const pugi::xml_node root = Child(*doc, "workbook");
  const std::string_view date1904 = Child(root, "workbookPr").attribute("date1904").value();
  book.system_1904 = date1904 == "1" || date1904 == "true";
  for (pugi::xml_node s : Child(root, "sheets").children()) {
    std::string id;
    for (pugi::xml_attribute a : s.attributes()) {
      const std::string_view name = a.name();
      if (name == "r:id" || name.ends_with(":id")) id = a.value();
    }
    auto it = targets.find(id);
    if (it == targets.end()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("sheet '{}' has no part in the workbook", s.attribute("name").value()), file);
    }
    auto name = NormalizeInput(s.attribute("name").value(), file + ": sheet name");
    if (!name) return Fail(name.error());
    book.sheets.emplace_back(std::move(*name), it->second);
  }
  if (book.sheets.empty()) {
    return Fail(ErrorCode::kInvalidArgument, "the workbook has no sheets", file);
  }
  return book;
}

Result<std::vector<SharedString>> ReadSharedStrings(const Package& package,
                                                    const std::string& file) {
  std::vector<SharedString> strings;
  if (!package.Has("xl/sharedStrings.xml")) return strings;
  auto doc = package.Xml("xl/sharedStrings.xml");
  if (!doc) return Fail(doc.error());
  for (pugi::xml_node si : Child(*doc, "sst").children()) {
    if (LocalName(si) != "si") continue;
    SharedString s;
    auto text = NormalizeInput(StringItemText(si, &s.font),
                               fmt::format("{}: shared string {}", file, strings.size()));
    if (!text) return Fail(text.error());
    s.text = std::move(*text);
    strings.push_back(std::move(s));
  }
  return strings;
}

}  // namespace

const SheetCell& Sheet::Cell(size_t row, size_t column) const {
  static const SheetCell kEmpty;
  if (row >= cells_.size() || column >= cells_[row].size()) return kEmpty;
  return cells_[row][column];
}

void Sheet::Set(size_t row, size_t column, SheetCell cell) {
  if (row >= cells_.size()) cells_.resize(row + 1);
  if (column >= cells_[row].size()) cells_[row].resize(column + 1);
  cells_[row][column] = std::move(cell);
  if (column + 1 > columns_) columns_ = column + 1;
}

std::string CellReference(size_t row, size_t column) {
  std::string letters;
  for (size_t c = column + 1; c > 0; c = (c - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
  }
  return fmt::format("{}{}", letters, row + 1);
}

int ParseColumnLetters(std::string_view letters) {
  if (letters.empty() || letters.size() > 3) return -1;
  size_t column = 0;
  for (char c : letters) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (c < 'A' || c > 'Z') return -1;
    column = column * 26 + static_cast<size_t>(c - 'A' + 1);
  }
  return column > kMaxColumns ? -1 : static_cast<int>(column - 1);
}

Result<std::vector<std::string>> ListXlsxSheets(std::string_view bytes, const std::string& file) {
  auto package = Package::Open(bytes, file);
  if (!package) return Fail(package.error());
  auto book = ReadWorkbook(*package, file);
  if (!book) return Fail(book.error());
  std::vector<std::string> names;
  for (const auto& [name, part] : book->sheets) names.push_back(name);
  return names;
}

Result<Sheet> ReadXlsxSheet(std::string_view bytes, std::string_view sheet_name,
                            const std::string& file) {
  auto package = Package::Open(bytes, file);
  if (!package) return Fail(package.error());
  auto book = ReadWorkbook(*package, file);
  if (!book) return Fail(book.error());
  const std::pair<std::string, std::string>* chosen = &book->sheets.front();
  if (!sheet_name.empty()) {
    chosen = nullptr;
    std::string known;
    for (const auto& s : book->sheets) {
      if (s.first == sheet_name) chosen = &s;
      AppendListItem(known, "'" + s.first + "'");
    }
    if (!chosen) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("no sheet '{}'; the workbook has {}", sheet_name, known), file);
    }
  }
  auto strings = ReadSharedStrings(*package, file);
  if (!strings) return Fail(strings.error());
  std::vector<CellStyle> styles;
  if (package->Has("xl/styles.xml")) {
    auto doc = package->Xml("xl/styles.xml");
    if (!doc) return Fail(doc.error());
    styles = ReadStyles(*doc);
  }
  auto doc = package->Xml(chosen->second);
  if (!doc) return Fail(doc.error());

  Sheet sheet;
  sheet.name = chosen->first;
  const std::string where = fmt::format("{}: sheet '{}'", file, sheet.name);
  const pugi::xml_node worksheet = Child(*doc, "worksheet");
  size_t next_row = 0;
  for (pugi::xml_node row : Child(worksheet, "sheetData").children()) {
    if (LocalName(row) != "row") continue;
    size_t r = row.attribute("r").as_uint(static_cast<unsigned>(next_row + 1));
    if (r == 0 || r > kMaxRows) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("row number {} is out of range", r),
                  where);
    }
    r -= 1;
    next_row = r + 1;
    size_t next_column = 0;
    for (pugi::xml_node c : row.children()) {
      if (LocalName(c) != "c") continue;
      size_t cr = r;
      size_t column = next_column;
      const char* ref = c.attribute("r").value();
      if (*ref && !ParseCellReference(ref, &cr, &column)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("'{}' is not a cell reference", QuoteForMessage(ref)), where);
      }
      if (column >= kMaxColumns) {
        return Fail(ErrorCode::kInvalidArgument, "a row has more than 16384 columns", where);
      }
      next_column = column + 1;
      const size_t style_index = c.attribute("s").as_uint();
      const CellStyle* style = style_index < styles.size() ? &styles[style_index] : nullptr;
      const std::string_view type = c.attribute("t").value();
      const std::string_view v = Child(c, "v").text().get();
      SheetCell cell;
      if (style) cell.font = style->font;
      const std::string cell_where = fmt::format("{}!{}", where, CellReference(cr, column));
      std::string text;
      if (type == "s") {
        size_t index = 0;
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), index);
        if (ec != std::errc() || ptr != v.data() + v.size() || index >= strings->size()) {
          return Fail(ErrorCode::kInvalidArgument, "refers to a shared string that is not there",
                      cell_where);
        }
        cell.type = SheetCell::Type::kText;
        cell.text = (*strings)[index].text;
        if (!(*strings)[index].font.empty()) cell.font = (*strings)[index].font;
      } else if (type == "inlineStr" || type == "str") {
        cell.type = SheetCell::Type::kText;
        text = type == "str" ? std::string(v) : StringItemText(Child(c, "is"), &cell.font);
      } else if (type == "b") {
        cell.type = SheetCell::Type::kBoolean;
        cell.text = v == "1" ? "TRUE" : "FALSE";
      } else if (type == "e") {
        cell.type = SheetCell::Type::kError;
        text = v;
      } else if (type == "d") {
        cell.type = SheetCell::Type::kText;
        text = v;
        cell.date = std::string(v.substr(0, 10));
      } else if (!v.empty()) {
        cell.type = SheetCell::Type::kNumber;
        text = v;
        if (style && style->date) cell.date = SerialDate(v, book->system_1904);
      }
      if (!text.empty()) {
        auto normal = NormalizeInput(text, cell_where);
        if (!normal) return Fail(normal.error());
        cell.text = std::move(*normal);
      }
      if (cell.type != SheetCell::Type::kEmpty) sheet.Set(cr, column, std::move(cell));
    }
  }
  for (pugi::xml_node m : Child(worksheet, "mergeCells").children()) {
    if (LocalName(m) != "mergeCell") continue;
    const std::string_view ref = m.attribute("ref").value();
    const size_t colon = ref.find(':');
    size_t r1 = 0, c1 = 0, r2 = 0, c2 = 0;
    if (colon == std::string_view::npos || !ParseCellReference(ref.substr(0, colon), &r1, &c1) ||
        !ParseCellReference(ref.substr(colon + 1), &r2, &c2) || r2 < r1 || c2 < c1) {
      continue;  // a merge Excel would not write: the cells keep what they hold
    }
    const SheetCell first = sheet.Cell(r1, c1);
    if (first.type == SheetCell::Type::kEmpty) continue;
    // Header merges are small; a sheet-wide merge is not copied cell by cell.
    if ((r2 - r1 + 1) * (c2 - c1 + 1) > 10000) continue;
    for (size_t r = r1; r <= r2; ++r) {
      for (size_t col = c1; col <= c2; ++col) {
        if (r == r1 && col == c1) continue;
        SheetCell copy = first;
        copy.merged = true;
        sheet.Set(r, col, std::move(copy));
      }
    }
  }
  return sheet;
}

}  // namespace antq
