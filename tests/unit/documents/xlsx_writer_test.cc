// The XLSX writer's own rules: one sheet per table, named after its title within Excel's limits,
// and a document without tables is an error that leaves no file.
#include "documents/xlsx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "unit/documents/sample_document.h"
#include "unit/zip_part.h"

namespace antq::documents {
namespace {

namespace fs = std::filesystem;

std::string Part(const fs::path& package, const char* name) {
  return antq::testing::ReadZipPart(package, name);
}

TEST(XlsxWriterTest, EachTableIsASheetNamedAfterItsTitle) {
  const fs::path path =
      fs::temp_directory_path() / ("antq-xlsx-" + std::to_string(::getpid()) + ".xlsx");
  Document d = testing::SampleDocument();
  for (Block& b : d.blocks) {
    if (auto* t = std::get_if<Table>(&b)) {
      t->title = "Số liệu: theo đơn vị cấp huyện/thành phố, giai đoạn 2019 - 2022";
      t->rows[1][3].number = 48330;
      t->rows[1][3].note = "antq query --measure propaganda.participants";
    }
  }
  ASSERT_TRUE(WriteXlsx(d, path));
  const std::string workbook = Part(path, "xl/workbook.xml");
  // ':' and '/' are not allowed in sheet names, and a name holds 31 characters at most (cut,
  // then its trailing space dropped).
  EXPECT_NE(workbook.find("name=\"Số liệu  theo đơn vị cấp huyện\""), std::string::npos)
      << workbook;
  EXPECT_NE(workbook.find("name=\"Nguồn số liệu\""), std::string::npos) << workbook;
  const std::string sheet = Part(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>48330</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<pane ySplit=\"3\""), std::string::npos) << "title, blank, header";
  fs::remove(path);
}

TEST(XlsxWriterTest, ADocumentWithoutTablesIsAnErrorAndLeavesNoFile) {
  const fs::path path =
      fs::temp_directory_path() / ("antq-xlsx-empty-" + std::to_string(::getpid()) + ".xlsx");
  Document d;
  d.blocks.push_back(Paragraph::Of({Run::Plain("Không có bảng")}));
  auto written = WriteXlsx(d, path);
  ASSERT_FALSE(written);
  EXPECT_NE(written.error().message().find("no table"), std::string::npos);
  EXPECT_FALSE(fs::exists(path));
}

}  // namespace
}  // namespace antq::documents
