// DHIS2 dataValueSets read and written: JSON (group fields, numbers, null comments, unknown
// keys), CSV (any column order, DHIS2's older header spellings), errors that say where, and a
// write-then-read round trip of awkward text.
#include "interop/data_value_set.h"

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
        {R"({"dataValues":[{"value":"1")", "in.json"}}) {
    auto set = ReadDataValueSetJson(text, "in.json");
    ASSERT_FALSE(set) << text;
    EXPECT_EQ(set.error().where().substr(0, std::string(where).size()), where) << text;
  }
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

}  // namespace
}  // namespace antq
