// Values, events, the audit log and catalogue upgrades, on a real SQLite file with the shipped
// units and catalogue.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "app/analytics_use_cases.h"
#include "app/audit_use_cases.h"
#include "app/catalog_use_cases.h"
#include "app/events_use_cases.h"
#include "app/report_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"
#include "unit/zip_part.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

Date D(const char* text) { return *Date::Parse(text); }
const Date kToday = *Date::Parse("2026-11-27");

class DataUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = antq::testing::TestDatabaseUrl(dir_, "antq");
    auto init = InitDatabase(db_, ANTQ_SOURCE_DATA_DIR);
    ASSERT_TRUE(init) << init.error().ToString();
    auto ws = Workspace::Open(db_, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
  }
  void TearDown() override { ws_.reset(); }

  Workspace& ws() { return *ws_; }

  size_t AuditCount() { return ws().store().RecentAudit({}, 1000000)->size(); }

  Result<WriteSummary> Set(const std::string& unit, const std::string& period,
                           std::vector<ValueInput> values,
                           const std::string& data_set = "commune-monthly") {
    return SetValues(ws(), Admin("tester"), {unit, data_set, period}, values, kToday);
  }

  fs::path Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
    return dir_ / name;
  }

  antq::testing::TempDir temp_{"antq-data"};
  const fs::path& dir_ = temp_.path();
  std::string db_;
  std::optional<Workspace> ws_;
};

TEST_F(DataUseCasesTest, SetValuesIsIdempotentAndAudited) {
  const size_t before = AuditCount();
  auto first =
      Set("23317", "202303", {{"tips.received", "", "12", ""}, {"tips.valuable", "", "8", ""}});
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->added, 2u);
  EXPECT_EQ(AuditCount(), before + 2);
  auto again =
      Set("23317", "202303", {{"tips.received", "", "12", ""}, {"tips.valuable", "", "8", ""}});
  ASSERT_TRUE(again);
  EXPECT_EQ(again->unchanged, 2u);
  EXPECT_EQ(again->added + again->updated, 0u);
  EXPECT_EQ(AuditCount(), before + 2) << "an unchanged write leaves no audit entry";
  auto update = Set("23317", "202303", {{"tips.received", "", "13", ""}});
  ASSERT_TRUE(update);
  EXPECT_EQ(update->updated, 1u);
  const auto latest = ws().store().RecentAudit({}, 1)->front();
  EXPECT_EQ(latest.action, "value.set");
  EXPECT_EQ(latest.user, "tester");
  EXPECT_EQ(latest.subject, "tips.received/202303");
  EXPECT_EQ(latest.old_value, "12");
  EXPECT_EQ(latest.new_value, "13");
  EXPECT_FALSE(latest.at.empty());
}

// Single-value writes, each its own transaction (the path issue 21 made faster): every one is
// committed with its audit row, the chain verifies, and another connection sees every write.
TEST_F(DataUseCasesTest, SingleWritesEachCommitWithAChainedAuditRowOthersSee) {
  const size_t before = AuditCount();
  const std::vector<std::string> elements = {"tips.received", "tips.valuable", "online.posts"};
  int n = 0;
  for (const char* period : {"202201", "202202", "202203", "202204"}) {
    for (const std::string& element : elements) {
      auto r = Set("23317", period, {{element, "", std::to_string(n + 1), ""}});
      ASSERT_TRUE(r) << r.error().ToString();
      EXPECT_EQ(r->added, 1u);
      ++n;
    }
  }
  auto update = Set("23317", "202201", {{"tips.received", "", "40", ""}});
  ASSERT_TRUE(update);
  EXPECT_EQ(update->updated, 1u);
  EXPECT_EQ(AuditCount(), before + static_cast<size_t>(n) + 1);
  auto verified = VerifyAudit(ws(), Admin());
  ASSERT_TRUE(verified) << verified.error().ToString();
  EXPECT_TRUE(verified->ok());
  auto other = Workspace::Open(db_, OpenMode::kMustExist);
  ASSERT_TRUE(other);
  const UnitId unit = ws().units().Find("23317", D("2022-01-31"))->unit_id;
  n = 0;
  for (const char* period : {"202201", "202202", "202203", "202204"}) {
    for (const std::string& element : elements) {
      ++n;
      auto stored = other->store().GetValue(unit, element, "", period);
      ASSERT_TRUE(stored);
      ASSERT_TRUE(*stored) << element << " " << period;
      const std::string expected =
          element == "tips.received" && std::string(period) == "202201" ? "40" : std::to_string(n);
      EXPECT_EQ((*stored)->value.ToString(), expected);
    }
  }
}

TEST_F(DataUseCasesTest, ClearValuesIsAudited) {
  ASSERT_TRUE(Set("23317", "202303", {{"tips.received", "", "12", ""}}));
  auto cleared = ClearValues(ws(), Admin("tester"), {"23317", "commune-monthly", "202303"}, {});
  ASSERT_TRUE(cleared);
  EXPECT_EQ(cleared->cleared, 1u);
  const auto latest = ws().store().RecentAudit({}, 1)->front();
  EXPECT_EQ(latest.action, "value.clear");
  EXPECT_EQ(latest.old_value, "12");
  EXPECT_FALSE(latest.new_value);
}

TEST_F(DataUseCasesTest, RefusesBadWritesNamingThePart) {
  struct Case {
    std::string unit;
    std::string period;
    ValueInput value;
    std::string data_set;
    std::string where;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"23317", "2023Q1", {"tips.received", "", "1", ""}, "commune-monthly", "period", "quarterly"},
      {"23317",
       "202701",
       {"tips.received", "", "1", ""},
       "commune-monthly",
       "period",
       "not started"},
      {"23281",
       "202508",
       {"tips.received", "", "1", ""},
       "commune-monthly",
       "unit",
       "successor is 23293"},
      {"99999", "202303", {"tips.received", "", "1", ""}, "commune-monthly", "unit", "no unit"},
      {"608", "202303", {"tips.received", "", "1", ""}, "commune-monthly", "unit", "is a district"},
      {"23317",
       "202303",
       {"tips.nothing", "", "1", ""},
       "commune-monthly",
       "tips.nothing",
       "unknown element"},
      {"23317",
       "202303",
       {"tips.received", "", "many", ""},
       "commune-monthly",
       "tips.received",
       "'many' is not a whole number"},
      // Issue 23: a count too large for its type, in an exponent, or negative.
      {"23317",
       "202303",
       {"tips.received", "", "99999999999999999999", ""},
       "commune-monthly",
       "tips.received",
       "'99999999999999999999' is out of range; write a whole number from 0 to 2147483647"},
      {"23317",
       "202303",
       {"tips.received", "", "1e3", ""},
       "commune-monthly",
       "tips.received",
       "'1e3' is not a whole number (an exponent is not allowed)"},
      {"23317",
       "202303",
       {"tips.received", "", "-3", ""},
       "commune-monthly",
       "tips.received",
       "'-3' is negative"},
      {"23317",
       "202303",
       {"propaganda.sessions", "", "1", ""},
       "commune-monthly",
       "propaganda.sessions",
       "computed from the propaganda register"},
      {"23317",
       "202303",
       {"atantt.q1_plan", "", "1", ""},
       "commune-monthly",
       "atantt.q1_plan",
       "reported in data set atantt-commune"},
      {"23317",
       "2022",
       {"atantt.total", "", "1", ""},
       "atantt-commune",
       "atantt.total",
       "broken down by entity_type"},
      {"23317",
       "2022",
       {"atantt.total", "hamlet", "1", ""},
       "atantt-commune",
       "atantt.total.hamlet",
       "khu_dan_cu"},
      {"23317",
       "202303",
       {"security.teams_baove", "", "1", ""},
       "commune-monthly",
       "security.teams_baove",
       "reported from 2024-07-01"},
      {"23317", "202303", {"tips.received", "", "1", ""}, "nope", "data_set", "unknown data set"},
  };
  const size_t before = AuditCount();
  for (const Case& c : cases) {
    auto r = SetValues(ws(), Admin("tester"), {c.unit, c.data_set, c.period}, {c.value}, kToday);
    ASSERT_FALSE(r) << c.where;
    EXPECT_EQ(r.error().where(), c.where) << r.error().ToString();
    EXPECT_NE(r.error().message().find(c.message), std::string::npos) << r.error().ToString();
  }
  EXPECT_EQ(AuditCount(), before);
}

TEST_F(DataUseCasesTest, AReportWithOneBadValueWritesNothing) {
  auto r =
      Set("23317", "202303", {{"tips.received", "", "12", ""}, {"tips.valuable", "", "x", ""}});
  ASSERT_FALSE(r);
  auto rows = GetValues(ws(), Admin(), {"23317", {"tips.received"}, "", "202303", {}});
  ASSERT_TRUE(rows);
  EXPECT_TRUE(rows->empty());
}

TEST_F(DataUseCasesTest, ValuesOnBothSidesOfTheReorganisation) {
  // June 2025 (decree09: 2025-05-15..2025-06-14) on an old ward, August 2025 on the new one.
  ASSERT_TRUE(Set("23281", "202506", {{"tips.received", "", "4", ""}}));
  ASSERT_TRUE(Set("23293", "202508", {{"tips.received", "", "9", ""}}));
  // July 2025 (2025-06-15..2025-07-14) straddles the change: it belongs to the new units.
  ASSERT_TRUE(Set("23293", "202507", {{"tips.received", "", "7", ""}}));
  auto old_area = GetValues(ws(), Admin(), {"62", {"tips.received"}, "", "", {}});
  ASSERT_TRUE(old_area);
  ASSERT_EQ(old_area->size(), 1u);
  EXPECT_EQ((*old_area)[0].unit->FullName(), "Phường Quang Trung");
  auto new_area = GetValues(ws(), Admin(), {"51", {"tips.received"}, "", "", {}});
  ASSERT_TRUE(new_area);
  EXPECT_EQ(new_area->size(), 2u);
}

TEST_F(DataUseCasesTest, EventsAreValidatedIdempotentAndAudited) {
  EventInput in{
      "propaganda", "23317", "2022-03-05", {{"participants", "120"}, {"form", "Họp dân"}}};
  const size_t before = AuditCount();
  auto added = AddEvent(ws(), Admin("tester"), in, kToday);
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_FALSE(added->unchanged);
  EXPECT_EQ(AuditCount(), before + 1);
  auto again = AddEvent(ws(), Admin("tester"), in, kToday);
  ASSERT_TRUE(again);
  EXPECT_TRUE(again->unchanged);
  EXPECT_EQ(again->id, added->id);
  EXPECT_EQ(AuditCount(), before + 1);
  auto stored = ws().store().GetEvent(added->id);
  ASSERT_TRUE(stored && *stored);
  EXPECT_EQ((*stored)->fields["form"], "meeting") << "enum options are stored by code";
  EXPECT_EQ((*stored)->fields["participants"], 120);

  const std::vector<std::pair<EventInput, std::string>> bad = {
      {{"propaganda", "23317", "2022-03-05", {{"participants", "nhiều"}}}, "participants"},
      {{"propaganda", "23317", "2022-03-05", {{"participants", "-1"}}}, "participants"},
      {{"propaganda", "23317", "2022-03-05", {}}, "participants"},
      {{"propaganda", "23317", "2022-03-05", {{"participants", "1"}, {"colour", "x"}}}, "colour"},
      {{"propaganda", "23317", "2022-03-05", {{"participants", "1"}, {"form", "dance"}}}, "form"},
      {{"propaganda", "23317", "2027-01-01", {{"participants", "1"}}}, "date"},
      {{"propaganda", "23317", "2022-02-30", {{"participants", "1"}}}, "date"},
      {{"propaganda", "23281", "2025-08-01", {{"participants", "1"}}}, "unit"},
      {{"propaganda", "608", "2022-03-05", {{"participants", "1"}}}, "unit"},
      {{"handin", "23317", "2022-03-05", {{"participants", "1"}, {"items.rockets", "1"}}},
       "items.rockets"},
      {{"model",
        "23317",
        "2022-03-05",
        {{"name", "M"},
         {"model_type", "camera_an_ninh"},
         {"established", "2022-03-05"},
         {"ended", "2021-01-01"}}},
       "ended"},
  };
  for (const auto& [input, where] : bad) {
    auto r = AddEvent(ws(), Admin("tester"), input, kToday);
    ASSERT_FALSE(r) << where;
    EXPECT_EQ(r.error().where(), where) << r.error().ToString();
  }
  EXPECT_EQ(AuditCount(), before + 1);
}

TEST_F(DataUseCasesTest, EventsOnBothSidesOfTheReorganisation) {
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23281", "2025-06-30", {{"participants", "30"}}}, kToday));
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23293", "2025-07-01", {{"participants", "40"}}}, kToday));
  // 23293 was Phường Thắng Lợi before: on 2025-06-30 the code names the old ward.
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23293", "2025-06-30", {{"participants", "50"}}}, kToday));
  auto old_area =
      SummariseEvents(ws(), Admin(), {"propaganda", "62", Date::Min(), Date::Max(), {}});
  ASSERT_TRUE(old_area);
  EXPECT_EQ(old_area->count, 2u);
  EXPECT_EQ(old_area->field_totals["participants"], 80);
  auto new_area =
      SummariseEvents(ws(), Admin(), {"propaganda", "51", Date::Min(), Date::Max(), {}});
  ASSERT_TRUE(new_area);
  EXPECT_EQ(new_area->count, 1u);
  auto list = ListEvents(ws(), Admin(), {"propaganda", "62", Date::Min(), Date::Max(), {}});
  ASSERT_TRUE(list);
  EXPECT_EQ((*list)[1].unit->FullName(), "Phường Thắng Lợi");
}

TEST_F(DataUseCasesTest, AnAreaHoldsAUnitOnlyWhileTheUnitWasInIt) {
  // Xã Rờ Kơi (23530) was not rearranged: the same unit moved from Kon Tum (62) to Quảng Ngãi
  // (51) on 2025-07-01. Its events count under 62 before that day and under 51 after.
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23530", "2025-06-30", {{"participants", "30"}}}, kToday));
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23530", "2025-07-01", {{"participants", "40"}}}, kToday));
  auto old_area =
      SummariseEvents(ws(), Admin(), {"propaganda", "62", Date::Min(), Date::Max(), {}});
  ASSERT_TRUE(old_area);
  EXPECT_EQ(old_area->count, 1u);
  EXPECT_EQ(old_area->field_totals["participants"], 30);
  auto new_area =
      SummariseEvents(ws(), Admin(), {"propaganda", "51", D("2025-07-01"), Date::Max(), {}});
  ASSERT_TRUE(new_area);
  EXPECT_EQ(new_area->count, 1u);
  EXPECT_EQ(new_area->field_totals["participants"], 40);
}

TEST_F(DataUseCasesTest, EnumOptionsMatchLikeSearch) {
  auto added = AddEvent(
      ws(), Admin("t"),
      {"propaganda", "23317", "2022-03-05", {{"participants", "5"}, {"form", "HỌP DÂN"}}}, kToday);
  ASSERT_TRUE(added) << added.error().ToString();
  EXPECT_EQ((**ws().store().GetEvent(added->id)).fields["form"], "meeting");
}

TEST_F(DataUseCasesTest, ARegisterWithEventsCannotBeDropped) {
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"festival", "23317", "2022-08-19", {{"participants", "300"}}}, kToday));
  auto catalog = ReadCatalogFolder(fs::path(ANTQ_SOURCE_DATA_DIR) / "catalog");
  ASSERT_TRUE(catalog);
  Catalog without;
  for (const auto& [code, c] : catalog->categories()) ASSERT_TRUE(without.AddCategory(c, "t"));
  for (const auto& [code, e] : catalog->elements()) {
    if (!e.source || e.source->register_code != "festival") {
      ASSERT_TRUE(without.AddElement(e, "t"));
    }
  }
  for (const auto& [code, r] : catalog->registers()) {
    if (code != "festival") {
      ASSERT_TRUE(without.AddRegister(r, "t"));
    }
  }
  for (const auto& [code, d] : catalog->data_sets()) ASSERT_TRUE(without.AddDataSet(d, "t"));
  auto r = UpgradeCatalog(ws(), Admin("t"), without);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("register festival has 1 stored event"), std::string::npos)
      << r.error().message();
  auto empty = ReadCatalogFolder(dir_);
  ASSERT_FALSE(empty);
  EXPECT_NE(empty.error().message().find("no catalogue"), std::string::npos);
}

// A catalogue read from a copy of the data folder (--data-dir) names that copy's file, not the
// shipped one, so the user edits the right file.
TEST_F(DataUseCasesTest, CatalogueErrorsNameTheFileThatWasRead) {
  const fs::path copy = dir_ / "my-data" / "catalog";
  fs::create_directories(copy);
  std::ofstream(copy / "zz-extra.toml") << "[[element]]\ncode = \"x.y\"\nvalue_type = \"float\"\n";
  auto catalog = ReadCatalogFolder(copy);
  ASSERT_FALSE(catalog);
  EXPECT_EQ(catalog.error().where().rfind((copy / "zz-extra.toml").string() + ":", 0), 0u)
      << catalog.error().ToString();
}

TEST_F(DataUseCasesTest, EditDeleteAndRestoreAreAudited) {
  auto added = AddEvent(
      ws(), Admin(),
      {"handin", "23317", "2022-05-01", {{"participants", "20"}, {"items.sung", "2"}}}, kToday);
  ASSERT_TRUE(added);
  auto edited = EditEvent(ws(), Admin("editor"), added->id, {{"participants", "25"}}, kToday);
  ASSERT_TRUE(edited);
  EXPECT_TRUE(*edited);
  auto e = ws().store().GetEvent(added->id);
  EXPECT_EQ((**e).fields["participants"], 25);
  EXPECT_EQ((**e).fields["items"]["sung"], 2) << "fields not named keep their value";
  auto audit = ws().store().RecentAudit({}, 1)->front();
  EXPECT_EQ(audit.action, "event.edit");
  EXPECT_EQ(audit.user, "editor");
  EXPECT_NE(audit.old_value->find("\"participants\":20"), std::string::npos);
  EXPECT_NE(audit.new_value->find("\"participants\":25"), std::string::npos);
  // The same edit again changes nothing and adds no audit entry.
  auto again = EditEvent(ws(), Admin("editor"), added->id, {{"participants", "25"}}, kToday);
  ASSERT_TRUE(again);
  EXPECT_FALSE(*again);
  EXPECT_EQ(ws().store().RecentAudit({}, 1)->front().id, audit.id);

  ASSERT_TRUE(SetEventDeleted(ws(), Admin("editor"), added->id, true));
  auto gone = SummariseEvents(ws(), Admin(), {"handin", "62", Date::Min(), Date::Max(), {}});
  EXPECT_EQ(gone->count, 0u);
  EXPECT_FALSE(SetEventDeleted(ws(), Admin("editor"), added->id, true));
  ASSERT_TRUE(SetEventDeleted(ws(), Admin("editor"), added->id, false));
  auto back = SummariseEvents(ws(), Admin(), {"handin", "62", Date::Min(), Date::Max(), {}});
  EXPECT_EQ(back->count, 1u);
  EXPECT_EQ(back->counted_items, 2);
  EXPECT_EQ(ws().store().RecentAudit({}, 1)->front().action, "event.restore");
  EXPECT_FALSE(EditEvent(ws(), Admin("editor"), 999999, {{"participants", "1"}}, kToday));
}

TEST_F(DataUseCasesTest, ActiveModelsOnADate) {
  auto add = [&](const char* date, const char* est, const char* ended) {
    RawFields f = {{"name", "M"}, {"model_type", "tu_phong_tu_quan"}, {"established", est}};
    if (*ended) f["ended"] = ended;
    return AddEvent(ws(), Admin("t"), {"model", "23317", date, f}, kToday);
  };
  ASSERT_TRUE(add("2020-01-01", "2020-01-01", ""));
  ASSERT_TRUE(add("2019-01-01", "2019-01-01", "2021-06-30"));
  ASSERT_TRUE(add("2023-01-01", "2023-01-01", ""));
  auto active =
      ListEvents(ws(), Admin(), {"model", "62", Date::Min(), Date::Max(), D("2022-12-31")});
  ASSERT_TRUE(active);
  EXPECT_EQ(active->size(), 1u);
  auto not_models =
      ListEvents(ws(), Admin(), {"propaganda", "62", Date::Min(), Date::Max(), D("2022-12-31")});
  EXPECT_FALSE(not_models);
}

TEST_F(DataUseCasesTest, CsvImportIsAllOrNothingByDefault) {
  const std::string csv =
      "ngày,xã,địa điểm,hình thức,số người tham gia\n"
      "2022-03-05,23317,Thôn 2,meeting,120\n"
      "2022-03-06,99999,Thôn 1,meeting,50\n"
      "2022-03-07,23317,Thôn 3,loudspeaker,nhiều\n"
      "2025-08-01,23281,Tổ 1,meeting,40\n"
      "2022-03-05,23317,Thôn 2,meeting,120\n"
      "2022-03-08,Xã Ngọk Bay,Thôn 4,door_to_door,33\n";
  const fs::path file = Write("p.csv", csv);
  const size_t before = AuditCount();
  auto strict = ImportEventsCsv(ws(), Admin("tester"), file, "propaganda", {false, false}, kToday);
  ASSERT_TRUE(strict) << strict.error().ToString();
  EXPECT_FALSE(strict->written);
  ASSERT_EQ(strict->problems.size(), 4u);
  EXPECT_EQ(strict->problems[0].line, 3);
  EXPECT_EQ(strict->problems[0].field, "unit");
  EXPECT_EQ(strict->problems[1].line, 4);
  EXPECT_EQ(strict->problems[1].field, "participants");
  EXPECT_EQ(strict->problems[2].line, 5);
  EXPECT_NE(strict->problems[2].message.find("did not exist on 2025-08-01"), std::string::npos);
  EXPECT_EQ(strict->problems[3].line, 6);
  EXPECT_EQ(strict->problems[3].message, "duplicate of line 2");
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(SummariseEvents(ws(), Admin(), {"propaganda", "", Date::Min(), Date::Max(), {}})->count,
            0u);

  auto lenient = ImportEventsCsv(ws(), Admin("tester"), file, "propaganda", {true, false}, kToday);
  ASSERT_TRUE(lenient);
  EXPECT_TRUE(lenient->written);
  EXPECT_EQ(lenient->added, 2u);
  EXPECT_EQ(lenient->problems.size(), 4u);
  auto again = ImportEventsCsv(ws(), Admin("tester"), file, "propaganda", {true, false}, kToday);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->added, 0u);
  EXPECT_EQ(again->unchanged, 2u);
}

// Issue 23: hostile cells are refused with file:line:column, and nothing is stored.
TEST_F(DataUseCasesTest, CsvCellsAreParsedStrictlyByTheirType) {
  const std::string huge(20 * 1024 * 1024, 'x');
  const std::string csv = std::string("ngày,xã,địa điểm,số người tham gia\n") +
                          "2022-03-05,23317,Thôn 2,99999999999999999999\n" +
                          "2022-03-06,23317,Thôn 2,1e3\n" + "2022-03-07,23317,Thôn 2,-3\n" +
                          "2022-03-08,23317,\"Thôn" + std::string(1, '\0') + "2\",5\n" +
                          "2022-03-09,23317," + huge + ",5\n" + "2022-03-10,23317,Thôn 2,12\n";
  const fs::path file = Write("hostile.csv", csv);
  const size_t before = AuditCount();
  auto r = ImportEventsCsv(ws(), Admin("tester"), file, "propaganda", {false, false}, kToday);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_FALSE(r->written);
  ASSERT_EQ(r->problems.size(), 5u);
  const std::vector<std::tuple<int, int, std::string, std::string>> expected = {
      {2, 4, "participants", "'99999999999999999999' is out of range"},
      {3, 4, "participants", "'1e3' is not a whole number (an exponent is not allowed)"},
      {4, 4, "participants", "'-3' is negative"},
      {5, 3, "place", "character 5 is a control character (U+0000)"},
      {6, 3, "place", "is too long: 20971520 characters, at most 200 are allowed"},
  };
  for (size_t i = 0; i < expected.size(); ++i) {
    const auto& [line, column, field, message] = expected[i];
    EXPECT_EQ(r->problems[i].line, line);
    EXPECT_EQ(r->problems[i].column, column) << line;
    EXPECT_EQ(r->problems[i].field, field) << line;
    EXPECT_NE(r->problems[i].message.find(message), std::string::npos) << r->problems[i].message;
    EXPECT_LT(r->problems[i].message.size(), 300u) << "the message must not carry the cell";
  }
  EXPECT_EQ(AuditCount(), before);
  EXPECT_EQ(SummariseEvents(ws(), Admin(), {"propaganda", "", Date::Min(), Date::Max(), {}})->count,
            0u);
}

TEST_F(DataUseCasesTest, CsvHeaderErrorsNameTheColumn) {
  auto r =
      ImportEventsCsv(ws(), Admin("t"), Write("h.csv", "date,unit,colour\n2022-01-01,23317,red\n"),
                      "propaganda", {}, kToday);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("column 3 'colour'"), std::string::npos);
  EXPECT_EQ(r.error().where(), (dir_ / "h.csv").string() + ":1:3");
  auto no_unit =
      ImportEventsCsv(ws(), Admin("t"), Write("u.csv", "date,participants\n2022-01-01,3\n"),
                      "propaganda", {}, kToday);
  ASSERT_FALSE(no_unit);
  EXPECT_NE(no_unit.error().message().find("no 'unit' column"), std::string::npos);
  auto english = ImportEventsCsv(
      ws(), Admin("t"),
      Write("e.csv", "Date,Unit,Participants,Guns,Firecrackers\n2022-01-01,23317,3,2,1.5\n"),
      "handin", {}, kToday);
  ASSERT_TRUE(english) << english.error().ToString();
  EXPECT_EQ(english->added, 1u);
  auto s = SummariseEvents(ws(), Admin(), {"handin", "", Date::Min(), Date::Max(), {}});
  EXPECT_EQ(s->item_totals["items.sung"], 2);
  EXPECT_EQ(s->item_totals["items.phao_kg"], 1.5);
  EXPECT_EQ(s->counted_items, 2) << "kilograms are not counted as items";
}

TEST_F(DataUseCasesTest, CatalogueUpgradeKeepsValuesSafe) {
  ASSERT_TRUE(Set("23317", "202303", {{"tips.received", "", "12", ""}}));
  auto catalog = ReadCatalogFolder(fs::path(ANTQ_SOURCE_DATA_DIR) / "catalog");
  ASSERT_TRUE(catalog) << catalog.error().ToString();
  // Unchanged: no new version.
  auto same = UpgradeCatalog(ws(), Admin("t"), *catalog);
  ASSERT_TRUE(same);
  EXPECT_FALSE(same->changed);
  // A new element is a new version, and the values stay.
  Catalog more = *catalog;
  DataElement extra;
  extra.code = "tips.province_extra";
  extra.name_vi = "Chỉ tiêu riêng của tỉnh";
  extra.name_en = "Province extra";
  ASSERT_TRUE(more.AddElement(extra, "test"));
  auto upgraded = UpgradeCatalog(ws(), Admin("t"), more);
  ASSERT_TRUE(upgraded) << upgraded.error().ToString();
  EXPECT_TRUE(upgraded->changed);
  EXPECT_EQ(upgraded->version, 2);
  EXPECT_EQ(GetValues(ws(), Admin(), {"23317", {"tips.received"}, "", "202303", {}})->size(), 1u);
  // Changing the type of an element that has values is refused, naming it.
  Catalog retyped;
  for (const auto& [code, c] : catalog->categories()) ASSERT_TRUE(retyped.AddCategory(c, "t"));
  for (auto [code, e] : catalog->elements()) {
    if (code == "tips.received") e.value_type = ValueType::kText;
    ASSERT_TRUE(retyped.AddElement(e, "t"));
  }
  for (const auto& [code, r] : catalog->registers()) ASSERT_TRUE(retyped.AddRegister(r, "t"));
  for (const auto& [code, d] : catalog->data_sets()) ASSERT_TRUE(retyped.AddDataSet(d, "t"));
  auto refused = UpgradeCatalog(ws(), Admin("t"), retyped);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find(
                "element tips.received cannot become text: its stored value '12' of unit 23317 "
                "for period 202303"),
            std::string::npos)
      << refused.error().message();
  // Dropping it is refused too.
  Catalog dropped;
  for (const auto& [code, c] : catalog->categories()) ASSERT_TRUE(dropped.AddCategory(c, "t"));
  for (const auto& [code, e] : catalog->elements()) {
    if (code != "tips.received" && code != "tips.valuable") {
      ASSERT_TRUE(dropped.AddElement(e, "t"));
    }
  }
  auto drop = UpgradeCatalog(ws(), Admin("t"), dropped);
  ASSERT_FALSE(drop);
  EXPECT_NE(drop.error().message().find("cannot be removed"), std::string::npos);
}

// A type may change when every stored value fits the new one: a count declared "integer" in an
// older catalogue becomes "integer_zero_or_positive" unless a negative value is stored.
TEST_F(DataUseCasesTest, ATypeNarrowsOnlyWhenEveryStoredValueFits) {
  auto catalog = ReadCatalogFolder(fs::path(ANTQ_SOURCE_DATA_DIR) / "catalog");
  ASSERT_TRUE(catalog);
  auto with_type = [&](ValueType type) {
    Catalog c;
    for (const auto& [code, cat] : catalog->categories()) EXPECT_TRUE(c.AddCategory(cat, "t"));
    for (auto [code, e] : catalog->elements()) {
      if (code == "tips.received") e.value_type = type;
      EXPECT_TRUE(c.AddElement(e, "t"));
    }
    for (const auto& [code, r] : catalog->registers()) EXPECT_TRUE(c.AddRegister(r, "t"));
    for (const auto& [code, d] : catalog->data_sets()) EXPECT_TRUE(c.AddDataSet(d, "t"));
    return c;
  };
  ASSERT_TRUE(UpgradeCatalog(ws(), Admin("t"), with_type(ValueType::kInteger)));
  ASSERT_TRUE(Set("23317", "202303", {{"tips.received", "", "-3", ""}}));
  auto refused = UpgradeCatalog(ws(), Admin("t"), with_type(ValueType::kIntegerZeroOrPositive));
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("its stored value '-3' of unit 23317"),
            std::string::npos)
      << refused.error().message();
  EXPECT_EQ(ws().catalog().FindElement("tips.received")->value_type, ValueType::kInteger);
  ASSERT_TRUE(Set("23317", "202303", {{"tips.received", "", "3", ""}}));
  auto narrowed = UpgradeCatalog(ws(), Admin("t"), with_type(ValueType::kIntegerZeroOrPositive));
  ASSERT_TRUE(narrowed) << narrowed.error().ToString();
  EXPECT_EQ(ws().catalog().FindElement("tips.received")->value_type,
            ValueType::kIntegerZeroOrPositive);
}

TEST_F(DataUseCasesTest, TheEngineSeesEachWriteInTheNextQuery) {
  ASSERT_TRUE(EnsureAnalytics(ws()));
  const QueryRequest q{
      {"propaganda.participants", "tips.received"}, "62", {"district"}, "2022", "gregorian", ""};
  auto before = RunQuery(ws(), Admin(), q);
  ASSERT_TRUE(before) << before.error().ToString();
  EXPECT_TRUE(before->rows.empty());
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23317", "2022-03-05", {{"participants", "120"}}}, kToday));
  ASSERT_TRUE(Set("23317", "202203", {{"tips.received", "", "7", ""}}));
  auto after = RunQuery(ws(), Admin(), q);
  ASSERT_TRUE(after);
  ASSERT_EQ(after->rows.size(), 1u);
  EXPECT_EQ(after->rows[0].unit_name, "Thành phố Kon Tum");
  EXPECT_EQ(after->rows[0].values[0], 120);
  EXPECT_EQ(after->rows[0].values[1], 7);
  auto list = ListEvents(ws(), Admin(), {"propaganda", "62", Date::Min(), Date::Max(), {}});
  ASSERT_TRUE(SetEventDeleted(ws(), Admin("t"), (*list)[0].event.id, true));
  ASSERT_TRUE(ClearValues(ws(), Admin("t"), {"23317", "commune-monthly", "202203"}, {}));
  EXPECT_TRUE(RunQuery(ws(), Admin(), q)->rows.empty());
}

// The analysis view's XLSX export is the query's answer: headed by the measures' names in the
// language asked for, one row per unit, numbers as numbers, and refused where the query is.
TEST_F(DataUseCasesTest, TheAnalysisExportIsTheQueryAsAWorkbook) {
  ASSERT_TRUE(AddEvent(ws(), Admin("t"),
                       {"propaganda", "23317", "2022-03-05", {{"participants", "120"}}}, kToday));
  const QueryRequest q{{"propaganda.participants", "#{propaganda.participants} * 2"},
                       "62",
                       {"district"},
                       "2022",
                       "gregorian",
                       ""};
  auto file = ExportQuery(ws(), Admin(), q, "en");
  ASSERT_TRUE(file) << file.error().ToString();
  EXPECT_EQ(file->file_name, "phan-tich-62-2022.xlsx");
  EXPECT_EQ(file->media_type, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  const fs::path path = Write("export.xlsx", file->bytes);
  const std::string strings = antq::testing::ReadZipPart(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Participant-turns"), std::string::npos) << strings;
  EXPECT_NE(strings.find("#{propaganda.participants} * 2"), std::string::npos);
  EXPECT_NE(strings.find("Thành phố Kon Tum"), std::string::npos);
  const std::string sheet = antq::testing::ReadZipPart(path, "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>120</v>"), std::string::npos) << sheet;
  EXPECT_NE(sheet.find("<v>240</v>"), std::string::npos) << sheet;

  auto vi = ExportQuery(ws(), Admin(), q, "vi");
  ASSERT_TRUE(vi);
  EXPECT_NE(antq::testing::ReadZipPart(Write("vi.xlsx", vi->bytes), "xl/sharedStrings.xml")
                .find("Số lượt người dự tuyên truyền, phát động"),
            std::string::npos);
  QueryRequest range = q;
  range.period = "2021..2022";
  auto ranged = ExportQuery(ws(), Admin(), range, "vi");
  ASSERT_TRUE(ranged);
  EXPECT_EQ(ranged->file_name, "phan-tich-62-2021-2022.xlsx");
  auto language = ExportQuery(ws(), Admin(), q, "fr");
  ASSERT_FALSE(language);
  EXPECT_EQ(language.error().where(), "language");
  const Actor outside = AddOfficer(ws(), "xa-khac", "commune-officer", "23320");
  auto refused = ExportQuery(ws(), outside, q, "vi");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
}

// Values stored before the engine starts are loaded from the store in bulk (ScanNumbers), on
// old and new units alike.
TEST_F(DataUseCasesTest, TheEngineLoadsStoredValuesAtStartUp) {
  ASSERT_EQ(ws().analytics(), nullptr);
  ASSERT_TRUE(Set("23317", "202203", {{"tips.received", "", "7", ""}}));
  ASSERT_TRUE(Set("23317", "202204", {{"tips.received", "", "3", ""}}));
  ASSERT_TRUE(Set("23320", "202203", {{"tips.received", "", "4", ""}}));
  const QueryRequest q{{"tips.received"}, "62", {"district"}, "2022", "gregorian", ""};
  auto r = RunQuery(ws(), Admin(), q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ((*EnsureAnalytics(ws()))->value_count(), 3u);
  double total = 0;
  for (const auto& row : r->rows) total += row.values[0].value_or(0);
  EXPECT_EQ(total, 7 + 3 + 4);
}

TEST_F(DataUseCasesTest, NestedTransactionsCommitOnce) {
  {
    auto outer = ws().store().Begin();
    ASSERT_TRUE(outer);
    ASSERT_TRUE(Set("23317", "202303", {{"tips.received", "", "5", ""}}));
    auto failed = Set("23317", "202303", {{"tips.received", "", "bad", ""}});
    EXPECT_FALSE(failed);
    // The outer transaction is dropped: the inner write goes too.
  }
  EXPECT_TRUE(GetValues(ws(), Admin(), {"23317", {"tips.received"}, "", "202303", {}})->empty());
}

}  // namespace
}  // namespace antq
