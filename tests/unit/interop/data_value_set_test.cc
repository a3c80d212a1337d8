// DHIS2 dataValueSets read and written: JSON (group fields, numbers, null comments, unknown
// keys), CSV (any column order, DHIS2's older header spellings), errors that say where, and a
// write-then-read round trip of awkward text.
#include "interop/data_value_set.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <sstream>

namespace antq {
namespace {

TEST(DataValueSetJsonTest, ReadsValuesAndTheFieldsTheyInherit) {
  const char* text = R"({"dataSet":"commune-monthly","completeDate":"2022-10-01",
    "dataValues":[
      {"dataElement":"tips.received","value":"12","comment":null,"followup":false,"extra":{"a":1}},
      {"dataElement":"tips.valuable","period":"202208","value":7,"storedBy":"x","followUp":true},
      {"dataElement":"handin.items","categoryOptionCombo":"sung","value":"2","deleted":true}
    ],
    "period":"202209","orgUnit":"23317"})";
  auto set = ReadDataValueSetJson(text, "in.json");
  ASSERT_TRUE(set) << set.error().ToString();
  EXPECT_EQ(set->data_set, "commune-monthly");
  EXPECT_EQ(set->complete_date, "2022-10-01");
  ASSERT_EQ(set->values.size(), 3u);
  EXPECT_EQ(set->values[0].period, "202209");  // given after dataValues, still inherited
  EXPECT_EQ(set->values[0].org_unit, "23317");
  EXPECT_EQ(set->values[0].comment, "");
  EXPECT_EQ(set->values[1].period, "202208");
  EXPECT_EQ(set->values[1].value, "7");
  EXPECT_TRUE(set->values[1].follow_up);
  EXPECT_EQ(set->values[2].category_option_combo, "sung");
  EXPECT_TRUE(set->values[2].deleted);
  EXPECT_EQ(set->values[2].index, 2u);
}

TEST(DataValueSetJsonTest, ErrorsSayWhere) {
  for (auto [text, where] :
       {std::pair{"", "in.json"},
        {"[1,2]", "in.json"},
        {R"({"dataValues":{}})", "in.json: dataValues"},
        {R"({"dataValues":[{"value":"1"},5]})", "in.json: dataValues[1]"},
        {R"({"dataValues":[{"period":["2022"]}]})", "in.json: dataValues[0].period"},
        {R"({"dataSet":"x"})", "in.json: dataValues"},
        {R"({"dataValues":[{"value":"1")", "in.json"},
        {R"({"dataValues":[]},{"x":1}]})", "in.json"}}) {
    auto set = ReadDataValueSetJson(text, "in.json");
    ASSERT_FALSE(set) << text;
    EXPECT_EQ(set.error().where().substr(0, std::string(where).size()), where) << text;
  }
}

// The streaming reader, over the whole-text reader's cases: the same values, and an error for
// each broken file (where it says the same thing, the same place).
Result<std::vector<DataValueEntry>> StreamJson(const std::string& text) {
  std::istringstream in(text);
  std::vector<DataValueEntry> out;
  auto read = ReadDataValueSetJson(in, "in.json", [&](DataValueEntry& e) {
    out.push_back(e);
    return Status(Ok());
  });
  if (!read) return Fail(read.error());
  return out;
}

bool SameEntry(const DataValueEntry& a, const DataValueEntry& b) {
  return a.data_element == b.data_element && a.period == b.period && a.org_unit == b.org_unit &&
         a.category_option_combo == b.category_option_combo && a.value == b.value &&
         a.comment == b.comment && a.stored_by == b.stored_by && a.follow_up == b.follow_up &&
         a.deleted == b.deleted && a.index == b.index;
}

TEST(DataValueSetJsonTest, TheStreamingReaderGivesTheSameValues) {
  // Group fields before the array; a value with nested objects, escapes and brackets in text.
  std::string text = R"({"dataSet":"x","period":"202209","orgUnit":"23317","dataValues":[)";
  for (int i = 0; i < 200000; ++i) {  // over one 8 MB batch
    text += fmt::format(
        R"({}{{"dataElement":"e{}","value":"{}","comment":"a \"]}}\\ [{{ ,","extra":{{"a":[1,{{}}]}}}})",
        i ? "," : "", i % 40, i);
  }
  text += R"(],"completeDate":"2022-10-01"})";
  auto whole = ReadDataValueSetJson(text, "in.json");
  ASSERT_TRUE(whole) << whole.error().ToString();
  auto streamed = StreamJson(text);
  ASSERT_TRUE(streamed) << streamed.error().ToString();
  ASSERT_EQ(streamed->size(), whole->values.size());
  for (size_t i = 0; i < streamed->size(); ++i) {
    ASSERT_TRUE(SameEntry((*streamed)[i], whole->values[i])) << i;
  }
  EXPECT_EQ((*streamed)[7].comment, "a \"]}\\ [{ ,");
  EXPECT_EQ((*streamed)[199999].period, "202209");
}

TEST(DataValueSetJsonTest, TheStreamingReaderRefusesWhatTheWholeReaderRefuses) {
  for (auto [text, where] :
       {std::pair{"", "in.json"},
        {"[1,2]", "in.json"},
        {R"({"dataValues":[{"value":"1"},5]})", "in.json: dataValues[1]"},
        {R"({"dataValues":[{"period":["2022"]}]})", "in.json: dataValues[0].period"},
        {R"({"dataSet":"x"})", "in.json: dataValues"},
        {R"({"dataValues":[{"value":"1")", "in.json"},
        {R"({"dataValues":[{"value":"1"}]} x)", "in.json"}}) {
    auto streamed = StreamJson(text);
    ASSERT_FALSE(streamed) << text;
    EXPECT_EQ(streamed.error().where().substr(0, std::string(where).size()), where) << text;
  }
  // Group fields after the values cannot be applied while streaming: said, not ignored.
  auto late = StreamJson(R"({"dataValues":[{"dataElement":"e","value":"1"}],"period":"2022"})");
  ASSERT_FALSE(late);
  EXPECT_NE(late.error().message().find("before the array"), std::string::npos);
}

TEST(DataValueSetCsvTest, ReadsColumnsByNameInAnyOrderWithOldSpellings) {
  const char* text =
      "Period,OrgUnit,DataElement,catoptcombo,attroptcombo,Value,strby,lstupd,cmt,followup\n"
      "202209,23317,tips.received,,,12,a,2022-10-01,\"có, ghi chú\",true\n"
      "202209,23317,handin.items,sung,,3,a,,,false\n";
  auto set = ReadDataValueSetCsv(text, "in.csv");
  ASSERT_TRUE(set) << set.error().ToString();
  ASSERT_EQ(set->values.size(), 2u);
  EXPECT_EQ(set->values[0].data_element, "tips.received");
  EXPECT_EQ(set->values[0].comment, "có, ghi chú");
  EXPECT_TRUE(set->values[0].follow_up);
  EXPECT_EQ(set->values[0].line, 2);
  EXPECT_EQ(set->values[1].category_option_combo, "sung");
  EXPECT_EQ(set->values[1].index, 1u);
}

TEST(DataValueSetCsvTest, ErrorsNameTheLineAndColumn) {
  auto unknown = ReadDataValueSetCsv("dataelement,period,orgunit,value,colour\n", "in.csv");
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().where(), "in.csv:1:5");
  auto missing = ReadDataValueSetCsv("dataelement,period,value\n", "in.csv");
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message().find("orgunit"), std::string::npos);
  auto twice = ReadDataValueSetCsv("dataelement,period,orgunit,value,cmt,comment\n", "in.csv");
  ASSERT_FALSE(twice);
  EXPECT_EQ(twice.error().where(), "in.csv:1:6");
  auto shape = ReadDataValueSetCsv("dataelement,period,orgunit,value\na,b,c\n", "in.csv");
  ASSERT_FALSE(shape);
  EXPECT_EQ(shape.error().where(), "in.csv:2");
  EXPECT_FALSE(ReadDataValueSetCsv("", "in.csv"));
}

TEST(DataValueSetTest, WhatIsWrittenReadsBackTheSame) {
  DataValueEntry a;
  a.data_element = "tips.received";
  a.period = "202209";
  a.org_unit = "23317";
  a.value = "12";
  a.comment = "dấu \"ngoặc\", phẩy\nvà dòng mới";
  a.last_updated = "2022-10-01T00:00:00Z";
  DataValueEntry b = a;
  b.category_option_combo = "sung";
  b.comment.clear();
  b.follow_up = true;
  for (bool json : {true, false}) {
    std::ostringstream out;
    if (json) {
      WriteDataValueSetJson({a, b}, out);
    } else {
      WriteDataValueSetCsv({a, b}, out);
    }
    auto back = json ? ReadDataValueSetJson(out.str(), "x") : ReadDataValueSetCsv(out.str(), "x");
    ASSERT_TRUE(back) << back.error().ToString() << "\n" << out.str();
    ASSERT_EQ(back->values.size(), 2u);
    for (size_t i = 0; i < 2; ++i) {
      const DataValueEntry& want = i == 0 ? a : b;
      const DataValueEntry& got = back->values[i];
      EXPECT_EQ(got.data_element, want.data_element);
      EXPECT_EQ(got.category_option_combo, want.category_option_combo);
      EXPECT_EQ(got.value, want.value);
      EXPECT_EQ(got.comment, want.comment);
      EXPECT_EQ(got.follow_up, want.follow_up);
      EXPECT_EQ(got.last_updated, want.last_updated);
    }
  }
}

TEST(DataValueSetAdxTest, ReadsGroupsPeriodsAndBreakdowns) {
  const char* text = R"(<?xml version="1.0" encoding="UTF-8"?>
<adx xmlns="urn:ihe:qrph:adx:2015" exported="2023-01-05T10:00:00Z">
  <group orgUnit="23317" period="2022-09-01/P1M" dataSet="commune-monthly" completeDate="2022-10-01">
    <dataValue dataElement="tips.received" value="12"/>
    <dataValue dataElement="note.text"><annotation>Văn bản</annotation></dataValue>
  </group>
  <group orgUnit="23317" period="2022-01-01/P1Y" dataSet="atantt-commune">
    <dataValue dataElement="atantt.total" co_quan_type="co_quan" value="3" followup="true"/>
  </group>
  <group orgUnit="23317" period="2022-07-01/P3M" dataSet="x"/>
</adx>)";
  auto set = ReadDataValueSetAdx(text, "in.adx");
  ASSERT_TRUE(set) << set.error().ToString();
  ASSERT_EQ(set->values.size(), 3u);
  EXPECT_EQ(set->values[0].period, "202209");
  EXPECT_EQ(set->values[0].org_unit, "23317");
  EXPECT_EQ(set->values[0].data_set, "commune-monthly");
  EXPECT_EQ(set->values[1].value, "Văn bản");
  EXPECT_EQ(set->values[2].period, "2022");
  EXPECT_EQ(set->values[2].category, "co_quan_type");
  EXPECT_EQ(set->values[2].category_option_combo, "co_quan");
  EXPECT_TRUE(set->values[2].follow_up);
  EXPECT_EQ(set->values[2].index, 2u);
}

TEST(DataValueSetAdxTest, RefusesWhatIsNotAPeriodOrNotAdx) {
  auto group = [](const std::string& period) {
    return "<adx><group orgUnit=\"1\" dataSet=\"d\" period=\"" + period +
           "\"><dataValue dataElement=\"e\" value=\"1\"/></group></adx>";
  };
  for (const char* bad : {"2022-09-02/P1M", "2022-09-01/P2W", "2022-09-01", "x/P1M",
                          "2022-02-01/P3M", "2022-03-01/P1Y"}) {
    auto set = ReadDataValueSetAdx(group(bad), "in.adx");
    ASSERT_FALSE(set) << bad;
    EXPECT_EQ(set.error().where(), "in.adx: group[0]") << bad;
  }
  EXPECT_TRUE(ReadDataValueSetAdx(group("2022-04-01/P3M"), "in.adx"));
  EXPECT_TRUE(ReadDataValueSetAdx(group("2022-07-01/P6M"), "in.adx"));
  EXPECT_FALSE(ReadDataValueSetAdx("<adx><group period=\"2022-01-01/P1Y\"/></adx>", "in.adx"));
  EXPECT_FALSE(ReadDataValueSetAdx("<dataValueSet/>", "in.adx"));
  EXPECT_FALSE(ReadDataValueSetAdx("<adx><group", "in.adx"));
  EXPECT_FALSE(ReadDataValueSetAdx(
      "<adx><group orgUnit=\"1\" dataSet=\"d\" period=\"2022-01-01/P1Y\"><dataValue "
      "dataElement=\"e\" a=\"x\" b=\"y\" value=\"1\"/></group></adx>",
      "in.adx"));
}

TEST(DataValueSetAdxTest, WhatIsWrittenReadsBackTheSame) {
  std::vector<DataValueEntry> values(3);
  values[0] = {"tips.received", "202209", "23317", "", "", "12"};
  values[0].data_set = "commune-monthly";
  values[1] = {"tips.valuable", "202209", "23317", "", "", "7 & <8>"};
  values[1].data_set = "commune-monthly";
  values[2] = {"atantt.total", "2022", "23317", "co_quan", "", "3"};
  values[2].data_set = "atantt-commune";
  values[2].category = "org_type";
  std::ostringstream out;
  ASSERT_TRUE(WriteDataValueSetAdx(values, out));
  EXPECT_EQ(out.str().find("<group", out.str().find("<group") + 1) != std::string::npos, true);
  auto back = ReadDataValueSetAdx(out.str(), "x");
  ASSERT_TRUE(back) << back.error().ToString() << out.str();
  ASSERT_EQ(back->values.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(back->values[i].data_element, values[i].data_element);
    EXPECT_EQ(back->values[i].period, values[i].period);
    EXPECT_EQ(back->values[i].org_unit, values[i].org_unit);
    EXPECT_EQ(back->values[i].value, values[i].value);
    EXPECT_EQ(back->values[i].category_option_combo, values[i].category_option_combo);
    EXPECT_EQ(back->values[i].data_set, values[i].data_set);
  }
  std::vector<DataValueEntry> weekly(1);
  weekly[0] = {"e", "2022W5", "1", "", "", "1"};
  std::ostringstream w;
  ASSERT_TRUE(WriteDataValueSetAdx(weekly, w));
  EXPECT_NE(w.str().find("2022-01-31/P7D"), std::string::npos) << w.str();
}

}  // namespace
}  // namespace antq
