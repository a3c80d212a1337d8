// Excel workbooks in: ANTQ's fill-in template round trip, and an office's own sheet with unit
// names in the old TCVN3 font and numbers typed the Vietnamese way.
#include <gtest/gtest.h>
#include <xlsxwriter.h>
#include <zip.h>

#include <fstream>
#include <optional>
#include <sstream>

#include "app/sheet_import_use_cases.h"
#include "app/units_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"
#include "unit/zip_part.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");

std::string ReadBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// Replaces part `name` of the zip at `path` (a person filling in the workbook, in effect).
void ReplaceZipPart(const std::filesystem::path& path, const std::string& name,
                    const std::string& content) {
  int error = 0;
  zip_t* z = zip_open(path.c_str(), 0, &error);
  ASSERT_NE(z, nullptr);
  zip_source_t* src = zip_source_buffer(z, content.data(), content.size(), 0);
  ASSERT_GE(zip_file_add(z, name.c_str(), src, ZIP_FL_OVERWRITE), 0);
  ASSERT_EQ(zip_close(z), 0);
}

class SheetImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = antq::testing::TestDatabaseUrl(temp_.path(), "antq");
    ASSERT_TRUE(InitDatabase(db, ANTQ_SOURCE_DATA_DIR));
    auto ws = Workspace::Open(db, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
  }
  Workspace& ws() { return *ws_; }

  std::optional<std::string> Stored(const std::string& unit, const std::string& element,
                                    const std::string& period) {
    const UnitVersion* u = ws().units().Find(unit, *Date::Parse("2022-09-30"));
    if (!u) return std::nullopt;
    auto v = ws().store().GetValue(u->unit_id, element, "", period);
    if (!v || !*v) return std::nullopt;
    return (*v)->value.ToString();
  }

  Result<ImportSummary> Import(const std::string& bytes, const SheetImportRequest& request,
                               ImportOptions options = {}) {
    return ImportWorkbook(ws(), Admin(), bytes, "so-lieu.xlsx", request, options, kToday);
  }

  SheetMapping Mapping(const std::string& name) {
    auto m = LoadSheetMapping(ANTQ_SOURCE_DATA_DIR, name);
    EXPECT_TRUE(m) << m.error().ToString();
    return m ? *m : SheetMapping{};
  }

  antq::testing::TempDir temp_{"antq-sheet"};
  std::optional<Workspace> ws_;
};

TEST_F(SheetImportTest, TheTemplateImportsBackExactlyAndAFilledCellIsStored) {
  const auto path = temp_ / "mau.xlsx";
  ASSERT_TRUE(
      WriteDataEntryTemplate(ws(), Admin(), {"commune-monthly", "608", "202209", "vi"}, path));
  const SheetMapping mapping = Mapping("antq-template");
  // Empty: nothing to import, and nothing recorded.
  auto empty = Import(ReadBytes(path), {mapping, "", "", ""});
  ASSERT_TRUE(empty) << empty.error().ToString();
  EXPECT_EQ(empty->values, 0u);
  EXPECT_EQ(empty->import_id, 0);

  // Fill C5 (the first unit's first element) as a person would, in the sheet's XML.
  std::string xml = testing::ReadZipPart(path, "xl/worksheets/sheet1.xml");
  const size_t blank = xml.find("<c r=\"C5\" s=\"");
  ASSERT_NE(blank, std::string::npos);
  const size_t end = xml.find("/>", blank);
  xml.replace(end, 2, "><v>7</v></c>");
  ReplaceZipPart(path, "xl/worksheets/sheet1.xml", xml);
  auto filled = Import(ReadBytes(path), {mapping, "", "", ""});
  ASSERT_TRUE(filled) << filled.error().ToString();
  EXPECT_EQ(filled->status, "SUCCESS");
  EXPECT_EQ(filled->imported, 1u);
  ASSERT_GT(filled->import_id, 0);

  // A new template shows what is stored; it imports back changing nothing.
  const auto again = temp_ / "mau-2.xlsx";
  ASSERT_TRUE(
      WriteDataEntryTemplate(ws(), Admin(), {"commune-monthly", "608", "202209", "vi"}, again));
  auto same = Import(ReadBytes(again), {mapping, "", "", ""});
  ASSERT_TRUE(same) << same.error().ToString();
  EXPECT_EQ(same->values, 1u);
  EXPECT_EQ(same->imported + same->updated, 0u);
  EXPECT_EQ(same->ignored, 1u);
  EXPECT_EQ(same->import_id, 0);
}

TEST_F(SheetImportTest, TheTemplateRefusesAPeriodOfTheWrongTypeAndAnEmptyArea) {
  auto year = WriteDataEntryTemplate(ws(), Admin(), {"commune-monthly", "608", "2022", "vi"},
                                     temp_ / "a.xlsx");
  ASSERT_FALSE(year);
  EXPECT_EQ(year.error().where(), "period");
  auto set =
      WriteDataEntryTemplate(ws(), Admin(), {"no-such-set", "608", "2022", "vi"}, temp_ / "a.xlsx");
  ASSERT_FALSE(set);
  EXPECT_NE(set.error().message().find("commune-monthly"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(temp_ / "a.xlsx"));
}

// An office's sheet: communes by name in column B in the .VnTime (TCVN3) font, figures typed as
// text the Vietnamese way, a total row.
std::string OfficeWorkbook(const std::filesystem::path& path, const char* third_value) {
  lxw_workbook* book = workbook_new(path.c_str());
  lxw_worksheet* sheet = workbook_add_worksheet(book, "T9");
  lxw_format* vntime = workbook_add_format(book);
  format_set_font_name(vntime, ".VnTime");
  worksheet_write_string(sheet, 0, 0, "BÁO CÁO THÁNG 9/2022", nullptr);
  worksheet_write_string(sheet, 2, 0, "STT", nullptr);
  worksheet_write_string(sheet, 2, 1, "Tên xã", nullptr);
  worksheet_write_string(sheet, 2, 2, "Số tin báo của quần chúng", nullptr);
  worksheet_write_string(sheet, 2, 3, "Số vụ hòa giải thành", nullptr);
  // "Xã Ngọk Bay" and "Xã Đắk Cấm" as TCVN3 bytes read as Latin-1.
  worksheet_write_number(sheet, 3, 0, 1, nullptr);
  worksheet_write_string(sheet, 3, 1, "X\u00b7 Ng\u00e4k Bay", vntime);
  worksheet_write_string(sheet, 3, 2, "1.234", nullptr);
  worksheet_write_string(sheet, 3, 3, "2.005", nullptr);
  worksheet_write_number(sheet, 4, 0, 2, nullptr);
  worksheet_write_string(sheet, 4, 1, "X\u00b7 \u00a7\u00bek C\u00cam", vntime);
  worksheet_write_number(sheet, 4, 2, 17, nullptr);
  worksheet_write_string(sheet, 4, 3, third_value, nullptr);
  worksheet_write_string(sheet, 5, 1, "Tổng cộng", nullptr);
  worksheet_write_number(sheet, 5, 2, 1251, nullptr);
  workbook_close(book);
  return ReadBytes(path);
}

TEST_F(SheetImportTest, OldTcvn3NamesAndVietnameseNumbersImportAndAnAmbiguousCellIsReported) {
  const SheetMapping mapping = Mapping("bao-cao-xa-theo-ten");
  const std::string good = OfficeWorkbook(temp_ / "good.xlsx", "3");
  auto summary = Import(good, {mapping, "", "202209", "608"});
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_TRUE(summary->conflicts.empty()) << summary->conflicts.front().message;
  EXPECT_EQ(summary->imported, 4u);
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "1234");
  EXPECT_EQ(Stored("23317", "security.cases_reconciled", "202209"), "2005");
  EXPECT_EQ(Stored("23311", "tips.received", "202209"), "17");
  EXPECT_EQ(Stored("23311", "security.cases_reconciled", "202209"), "3");
  // What was converted is said, by cell.
  ASSERT_EQ(summary->notes.size(), 2u);
  EXPECT_NE(summary->notes[0].find("T9!B4"), std::string::npos) << summary->notes[0];
  EXPECT_NE(summary->notes[0].find("TCVN3"), std::string::npos);
  EXPECT_NE(summary->notes[0].find("Xã Ngọk Bay"), std::string::npos);

  // "1.5" in a count: one thousand five hundred with a digit missing, or one and a half? Asked,
  // not guessed; nothing of the sheet is stored.
  const std::string ambiguous = OfficeWorkbook(temp_ / "ambiguous.xlsx", "1.5");
  auto refused = Import(ambiguous, {mapping, "", "202210", "608"});
  ASSERT_TRUE(refused) << refused.error().ToString();
  EXPECT_EQ(refused->status, "ERROR");
  ASSERT_EQ(refused->conflicts.size(), 1u);
  EXPECT_EQ(refused->conflicts[0].error_code, kConflictInvalidValue);
  EXPECT_NE(refused->conflicts[0].message.find("T9!D5"), std::string::npos)
      << refused->conflicts[0].message;
  EXPECT_NE(refused->conflicts[0].message.find("ambiguous"), std::string::npos)
      << refused->conflicts[0].message;
  EXPECT_EQ(Stored("23317", "tips.received", "202210"), std::nullopt);
  ImportOptions skip;
  skip.skip_invalid = true;
  auto rest = Import(ambiguous, {mapping, "", "202210", "608"}, skip);
  ASSERT_TRUE(rest);
  EXPECT_EQ(rest->status, "WARNING");
  EXPECT_EQ(rest->imported, 3u);
  EXPECT_EQ(Stored("23317", "tips.received", "202210"), "1234");
}

TEST_F(SheetImportTest, ANameOutsideTheAreaOrUnknownIsAConflictNamingTheCell) {
  const SheetMapping mapping = Mapping("bao-cao-xa-theo-ten");
  const std::string bytes = OfficeWorkbook(temp_ / "good.xlsx", "3");
  // Under Đắk Glei district (610) neither commune exists.
  auto summary = Import(bytes, {mapping, "", "202209", "610"});
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->status, "ERROR");
  ASSERT_EQ(summary->conflicts.size(), 4u);
  EXPECT_EQ(summary->conflicts[0].error_code, kConflictUnknownUnit);
  EXPECT_NE(summary->conflicts[0].message.find("T9!C4"), std::string::npos)
      << summary->conflicts[0].message;
  EXPECT_NE(summary->conflicts[0].message.find("Xã Ngọk Bay"), std::string::npos);
}

TEST_F(SheetImportTest, AnUnknownMappingListsTheKnownOnes) {
  auto m = LoadSheetMapping(ANTQ_SOURCE_DATA_DIR, "khong-co");
  ASSERT_FALSE(m);
  EXPECT_NE(m.error().message().find("antq-template"), std::string::npos) << m.error().message();
}

}  // namespace
}  // namespace antq
