// The Kon Tum sample through the real binary: `antq demo` on a fresh database, then the figures a
// user checks first. The sample's 2019–2022 totals must match what the province reported in
// March 2023.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "integration/run_antq.h"

namespace {

namespace fs = std::filesystem;

using antq::testing::RunAntq;
using Result = antq::testing::RunResult;

// A whole number as reports write it: "2.337", or "2,337" in the English copy.
std::string Grouped(double value, char separator = '.') {
  const std::string digits = std::to_string(std::lround(value));
  std::string grouped;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) grouped += separator;
    grouped += digits[i];
  }
  return grouped;
}

// The value of "measure" in a `--format csv` table of measure,value rows.
std::string Measure(const std::string& csv, const std::string& measure) {
  std::istringstream lines(csv);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(measure + ",", 0) == 0) return line.substr(measure.size() + 1);
  }
  return "(missing)";
}

// The text of a PDF in `dir`, its lines joined by spaces; `options` go to pdftotext.
std::string PdfText(const fs::path& dir, const std::string& pdf, const std::string& options = "") {
  std::string text = antq::testing::RunCommand(
                         dir, "pdftotext " + options + (options.empty() ? "" : " ") + pdf + " -")
                         .out;
  for (char& c : text) c = c == '\n' ? ' ' : c;
  return text;
}

class SampleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("antq-sample-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Result demo = Antq("demo --no-serve");
    ASSERT_EQ(demo.exit_code, 0) << demo.err;
    demo_out_ = demo.out;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  static Result Antq(const std::string& args) { return RunAntq(dir_, args); }
  // Converts `file` in the suite's folder to PDF with LibreOffice (headless, its own profile).
  static Result LibreOfficeToPdf(const std::string& file) {
    return antq::testing::RunCommand(dir_, "soffice -env:UserInstallation=file://" +
                                               (dir_ / "lo-profile").string() +
                                               " --headless --convert-to pdf " + file);
  }

  static fs::path dir_;
  static std::string demo_out_;
};

fs::path SampleTest::dir_;
std::string SampleTest::demo_out_;

TEST_F(SampleTest, DemoWritesTheSampleInspectionReport) {
  for (const char* extension : {".docx", ".pdf", ".xlsx", ".en.pdf"}) {
    const std::string file = std::string("bao-cao-kiem-tra-kon-tum-2019-2022") + extension;
    EXPECT_NE(demo_out_.find(file), std::string::npos) << demo_out_;
    EXPECT_GT(fs::file_size(dir_ / file), 5000u) << file;
  }
}

// DHIS2 round trip: the sample exported as dataValueSets JSON, CSV and ADX and imported into empty
// databases gives the same analytics totals and the same values; a second import adds nothing.
TEST_F(SampleTest, DhisExportImportsBackWithTheSameTotals) {
  const std::string measures =
      "tips.received,tips.valuable,crime.social_order_cases,security.teams_anninh,atantt.total,"
      "ntm.criterion_19_2_met,score.atantt";
  const std::string query =
      "query --measure " + measures + " --under 62 --by year --period 2019..2022 --format csv";
  const Result original = Antq(query);
  ASSERT_EQ(original.exit_code, 0) << original.err;
  ASSERT_NE(original.out.find("62,Tỉnh Kon Tum,2022,"), std::string::npos) << original.out;
  for (const std::string format : {"json", "csv", "adx"}) {
    const std::string file = "kon-tum." + format;
    const std::string db = "round-trip-" + format + ".db";
    auto in_copy = [&](const std::string& args) { return RunAntq(dir_, args, db); };
    const Result exported = Antq("export --format " + (format == "adx" ? format : "dvs-" + format) +
                                 " --under 62 --period 2019..2022 --out " + file);
    ASSERT_EQ(exported.exit_code, 0) << exported.err;
    ASSERT_EQ(in_copy("init").exit_code, 0);
    const Result imported = in_copy("import " + file);
    ASSERT_EQ(imported.exit_code, 0) << imported.err;
    EXPECT_NE(imported.out.find(" 0 refused"), std::string::npos) << imported.out;
    const Result copy = in_copy(query);
    EXPECT_EQ(copy.out, original.out) << format;
    const Result again = in_copy("import " + file);
    EXPECT_NE(again.out.find("nothing new"), std::string::npos) << again.out;
    // Every value, not only the totals: the copy exports what the original did (without the
    // stored-by and time columns, which say who imported it and when).
    auto values = [](const std::string& csv) {
      std::vector<std::string> lines;
      std::istringstream in(csv);
      for (std::string line; std::getline(in, line);) {
        size_t cut = 0;
        for (int commas = 0; commas < 6 && cut != std::string::npos; ++commas) {
          cut = line.find(',', cut + (commas ? 1 : 0));
        }
        lines.push_back(line.substr(0, cut));
      }
      std::sort(lines.begin(), lines.end());
      return lines;
    };
    const Result a = Antq("export --format dvs-csv --under 62 --period 2019..2022");
    const Result b = in_copy("export --format dvs-csv --under 62 --period 2019..2022");
    EXPECT_GT(values(a.out).size(), 100000u);
    EXPECT_EQ(values(a.out), values(b.out)) << format;
  }
}

// The Excel fill-in template: written for a district's communes with the sample's figures of a
// month, opened by LibreOffice, and imported back changing nothing; a strange name is refused
// with the known mappings listed.
TEST_F(SampleTest, TheExcelTemplateOpensInLibreOfficeAndImportsBackExactly) {
  const std::string file = "mau-608-202209.xlsx";
  const Result written = Antq(
      "template xlsx --data-set commune-monthly --under 608 --period "
      "202209 --out " +
      file);
  ASSERT_EQ(written.exit_code, 0) << written.err;
  EXPECT_NE(written.out.find("antq import " + file), std::string::npos) << written.out;
  const Result converted = LibreOfficeToPdf(file);
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  const std::string text = PdfText(dir_, "mau-608-202209.pdf");
  EXPECT_NE(text.find("Mẫu nhập số liệu"), std::string::npos) << text;
  EXPECT_NE(text.find("Xã Ngọk Bay"), std::string::npos) << text;
  const Result back = Antq("import " + file + " --dry-run");
  ASSERT_EQ(back.exit_code, 0) << back.err;
  EXPECT_NE(back.out.find(" 0 imported, 0 updated"), std::string::npos) << back.out;
  EXPECT_EQ(back.out.find(" 0 value(s)"), std::string::npos) << back.out;  // it held figures
  const Result unknown = Antq("import " + file + " --mapping khong-co");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("bao-cao-xa-theo-ten"), std::string::npos) << unknown.err;
}

TEST_F(SampleTest, DemoSaysItLoadedSampleData) {
  EXPECT_NE(demo_out_.find("Kon Tum sample loaded"), std::string::npos) << demo_out_;
  EXPECT_NE(demo_out_.find("DỮ LIỆU MẪU"), std::string::npos);
  Result again = Antq("sample load");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already loaded"), std::string::npos);
}

TEST_F(SampleTest, PropagandaTotalsMatchTheProvincesReport) {
  Result r = Antq(
      "events summary --register propaganda --under 62 --from 2019-01-01 --to 2022-12-31 "
      "--format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int sessions = std::stoi(Measure(r.out, "events"));
  const int participants = std::stoi(Measure(r.out, "participants"));
  EXPECT_GT(sessions, 2330);
  EXPECT_LT(sessions, 2400) << "'over 2,330' is a little over, not far over";
  EXPECT_GT(participants, 527800);
  EXPECT_LT(participants, 528800);
  EXPECT_NE(r.err.find("SAMPLE DATA"), std::string::npos) << "CSV output says so on stderr";
  Result table =
      Antq("events summary --register propaganda --under 62 --from 2019-01-01 --to 2022-12-31");
  EXPECT_EQ(table.out.rfind("[DỮ LIỆU MẪU", 0), 0u) << "a table starts with the notice";
}

TEST_F(SampleTest, HandinTotalsMatchTheProvincesReport) {
  Result r = Antq(
      "events summary --register handin --under 62 --from 2019-01-01 --to 2022-12-31 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const int sessions = std::stoi(Measure(r.out, "events"));
  EXPECT_GE(sessions, 850);
  EXPECT_LE(sessions, 859);
  EXPECT_GT(std::stoi(Measure(r.out, "participants")), 70790);
  EXPECT_GT(std::stod(Measure(r.out, "items.counted")), 5000);
  EXPECT_NE(Measure(r.out, "items.vat_lieu_no_kg"), "(missing)") << "kilograms reported apart";
}

TEST_F(SampleTest, FortyEightModelsInAllTenDistricts) {
  Result r = Antq("events list --register model --active-on 2022-12-31 --under 62 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "id,date,unit_code,unit,parent,fields");
  std::set<std::string> districts;
  int rows = 0;
  while (std::getline(lines, line)) {
    ++rows;
    for (const char* d : {"Thành phố Kon Tum", "Huyện Đắk Glei", "Huyện Ngọc Hồi", "Huyện Đắk Tô",
                          "Huyện Kon Plông", "Huyện Kon Rẫy", "Huyện Đắk Hà", "Huyện Sa Thầy",
                          "Huyện Tu Mơ Rông", "Huyện Ia H' Drai"}) {
      if (line.find(std::string(",") + d + ",") != std::string::npos) districts.insert(d);
    }
  }
  EXPECT_EQ(rows, 48);
  EXPECT_EQ(districts.size(), 10u);
}

TEST_F(SampleTest, SeventyOfEightyFiveXaRecognisedIn2022) {
  Result r = Antq(
      "values get --element atantt.commune_recognised --under 62 --period 2022 --level commune");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("70/85 Xã"), std::string::npos) << r.out.substr(r.out.size() - 300);
}

// Issue 5's acceptance on a copy of the sample: stored verdicts follow the data they rest on, and
// the audit log shows the change of value and the change of verdict.
TEST_F(SampleTest, ChangingAValueAVerdictRestsOnChangesItAndTheAuditShowsBoth) {
  const fs::path own = dir_.string() + "-verdicts";
  fs::remove_all(own);
  fs::copy(dir_, own, fs::copy_options::recursive);
  auto run = [&](const std::string& args) { return RunAntq(own, args); };
  Result saved = run("evaluate --criteria ntm-19.2 --under 62 --period 2022 --save");
  ASSERT_EQ(saved.exit_code, 0) << saved.err;
  EXPECT_NE(saved.out.find("85 new, 0 changed, 0 unchanged"), std::string::npos) << saved.out;
  Result js = run("evaluate --criteria ntm-19.2 --under 62 --period 2022 --format json");
  ASSERT_EQ(js.exit_code, 0) << js.err;
  std::string code;
  const auto verdicts = nlohmann::json::parse(js.out);
  for (const auto& unit : verdicts["units"]) {
    if (unit["met"] == true) {
      code = unit["code"];
      break;
    }
  }
  ASSERT_FALSE(code.empty());
  Result set = run("--user can-bo-xa values set --unit " + code +
                   " --data-set atantt-commune --period 2022 atantt.disciplined_officers=1");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("verdict changed: ntm-19.2 2022, " + code), std::string::npos) << set.out;
  EXPECT_NE(set.out.find("đạt → chưa đạt"), std::string::npos) << set.out;
  Result after = run("evaluate --criteria ntm-19.2 --under 62 --period 2022");
  EXPECT_NE(after.out.find("2022: 69/85 đạt / met"), std::string::npos) << after.out;
  Result audit = run("audit --under 62 --limit 2 --format csv");
  ASSERT_EQ(audit.exit_code, 0) << audit.err;
  const size_t update = audit.out.find("evaluation.update");
  const size_t value = audit.out.find("value.set");
  ASSERT_NE(update, std::string::npos) << audit.out;
  ASSERT_NE(value, std::string::npos) << audit.out;
  EXPECT_LT(update, value) << "newest first: the verdict follows the value";
  EXPECT_NE(audit.out.find("atantt.disciplined_officers/2022"), std::string::npos) << audit.out;
  EXPECT_NE(audit.out.find("ntm-19.2/2022"), std::string::npos) << audit.out;
  // The commune's own log, named by its code as it stood in 2022 (codes were reused in 2025).
  Result own_log = run("audit --under " + code + " --at 2022-12-31 --limit 2 --format csv");
  ASSERT_EQ(own_log.exit_code, 0) << own_log.err;
  EXPECT_NE(own_log.out.find(",evaluation.update," + code + ","), std::string::npos) << own_log.out;
  EXPECT_EQ(run("audit --under " + code + " --at 2022-13-01").exit_code, 1);

  // The sample's typing slip of 2022-11 blocks that report's submission; the warning does not.
  Result refused = run("values submit --unit 23344 --data-set commune-monthly --period 202211");
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.out.find("tips.valuable_le_received"), std::string::npos) << refused.out;
  EXPECT_NE(refused.err.find("stays a draft"), std::string::npos) << refused.err;
  Result warned = run("values submit --unit 23449 --data-set commune-monthly --period 202212");
  EXPECT_EQ(warned.exit_code, 0) << warned.err;
  EXPECT_NE(warned.out.find("cảnh báo / warning"), std::string::npos) << warned.out;
  EXPECT_NE(warned.out.find("report submitted"), std::string::npos) << warned.out;
  fs::remove_all(own);
}

TEST_F(SampleTest, ValidateFindsTheSamplesTypingSlips) {
  Result checked = Antq("validate --under 62 --period 2022");
  EXPECT_EQ(checked.exit_code, 1) << "an error-level violation";
  EXPECT_NE(checked.out.find("1 lỗi / errors, 1 cảnh báo / warnings"), std::string::npos)
      << checked.out;
  EXPECT_NE(checked.out.find("10 > 7"), std::string::npos) << checked.out;
  // JSON is the API's form: the counts, and each report with its violations.
  Result json = Antq("validate --under 62 --period 2022 --format json");
  const auto summary = nlohmann::json::parse(json.out);
  EXPECT_EQ(summary["errors"], 1);
  EXPECT_EQ(summary["warnings"], 1);
  std::vector<nlohmann::json> violations;
  for (const auto& report : summary["reports"]) {
    for (const auto& v : report["violations"]) violations.push_back(v);
  }
  ASSERT_EQ(violations.size(), 2u) << json.out;
  EXPECT_EQ(violations[0]["rule"], "tips.valuable_le_received");
  EXPECT_EQ(violations[0]["importance"], "error");
  Result clean = Antq("validate --under 62 --period 2021");
  EXPECT_EQ(clean.exit_code, 0) << clean.out << clean.err;
}

// The inspection's question: 70 of 85 xã met NTM 19.2 in 2022, and for each of the other 15 the
// criterion that failed, with its values.
TEST_F(SampleTest, Ntm192SeventyOfEightyFiveXaWithTheReasonsForTheOthers) {
  Result plain = Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022");
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  EXPECT_NE(plain.out.find("2022: 70/85 đạt / met"), std::string::npos) << plain.out;
  EXPECT_NE(plain.out.find("3371/BCA-V05"), std::string::npos) << plain.out;
  Result explained = Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022 --explain");
  ASSERT_EQ(explained.exit_code, 0) << explained.err;
  size_t not_met = 0;
  for (size_t at = 0; (at = explained.out.find("không / no", at)) != std::string::npos; ++at)
    ++not_met;
  EXPECT_EQ(not_met, 15u) << explained.out;
  EXPECT_NE(explained.out.find("% < 70 %"), std::string::npos) << explained.out;
  Result csv = Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022 --format csv");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("code,unit,met,reasons,evidence,confirmed_by\n", 0), 0u) << csv.out;
  EXPECT_EQ(std::count(csv.out.begin(), csv.out.end(), '\n'), 1 + 85);
  Result js = Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022 --format json");
  ASSERT_EQ(js.exit_code, 0) << js.err;
  const auto j = nlohmann::json::parse(js.out);
  EXPECT_EQ(j["criteria"], "ntm-19.2");
  EXPECT_EQ(j["period"], "2022");
  EXPECT_EQ(j["met"], 70);
  EXPECT_EQ(j["total"], 85);
  ASSERT_EQ(j["units"].size(), 85u);
  std::string lacking_resolution;
  for (const auto& u : j["units"]) {
    ASSERT_TRUE(u.contains("code") && u.contains("name") && u.contains("met"));
    EXPECT_EQ(u["met"].get<bool>(), u["reasons"].empty()) << u.dump();
    if (!u["met"].get<bool>() && lacking_resolution.empty() &&
        u["reasons"][0].get<std::string>().rfind("Khoản 1: nghị quyết", 0) == 0) {
      lacking_resolution = u["code"];
    }
  }
  ASSERT_FALSE(lacking_resolution.empty());
  // The resolution turns up: the verdict changes in the next evaluation, and the audit log shows
  // the change. Then it is withdrawn again.
  const std::string set = "--user thanh-tra values set --unit " + lacking_resolution +
                          " --data-set atantt-commune --period 2022 atantt.q1_resolution=";
  ASSERT_EQ(Antq(set + "1").exit_code, 0);
  EXPECT_NE(Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022").out.find("71/85"),
            std::string::npos);
  Result audit = Antq("audit --under 62 --limit 1 --format csv");
  EXPECT_NE(audit.out.find(",thanh-tra,value.set," + lacking_resolution), std::string::npos)
      << audit.out;
  EXPECT_NE(audit.out.find("atantt.q1_resolution/2022"), std::string::npos) << audit.out;
  ASSERT_EQ(Antq(set + "0").exit_code, 0);
  EXPECT_NE(Antq("evaluate --criteria ntm-19.2 --under 62 --period 2022").out.find("70/85"),
            std::string::npos);
}

// The sum of the last CSV column over the data rows, and the number of rows.
std::pair<double, int> LastColumnTotal(const std::string& csv) {
  std::istringstream lines(csv);
  std::string line;
  std::getline(lines, line);  // header
  double total = 0;
  int rows = 0;
  while (std::getline(lines, line)) {
    total += std::stod(line.substr(line.rfind(',') + 1));
    ++rows;
  }
  return {total, rows};
}

// The inspection report of 2019–2022, written as DOCX and converted by LibreOffice: the annex
// states the query's totals exactly, the body says "70/85 xã", and every district is named.
TEST_F(SampleTest, TheInspectionReportStatesTheQueriesFiguresAndLibreOfficeOpensIt) {
  for (const char* layout : {"party", "state"}) {
    const std::string docx = std::string("inspection-") + layout + ".docx";
    Result written = Antq("report inspection --under 62 --period 2019..2022 --layout " +
                          std::string(layout) + " --out " + docx);
    ASSERT_EQ(written.exit_code, 0) << written.err;
    EXPECT_NE(written.out.find("Đã ghi / written: " + docx), std::string::npos) << written.out;
    Result converted = LibreOfficeToPdf(docx);
    ASSERT_EQ(converted.exit_code, 0) << converted.err;
    const std::string pdf = docx.substr(0, docx.size() - 5) + ".pdf";
    ASSERT_TRUE(fs::exists(dir_ / pdf)) << converted.out << converted.err;
    const std::string text = PdfText(dir_, pdf);
    EXPECT_NE(text.find(std::string(layout) == "party" ? "ĐẢNG CỘNG SẢN VIỆT NAM"
                                                       : "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
              std::string::npos);
    EXPECT_NE(text.find("70/85 xã"), std::string::npos);
    EXPECT_NE(text.find("DỮ LIỆU MẪU"), std::string::npos) << "the sample says so";
    // The annex totals, as `antq query` gives them.
    Result totals = Antq(
        "query --measure propaganda.sessions,propaganda.participants,handin.sessions,"
        "handin.items --under 62 --period 2019..2022 --calendar gregorian --format json");
    ASSERT_EQ(totals.exit_code, 0) << totals.err;
    const auto values = nlohmann::json::parse(totals.out).at("rows").at(0).at("values");
    for (size_t i = 0; i < values.size(); ++i) {
      const std::string grouped = Grouped(values.at(i).get<double>());
      EXPECT_NE(text.find(grouped), std::string::npos) << "measure " << i << " = " << grouped;
    }
    for (const char* district :
         {"Huyện Đắk Glei", "Huyện Đắk Hà", "Huyện Đắk Tô", "Huyện Ia H' Drai", "Huyện Kon Plông",
          "Huyện Kon Rẫy", "Thành phố Kon Tum", "Huyện Ngọc Hồi", "Huyện Sa Thầy",
          "Huyện Tu Mơ Rông"}) {
      EXPECT_NE(text.find(district), std::string::npos) << district;
    }
  }
}

// Across the 2025 reorganisation the report counts on the units of the time, and says so.
TEST_F(SampleTest, AReportAcrossTheReorganisationSaysItCountsOnTheUnitsOfTheTime) {
  Result written = Antq("report inspection --under 51 --period 2024..2026 --out span.docx");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  Result converted = LibreOfficeToPdf("span.docx");
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  const std::string text = PdfText(dir_, "span.pdf");
  EXPECT_NE(text.find("Từ ngày 01/7/2025, đơn vị hành chính được sắp xếp lại"), std::string::npos)
      << text.substr(0, 2000);
  EXPECT_NE(text.find("tại thời điểm phát sinh"), std::string::npos);
  EXPECT_NE(text.find("không tổ chức cấp huyện"), std::string::npos);
  EXPECT_NE(text.find("theo đơn vị cấp xã"), std::string::npos) << "the annex is by commune";
}

// The PDF written directly (Pango and Cairo): the same figures, Liberation Serif embedded, a
// first page with ink on it and no page number, numbers from page 2.
TEST_F(SampleTest, TheInspectionReportAsPdfEmbedsItsFontAndStatesTheFigures) {
  Result written =
      Antq("report inspection --under 62 --period 2019..2022 --layout state --out direct.pdf");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const std::string text = PdfText(dir_, "direct.pdf");
  for (const char* expected :
       {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "70/85 xã", "2.337", "527.846", "856", "5.138",
        "Huyện Đắk Glei", "Huyện Ia H' Drai", "Thành phố Kon Tum", "Huyện Tu Mơ Rông"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  const std::string fonts = antq::testing::RunCommand(dir_, "pdffonts direct.pdf").out;
  EXPECT_NE(fonts.find("LiberationSerif"), std::string::npos) << fonts;
  EXPECT_EQ(fonts.find(" no "), std::string::npos) << "every font is embedded:\n" << fonts;
  const std::string first = antq::testing::RunCommand(dir_, "pdftotext -f 1 -l 1 direct.pdf -").out;
  const std::string second =
      antq::testing::RunCommand(dir_, "pdftotext -f 2 -l 2 direct.pdf -").out;
  EXPECT_EQ(second.rfind("2\n", 0), 0u) << second.substr(0, 80);
  EXPECT_NE(first.rfind("1\n", 0), 0u) << "no number on page 1";
  ASSERT_EQ(
      antq::testing::RunCommand(dir_, "pdftoppm -gray -r 30 -f 1 -l 1 direct.pdf page").exit_code,
      0);
  const std::string pgm = antq::testing::Slurp(dir_ / "page-1.pgm");
  ASSERT_GT(pgm.size(), 1000u);
  size_t dark = 0;
  for (size_t i = pgm.size() / 2; i < pgm.size(); ++i)
    dark += static_cast<unsigned char>(pgm[i]) < 128;
  EXPECT_GT(dark, 500u) << "the first page has text on it";
}

// The annex workbook: LibreOffice reads it; totals are SUM formulas whose values are the
// query's, shown in the Vietnamese format; each figure's query is listed.
TEST_F(SampleTest, TheAnnexWorkbookOpensInLibreOfficeWithTheQueriesTotals) {
  Result written =
      Antq("report inspection --under 62 --period 2019..2022 --layout party --out annex.xlsx");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  Result converted = LibreOfficeToPdf("annex.xlsx");
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  const std::string text = PdfText(dir_, "annex.pdf", "-layout");
  for (const char* expected : {"Tổng cộng", "2.337", "527.846", "856", "5.138", "70/85",
                               "Huyện Tu Mơ Rông", "Thành phố Kon Tum", "Số liệu trong báo cáo",
                               "antq query --measure \"propaganda.sessions\" --under 62"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected;
  }
  // The totals are formulas, not typed numbers.
  Result sheet = antq::testing::RunCommand(dir_, "unzip -p annex.xlsx xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.out.find("<f>SUM(C4:C13)</f><v>2337</v>"), std::string::npos)
      << sheet.out.substr(0, 3000);
}

// The periodic report of a district for a quarter under decree09: the cut-off dates, the query's
// figures and the change against the same quarter a year before.
TEST_F(SampleTest, ThePeriodicReportStatesTheQuartersFiguresAndTheirChange) {
  Result written = Antq("report periodic --under 610 --period 2023Q1 --out q.pdf");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  const std::string text = PdfText(dir_, "q.pdf");
  EXPECT_NE(text.find("từ ngày 15/12/2022 đến ngày 14/03/2023"), std::string::npos)
      << text.substr(0, 1500);
  auto value = [&](const std::string& period) {
    Result r = Antq("query --measure propaganda.sessions --under 610 --period " + period +
                    " --calendar decree09 --format csv");
    return std::stod(r.out.substr(r.out.rfind(',') + 1));
  };
  const double now = value("2023Q1");
  const double before = value("2022Q1");
  EXPECT_NE(text.find(Grouped(now) + " buổi tuyên truyền"), std::string::npos) << now;
  EXPECT_NE(text.find(now > before ? "tăng" : "giảm"), std::string::npos);
  Result range = Antq("report periodic --under 610 --period 2022..2023 --out q.docx");
  EXPECT_EQ(range.exit_code, 1);
  EXPECT_NE(range.err.find("--period"), std::string::npos) << range.err;
}

// The English translation copy: the same figures in English number forms, the layout's lines
// and the headings in English, unit names with their type translated, and a note that the
// Vietnamese text is the official one. LibreOffice opens the DOCX.
TEST_F(SampleTest, TheEnglishCopyStatesTheSameFiguresInEnglish) {
  Result written = Antq(
      "report inspection --under 62 --period 2019..2022 --layout state --language en --out "
      "en.docx");
  ASSERT_EQ(written.exit_code, 0) << written.err;
  Result converted = LibreOfficeToPdf("en.docx");
  ASSERT_EQ(converted.exit_code, 0) << converted.err;
  const std::string text = PdfText(dir_, "en.pdf");
  Result totals = Antq(
      "query --measure propaganda.sessions,propaganda.participants,handin.sessions,"
      "handin.items --under 62 --period 2019..2022 --calendar gregorian --format json");
  ASSERT_EQ(totals.exit_code, 0) << totals.err;
  const auto values = nlohmann::json::parse(totals.out).at("rows").at(0).at("values");
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string grouped = Grouped(values.at(i).get<double>(), ',');
    EXPECT_NE(text.find(grouped), std::string::npos) << "measure " << i << " = " << grouped;
  }
  for (const char* expected :
       {"SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness",
        "The Vietnamese text is the official one", "II. RESULTS", "70/85 communes",
        "over 2,330 sessions", "Kon Tum Province", "Đắk Glei District", "Kon Tum City",
        "Ia H' Drai District", "Total", "Recipients:"}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << "\n" << text.substr(0, 3000);
  }
  for (const char* vietnamese : {"KẾT QUẢ THỰC HIỆN", "Tổng cộng", "Nơi nhận", "Huyện Đắk Glei"}) {
    EXPECT_EQ(text.find(vietnamese), std::string::npos) << vietnamese << " left untranslated";
  }
  // The DOCX says what language it is in.
  Result core = antq::testing::RunCommand(dir_, "unzip -p en.docx docProps/core.xml");
  EXPECT_NE(core.out.find("<dc:language>en-GB</dc:language>"), std::string::npos) << core.out;
  // The annex workbook shows its numbers the English way.
  ASSERT_EQ(Antq("report inspection --under 62 --period 2019..2022 --language en --out en.xlsx")
                .exit_code,
            0);
  ASSERT_EQ(LibreOfficeToPdf("en.xlsx").exit_code, 0);
  const std::string sheet = PdfText(dir_, "en.pdf", "-layout");
  for (const char* expected :
       {"Total", "527,846", "5,138", "Figures in the report", "Kon Tum City"}) {
    EXPECT_NE(sheet.find(expected), std::string::npos) << expected << "\n" << sheet.substr(0, 2000);
  }
  // The periodic report too, with the change against last year in English.
  Result periodic =
      Antq("report periodic --under 610 --period 2023Q1 --language en --out q-en.pdf");
  ASSERT_EQ(periodic.exit_code, 0) << periodic.err;
  const std::string q = PdfText(dir_, "q-en.pdf");
  EXPECT_NE(q.find("quarter I of 2023"), std::string::npos) << q.substr(0, 1500);
  EXPECT_NE(q.find("on the same period last year"), std::string::npos) << q.substr(0, 1500);
  EXPECT_NE(q.find("POLICE OF ĐẮK GLEI DISTRICT"), std::string::npos) << q.substr(0, 1500);
  Result french = Antq("report periodic --under 610 --period 2023Q1 --language fr --out f.pdf");
  EXPECT_EQ(french.exit_code, 1);
  EXPECT_NE(french.err.find("--language"), std::string::npos) << french.err;
  EXPECT_FALSE(fs::exists(dir_ / "f.pdf"));
}

// Reports against their deadline: every commune-month of 2019–2022 is due, the counts add up, the
// inspection report states them as a limitation, and a report submitted now counts as late.
TEST_F(SampleTest, LateAndMissingReportsAreCountedAndStated) {
  const fs::path own = dir_.string() + "-timeliness";
  fs::remove_all(own);
  fs::create_directories(own);
  for (const char* file : {"antq.db", "antq.db-wal"}) {
    if (fs::exists(dir_ / file)) fs::copy(dir_ / file, own / file);
  }
  auto run = [&](const std::string& args) { return RunAntq(own, args); };
  auto counts = [&] {
    Result r = run("values status --data-set commune-monthly --under 62 --period 2019..2022");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const std::string line = r.out.substr(r.out.rfind("commune-monthly:"));
    int due = 0, on_time = 0, late = 0, missing = 0;
    EXPECT_EQ(std::sscanf(line.c_str(),
                          "commune-monthly: %d báo cáo đến hạn / reports due (hạn 2 ngày sau ngày "
                          "chốt số liệu / due 2 days after the cut-off): %d đúng hạn / on time, %d "
                          "nộp chậm / late, %d chưa nộp / missing",
                          &due, &on_time, &late, &missing),
              4)
        << line;
    return std::array<int, 4>{due, on_time, late, missing};
  };
  const auto before = counts();
  EXPECT_EQ(before[0], 102 * 48) << "102 communes, 48 months";
  EXPECT_EQ(before[1] + before[2] + before[3], before[0]);
  EXPECT_GT(before[2], 0);
  EXPECT_GT(before[3], 0);
  // The list stops at --limit (50 by default) and says how many it left out; 0 lists all;
  // --state keeps the reports in those states.
  auto listed = [&](const std::string& options) {
    Result r =
        run("values status --data-set commune-monthly --under 62 --period 2019..2022 "
            "--format csv" +
            options);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return std::make_pair(std::count(r.out.begin(), r.out.end(), '\n') - 1, r.err);
  };
  const int not_on_time = before[2] + before[3];
  const auto [by_default, default_note] = listed("");
  EXPECT_EQ(by_default, 50);
  EXPECT_NE(default_note.find(std::to_string(before[0] - 50) + " more not listed"),
            std::string::npos)
      << default_note;
  EXPECT_EQ(listed(" --limit 7").first, 7);
  const auto [all, all_note] = listed(" --state submitted_late,overdue --limit 0");
  EXPECT_EQ(all, not_on_time);
  EXPECT_EQ(all_note.find("more not listed"), std::string::npos) << all_note;
  EXPECT_NE(all_note.find("Tỷ lệ báo cáo / reporting rate: " +
                          std::to_string(before[1] + before[2]) + "/" + std::to_string(before[0])),
            std::string::npos)
      << all_note;
  Result report = run("report inspection --under 62 --period 2019..2022 --out t.pdf");
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string text = PdfText(own, "t.pdf");
  EXPECT_NE(text.find("có " + Grouped(before[2]) + " báo cáo nộp chậm"), std::string::npos)
      << text.substr(0, 4000);
  EXPECT_NE(text.find("và " + Grouped(before[3]) + " báo cáo chưa nộp"), std::string::npos);
  // The warning-slip report of 2022-12 was never submitted; submitted today, it is late.
  ASSERT_EQ(run("values submit --unit 23449 --data-set commune-monthly --period 202212").exit_code,
            0);
  const auto after = counts();
  EXPECT_EQ(after[2], before[2] + 1);
  EXPECT_EQ(after[3], before[3] - 1);
  fs::remove_all(own);
}

TEST_F(SampleTest, ReportErrorsNameTheInput) {
  Result unknown = Antq("report inspection --under 99999 --period 2019..2022 --out x.docx");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("--under"), std::string::npos) << unknown.err;
  Result months = Antq("report inspection --under 62 --period 202201..202212 --out x.docx");
  EXPECT_EQ(months.exit_code, 1);
  EXPECT_NE(months.err.find("--period: an inspection report covers whole years"), std::string::npos)
      << months.err;
  Result odt = Antq("report inspection --under 62 --period 2022 --out x.odt");
  EXPECT_EQ(odt.exit_code, 1);
  EXPECT_NE(odt.err.find("--out"), std::string::npos) << odt.err;
  EXPECT_FALSE(fs::exists(dir_ / "x.docx"));
  EXPECT_FALSE(fs::exists(dir_ / "x.odt"));
  // A year with no figures is a report that says so, not an empty file.
  Result empty = Antq("report inspection --under 62 --period 2010 --out empty.docx");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_GT(fs::file_size(dir_ / "empty.docx"), 1000u);
  EXPECT_EQ(empty.out.find("hồ sơ kiểm tra"), std::string::npos)
      << "the 2019–2022 inspection says nothing of 2010: " << empty.out;
}

// "x/y xã đạt" as a query figure agrees with antq evaluate, by district and as an indicator.
TEST_F(SampleTest, QueryCountsTheUnitsThatMeetACriteriaSet) {
  Result total = Antq(
      "query --measure \"E{ntm-19.2.MET},E{ntm-19.2.ASSESSED},E{ntm-19.2.MET} / "
      "E{ntm-19.2.ASSESSED} * 100\" --under 62 --period 2022 --format csv");
  ASSERT_EQ(total.exit_code, 0) << total.err;
  EXPECT_NE(total.out.find("62,Tỉnh Kon Tum,2022,70,85,82.352941"), std::string::npos) << total.out;
  Result by_district = Antq(
      "query --measure \"E{atantt-commune.MET},E{atantt-commune.ASSESSED}\" --under 62 --by "
      "district --period 2022 --format csv");
  ASSERT_EQ(by_district.exit_code, 0) << by_district.err;
  EXPECT_NE(by_district.out.find("610,Huyện Đắk Glei,2022,9,12"), std::string::npos)
      << by_district.out;
  EXPECT_EQ(LastColumnTotal(by_district.out).first, 102) << by_district.out;
  Result evaluated = Antq("evaluate --criteria atantt-commune --under 610 --period 2022");
  EXPECT_NE(evaluated.out.find("2022: 9/12 đạt / met"), std::string::npos) << evaluated.out;
}

// "70/85" pivots by district like any figure: the districts' counts add up to the province's.
TEST_F(SampleTest, SeventyOfEightyFiveAddsUpFromTheDistricts) {
  Result met = Antq(
      "query --measure \"E{ntm-19.2.MET}\" --under 62 --by district --period 2022 --format csv");
  Result assessed = Antq(
      "query --measure \"E{ntm-19.2.ASSESSED}\" --under 62 --by district --period 2022 "
      "--format csv");
  ASSERT_EQ(met.exit_code, 0) << met.err;
  EXPECT_EQ(LastColumnTotal(met.out), std::make_pair(70.0, 10)) << met.out;
  EXPECT_EQ(LastColumnTotal(assessed.out), std::make_pair(85.0, 10)) << assessed.out;
}

// The shipped groups are empty but the sample's border group has members that change on
// 2025-07-01; a query filters by it, pivots by it and counts it, and an empty group answers 0.
TEST_F(SampleTest, UnitGroupsFilterPivotAndCountAcrossTheReform) {
  Result groups = Antq("units groups --at 2022-12-31 --format csv");
  ASSERT_EQ(groups.exit_code, 0) << groups.err;
  EXPECT_NE(groups.out.find("border,Xã biên giới,Border communes,13,"), std::string::npos)
      << groups.out;
  EXPECT_NE(groups.out.find("key-area,"), std::string::npos) << groups.out;
  // The members on each side of the reform: 13 communes of the 2019 districts, then the new
  // communes they merged into, under the new province.
  auto members = [](const std::string& csv, const std::string& mark) {
    int n = 0;
    for (size_t at = csv.find(mark); at != std::string::npos; at = csv.find(mark, at + 1)) ++n;
    return n;
  };
  Result before = Antq("units groups border --at 2022-12-31 --format csv");
  Result after = Antq("units groups border --at 2025-07-01 --format csv");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_EQ(members(before.out, ",commune,"), 13) << before.out;
  EXPECT_EQ(members(before.out, ",commune,51,"), 0) << before.out;
  EXPECT_GT(members(after.out, ",commune,51,2025-07-01,"), 0) << after.out;
  EXPECT_EQ(members(after.out, ",commune,"), members(after.out, ",commune,51,2025-07-01,"))
      << after.out;

  Result border = Antq(
      "query --measure propaganda.sessions --under 62 --group border --period 2019..2022 "
      "--format csv");
  Result by_group = Antq(
      "query --measure propaganda.sessions,OUG{border} --under 62 --by group --period 2019..2022 "
      "--format csv");
  Result all =
      Antq("query --measure propaganda.sessions --under 62 --period 2019..2022 --format csv");
  ASSERT_EQ(border.exit_code, 0) << border.err;
  ASSERT_EQ(by_group.exit_code, 0) << by_group.err;
  const double in_border = LastColumnTotal(border.out).first;
  EXPECT_GT(in_border, 0) << border.out;
  EXPECT_LT(in_border, LastColumnTotal(all.out).first) << all.out;
  // By group: the border row holds the filtered total and 13 members; the rest is in no group.
  EXPECT_NE(by_group.out.find("border,Xã biên giới,2019..2022," +
                              std::to_string(static_cast<long>(in_border)) + ",13"),
            std::string::npos)
      << by_group.out;

  Result empty =
      Antq("query --measure propaganda.sessions --under 62 --group key-area --period 2019..2022");
  ASSERT_EQ(empty.exit_code, 0) << empty.err;
  EXPECT_NE(empty.out.find("has no members yet"), std::string::npos) << empty.out;
  EXPECT_NE(empty.out.find("2019..2022  0"), std::string::npos) << empty.out;
  Result unknown =
      Antq("query --measure propaganda.sessions --under 62 --group coast --period 2022");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(
      unknown.err.find("--group: no unit group 'coast'; known: border, key-area, ethnic-mountain"),
      std::string::npos)
      << unknown.err;
}

// R{} reads the reporting workflow: the same rate as antq values status.
TEST_F(SampleTest, ReportingRatesInAQueryAgreeWithTheStatusOverview) {
  Result query = Antq(
      "query --measure \"R{commune-monthly.ACTUAL_REPORTS},R{commune-monthly.EXPECTED_REPORTS},"
      "R{commune-monthly.REPORTING_RATE}\" --under 51 --period 2025Q3 --format csv");
  ASSERT_EQ(query.exit_code, 0) << query.err;
  Result status = Antq("values status --data-set commune-monthly --under 51 --period 2025Q3");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_NE(status.out.find("118/120"), std::string::npos) << status.out;
  EXPECT_NE(query.out.find("2025Q3,118,120,98.333333"), std::string::npos) << query.out;
}

TEST_F(SampleTest, QueryByDistrictTotalsWhatTheRegisterCounts) {
  Result summary = Antq(
      "events summary --register propaganda --under 62 --from 2019-01-01 --to 2022-12-31 "
      "--format csv");
  Result sessions = Antq(
      "query --measure propaganda.sessions --under 62 --by district --period 2019..2022 "
      "--calendar gregorian --format csv");
  Result people = Antq(
      "query --measure propaganda.participants --under 62 --by district --period 2019..2022 "
      "--calendar gregorian --format csv");
  ASSERT_EQ(sessions.exit_code, 0) << sessions.err;
  EXPECT_EQ(LastColumnTotal(sessions.out).second, 10) << sessions.out;
  EXPECT_EQ(LastColumnTotal(sessions.out).first, std::stod(Measure(summary.out, "events")));
  EXPECT_EQ(LastColumnTotal(people.out).first, std::stod(Measure(summary.out, "participants")));
}

TEST_F(SampleTest, QueryCarriesOldEventsIntoTheNewUnits) {
  Result remapped = Antq(
      "query --measure propaganda.sessions --under 51 --as-of 2025-07-01 --by commune "
      "--period 2019..2022 --calendar gregorian --format csv");
  ASSERT_EQ(remapped.exit_code, 0) << remapped.err;
  Result summary = Antq(
      "events summary --register propaganda --under 62 --from 2019-01-01 --to 2022-12-31 "
      "--format csv");
  const auto [total, rows] = LastColumnTotal(remapped.out);
  EXPECT_EQ(rows, 40);
  EXPECT_EQ(total, std::stod(Measure(summary.out, "events")));
}

TEST_F(SampleTest, QueryErrorsSayWhichPartIsWrong) {
  Result measure = Antq("query --measure nothing --under 62 --period 2022");
  EXPECT_EQ(measure.exit_code, 1);
  EXPECT_NE(measure.err.find("--measure: unknown measure 'nothing'"), std::string::npos)
      << measure.err;
  Result range = Antq("query --measure propaganda.sessions --under 62 --period 2022..2019");
  EXPECT_EQ(range.exit_code, 1);
  EXPECT_NE(range.err.find("--period: the range 2022..2019 ends before it starts"),
            std::string::npos);
  Result as_of =
      Antq("query --measure propaganda.sessions --under 62 --as-of 2025-07-01 --period 2022");
  EXPECT_EQ(as_of.exit_code, 1);
  EXPECT_NE(as_of.err.find("--under: unit 62 (Tỉnh Kon Tum) did not exist on 2025-07-01"),
            std::string::npos)
      << as_of.err;
  Result expression = Antq(
      "query --measure \"#{propaganda.participants} / (#{propaganda.sessions}\" --under 62 "
      "--period 2022");
  EXPECT_EQ(expression.exit_code, 1);
  EXPECT_NE(expression.err.find("column"), std::string::npos) << expression.err;
  Result ratio = Antq(
      "query --measure \"#{propaganda.participants} / #{propaganda.sessions}\" --under 62 "
      "--period 2019..2022 --format csv");
  EXPECT_EQ(ratio.exit_code, 0) << ratio.err;
  EXPECT_NEAR(LastColumnTotal(ratio.out).first, 527846.0 / 2337.0, 0.5) << ratio.out;
  // Commas inside a function call do not split the measure list.
  Result functions = Antq(
      "query --measure \"firstNonNull(#{tips.valuable}, 0),tips.received\" --under 23317 "
      "--period 202303 --format csv");
  EXPECT_EQ(functions.exit_code, 0) << functions.err;
  EXPECT_EQ(functions.out.substr(0, functions.out.find('\n')),
            "unit_code,unit,period,\"firstNonNull(#{tips.valuable}, 0)\",tips.received");
}

TEST_F(SampleTest, AuditShowsTheLatestChanges) {
  Result set = Antq(
      "--user can-bo-xa values set --unit 23317 --data-set commune-monthly --period 202303 "
      "tips.received=99");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_NE(set.out.find("1 updated"), std::string::npos) << set.out;
  Result r = Antq("audit --under 62 --limit 5 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  std::istringstream lines(r.out);
  std::string header, first, second;
  std::getline(lines, header);
  std::getline(lines, first);
  std::getline(lines, second);
  EXPECT_EQ(header, "id,at,user,action,unit_code,unit,subject,old_value,new_value");
  // The sample's report of 2023-03 was submitted, so the change first reopens it; newest first.
  EXPECT_NE(second.find(",can-bo-xa,report.reopen,23317,Xã Ngọk Bay,commune-monthly/202303,"
                        "submitted,draft"),
            std::string::npos)
      << second;
  EXPECT_NE(first.find(",can-bo-xa,value.set,23317,Xã Ngọk Bay,tips.received/202303,"),
            std::string::npos)
      << first;
  EXPECT_EQ(first.substr(first.rfind(',') + 1), "99");
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 6);
}

TEST_F(SampleTest, AKilledImportLeavesTheStoreAsItWas) {
  // A large file, so that the import is still running when it is killed.
  {
    std::ofstream csv(dir_ / "big.csv");
    csv << "date,unit,participants,place\n";
    for (int i = 0; i < 300000; ++i) {
      csv << "2021-0" << 1 + i % 9 << "-1" << i % 10 << ",23317," << 10 + i % 500 << ",Thôn " << i
          << "\n";
    }
  }
  const std::string before = Antq("events summary --register propaganda --format csv").out;
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    ::chdir(dir_.c_str());
    ::execl(ANTQ_BINARY, ANTQ_BINARY, "--db", "sqlite:antq.db", "events", "import", "big.csv",
            "--register", "propaganda", static_cast<char*>(nullptr));
    ::_exit(127);
  }
  // Kill it while it writes: when the write-ahead log has grown by a megabyte.
  const fs::path wal = dir_ / "antq.db-wal";
  const auto base = fs::exists(wal) ? fs::file_size(wal) : 0;
  bool writing = false;
  for (int i = 0; i < 6000 && !writing; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::error_code ec;
    const auto size = fs::file_size(wal, ec);
    writing = !ec && size > base + (1 << 20);
  }
  EXPECT_TRUE(writing) << "the import never started writing";
  ::kill(pid, SIGKILL);
  int status = 0;
  ::waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the import finished before it could be killed";
  EXPECT_EQ(Antq("events summary --register propaganda --format csv").out, before);
  Result check = Antq("units list --under 62 --at 2022-12-31 --format csv");
  EXPECT_EQ(check.exit_code, 0) << check.err;
}

// Issue 23, the table of what went wrong: each row repeated as written is refused, naming the
// field and the value, and nothing is stored.
TEST_F(SampleTest, HostileValuesAreRefusedNamingTheFieldAndTheValue) {
  const std::string query =
      "query --measure propaganda.participants,tips.received --under 23317 --period 2023 "
      "--format csv";
  const std::string before = Antq(query).out;
  const std::string values_before =
      Antq("values get --data-set commune-monthly --under 23317 --period 202303 --format csv").out;
  const std::string audit_before = Antq("audit --under 62 --limit 1 --format csv").out;
  struct Row {
    std::string value;
    std::string message;
  };
  for (const Row& row : std::vector<Row>{
           {"99999999999999999999",
            "tips.received: '99999999999999999999' is out of range; write a whole number from 0 "
            "to 2147483647, digits only"},
           {"1e3",
            "tips.received: '1e3' is not a whole number (an exponent is not allowed); write a "
            "whole number from 0 to 2147483647, digits only"},
           {"-3",
            "tips.received: '-3' is negative; write a whole number from 0 to 2147483647, digits "
            "only"}}) {
    Result r = Antq(
        "values set --unit 23317 --data-set commune-monthly --period 202303 "
        "tips.received=" +
        row.value);
    EXPECT_EQ(r.exit_code, 1) << row.value;
    EXPECT_EQ(r.err, "antq: error: " + row.message + "\n") << row.value;
  }
  // The same values in a propaganda CSV, and a text cell with a NUL byte and one of 20 MB.
  const std::vector<std::pair<std::string, std::string>> rows = {
      {"2023-03-05,23317,Thôn 2,99999999999999999999",
       ":2:4: participants: '99999999999999999999' is out of range"},
      {"2023-03-05,23317,Thôn 2,1e3", ":2:4: participants: '1e3' is not a whole number"},
      {"2023-03-05,23317,Thôn" + std::string(1, '\0') + "2,5",
       ":2:3: place: character 5 is a control character (U+0000)"},
      {"2023-03-05,23317," + std::string(20 << 20, 'x') + ",5",
       ":2:3: place: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx…' (20971520 characters) is too "
       "long"},
  };
  for (const auto& [line, message] : rows) {
    std::ofstream(dir_ / "hostile.csv", std::ios::binary) << "date,unit,place,participants\n"
                                                          << line << "\n";
    Result r = Antq("events import hostile.csv --register propaganda");
    EXPECT_EQ(r.exit_code, 1);
    EXPECT_NE(r.err.find("hostile.csv" + message), std::string::npos) << r.err.substr(0, 500);
    EXPECT_LT(r.err.size(), 1000u) << "the error must not echo the 20 MB cell";
  }
  EXPECT_EQ(Antq(query).out, before);
  EXPECT_EQ(
      Antq("values get --data-set commune-monthly --under 23317 --period 202303 --format csv").out,
      values_before);
  EXPECT_EQ(Antq("audit --under 62 --limit 1 --format csv").out, audit_before);
}

TEST_F(SampleTest, TheSamplePassesTheStoredDataCheckAndABadRowIsNamed) {
  Result ok = Antq("check");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("số liệu / values"), std::string::npos) << ok.out;
  EXPECT_NE(ok.out.find("; 0 vấn đề / problem(s)"), std::string::npos) << ok.out;
  fs::copy_file(dir_ / "antq.db", dir_ / "bad.db", fs::copy_options::overwrite_existing);
  // A negative count and a text in a number field, put in behind ANTQ's back.
  Result edit = antq::testing::RunCommand(
      dir_,
      "sqlite3 bad.db \"UPDATE data_values SET number = -5 WHERE element = 'tips.received' AND "
      "period = '202303' AND unit_id = (SELECT unit_id FROM unit_versions WHERE code = '23317' "
      "AND valid_to IS NOT NULL); UPDATE events SET fields = json_set(fields, '$.participants', "
      "'nhiều') WHERE id = (SELECT min(id) FROM events WHERE register = 'propaganda')\"");
  ASSERT_EQ(edit.exit_code, 0) << edit.err;
  Result bad = RunAntq(dir_, "check --format csv", "bad.db");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("value,23317,tips.received,202303,'-5',\"-5 is out of range"),
            std::string::npos)
      << bad.out;
  EXPECT_NE(bad.out.find(": participants,"), std::string::npos) << bad.out;
  EXPECT_NE(bad.out.find("\"'\"\"nhiều\"\"'\",\"the stored JSON is a string, not a whole number"),
            std::string::npos)
      << bad.out;
  EXPECT_NE(bad.err.find("2 vấn đề / problem(s)"), std::string::npos) << bad.err;
  EXPECT_NE(bad.err.find("nothing was changed"), std::string::npos) << bad.err;
  // The check only reads: it finds the same rows again.
  EXPECT_EQ(RunAntq(dir_, "check --format csv", "bad.db").out, bad.out);
}

// Issue 17: the audit log is a hash chain; `antq audit verify` names the row after one is
// altered, deleted or inserted behind ANTQ's back with sqlite3.
TEST_F(SampleTest, AuditVerifyNamesAlteredDeletedAndInsertedRows) {
  Result ok = Antq("audit verify");
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
  EXPECT_NE(ok.out.find("the audit chain is intact"), std::string::npos) << ok.out;
  struct Tamper {
    std::string sql;
    std::string names;
  };
  const std::vector<Tamper> tampers = {
      {"DROP TRIGGER audit_log_no_update; UPDATE audit_log SET new_value = '999' WHERE id = 100",
       "row 100: the row was altered"},
      {"DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE id = 200",
       "row 201: row 200 was removed"},
      {"INSERT INTO audit_log(id, at, user_name, client, action, subject, prev_hash, hash) "
       "SELECT max(id) + 1, '2026-12-06T00:00:00Z', 'x', '', 'value.set', 'forged', '', '' FROM "
       "audit_log",
       "the row was inserted or replaced"},
  };
  for (const Tamper& t : tampers) {
    fs::copy_file(dir_ / "antq.db", dir_ / "tampered.db", fs::copy_options::overwrite_existing);
    Result edit = antq::testing::RunCommand(dir_, "sqlite3 tampered.db \"" + t.sql + "\"");
    ASSERT_EQ(edit.exit_code, 0) << edit.err;
    Result bad = RunAntq(dir_, "audit verify", "tampered.db");
    EXPECT_EQ(bad.exit_code, 1) << t.sql;
    EXPECT_NE(bad.out.find(t.names), std::string::npos) << bad.out;
    EXPECT_NE(bad.err.find("the audit chain is broken"), std::string::npos) << bad.err;
  }
  // Without dropping its guards, the log refuses to be changed at all.
  fs::copy_file(dir_ / "antq.db", dir_ / "tampered.db", fs::copy_options::overwrite_existing);
  Result refused = antq::testing::RunCommand(
      dir_, "sqlite3 tampered.db \"UPDATE audit_log SET new_value = '1' WHERE id = 5\"");
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_NE(refused.err.find("the audit log is append-only"), std::string::npos) << refused.err;
}

}  // namespace
