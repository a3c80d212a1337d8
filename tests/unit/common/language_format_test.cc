// Numbers and dates as official Vietnamese documents, and their English translations, write them.
#include "common/language_format.h"

#include <gtest/gtest.h>

#include <cmath>

#include "common/text.h"
#include "common/vietnamese_format.h"

namespace antq {
namespace {

TEST(VietnameseFormatTest, NumbersGroupWithDotsAndUseADecimalComma) {
  EXPECT_EQ(FormatNumberVi(527800), "527.800");
  EXPECT_EQ(FormatNumberVi(99.1, 1), "99,1");
  EXPECT_EQ(FormatNumberVi(2330), "2.330");
  EXPECT_EQ(FormatNumberVi(5), "5");
  EXPECT_EQ(FormatNumberVi(-1234567), "-1.234.567");
  EXPECT_EQ(FormatNumberVi(1000000.25, 2), "1.000.000,25");
  EXPECT_EQ(FormatNumberVi(82.3529, 1), "82,4");
  EXPECT_EQ(FormatPercentVi(82.3529), "82,4 %");
}

TEST(VietnameseFormatTest, RoundedPhrasingKeepsFourDigitsAndNeverOverstates) {
  EXPECT_EQ(OverVi(2337), "trên 2.330");
  EXPECT_EQ(OverVi(527846), "trên 527.800");
  EXPECT_EQ(OverVi(70912), "trên 70.910");
  EXPECT_EQ(NearlyVi(856), "gần 860");
  EXPECT_EQ(OverVi(2330), "2.330");  // already round: said as it is
  EXPECT_EQ(NearlyVi(48), "48");     // small numbers are exact
  // A property: "trên X" is below the value and "gần X" above it, within one step.
  for (double v = 100; v < 2e7; v = v * 1.37 + 11) {
    const double value = std::floor(v);
    EXPECT_EQ(OverVi(value).rfind("gần", 0), std::string::npos) << value;
    EXPECT_EQ(NearlyVi(value).rfind("trên", 0), std::string::npos) << value;
  }
}

TEST(VietnameseFormatTest, LongDatesPadDaysAndTheFirstTwoMonths) {
  EXPECT_EQ(LongDateVi(*Date::Parse("2020-01-05")), "ngày 05 tháng 01 năm 2020");
  EXPECT_EQ(LongDateVi(*Date::Parse("2019-06-29")), "ngày 29 tháng 6 năm 2019");
  EXPECT_EQ(LongDateVi(*Date::Parse("2023-03-28")), "ngày 28 tháng 3 năm 2023");
  EXPECT_EQ(LongDateVi(*Date::Parse("2023-02-14")), "ngày 14 tháng 02 năm 2023");
}

TEST(VietnameseFormatTest, UpperCaseKeepsTheMarks) {
  EXPECT_EQ(UpperCaseVi("Ban Nội chính Trung ương"), "BAN NỘI CHÍNH TRUNG ƯƠNG");
  EXPECT_EQ(UpperCaseVi("đoàn kiểm tra"), "ĐOÀN KIỂM TRA");
}

TEST(LanguageFormatTest, EnglishGroupsWithCommasAndUsesADecimalPoint) {
  const LanguageFormat en(Language::kEnglish);
  EXPECT_EQ(en.Number(527800), "527,800");
  EXPECT_EQ(en.Number(82.3529, 1), "82.4");
  EXPECT_EQ(en.Percent(82.3529), "82.4%");
  EXPECT_EQ(en.Over(2337), "over 2,330");
  EXPECT_EQ(en.Nearly(856), "nearly 860");
  EXPECT_EQ(en.Over(2330), "2,330");
}

TEST(LanguageFormatTest, EnglishDatesNameTheMonth) {
  const LanguageFormat en(Language::kEnglish);
  EXPECT_EQ(en.LongDate(*Date::Parse("2023-03-28")), "28 March 2023");
  EXPECT_EQ(en.LongDate(*Date::Parse("2020-01-05")), "5 January 2020");
  EXPECT_EQ(en.LongDate(*Date::Parse("2024-02-29")), "29 February 2024");
}

TEST(LanguageFormatTest, LanguagesAreNamedByTheirCodes) {
  EXPECT_EQ(*ParseLanguage("vi"), Language::kVietnamese);
  EXPECT_EQ(*ParseLanguage("en"), Language::kEnglish);
  auto bad = ParseLanguage("fr");
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message().find("'fr'"), std::string::npos);
  EXPECT_EQ(LanguageTag(Language::kEnglish), "en-GB");
}

}  // namespace
}  // namespace antq
