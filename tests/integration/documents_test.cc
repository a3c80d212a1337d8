// Generated documents opened by real readers: LibreOffice converts the DOCX to PDF, and poppler
// reads the PDF back (text, pages, fonts, a rendered first page).
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "documents/docx_writer.h"
#include "integration/run_antq.h"
#include "unit/documents/sample_document.h"

namespace antq::documents {
namespace {

namespace fs = std::filesystem;
using antq::testing::RunCommand;

// The share of dark pixels on a PGM (P5, 8-bit) image: 0 for a blank page.
double InkShare(const fs::path& pgm) {
  std::ifstream in(pgm, std::ios::binary);
  std::string magic;
  int width = 0, height = 0, max = 0;
  in >> magic >> width >> height >> max;
  in.get();
  if (magic != "P5" || width <= 0 || height <= 0) return -1;
  std::string pixels(static_cast<size_t>(width) * height, '\0');
  in.read(pixels.data(), static_cast<std::streamsize>(pixels.size()));
  size_t dark = 0;
  for (unsigned char p : pixels) dark += p < 128 ? 1 : 0;
  return static_cast<double>(dark) / static_cast<double>(pixels.size());
}

class DocxInLibreOfficeTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("antq-documents-test-" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // Enough body text for a second page, so page numbering can be checked.
    ASSERT_TRUE(WriteDocx(testing::SampleDocument(40), dir_ / "report.docx"));
    // A profile folder of its own: LibreOffice refuses to share one between processes.
    converted_ =
        RunCommand(dir_, "soffice -env:UserInstallation=file://" + (dir_ / "profile").string() +
                             " --headless --convert-to pdf --outdir out report.docx");
  }
  // ANTQ_KEEP_DOCUMENTS=1 keeps the files, to look at the layout.
  static void TearDownTestSuite() {
    if (std::getenv("ANTQ_KEEP_DOCUMENTS")) {
      std::cout << "documents kept in " << dir_.string() << "\n";
      return;
    }
    fs::remove_all(dir_);
  }

  // The text of `pages` ("-f 2 -l 2", or "" for all), as lines laid out like the page.
  static std::string PdfText(const std::string& pages) {
    return RunCommand(dir_, "pdftotext -layout " + pages + " out/report.pdf -").out;
  }

  // All the text with every run of spaces and line breaks made one space, so that a phrase
  // wrapped across lines is still found.
  static std::string FlowingText() {
    const std::string raw = RunCommand(dir_, "pdftotext out/report.pdf -").out;
    std::string out;
    for (char c : raw) {
      const bool space = c == ' ' || c == '\n' || c == '\f';
      if (space && (out.empty() || out.back() == ' ')) continue;
      out += space ? ' ' : c;
    }
    return out;
  }

  static inline fs::path dir_;
  static inline antq::testing::RunResult converted_;
};

TEST_F(DocxInLibreOfficeTest, LibreOfficeConvertsItToPdf) {
  EXPECT_EQ(converted_.exit_code, 0) << converted_.err;
  ASSERT_TRUE(fs::exists(dir_ / "out" / "report.pdf")) << converted_.out << converted_.err;
  const std::string info = RunCommand(dir_, "pdfinfo out/report.pdf").out;
  EXPECT_NE(info.find("pts (A4)"), std::string::npos) << info;
}

TEST_F(DocxInLibreOfficeTest, TheTextSurvivesWithItsVietnameseMarks) {
  const std::string text = FlowingText();
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
        "70/85 xã đạt tiêu chí về an ninh, trật tự", "đ) Điểm thứ năm.", "1. Huyện Đắk Glei",
        "2. Huyện Đắk Hà", "527.800", "Công văn 3371/BCA-V05", "TM. ĐOÀN KIỂM TRA", "Nơi nhận:"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
}

TEST_F(DocxInLibreOfficeTest, PagesAreNumberedFromPageTwo) {
  const std::string info = RunCommand(dir_, "pdfinfo out/report.pdf").out;
  ASSERT_EQ(info.find("Pages:          1\n"), std::string::npos) << "the text fits on one page";
  std::istringstream first(PdfText("-f 1 -l 1"));
  std::string line;
  while (std::getline(first, line) && line.find_first_not_of(' ') == std::string::npos) {
  }
  EXPECT_NE(line.find("ĐOÀN KIỂM TRA"), std::string::npos) << "page 1 starts with: " << line;
  std::istringstream second(PdfText("-f 2 -l 2"));
  while (std::getline(second, line) && line.find_first_not_of(' ') == std::string::npos) {
  }
  EXPECT_EQ(line.substr(line.find_first_not_of(' ')), "2");
}

TEST_F(DocxInLibreOfficeTest, TheFontIsEmbeddedAndPageOneIsNotBlank) {
  const std::string fonts = RunCommand(dir_, "pdffonts out/report.pdf").out;
  EXPECT_TRUE(fonts.find("LiberationSerif") != std::string::npos ||
              fonts.find("TimesNewRoman") != std::string::npos)
      << fonts;
  EXPECT_EQ(fonts.find(" no  "), std::string::npos) << "a font is not embedded:\n" << fonts;
  ASSERT_EQ(RunCommand(dir_, "pdftoppm -gray -r 40 -f 1 -l 1 out/report.pdf page").exit_code, 0);
  fs::path page;
  for (const auto& entry : fs::directory_iterator(dir_)) {
    if (entry.path().extension() == ".pgm") page = entry.path();
  }
  const double ink = InkShare(page);
  EXPECT_GT(ink, 0.005) << page;
  EXPECT_LT(ink, 0.5) << page;
}

}  // namespace
}  // namespace antq::documents
