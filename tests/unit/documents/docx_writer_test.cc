// The DOCX package read back part by part: what Word and LibreOffice rely on is there (content
// types, relationships, styles, numbering, footnotes, the page-number header that page 1 leaves
// out, the decree's page set-up), and the text is the document's, Vietnamese intact.
#include "documents/docx_writer.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <pugixml.hpp>

#include "unit/documents/sample_document.h"
#include "unit/zip_part.h"

namespace antq::documents {
namespace {

namespace fs = std::filesystem;

std::string ReadPart(const fs::path& package, const std::string& name) {
  return antq::testing::ReadZipPart(package, name);
}

// All the text of w:t elements under `node`, in order.
std::string TextOf(const pugi::xml_node& node) {
  std::string text;
  for (const pugi::xpath_node& t : node.select_nodes(".//w:t")) text += t.node().text().get();
  return text;
}

class DocxWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("antq-docx-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    path_ = dir_ / "report.docx";
    ASSERT_TRUE(WriteDocx(testing::SampleDocument(), path_));
  }
  void TearDown() override { fs::remove_all(dir_); }

  pugi::xml_document Parse(const std::string& part) {
    pugi::xml_document doc;
    const std::string xml = ReadPart(path_, part);
    EXPECT_TRUE(doc.load_string(xml.c_str())) << part << ": " << xml.substr(0, 200);
    return doc;
  }

  fs::path dir_;
  fs::path path_;
};

TEST_F(DocxWriterTest, ThePackageHasEveryPartItsRelationshipsName) {
  const pugi::xml_document types = Parse("[Content_Types].xml");
  const pugi::xml_document rels = Parse("word/_rels/document.xml.rels");
  size_t relationships = 0;
  for (const pugi::xml_node& r : rels.child("Relationships").children("Relationship")) {
    const std::string part = std::string("word/") + r.attribute("Target").value();
    EXPECT_NE(ReadPart(path_, part), "<missing>") << part;
    const std::string override_name = "/" + part;
    EXPECT_TRUE(
        types.child("Types").find_child_by_attribute("Override", "PartName", override_name.c_str()))
        << override_name;
    ++relationships;
  }
  EXPECT_EQ(relationships, 6u);
  EXPECT_NE(ReadPart(path_, "_rels/.rels"), "<missing>");
  EXPECT_NE(ReadPart(path_, "docProps/core.xml").find("Báo cáo kết quả kiểm tra"),
            std::string::npos);
}

TEST_F(DocxWriterTest, TheBodyHoldsTheTextTheListMarksAndTheTable) {
  const pugi::xml_document doc = Parse("word/document.xml");
  const pugi::xml_node body = doc.child("w:document").child("w:body");
  const std::string text = TextOf(body);
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(text.find("70/85 xã đạt tiêu chí về an ninh, trật tự"), std::string::npos);
  EXPECT_NE(text.find("đ) Điểm thứ năm."), std::string::npos);
  // Numbered items are Word numbering, restarted for the list.
  EXPECT_EQ(body.select_nodes(".//w:numPr").size(), 2u);
  // The header block, the data table and the closing block.
  EXPECT_EQ(body.select_nodes("w:tbl").size(), 3u);
  const pugi::xpath_node_set spans = body.select_nodes(".//w:gridSpan");
  ASSERT_EQ(spans.size(), 1u);
  EXPECT_STREQ(spans.first().node().attribute("w:val").value(), "2");
  EXPECT_EQ(body.select_nodes(".//w:tblHeader").size(), 1u);
  EXPECT_EQ(body.select_nodes(".//w:footnoteReference").size(), 1u);
}

TEST_F(DocxWriterTest, PageSetUpFollowsTheDecreeAndPageOneHasNoNumber) {
  const pugi::xml_document doc = Parse("word/document.xml");
  const pugi::xml_node sect = doc.child("w:document").child("w:body").child("w:sectPr");
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:w").value(), "11906");     // 210 mm
  EXPECT_STREQ(sect.child("w:pgSz").attribute("w:h").value(), "16838");     // 297 mm
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:left").value(), "1701");  // 30 mm
  EXPECT_STREQ(sect.child("w:pgMar").attribute("w:right").value(), "850");  // 15 mm
  EXPECT_TRUE(sect.child("w:titlePg"));
  EXPECT_TRUE(sect.find_child_by_attribute("w:headerReference", "w:type", "first"));
  EXPECT_NE(ReadPart(path_, "word/header1.xml").find(" PAGE "), std::string::npos);
  EXPECT_EQ(ReadPart(path_, "word/header2.xml").find("PAGE"), std::string::npos);
}

TEST_F(DocxWriterTest, StylesCarryTheFontAndFootnotesTheirText) {
  const pugi::xml_document styles = Parse("word/styles.xml");
  const pugi::xml_node fonts =
      styles.select_node("//w:docDefaults/w:rPrDefault/w:rPr/w:rFonts").node();
  EXPECT_STREQ(fonts.attribute("w:ascii").value(), "Times New Roman");
  EXPECT_STREQ(styles.select_node("//w:docDefaults/w:rPrDefault/w:rPr/w:sz")
                   .node()
                   .attribute("w:val")
                   .value(),
               "28");
  const pugi::xml_document notes = Parse("word/footnotes.xml");
  EXPECT_NE(TextOf(notes).find("Công văn 3371/BCA-V05"), std::string::npos);
}

TEST(DocxWriterFailureTest, AnUnwritableFolderIsAnErrorAndLeavesNoFile) {
  const fs::path path = fs::temp_directory_path() / "antq-no-such-folder" / "r.docx";
  auto written = WriteDocx(testing::SampleDocument(), path);
  ASSERT_FALSE(written);
  EXPECT_EQ(written.error().where(), path.string());
  EXPECT_FALSE(fs::exists(path));
}

}  // namespace
}  // namespace antq::documents
