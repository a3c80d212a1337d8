#include "app/units_use_cases.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

Date D(const char* text) { return *Date::Parse(text); }

// Each test gets its own folder with a fresh copy of nothing but what it makes.
class UnitsUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override { db_ = antq::testing::TestDatabaseUrl(dir_, "antq"); }

  Workspace Init() {
    auto report = InitDatabase(db_, ANTQ_SOURCE_DATA_DIR);
    EXPECT_TRUE(report) << report.error().ToString();
    auto ws = Workspace::Open(db_, OpenMode::kMustExist);
    EXPECT_TRUE(ws);
    return std::move(*ws);
  }

  fs::path Write(const std::string& name, const std::string& text) {
    const fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << text;
    return p;
  }

  // Every row of every table, to compare the database before and after a failed write.
  std::string Dump() {
    auto ws = Workspace::Open(db_, OpenMode::kMustExist);
    if (!ws) return "unopenable: " + ws.error().ToString();
    std::string out;
    for (const UnitVersion& v : ws->units().versions()) {
      out += v.code + "|" + v.FullName() + "|" + v.valid.ToString() + "\n";
    }
    out += std::to_string(ws->units().events().size());
    return out;
  }

  static std::map<std::string, int> CountTypes(const std::vector<const UnitVersion*>& units) {
    std::map<std::string, int> n;
    for (const UnitVersion* v : units) ++n[v->type];
    return n;
  }

  antq::testing::TempDir temp_{"antq-app"};
  const fs::path& dir_ = temp_.path();
  std::string db_;
};

TEST_F(UnitsUseCasesTest, KonTumBefore2025Has10DistrictsAnd102Communes) {
  Workspace ws = Init();
  auto all = ListUnits(ws, Admin(), {"62", D("2022-12-31"), {}});
  ASSERT_TRUE(all);
  EXPECT_EQ(all->size(), 112u);
  auto communes = ListUnits(ws, Admin(), {"62", D("2022-12-31"), UnitLevel::kCommune});
  ASSERT_TRUE(communes);
  EXPECT_EQ(communes->size(), 102u);
  EXPECT_EQ(CountTypes(*communes),
            (std::map<std::string, int>{{"Xã", 85}, {"Phường", 10}, {"Thị trấn", 7}}));
  auto districts = ListUnits(ws, Admin(), {"62", D("2022-12-31"), UnitLevel::kDistrict});
  ASSERT_TRUE(districts);
  EXPECT_EQ(districts->size(), 10u);
}

TEST_F(UnitsUseCasesTest, FormerKonTumAreaAfter2025Has40Communes) {
  Workspace ws = Init();
  auto communes = ListUnits(ws, Admin(), {"51", D("2025-07-01"), UnitLevel::kCommune});
  ASSERT_TRUE(communes);
  EXPECT_EQ(communes->size(), 40u);
  EXPECT_EQ(CountTypes(*communes), (std::map<std::string, int>{{"Xã", 37}, {"Phường", 3}}));
  auto gone = ListUnits(ws, Admin(), {"62", D("2025-07-01"), {}});
  ASSERT_FALSE(gone);
  EXPECT_NE(gone.error().message().find("did not exist on 2025-07-01"), std::string::npos);
  EXPECT_NE(gone.error().message().find("successor is 51"), std::string::npos);
  EXPECT_EQ(gone.error().where(), "under");
}

TEST_F(UnitsUseCasesTest, EveryOldCommuneHasExactlyOneSuccessor) {
  Workspace ws = Init();
  auto communes = ListUnits(ws, Admin(), {"62", D("2025-06-30"), UnitLevel::kCommune});
  ASSERT_TRUE(communes);
  std::map<std::string, int> per_new_unit;
  for (const UnitVersion* v : *communes) {
    int successors = 0;
    for (const LineageEvent* e : ws.units().EventsFrom(v->unit_id)) {
      for (const LineageLink& l : e->links) {
        if (l.from != v->unit_id) continue;
        ++successors;
        ++per_new_unit[ws.units().VersionOf(l.to, e->date)->code];
      }
    }
    EXPECT_EQ(successors, 1) << v->code << " " << v->FullName();
  }
  EXPECT_EQ(per_new_unit.size(), 40u);
}

TEST_F(UnitsUseCasesTest, CodeReuseAcrossTheReorganisation) {
  Workspace ws = Init();
  auto before = ShowUnit(ws, Admin(), "23425", D("2022-01-01"));
  ASSERT_TRUE(before);
  EXPECT_EQ(before->version->FullName(), "Xã Đắk Hà");
  ASSERT_FALSE(before->ancestors.empty());
  EXPECT_EQ(before->ancestors[0]->FullName(), "Huyện Tu Mơ Rông");
  auto after = ShowUnit(ws, Admin(), "23425", D("2025-08-01"));
  ASSERT_TRUE(after);
  EXPECT_EQ(after->version->FullName(), "Xã Tu Mơ Rông");
  EXPECT_NE(before->version->unit_id, after->version->unit_id);
  // Hà Mòn went to Xã Đăk Hà (NQ 1677 Art. 1 cl. 56), not to Tu Mơ Rông.
  auto ha_mon = UnitLineage(ws, Admin(), "23521", D("2025-06-30"));
  ASSERT_TRUE(ha_mon);
  ASSERT_EQ(ha_mon->size(), 1u);
  EXPECT_EQ((*ha_mon)[0].unit->FullName(), "Xã Đăk Hà");
}

TEST_F(UnitsUseCasesTest, PhuongKonTumWasFormedFromFiveWards) {
  Workspace ws = Init();
  auto rows = UnitLineage(ws, Admin(), "23293", D("2025-07-01"));
  ASSERT_TRUE(rows);
  std::vector<std::string> names;
  for (const LineageRow& r : *rows) {
    EXPECT_EQ(r.direction, "from");
    names.push_back(r.unit->FullName());
  }
  EXPECT_EQ(names, (std::vector<std::string>{"Phường Quang Trung", "Phường Quyết Thắng",
                                             "Phường Thắng Lợi", "Phường Thống Nhất",
                                             "Phường Trường Chinh"}));
}

TEST_F(UnitsUseCasesTest, AMovedCommuneShowsOneLineageRow) {
  Workspace ws = Init();
  auto rows = UnitLineage(ws, Admin(), "23368", D("2025-07-01"));
  ASSERT_TRUE(rows);
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].direction, "from");
  EXPECT_EQ((*rows)[0].event->kind, LineageKind::kMove);
  EXPECT_EQ((*rows)[0].unit->FullName(), "Xã Đắk Long");
}

TEST_F(UnitsUseCasesTest, UnchangedCommunesKeepTheirIdentity) {
  Workspace ws = Init();
  for (const char* code : {"23368", "23530", "23535", "23536"}) {
    const UnitVersion* before = ws.units().Find(code, D("2025-06-30"));
    const UnitVersion* after = ws.units().Find(code, D("2025-07-01"));
    ASSERT_NE(before, nullptr) << code;
    ASSERT_NE(after, nullptr) << code;
    EXPECT_EQ(before->unit_id, after->unit_id) << code;
  }
}

TEST_F(UnitsUseCasesTest, SearchFindsSpellingVariantsWithTheirDates) {
  Workspace ws = Init();
  auto hits = SearchUnits(ws, Admin(), "dak ha", {});
  ASSERT_TRUE(hits);
  std::vector<std::string> found;
  for (const UnitVersion* v : *hits) found.push_back(v->FullName() + " " + v->valid.ToString());
  for (const char* expected :
       {"Thị trấn Đắk Hà ..2025-06-30", "Xã Đắk Hà ..2025-06-30", "Xã Đăk Hà 2025-07-01.."}) {
    EXPECT_NE(std::find(found.begin(), found.end(), expected), found.end()) << expected;
  }
  auto ngok = SearchUnits(ws, Admin(), "ngok bay", D("2022-01-01"));
  ASSERT_TRUE(ngok);
  ASSERT_EQ(ngok->size(), 1u);
  EXPECT_EQ((*ngok)[0]->FullName(), "Xã Ngọk Bay");
  auto drai = SearchUnits(ws, Admin(),
                          "Ia H\xe2\x80\x99"
                          "Drai",
                          {});
  ASSERT_TRUE(drai);
  ASSERT_EQ(drai->size(), 1u);
  EXPECT_EQ((*drai)[0]->code, "618");
  EXPECT_FALSE(SearchUnits(ws, Admin(), " ' ", {}));
}

TEST_F(UnitsUseCasesTest, InitTwiceChangesNothing) {
  Init();
  const std::string before = Dump();
  auto again = InitDatabase(db_, ANTQ_SOURCE_DATA_DIR);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->migrations_applied, 0);
  for (const UnitsFileReport& f : again->files) {
    EXPECT_EQ(f.versions_added + f.lineage_added, 0u) << f.file;
    EXPECT_GT(f.unchanged, 0u) << f.file;
  }
  EXPECT_EQ(Dump(), before);
}

TEST_F(UnitsUseCasesTest, FailedInitLeavesNoDatabaseBehind) {
  // A data folder whose units file has a parent that does not exist.
  const fs::path data = dir_ / "data";
  fs::create_directories(data / "units");
  fs::copy_file(fs::path(ANTQ_SOURCE_DATA_DIR) / "units" / "10-viet-nam.tsv",
                data / "units" / "10-viet-nam.tsv");
  std::ofstream(data / "units" / "20-bad.tsv")
      << "antq-units\t1\nunit\t62\tprovince\tTỉnh\tKon Tum\tVN\t\t\n"
         "unit\t608\tdistrict\tThành phố\tKon Tum\t99\t\t\n";
  auto report = InitDatabase(db_, data);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().where(), (data / "units" / "20-bad.tsv").string() + ":3: parent");
  EXPECT_FALSE(fs::exists(dir_ / "antq.db"));
}

TEST_F(UnitsUseCasesTest, FailedInitOnAnExistingDatabaseChangesNothing) {
  Init();
  const std::string before = Dump();
  const fs::path data = dir_ / "data";
  fs::create_directories(data / "units");
  std::ofstream(data / "units" / "99-overlap.tsv")
      << "antq-units\t1\nunit\t62\tprovince\tTỉnh\tKon Tum mới\tVN\t2020-01-01\t\n";
  auto report = InitDatabase(db_, data);
  ASSERT_FALSE(report);
  EXPECT_EQ(report.error().code(), ErrorCode::kConflict);
  EXPECT_EQ(Dump(), before);
}

TEST_F(UnitsUseCasesTest, ImportAddsAProvinceAndIsIdempotent) {
  Workspace ws = Init();
  const fs::path file = Write("qn.tsv",
                              "antq-units\t1\n"
                              "unit\t99001\tcommune\tXã\tThử Nghiệm\t51\t2025-07-01\t\n"
                              "unit\t99002\tcommune\tPhường\tMẫu\t51\t2025-07-01\t\n"
                              "group\tsample\tNhóm mẫu\tSample group\n"
                              "member\tsample\t99001\t2025-07-01\t\n");
  auto first = ImportUnitsFile(ws, Admin("tester"), file);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->versions_added, 2u);
  EXPECT_EQ(first->groups_added, 1u);
  EXPECT_EQ(first->members_added, 1u);
  auto communes = ListUnits(ws, Admin(), {"51", D("2025-07-01"), UnitLevel::kCommune});
  EXPECT_EQ(communes->size(), 42u);
  auto second = ImportUnitsFile(ws, Admin("tester"), file);
  ASSERT_TRUE(second);
  EXPECT_EQ(second->versions_added, 0u);
  EXPECT_EQ(second->unchanged, 4u);
  // The import was persisted: a new workspace sees it.
  auto reopened = Workspace::Open(db_, OpenMode::kMustExist);
  ASSERT_TRUE(reopened);
  EXPECT_EQ(ListUnits(*reopened, Admin(), {"51", D("2025-07-01"), UnitLevel::kCommune})->size(),
            42u);
}

TEST_F(UnitsUseCasesTest, ImportWithAnErrorWritesNothing) {
  Workspace ws = Init();
  const std::string before = Dump();
  const fs::path file = Write("bad.tsv",
                              "antq-units\t1\n"
                              "unit\t99001\tcommune\tXã\tThử Nghiệm\t51\t2025-07-01\t\n"
                              "unit\t99002\tcommune\tXã\tLỗi\t62\t2025-07-01\t\n");
  auto r = ImportUnitsFile(ws, Admin("tester"), file);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), file.string() + ":3: parent");
  EXPECT_EQ(Dump(), before);
  EXPECT_EQ(ListUnits(ws, Admin(), {"51", D("2025-07-01"), UnitLevel::kCommune})->size(), 40u);
}

TEST_F(UnitsUseCasesTest, MissingFileIsNamed) {
  Workspace ws = Init();
  auto r = ImportUnitsFile(ws, Admin("tester"), dir_ / "nope.tsv");
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().ToString().find("nope.tsv"), std::string::npos);
}

TEST_F(UnitsUseCasesTest, PeriodWindows) {
  EXPECT_EQ(ShowPeriod("202303", "decree09")->window.ToString(), "2023-02-15..2023-03-14");
  EXPECT_EQ(ShowPeriod("2023Q1", "decree09")->window.ToString(), "2022-12-15..2023-03-14");
  EXPECT_EQ(ShowPeriod("2023", "decree09")->window.ToString(), "2022-12-15..2023-12-14");
  EXPECT_EQ(ShowPeriod("2022", "tt124-commune")->window.ToString(), "2021-11-16..2022-11-15");
  EXPECT_EQ(ShowPeriod("202303", "gregorian")->window.ToString(), "2023-03-01..2023-03-31");
  auto bad = ShowPeriod("2023Q1", "julian");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "calendar");
  EXPECT_EQ(PeriodOfDate(D("2023-03-15"), "monthly", "decree09")->period.Code(), "202304");
}

}  // namespace
}  // namespace antq
