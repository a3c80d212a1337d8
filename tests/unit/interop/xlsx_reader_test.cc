#include "interop/xlsx_reader.h"

#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <fstream>
#include <sstream>

#include "interop/sheet_mapping.h"
#include "unit/temp_dir.h"

namespace antq {
namespace {

using testing::TempDir;

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A workbook as offices make them, written by libxlsxwriter (shared strings) or, with
// `inline_strings`, in its constant-memory mode (inline strings, as some exporters write).
std::string SampleWorkbook(const TempDir& dir, bool inline_strings = false) {
  const auto path = dir / "sample.xlsx";
  lxw_workbook_options options = {};
  options.constant_memory = inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* book = workbook_new_opt(path.c_str(), &options);
  workbook_add_worksheet(book, "Bìa");
  lxw_worksheet* sheet = workbook_add_worksheet(book, "Số liệu");
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "dd/mm/yyyy");
  lxw_format* vntime = workbook_add_format(book);
  format_set_font_name(vntime, ".VnTime");
  if (!inline_strings) worksheet_merge_range(sheet, 0, 0, 0, 2, "Báo cáo tháng", nullptr);
  worksheet_write_string(sheet, 1, 0, "Đắk Hà", nullptr);
  worksheet_write_number(sheet, 1, 1, 1234, nullptr);
  worksheet_write_number(sheet, 1, 2, 15.5, nullptr);
  worksheet_write_string(sheet, 2, 0, "B\xc2\xb6o Th\xc2\xbeng", vntime);
  worksheet_write_boolean(sheet, 2, 1, 1, nullptr);
  lxw_datetime when = {2022, 9, 15, 0, 0, 0};
  worksheet_write_datetime(sheet, 2, 2, &when, date);
  worksheet_write_number(sheet, 3, 27, 0.1 + 0.2, nullptr);  // AB4
  workbook_close(book);
  return ReadBytes(path);
}

TEST(XlsxReader, ReadsStringsNumbersBooleansDatesAndMergedCells) {
  TempDir dir("xlsx");
  const std::string bytes = SampleWorkbook(dir);
  auto names = ListXlsxSheets(bytes, "a.xlsx");
  ASSERT_TRUE(names) << names.error().ToString();
  EXPECT_EQ(*names, (std::vector<std::string>{"Bìa", "Số liệu"}));

  auto sheet = ReadXlsxSheet(bytes, "Số liệu", "a.xlsx");
  ASSERT_TRUE(sheet) << sheet.error().ToString();
  EXPECT_EQ(sheet->name, "Số liệu");
  EXPECT_EQ(sheet->Cell(0, 0).text, "Báo cáo tháng");
  EXPECT_FALSE(sheet->Cell(0, 0).merged);
  EXPECT_EQ(sheet->Cell(0, 2).text, "Báo cáo tháng");  // a merged header repeats
  EXPECT_TRUE(sheet->Cell(0, 2).merged);
  EXPECT_EQ(sheet->Cell(1, 0).type, SheetCell::Type::kText);
  EXPECT_EQ(sheet->Cell(1, 0).text, "Đắk Hà");
  EXPECT_EQ(sheet->Cell(1, 1).type, SheetCell::Type::kNumber);
  EXPECT_EQ(sheet->Cell(1, 1).text, "1234");
  EXPECT_EQ(sheet->Cell(1, 2).text, "15.5");
  EXPECT_EQ(sheet->Cell(2, 0).font, ".VnTime");
  EXPECT_EQ(sheet->Cell(2, 1).type, SheetCell::Type::kBoolean);
  EXPECT_EQ(sheet->Cell(2, 1).text, "TRUE");
  EXPECT_EQ(sheet->Cell(2, 2).date, "2022-09-15");
  EXPECT_EQ(sheet->Cell(3, 27).type, SheetCell::Type::kNumber);
  EXPECT_EQ(sheet->Cell(99, 99).type, SheetCell::Type::kEmpty);
  EXPECT_EQ(sheet->columns(), 28u);

  auto first = ReadXlsxSheet(bytes, "", "a.xlsx");
  ASSERT_TRUE(first);
  EXPECT_EQ(first->name, "Bìa");
}

TEST(XlsxReader, ReadsInlineStrings) {
  TempDir dir("xlsx");
  auto sheet = ReadXlsxSheet(SampleWorkbook(dir, true), "Số liệu", "a.xlsx");
  ASSERT_TRUE(sheet) << sheet.error().ToString();
  EXPECT_EQ(sheet->Cell(1, 0).text, "Đắk Hà");
  EXPECT_EQ(sheet->Cell(1, 1).text, "1234");
}

TEST(XlsxReader, RefusesWhatIsNotAWorkbookNamingTheFile) {
  auto text = ReadXlsxSheet("tên,số\nA,1\n", "", "bao-cao.xlsx");
  ASSERT_FALSE(text);
  EXPECT_EQ(text.error().where(), "bao-cao.xlsx");
  EXPECT_NE(text.error().message().find("not an XLSX"), std::string::npos);
  TempDir dir("xlsx");
  auto missing = ReadXlsxSheet(SampleWorkbook(dir), "Tờ 9", "a.xlsx");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("'Bìa', 'Số liệu'"), std::string::npos)
      << missing.error().message();
}

TEST(XlsxReader, RefusesAZipWithoutAWorkbookPart) {
  TempDir dir("xlsx");
  const auto path = dir / "empty.xlsx";
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_CREATE | ZIP_TRUNCATE, &error);
  const std::string text = "hello";
  zip_source_t* src = zip_source_buffer(z, text.data(), text.size(), 0);
  zip_file_add(z, "readme.txt", src, ZIP_FL_OVERWRITE);
  zip_close(z);
  auto sheet = ReadXlsxSheet(ReadBytes(path), "", "empty.xlsx");
  ASSERT_FALSE(sheet);
  EXPECT_NE(sheet.error().message().find("xl/workbook.xml"), std::string::npos);
}

TEST(XlsxReader, CellReferences) {
  EXPECT_EQ(CellReference(0, 0), "A1");
  EXPECT_EQ(CellReference(4, 2), "C5");
  EXPECT_EQ(CellReference(9, 26), "AA10");
  EXPECT_EQ(CellReference(0, 16383), "XFD1");
  size_t row = 0;
  size_t column = 0;
  ASSERT_TRUE(ParseCellReference("b2", &row, &column));
  EXPECT_EQ(row, 1u);
  EXPECT_EQ(column, 1u);
  EXPECT_FALSE(ParseCellReference("B0", &row, &column));
  EXPECT_FALSE(ParseCellReference("2B", &row, &column));
  EXPECT_FALSE(ParseCellReference("XFE1", &row, &column));
  EXPECT_FALSE(ParseCellReference("A1048577", &row, &column));
  EXPECT_EQ(ParseColumnLetters("AB"), 27);
  EXPECT_EQ(ParseColumnLetters("A1"), -1);
}

constexpr const char* kByName = R"(
name = "by-name"
units_in = "rows"
units_by = "name"
label_column = "B"
header_row = 3
first_row = 4
ignore_columns = ["A"]
skip = ["Tổng cộng"]
[elements]
"Số tin báo" = "tips.received"
[aliases]
"TT Đắk Hà" = "23470"
)";

TEST(SheetMapping, ReadsAMappingAndRefusesMisspeltKeys) {
  auto m = ReadSheetMapping(kByName, "by-name.toml");
  ASSERT_TRUE(m) << m.error().ToString();
  EXPECT_TRUE(m->units_by_name);
  EXPECT_EQ(m->label_column, 1u);
  EXPECT_EQ(m->header_row, 2u);
  EXPECT_EQ(m->first_row, 3u);
  EXPECT_TRUE(m->ignore_columns.count(0));
  EXPECT_EQ(m->elements.at("so tin bao"), "tips.received");

  auto bad = ReadSheetMapping("name = \"x\"\nheader_rows = 3\n", "x.toml");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "x.toml:2");
  EXPECT_NE(bad.error().message().find("header_rows"), std::string::npos);
  auto order = ReadSheetMapping("name = \"x\"\nheader_row = 4\nfirst_row = 4\n", "x.toml");
  ASSERT_FALSE(order);
  EXPECT_NE(order.error().message().find("after header_row"), std::string::npos);
  auto cell = ReadSheetMapping("name = \"x\"\nperiod_cell = \"22\"\n", "x.toml");
  ASSERT_FALSE(cell);
  EXPECT_NE(cell.error().where().find("period_cell"), std::string::npos);
}

// Row 3 holds headings, rows 4… a unit each, a total row that is skipped.
Sheet OfficeSheet() {
  Sheet s;
  s.name = "T9";
  auto text = [](std::string t) {
    SheetCell c;
    c.type = SheetCell::Type::kText;
    c.text = std::move(t);
    return c;
  };
  auto number = [](std::string t) {
    SheetCell c;
    c.type = SheetCell::Type::kNumber;
    c.text = std::move(t);
    return c;
  };
  s.Set(2, 0, text("STT"));
  s.Set(2, 1, text("Tên xã"));
  s.Set(2, 2, text("SỐ TIN BÁO"));
  s.Set(2, 3, text("security.cases_reconciled"));
  s.Set(3, 0, number("1"));
  s.Set(3, 1, text("Xã Ngọk Bay"));
  s.Set(3, 2, number("12"));
  s.Set(3, 3, text("1.234"));
  s.Set(4, 0, number("2"));
  s.Set(4, 1, text("TT Đắk Hà"));
  s.Set(4, 2, number("0.30000000000000004"));
  s.Set(5, 1, text("Tổng cộng"));
  s.Set(5, 2, number("99"));
  return s;
}

TEST(SheetMapping, ReadsValuesByNameSkippingTotalsAndKeepingCells) {
  auto m = ReadSheetMapping(kByName, "by-name.toml");
  ASSERT_TRUE(m);
  auto read = ReadSheetValues(OfficeSheet(), *m, "202209", "t9.xlsx");
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(read->values.size(), 3u);
  const SheetValue& first = read->values[0];
  EXPECT_TRUE(first.unit_is_name);
  EXPECT_EQ(first.entry.org_unit, "Xã Ngọk Bay");
  EXPECT_EQ(first.entry.data_element, "tips.received");  // the heading, case-insensitively
  EXPECT_EQ(first.entry.value, "12");
  EXPECT_EQ(first.entry.period, "202209");
  EXPECT_EQ(first.entry.cell, "T9!C4");
  EXPECT_FALSE(first.value_is_text);
  EXPECT_EQ(read->values[1].entry.value, "1.234");
  EXPECT_TRUE(read->values[1].value_is_text);
  // An alias is a code, not a name to match.
  EXPECT_FALSE(read->values[2].unit_is_name);
  EXPECT_EQ(read->values[2].entry.org_unit, "23470");
  EXPECT_EQ(read->values[2].entry.value, "0.3");  // what Excel shows, not the binary double
}

TEST(SheetMapping, AnUnknownHeadingIsAnErrorNamingItsCell) {
  auto m = ReadSheetMapping(kByName, "by-name.toml");
  ASSERT_TRUE(m);
  Sheet s = OfficeSheet();
  SheetCell heading;
  heading.type = SheetCell::Type::kText;
  heading.text = "Ghi chú";
  s.Set(2, 4, heading);
  auto read = ReadSheetValues(s, *m, "202209", "t9.xlsx");
  ASSERT_FALSE(read);
  EXPECT_EQ(read.error().where(), "t9.xlsx: sheet 'T9'!E3");
  EXPECT_NE(read.error().message().find("ignore_columns"), std::string::npos);
}

TEST(SheetMapping, ThePeriodComesFromTheArgumentTheMappingOrItsCell) {
  auto m = ReadSheetMapping("name = \"x\"\nperiod_cell = \"B1\"\nheader_row = 3\nfirst_row = 4\n",
                            "x.toml");
  ASSERT_TRUE(m) << m.error().ToString();
  Sheet s = OfficeSheet();
  auto none = ReadSheetValues(s, *m, "", "t9.xlsx");
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message().find("B1"), std::string::npos);
  SheetCell period;
  period.type = SheetCell::Type::kText;
  period.text = "2022";
  s.Set(0, 1, period);
  m->ignore_columns = {1, 2, 3};  // the units are codes in column A: "1", "2"
  auto read = ReadSheetValues(s, *m, "", "t9.xlsx");
  ASSERT_TRUE(read) << read.error().ToString();
  EXPECT_TRUE(read->values.empty());  // no element columns left
}

TEST(SheetMapping, UnitsInColumns) {
  auto m = ReadSheetMapping(
      "name = \"x\"\nunits_in = \"columns\"\nheader_row = 1\nfirst_row = 2\nperiod = \"2022\"\n",
      "x.toml");
  ASSERT_TRUE(m) << m.error().ToString();
  Sheet s;
  s.name = "S";
  auto set = [&](size_t r, size_t c, const char* t, SheetCell::Type type) {
    SheetCell cell;
    cell.type = type;
    cell.text = t;
    s.Set(r, c, cell);
  };
  set(0, 1, "23317", SheetCell::Type::kText);
  set(0, 2, "23320", SheetCell::Type::kText);
  set(1, 0, "tips.received", SheetCell::Type::kText);
  set(1, 1, "4", SheetCell::Type::kNumber);
  set(1, 2, "5", SheetCell::Type::kNumber);
  auto read = ReadSheetValues(s, *m, "", "c.xlsx");
  ASSERT_TRUE(read) << read.error().ToString();
  ASSERT_EQ(read->values.size(), 2u);
  EXPECT_EQ(read->values[1].entry.org_unit, "23320");
  EXPECT_EQ(read->values[1].entry.value, "5");
  EXPECT_EQ(read->values[1].entry.cell, "S!C2");
  EXPECT_EQ(read->values[1].entry.period, "2022");
}

}  // namespace
}  // namespace antq
