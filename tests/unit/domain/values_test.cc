#include "domain/values.h"

#include <gtest/gtest.h>

namespace antq {
namespace {

TEST(ValuesTest, ParsesNumbersWithADecimalPointOrComma) {
  EXPECT_EQ(*ParseNumber("12"), 12);
  EXPECT_EQ(*ParseNumber("-3"), -3);
  EXPECT_EQ(*ParseNumber("12.5"), 12.5);
  EXPECT_EQ(*ParseNumber("12,5"), 12.5);
  EXPECT_EQ(*ParseNumber(" 7 "), 7);
  for (const char* bad : {"", "abc", "1.234,5", "12a", "nan", "inf", "1 000"}) {
    EXPECT_FALSE(ParseNumber(bad)) << bad;
  }
}

TEST(ValuesTest, ParsesBooleansInVietnameseAndEnglish) {
  for (const char* yes : {"1", "true", "yes", "có", "Có", "đạt", "ĐẠT", "x"}) {
    EXPECT_TRUE(*ParseBoolean(yes)) << yes;
  }
  for (const char* no : {"0", "false", "no", "không", "chưa đạt"}) {
    EXPECT_FALSE(*ParseBoolean(no)) << no;
  }
  EXPECT_FALSE(ParseBoolean("maybe"));
}

TEST(ValuesTest, TypedValues) {
  EXPECT_EQ(ParseTypedValue(ValueType::kInteger, "42")->ToString(), "42");
  EXPECT_FALSE(ParseTypedValue(ValueType::kInteger, "4,5"));
  EXPECT_EQ(ParseTypedValue(ValueType::kNumber, "4,5")->ToString(), "4.5");
  EXPECT_EQ(ParseTypedValue(ValueType::kBoolean, "có")->ToString(), "1");
  EXPECT_EQ(ParseTypedValue(ValueType::kText, "Thôn 3")->ToString(), "Thôn 3");
  EXPECT_EQ(*ParseTypedValue(ValueType::kInteger, "7"),
            *ParseTypedValue(ValueType::kInteger, "7.0"));
}

}  // namespace
}  // namespace antq
