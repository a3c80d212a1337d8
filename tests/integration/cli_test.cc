// Runs the real antq binary the way a user would and checks what it prints and its exit code.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "integration/run_antq.h"

namespace {

namespace fs = std::filesystem;

using antq::testing::RunAntq;
using Result = antq::testing::RunResult;

size_t Lines(const std::string& text) {
  return static_cast<size_t>(std::count(text.begin(), text.end(), '\n'));
}

class CliTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = fs::temp_directory_path() / ("antq-cli-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Result init = Antq("init");
    ASSERT_EQ(init.exit_code, 0) << init.err;
  }
  static void TearDownTestSuite() { fs::remove_all(dir_); }

  // Runs `antq --db sqlite:<dir>/antq.db ARGS` from the test folder.
  static Result Antq(const std::string& args, const std::string& db = "antq.db") {
    return RunAntq(dir_, args, db);
  }

  static fs::path dir_;
};

fs::path CliTest::dir_;

TEST_F(CliTest, VersionAndHelp) {
  Result v = Antq("--version");
  EXPECT_EQ(v.exit_code, 0);
  EXPECT_NE(v.out.find("antq 0."), std::string::npos);
  for (const char* cmd :
       {"--help", "init --help", "units --help", "units list --help", "units show --help",
        "units lineage --help", "units search --help", "units import --help", "period show --help",
        "period of --help", "demo --help"}) {
    Result h = Antq(cmd);
    EXPECT_EQ(h.exit_code, 0) << cmd;
    EXPECT_NE(h.out.find("Usage"), std::string::npos) << cmd;
  }
}

TEST_F(CliTest, UsageErrorsExitWith2) {
  EXPECT_EQ(Antq("").exit_code, 2);
  EXPECT_EQ(Antq("units frobnicate").exit_code, 2);
  EXPECT_EQ(Antq("units list --format xml").exit_code, 2);
  EXPECT_EQ(Antq("units show").exit_code, 2);
}

TEST_F(CliTest, ListsKonTumBefore2025) {
  Result all = Antq("units list --under 62 --at 2022-12-31 --format csv");
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_EQ(Lines(all.out), 113u);  // header + 112 units
  Result communes = Antq("units list --under 62 --at 2022-12-31 --level commune --format csv");
  ASSERT_EQ(communes.exit_code, 0);
  EXPECT_EQ(Lines(communes.out), 103u);
  size_t xa = 0, phuong = 0, thi_tran = 0;
  std::istringstream rows(communes.out);
  for (std::string line; std::getline(rows, line);) {
    xa += line.find(",Xã,") != std::string::npos;
    phuong += line.find(",Phường,") != std::string::npos;
    thi_tran += line.find(",Thị trấn,") != std::string::npos;
  }
  EXPECT_EQ(xa, 85u);
  EXPECT_EQ(phuong, 10u);
  EXPECT_EQ(thi_tran, 7u);
}

TEST_F(CliTest, ListsFormerKonTumAreaAfter2025AndExplainsTheOldProvince) {
  Result after = Antq("units list --under 51 --at 2025-07-01 --level commune --format json");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  size_t objects = 0;
  for (size_t p = after.out.find("\"code\""); p != std::string::npos;
       p = after.out.find("\"code\"", p + 1)) {
    ++objects;
  }
  EXPECT_EQ(objects, 40u);
  Result gone = Antq("units list --under 62 --at 2025-07-01");
  EXPECT_EQ(gone.exit_code, 1);
  EXPECT_NE(gone.err.find("unit 62 (Tỉnh Kon Tum) did not exist on 2025-07-01"), std::string::npos)
      << gone.err;
  EXPECT_NE(gone.err.find("successor is 51 Tỉnh Quảng Ngãi"), std::string::npos) << gone.err;
}

TEST_F(CliTest, ShowsACodeOnBothSidesOfTheReorganisation) {
  Result before = Antq("units show 23425 --at 2022-01-01");
  ASSERT_EQ(before.exit_code, 0) << before.err;
  EXPECT_NE(before.out.find("Xã Đắk Hà"), std::string::npos);
  EXPECT_NE(before.out.find("Huyện Tu Mơ Rông"), std::string::npos);
  Result after = Antq("units show 23425 --at 2025-08-01 --format json");
  ASSERT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("\"name\": \"Xã Tu Mơ Rông\""), std::string::npos) << after.out;
}

TEST_F(CliTest, LineageOfPhuongKonTum) {
  Result r = Antq("units lineage 23293 --at 2025-07-01 --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Lines(r.out), 6u);
  for (const char* ward : {"Phường Quang Trung", "Phường Quyết Thắng", "Phường Trường Chinh",
                           "Phường Thắng Lợi", "Phường Thống Nhất"}) {
    EXPECT_NE(r.out.find(ward), std::string::npos) << ward;
  }
}

TEST_F(CliTest, SearchIsAccentInsensitiveIncludingNfdInput) {
  Result r = Antq("units search \"dak ha\" --format csv");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("23500,Thị trấn Đắk Hà,Thị trấn,commune,615,,2025-06-30"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("23425,Xã Đắk Hà,Xã,commune,617,,2025-06-30"), std::string::npos);
  EXPECT_NE(r.out.find("23500,Xã Đăk Hà,Xã,commune,51,2025-07-01,"), std::string::npos);
  // The same query typed with combining marks (NFD): "Đắk Hà" = Đ a U+0306 U+0301 k H a U+0300.
  Result nfd = Antq("units search \"\xc4\x90\x61\xcc\x86\xcc\x81k Ha\xcc\x80\" --format csv");
  ASSERT_EQ(nfd.exit_code, 0) << nfd.err;
  EXPECT_EQ(nfd.out, r.out);
  Result ngok = Antq("units search \"ngok bay\" --format csv");
  EXPECT_NE(ngok.out.find("Xã Ngọk Bay"), std::string::npos);
}

TEST_F(CliTest, PeriodWindows) {
  EXPECT_EQ(Antq("period show 202303 --calendar decree09").out, "2023-02-15..2023-03-14\n");
  EXPECT_EQ(Antq("period show 2023Q1 --calendar decree09").out, "2022-12-15..2023-03-14\n");
  EXPECT_EQ(Antq("period show 2023 --calendar decree09").out, "2022-12-15..2023-12-14\n");
  EXPECT_EQ(Antq("period show 2022 --calendar tt124-commune").out, "2021-11-16..2022-11-15\n");
  EXPECT_EQ(Antq("period show 202303").out, "2023-03-01..2023-03-31\n");
  EXPECT_EQ(Antq("period show 2023Q1 --calendar gregorian").out, "2023-01-01..2023-03-31\n");
  EXPECT_EQ(Antq("period show 2023 --calendar gregorian").out, "2023-01-01..2023-12-31\n");
  EXPECT_EQ(Antq("period of 2023-03-15 --type monthly --calendar decree09").out,
            "202304 2023-03-15..2023-04-14\n");
}

TEST_F(CliTest, BadInputNamesTheArgument) {
  Result unknown = Antq("units show 99999 --at 2022-01-01");
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no unit has code '99999'"), std::string::npos) << unknown.err;
  Result period = Antq("period show 2023Q5 --calendar decree09");
  EXPECT_EQ(period.exit_code, 1);
  EXPECT_NE(period.err.find("'2023Q5' is not a period code"), std::string::npos) << period.err;
  Result date = Antq("units list --under 62 --at 2023-02-30");
  EXPECT_EQ(date.exit_code, 1);
  EXPECT_NE(date.err.find("--at: 2023-02-30 is not a date"), std::string::npos) << date.err;
  Result utf8 = Antq("units search \"$(printf '\\377\\376')\"");
  EXPECT_EQ(utf8.exit_code, 1);
  EXPECT_NE(utf8.err.find("TEXT: invalid UTF-8"), std::string::npos) << utf8.err;
  Result calendar = Antq("period show 2023 --calendar lunar");
  EXPECT_EQ(calendar.exit_code, 1);
  EXPECT_NE(calendar.err.find("--calendar: unknown calendar 'lunar'"), std::string::npos);
  Result level = Antq("units list --under 62 --at 2022-01-01 --level hamlet");
  EXPECT_EQ(level.exit_code, 1);
  EXPECT_NE(level.err.find("--level"), std::string::npos);
  Result nodb = Antq("units list", "missing.db");
  EXPECT_EQ(nodb.exit_code, 1);
  EXPECT_NE(nodb.err.find("antq init"), std::string::npos);
  EXPECT_FALSE(fs::exists(dir_ / "missing.db"));
}

TEST_F(CliTest, BadUnitsFileIsRejectedWholeAndNamesTheLine) {
  const std::string before = Antq("units list --at 2025-07-01 --format csv").out;
  std::ofstream(dir_ / "bad-parent.tsv")
      << "antq-units\t1\n# comment\nunit\t99001\tcommune\tXã\tMột\t51\t2025-07-01\t\n"
         "unit\t99002\tcommune\tXã\tHai\t12345\t2025-07-01\t\n";
  Result r = Antq("units import bad-parent.tsv");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("bad-parent.tsv:4: parent: parent unit 12345 does not exist on 2025-07-01"),
            std::string::npos)
      << r.err;
  std::ofstream(dir_ / "overlap.tsv")
      << "antq-units\t1\nunit\t99001\tcommune\tXã\tMột\t51\t2025-07-01\t\n"
         "unit\t99001\tcommune\tXã\tMột mới\t51\t2026-01-01\t\n";
  Result o = Antq("units import overlap.tsv");
  EXPECT_EQ(o.exit_code, 1);
  EXPECT_NE(o.err.find("overlap.tsv:3: valid_from: code 99001 already has a version"),
            std::string::npos)
      << o.err;
  std::ofstream(dir_ / "bad-utf8.tsv") << "antq-units\t1\nunit\t99001\tcommune\tXã\tM\xff\t51\n";
  Result u = Antq("units import bad-utf8.tsv");
  EXPECT_EQ(u.exit_code, 1);
  EXPECT_NE(u.err.find("bad-utf8.tsv: invalid UTF-8"), std::string::npos) << u.err;
  EXPECT_EQ(Antq("units list --at 2025-07-01 --format csv").out, before);
}

TEST_F(CliTest, ImportTwiceSaysNothingChanged) {
  std::ofstream(dir_ / "good.tsv")
      << "antq-units\t1\nunit\t99101\tcommune\tXã\tThử\t51\t2025-07-01\t\n";
  Result first = Antq("units import good.tsv");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("1 unit version(s)"), std::string::npos);
  Result second = Antq("units import good.tsv");
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_NE(second.out.find("nothing new"), std::string::npos) << second.out;
}

TEST_F(CliTest, FailedInitOnANewDatabaseLeavesNoFile) {
  fs::create_directories(dir_ / "baddata" / "units");
  std::ofstream(dir_ / "baddata" / "units" / "x.tsv") << "not a units file\n";
  Result r = Antq("--data-dir baddata init", "fresh.db");
  EXPECT_EQ(r.exit_code, 1);
  // The file is named as the user gave its folder, not as the shipped data folder.
  EXPECT_NE(r.err.find("baddata/units/x.tsv:1"), std::string::npos) << r.err;
  EXPECT_FALSE(fs::exists(dir_ / "fresh.db"));
}

}  // namespace

// `antq inspection`: an inspection opened, a finding and a recommendation recorded, followed up
// and shown, through the same use cases as the API.
TEST_F(CliTest, AnInspectionIsOpenedRecordedAndFollowedUp) {
  Result opened = Antq(
      "inspection open --decision 45-QĐ/TU --decision-date 2023-03-01 --issuing-body 'Tỉnh ủy' "
      "--subject 'Kiểm tra Kết luận 44-KL/TW' --scope 62 --scope-at 2022-12-31 --period 2019..2022 "
      "--team 'Trưởng đoàn|Ban Nội chính Tỉnh ủy'");
  ASSERT_EQ(opened.exit_code, 0) << opened.err;
  EXPECT_NE(opened.out.find("inspection opened: 1 (45-QĐ/TU 2023-03-01, 2019..2022)"),
            std::string::npos)
      << opened.out;
  Result bad_team = Antq(
      "inspection open --decision 46 --decision-date 2023-03-01 --issuing-body x --subject y "
      "--scope 62 --period 2022 --team 'no bar'");
  EXPECT_EQ(bad_team.exit_code, 2);
  EXPECT_NE(bad_team.err.find("--team"), std::string::npos) << bad_team.err;
  ASSERT_EQ(
      Antq("inspection finding 1 --text 'Mô hình tự quản hoạt động tốt' --unit 610").exit_code, 0);
  Result rec =
      Antq("inspection recommend 1 --text 'Kiện toàn tổ an ninh' --unit 610 --deadline 2023-06-30");
  ASSERT_EQ(rec.exit_code, 0) << rec.err;
  Result overdue = Antq("--format csv inspection follow-up --status overdue");
  ASSERT_EQ(overdue.exit_code, 0) << overdue.err;
  EXPECT_NE(overdue.out.find("Kiện toàn tổ an ninh,610 Huyện Đắk Glei,2023-06-30,overdue"),
            std::string::npos)
      << overdue.out;
  Result bad_date = Antq("inspection recommend 1 --text x --unit 610 --deadline 2023-02-30");
  EXPECT_EQ(bad_date.exit_code, 1);
  EXPECT_NE(bad_date.err.find("--deadline"), std::string::npos) << bad_date.err;
  ASSERT_EQ(Antq("inspection follow 1 --status done --evidence 'Đã kiện toàn'").exit_code, 0);
  Result shown = Antq("inspection show 1");
  ASSERT_EQ(shown.exit_code, 0) << shown.err;
  EXPECT_NE(shown.out.find("Mô hình tự quản hoạt động tốt — 610 Huyện Đắk Glei"), std::string::npos)
      << shown.out;
  EXPECT_NE(shown.out.find("hạn / due 2023-06-30, done"), std::string::npos) << shown.out;
  Result json = Antq("--format json inspection show 1");
  ASSERT_EQ(json.exit_code, 0);
  EXPECT_NE(json.out.find("\"findings\""), std::string::npos) << json.out;
  Result missing = Antq("inspection show 99");
  EXPECT_EQ(missing.exit_code, 1);
}

// A server asked to log must not run without its log.
TEST_F(CliTest, ServeRefusesAnAccessLogItCannotOpen) {
  Result r = Antq("serve --listen 127.0.0.1:0 --access-log /nonexistent-antq-folder/access.log");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("--access-log: cannot open /nonexistent-antq-folder/access.log"),
            std::string::npos)
      << r.err;
}
