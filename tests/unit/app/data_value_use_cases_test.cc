// DHIS2 dataValueSet imports and exports over the use cases: conflicts with DHIS2's codes and
// indexes, all or nothing (or the rest with skip_invalid), the strategies, a re-import that
// changes nothing, the workflow and the scope, and an export that imports back the same.
#include "app/data_value_use_cases.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <sstream>

#include "app/audit_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");

DataValueEntry V(std::string element, std::string unit, std::string period, std::string value,
                 std::string option = "") {
  DataValueEntry e;
  e.data_element = std::move(element);
  e.org_unit = std::move(unit);
  e.period = std::move(period);
  e.value = std::move(value);
  e.category_option_combo = std::move(option);
  return e;
}

DataValueSet SetOf(std::vector<DataValueEntry> values) {
  for (size_t i = 0; i < values.size(); ++i) values[i].index = i;
  return DataValueSet{"", "", std::move(values)};
}

class DataValueUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = antq::testing::TestDatabaseUrl(temp_.path(), "antq");
    ASSERT_TRUE(InitDatabase(db, ANTQ_SOURCE_DATA_DIR));
    auto ws = Workspace::Open(db, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
  }
  Workspace& ws() { return *ws_; }

  Result<ImportSummary> Import(const DataValueSet& set, ImportOptions options = {},
                               const Actor& actor = Admin()) {
    return ImportDataValues(ws(), actor, set, options, kToday);
  }
  std::optional<std::string> Stored(const std::string& unit, const std::string& element,
                                    const std::string& period, const std::string& option = "") {
    const UnitVersion* u = ws().units().Find(unit, *Date::Parse("2022-12-31"));
    if (!u) return std::nullopt;
    auto v = ws().store().GetValue(u->unit_id, element, option, period);
    if (!v || !*v) return std::nullopt;
    return (*v)->value.ToString();
  }

  antq::testing::TempDir temp_{"antq-dvs"};
  std::optional<Workspace> ws_;
};

TEST_F(DataValueUseCasesTest, EachRefusedValueIsAConflictWithItsCodeAndNothingIsStored) {
  const DataValueSet set = SetOf({
      V("tips.received", "23317", "202209", "12"),     // 0: fine
      V("tips.received", "99999", "202209", "3"),      // 1: unknown unit
      V("tips.nothing", "23317", "202209", "3"),       // 2: unknown element
      V("tips.valuable", "23317", "202209", "nhiều"),  // 3: not a number
      V("tips.valuable", "23317", "2022", "3"),        // 4: a year for a monthly data set
      V("tips.received", "23317", "202209", "12"),     // 5: the same as 0 again
      V("atantt.total", "23317", "2022", "1", "xyz"),  // 6: unknown option
      V("tips.valuable", "23317", "2022-13", "3"),     // 7: not a period
      V("tips.valuable", "23317", "202209", "-4"),     // 8: negative count
  });
  auto summary = Import(set);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->status, "ERROR");
  EXPECT_EQ(summary->imported, 0u);
  EXPECT_EQ(summary->ignored, set.values.size());
  std::map<size_t, std::string> codes;
  for (const ImportConflict& c : summary->conflicts) {
    ASSERT_EQ(c.indexes.size(), 1u);
    codes[c.indexes[0]] = c.error_code;
  }
  const std::map<size_t, std::string> want = {{1, "E8103"}, {2, "E8101"}, {3, "E8122"},
                                              {4, "E8021"}, {5, "E8126"}, {6, "E8104"},
                                              {7, "E8107"}, {8, "E8122"}};
  EXPECT_EQ(codes, want);
  EXPECT_FALSE(Stored("23317", "tips.received", "202209"));

  ImportOptions rest;
  rest.skip_invalid = true;
  auto partial = Import(set, rest);
  ASSERT_TRUE(partial);
  EXPECT_EQ(partial->status, "WARNING");
  EXPECT_EQ(partial->imported, 1u);
  EXPECT_EQ(partial->ignored, 8u);
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "12");
}

TEST_F(DataValueUseCasesTest, DryRunCountsAndStrategiesAndAnIdenticalReimport) {
  const DataValueSet set = SetOf({V("tips.received", "23317", "202209", "12"),
                                  V("atantt.total", "23317", "2022", "2", "co_quan"),
                                  V("atantt.total.khu_dan_cu", "23317", "2022", "1")});
  ImportOptions dry;
  dry.dry_run = true;
  auto checked = Import(set, dry);
  ASSERT_TRUE(checked);
  EXPECT_EQ(checked->status, "SUCCESS");
  EXPECT_EQ(checked->imported, 3u);
  EXPECT_TRUE(checked->dry_run);
  EXPECT_FALSE(Stored("23317", "tips.received", "202209"));

  auto first = Import(set);
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_EQ(first->imported, 3u);
  EXPECT_EQ(Stored("23317", "atantt.total", "2022", "co_quan"), "2");
  EXPECT_EQ(Stored("23317", "atantt.total", "2022", "khu_dan_cu"), "1");
  const size_t audit = ws().store().RecentAudit({}, 100000)->size();
  auto again = Import(set);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->imported + again->updated, 0u);
  EXPECT_EQ(again->ignored, 3u);
  EXPECT_EQ(ws().store().RecentAudit({}, 100000)->size(), audit) << "a re-import wrote";

  const DataValueSet changed = SetOf(
      {V("tips.received", "23317", "202209", "13"), V("tips.valuable", "23317", "202209", "5")});
  ImportOptions create;
  create.strategy = ImportStrategy::kCreate;
  auto created = Import(changed, create);
  ASSERT_TRUE(created);
  EXPECT_EQ(created->imported, 1u);
  EXPECT_EQ(created->ignored, 1u);
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "12");
  ImportOptions update;
  update.strategy = ImportStrategy::kUpdate;
  auto updated = Import(SetOf({V("tips.received", "23317", "202209", "13"),
                               V("tips.received", "23317", "202208", "4")}),
                        update);
  ASSERT_TRUE(updated);
  EXPECT_EQ(updated->updated, 1u);
  EXPECT_EQ(updated->ignored, 1u);
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "13");
  EXPECT_FALSE(Stored("23317", "tips.received", "202208"));
}

TEST_F(DataValueUseCasesTest, DeleteRemovesStoredValuesAndUndoPutsThemBack) {
  ASSERT_TRUE(Import(SetOf(
      {V("tips.received", "23317", "202209", "12"), V("tips.valuable", "23317", "202209", "3")})));
  // A DELETE import: values need not be given; one that is not stored is ignored.
  ImportOptions remove;
  remove.strategy = ImportStrategy::kDelete;
  auto deleted = Import(
      SetOf({V("tips.received", "23317", "202209", ""), V("tips.received", "23320", "202209", "")}),
      remove);
  ASSERT_TRUE(deleted) << deleted.error().ToString();
  EXPECT_EQ(deleted->status, "SUCCESS");
  EXPECT_EQ(deleted->deleted, 1u);
  EXPECT_EQ(deleted->ignored, 1u);
  EXPECT_FALSE(Stored("23317", "tips.received", "202209"));
  EXPECT_EQ(Stored("23317", "tips.valuable", "202209"), "3");
  // A value marked deleted in an ordinary import goes too.
  DataValueEntry marked = V("tips.valuable", "23317", "202209", "3");
  marked.deleted = true;
  auto also = Import(SetOf({marked}));
  ASSERT_TRUE(also);
  EXPECT_EQ(also->deleted, 1u);
  EXPECT_FALSE(Stored("23317", "tips.valuable", "202209"));
  ASSERT_TRUE(UndoDataImport(ws(), Admin(), also->import_id, kToday));
  EXPECT_EQ(Stored("23317", "tips.valuable", "202209"), "3");
  // Undoing the DELETE import is refused once the value is back by other means.
  ASSERT_TRUE(SetValues(ws(), Admin(), {"23317", "commune-monthly", "202209"},
                        {{"tips.received", "", "9", ""}}, kToday));
  auto refused = UndoDataImport(ws(), Admin(), deleted->import_id, kToday);
  ASSERT_FALSE(refused);
  EXPECT_NE(refused.error().message().find("it deleted it"), std::string::npos)
      << refused.error().message();
  EXPECT_EQ(ParseImportStrategy("DELETE"), ImportStrategy::kDelete);
}

TEST_F(DataValueUseCasesTest, ScopeAndWorkflowRefuseValuesAsConflicts) {
  const Actor officer = AddOfficer(ws(), "can-bo-xa", "commune-officer", "23317");
  auto outside = Import(SetOf({V("tips.received", "23320", "202209", "1"),
                               V("tips.received", "23317", "202209", "2")}),
                        {}, officer);
  ASSERT_TRUE(outside);
  EXPECT_EQ(outside->status, "ERROR");
  ASSERT_EQ(outside->conflicts.size(), 1u);
  EXPECT_EQ(outside->conflicts[0].error_code, "E8010");
  EXPECT_EQ(outside->conflicts[0].indexes, std::vector<size_t>{0});
  EXPECT_FALSE(Stored("23317", "tips.received", "202209"));

  ASSERT_TRUE(SetValues(ws(), officer, {"23317", "commune-monthly", "202209"},
                        {{"tips.received", "", "2", ""}}, kToday));
  ASSERT_TRUE(SubmitReport(ws(), officer, {"23317", "commune-monthly", "202209"}));
  auto closed = Import(SetOf({V("tips.received", "23317", "202209", "9")}), {}, officer);
  ASSERT_TRUE(closed);
  ASSERT_EQ(closed->conflicts.size(), 1u);
  EXPECT_EQ(closed->conflicts[0].error_code, "E8032");
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "2");

  const Actor viewer = AddOfficer(ws(), "lanh-dao", "viewer", "62");
  auto refused = Import(SetOf({V("tips.received", "23317", "202210", "9")}), {}, viewer);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
}

// What the values of an area look like, for comparing before and after.
std::vector<std::string> Dump(const Workspace& ws) {
  std::vector<std::string> out;
  auto values = ExportDataValues(ws, Admin(), {"62", "2019..2026", ""});
  EXPECT_TRUE(values);
  if (!values) return out;
  for (const DataValueEntry& v : *values) {
    out.push_back(fmt::format("{} {} {} {} {} {}", v.org_unit, v.data_element,
                              v.category_option_combo, v.period, v.value, v.comment));
  }
  std::sort(out.begin(), out.end());
  return out;
}

TEST_F(DataValueUseCasesTest, UndoPutsBackExactlyWhatTheImportChanged) {
  ASSERT_TRUE(SetValues(ws(), Admin(), {"23317", "commune-monthly", "202209"},
                        {{"tips.received", "", "5", "cũ"}}, kToday));
  const std::vector<std::string> before = Dump(ws());
  const std::string file = R"({"dataValues":[
    {"dataElement":"tips.received","period":"202209","orgUnit":"23317","value":"12"},
    {"dataElement":"tips.valuable","period":"202209","orgUnit":"23317","value":"7"},
    {"dataElement":"atantt.total","categoryOptionCombo":"co_quan","period":"2022",
     "orgUnit":"23317","value":"2"},
    {"dataElement":"atantt.total","categoryOptionCombo":"khu_dan_cu","period":"2022",
     "orgUnit":"23317","value":"4"}]})";
  ImportOptions options;
  options.format = "dvs-json";
  auto summary = ImportDataValueFile(ws(), Admin("nhap-lieu"), file, "kt.json", options, kToday);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->imported, 3u);
  EXPECT_EQ(summary->updated, 1u);
  ASSERT_GT(summary->import_id, 0);
  EXPECT_NE(Dump(ws()), before);
  auto listed = ListDataImports(ws(), Admin());
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].file_name, "kt.json");
  EXPECT_EQ((*listed)[0].sha256.size(), 64u);
  EXPECT_EQ((*listed)[0].user, "nhap-lieu");

  // Someone else may not undo it; the importer may, and everything is as before.
  const Actor other = AddOfficer(ws(), "can-bo-xa", "commune-officer", "23317");
  auto refused = UndoDataImport(ws(), other, summary->import_id, kToday);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kPermissionDenied);
  auto undone = UndoDataImport(ws(), Admin("nhap-lieu"), summary->import_id, kToday);
  ASSERT_TRUE(undone) << undone.error().ToString();
  EXPECT_EQ(undone->restored, 1u);
  EXPECT_EQ(undone->removed, 3u);
  EXPECT_EQ(Dump(ws()), before);
  EXPECT_EQ(Stored("23317", "tips.received", "202209"), "5");
  auto verified = VerifyAudit(ws(), Admin());
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok());
  auto twice = UndoDataImport(ws(), Admin(), summary->import_id, kToday);
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().code(), ErrorCode::kConflict);
  EXPECT_FALSE((*ListDataImports(ws(), Admin()))[0].undone_at.empty());
  EXPECT_FALSE(UndoDataImport(ws(), Admin(), 999, kToday));
}

TEST_F(DataValueUseCasesTest, UndoRefusesWhenAValueWasEditedSince) {
  ImportOptions options;
  options.format = "dvs-csv";
  auto summary = ImportDataValueFile(ws(), Admin(),
                                     "dataelement,period,orgunit,value\n"
                                     "tips.received,202209,23317,12\n"
                                     "tips.valuable,202209,23317,7\n",
                                     "kt.csv", options, kToday);
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_TRUE(SetValues(ws(), Admin(), {"23317", "commune-monthly", "202209"},
                        {{"tips.valuable", "", "8", ""}}, kToday));
  const std::vector<std::string> edited = Dump(ws());
  auto undone = UndoDataImport(ws(), Admin(), summary->import_id, kToday);
  ASSERT_FALSE(undone);
  EXPECT_EQ(undone.error().code(), ErrorCode::kConflict);
  EXPECT_NE(undone.error().message().find("tips.valuable/202209"), std::string::npos)
      << undone.error().message();
  EXPECT_EQ(Dump(ws()), edited);
  // A refused import is not recorded; a dry run neither.
  options.dry_run = true;
  auto dry = ImportDataValueFile(ws(), Admin(),
                                 "dataelement,period,orgunit,value\n"
                                 "tips.received,202210,23317,1\n",
                                 "dry.csv", options, kToday);
  ASSERT_TRUE(dry);
  EXPECT_EQ(dry->import_id, 0);
  EXPECT_EQ(ListDataImports(ws(), Admin())->size(), 1u);
}

TEST_F(DataValueUseCasesTest, AnExportImportsBackIntoAnEmptyDatabaseUnchanged) {
  ASSERT_TRUE(Import(SetOf({V("tips.received", "23317", "202209", "12"),
                            V("atantt.total", "23317", "2022", "2", "co_quan"),
                            V("tips.received", "23425", "202001", "4"),
                            V("tips.received", "23317", "202101", "7")})));
  auto exported = ExportDataValues(ws(), Admin(), {"608", "2022", ""});
  ASSERT_TRUE(exported) << exported.error().ToString();
  ASSERT_EQ(exported->size(), 2u);  // 23425 is in another district, 2021 another year
  auto all = ExportDataValues(ws(), Admin(), {"62", "2019..2022", ""});
  ASSERT_TRUE(all);
  ASSERT_EQ(all->size(), 4u);

  const std::string other = antq::testing::TestDatabaseUrl(temp_.path(), "other");
  ASSERT_TRUE(InitDatabase(other, ANTQ_SOURCE_DATA_DIR));
  auto empty = Workspace::Open(other, OpenMode::kMustExist);
  ASSERT_TRUE(empty);
  auto summary = ImportDataValues(*empty, Admin(), DataValueSet{"", "", *all}, {}, kToday);
  ASSERT_TRUE(summary) << summary.error().ToString();
  EXPECT_EQ(summary->imported, 4u);
  auto back = ExportDataValues(*empty, Admin(), {"62", "2019..2022", ""});
  ASSERT_TRUE(back);
  ASSERT_EQ(back->size(), all->size());
  for (size_t i = 0; i < all->size(); ++i) {
    EXPECT_EQ((*back)[i].data_element, (*all)[i].data_element);
    EXPECT_EQ((*back)[i].category_option_combo, (*all)[i].category_option_combo);
    EXPECT_EQ((*back)[i].org_unit, (*all)[i].org_unit);
    EXPECT_EQ((*back)[i].period, (*all)[i].period);
    EXPECT_EQ((*back)[i].value, (*all)[i].value);
  }
  EXPECT_FALSE(ExportDataValues(ws(), Admin(), {"62", "2022Q1", ""}));
  EXPECT_FALSE(ExportDataValues(ws(), Admin(), {"62", "2022", "nothing"}));
  const Actor officer = AddOfficer(ws(), "can-bo-xa", "commune-officer", "23317");
  auto outside = ExportDataValues(ws(), officer, {"608", "2022", ""});
  ASSERT_FALSE(outside);
  EXPECT_EQ(outside.error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace antq

namespace antq {
namespace {

// A streamed CSV larger than one write chunk: written chunk by chunk inside one transaction, so
// a refused value at the very end still leaves nothing stored (and the audit chain whole), and
// with skip_invalid everything else is stored and undone as one import.
TEST_F(DataValueUseCasesTest, AStreamedCsvOfManyChunksIsStillAllOrNothing) {
  const Date day = *Date::Parse("2022-12-31");
  const UnitVersion* province = ws().units().Find("62", day);
  ASSERT_NE(province, nullptr);
  const auto communes = ws().units().Descendants(province->unit_id, day, UnitLevel::kCommune);
  // The monthly report's elements without a breakdown, reported in 2022, all zero (so that no
  // validation rule objects).
  std::vector<std::string> elements;
  for (const std::string& code : ws().catalog().FindDataSet("commune-monthly")->elements) {
    const DataElement* e = ws().catalog().FindElement(code);
    if (e->category.empty() && (!e->valid_from || *e->valid_from <= day)) elements.push_back(code);
  }
  std::string csv = "dataelement,period,orgunit,value\n";
  size_t count = 0;
  for (int month = 1; month <= 12 && count < 25000; ++month) {
    for (const UnitVersion* c : communes) {
      for (const std::string& e : elements) {
        csv += fmt::format("{},2022{:02d},{},0\n", e, month, c->code);
        ++count;
      }
    }
  }
  ASSERT_GT(count, 20000u);  // more than one chunk
  const std::string bad = csv + "tips.received,202201,99999,1\n";
  const std::vector<std::string> before = Dump(ws());
  ImportOptions options;
  options.format = "dvs-csv";
  size_t progress_calls = 0;
  options.progress = [&](size_t, size_t) { ++progress_calls; };
  std::istringstream refused_in(bad);
  auto refused = ImportDataValueStream(ws(), Admin(), refused_in, "big.csv", options, kToday);
  ASSERT_TRUE(refused) << refused.error().ToString();
  EXPECT_EQ(refused->status, "ERROR");
  EXPECT_EQ(refused->values, count + 1);
  ASSERT_EQ(refused->conflicts.size(), 1u);
  EXPECT_EQ(refused->conflicts[0].indexes, std::vector<size_t>{count});
  EXPECT_EQ(refused->import_id, 0);
  EXPECT_EQ(Dump(ws()), before);
  EXPECT_GT(progress_calls, 1u);
  EXPECT_TRUE(ListDataImports(ws(), Admin())->empty());

  options.skip_invalid = true;
  std::istringstream rest_in(bad);
  auto rest = ImportDataValueStream(ws(), Admin(), rest_in, "big.csv", options, kToday);
  ASSERT_TRUE(rest) << rest.error().ToString();
  EXPECT_EQ(rest->status, "WARNING");
  EXPECT_EQ(rest->imported, count);
  ASSERT_GT(rest->import_id, 0);
  const auto listed = ListDataImports(ws(), Admin());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].imported, static_cast<int64_t>(count));  // the counts set at the end
  EXPECT_EQ((*listed)[0].refused, 1);
  EXPECT_EQ(Dump(ws()).size(), before.size() + count);
  auto undone = UndoDataImport(ws(), Admin(), rest->import_id, kToday);
  ASSERT_TRUE(undone) << undone.error().ToString();
  EXPECT_EQ(undone->removed, count);
  EXPECT_EQ(Dump(ws()), before);
  auto verified = VerifyAudit(ws(), Admin());
  ASSERT_TRUE(verified);
  EXPECT_TRUE(verified->ok());

  // A duplicate far apart in the file is still found.
  const size_t first = csv.find('\n') + 1;
  std::istringstream twice_in(csv + csv.substr(first, csv.find('\n', first) + 1 - first));
  options.skip_invalid = false;
  options.dry_run = true;
  options.progress = nullptr;  // (the count of values does not depend on it)
  auto twice = ImportDataValueStream(ws(), Admin(), twice_in, "twice.csv", options, kToday);
  ASSERT_TRUE(twice) << twice.error().ToString();
  EXPECT_EQ(twice->values, count + 1);
  ASSERT_EQ(twice->conflicts.size(), 1u);
  EXPECT_EQ(twice->conflicts[0].error_code, "E8126");
}

}  // namespace
}  // namespace antq

namespace antq {
namespace {

// What data entry would refuse when the import writes is refused while checking, as a conflict:
// an element not yet reported in the period, a breakdown without its option, a long comment.
TEST_F(DataValueUseCasesTest, WhatDataEntryRefusesIsAConflictNotAFailedImport) {
  DataValueEntry comment = V("tips.received", "23317", "202209", "1");
  comment.comment = std::string(1001, 'x');
  auto summary = Import(SetOf({V("security.teams_baove", "23317", "202209", "1"),
                               V("atantt.total", "23317", "2022", "1"), comment}));
  ASSERT_TRUE(summary) << summary.error().ToString();
  ASSERT_EQ(summary->conflicts.size(), 3u);
  EXPECT_EQ(summary->conflicts[0].error_code, "E8021");
  EXPECT_NE(summary->conflicts[0].message.find("reported from 2024-07-01"), std::string::npos);
  EXPECT_EQ(summary->conflicts[1].error_code, "E8104");
  EXPECT_EQ(summary->conflicts[2].property, "comment");
}

}  // namespace
}  // namespace antq
