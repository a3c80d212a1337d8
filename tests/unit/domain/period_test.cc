#include "domain/period.h"

#include <gtest/gtest.h>

#include <random>

namespace antq {
namespace {

TEST(PeriodTest, ParsesEveryIsoForm) {
  struct Case {
    const char* code;
    PeriodType type;
    const char* canonical;
  };
  const Case cases[] = {
      {"2023", PeriodType::kYearly, "2023"},          {"2023S1", PeriodType::kSixMonthly, "2023S1"},
      {"2023S2", PeriodType::kSixMonthly, "2023S2"},  {"2023Q1", PeriodType::kQuarterly, "2023Q1"},
      {"2023Q4", PeriodType::kQuarterly, "2023Q4"},   {"202303", PeriodType::kMonthly, "202303"},
      {"2023-03", PeriodType::kMonthly, "202303"},    {"2023W5", PeriodType::kWeekly, "2023W5"},
      {"2023W05", PeriodType::kWeekly, "2023W5"},     {"20230315", PeriodType::kDaily, "20230315"},
      {"2023-03-15", PeriodType::kDaily, "20230315"}, {"2020W53", PeriodType::kWeekly, "2020W53"},
      {"20240229", PeriodType::kDaily, "20240229"},
  };
  for (const Case& c : cases) {
    auto p = Period::Parse(c.code);
    ASSERT_TRUE(p) << c.code << ": " << p.error().message();
    EXPECT_EQ(p->type(), c.type) << c.code;
    EXPECT_EQ(p->Code(), c.canonical);
  }
}

TEST(PeriodTest, RejectsMalformedCodesWithAMessage) {
  for (const char* bad : {"", "23", "2023Q5", "2023Q0", "202313", "202300", "2023S3", "2023W54",
                          "2023W53", "20230230", "20230229", "2023-13", "abcd", "2023X1", "2023Q1x",
                          "2023 Q1", "2023-3-15", "12023"}) {
    auto p = Period::Parse(bad);
    EXPECT_FALSE(p) << bad;
    if (!p) {
      EXPECT_EQ(p.error().where(), "period") << bad;
      EXPECT_NE(p.error().message().find("period code"), std::string::npos) << bad;
    }
  }
}

TEST(PeriodTest, IsoWeeksInYear) {
  EXPECT_EQ(IsoWeeksInYear(2020), 53);  // 1 January 2020 was a Wednesday, leap year
  EXPECT_EQ(IsoWeeksInYear(2015), 53);  // Thursday
  EXPECT_EQ(IsoWeeksInYear(2023), 52);
  EXPECT_EQ(IsoWeeksInYear(2026), 53);
}

TEST(PeriodTest, NextAndPreviousCrossYearEnds) {
  EXPECT_EQ(Period::Parse("202312")->Next().Code(), "202401");
  EXPECT_EQ(Period::Parse("202401")->Previous().Code(), "202312");
  EXPECT_EQ(Period::Parse("2023Q4")->Next().Code(), "2024Q1");
  EXPECT_EQ(Period::Parse("2023S1")->Previous().Code(), "2022S2");
  EXPECT_EQ(Period::Parse("2020W53")->Next().Code(), "2021W1");
  EXPECT_EQ(Period::Parse("2021W1")->Previous().Code(), "2020W53");
  EXPECT_EQ(Period::Parse("20240228")->Next().Code(), "20240229");
  EXPECT_EQ(Period::Parse("20231231")->Next().Code(), "20240101");
  EXPECT_EQ(Period::Parse("2023")->Next().Code(), "2024");
}

TEST(PeriodTest, CodesRoundTripForRandomPeriods) {
  // Property: Parse(Code(p)) == p, and Next/Previous are inverses.
  std::mt19937 rng(2025);
  const PeriodType types[] = {PeriodType::kDaily,     PeriodType::kWeekly,     PeriodType::kMonthly,
                              PeriodType::kQuarterly, PeriodType::kSixMonthly, PeriodType::kYearly};
  for (int i = 0; i < 5000; ++i) {
    const PeriodType type = types[rng() % 6];
    const int year = 1990 + static_cast<int>(rng() % 60);
    const int month = 1 + static_cast<int>(rng() % 12);
    const int index = 1 + static_cast<int>(rng() % 60);
    auto p = Period::Make(type, year, index, month);
    if (!p) continue;
    auto back = Period::Parse(p->Code());
    ASSERT_TRUE(back) << p->Code();
    EXPECT_EQ(*back, *p);
    EXPECT_EQ(p->Next().Previous(), *p) << p->Code();
    EXPECT_EQ(p->Previous().Next(), *p) << p->Code();
  }
}

TEST(PeriodTest, RandomBytesNeverCrashTheParser) {
  std::mt19937 rng(9);
  const std::string alphabet = "0123456789QSW-x \xc3\xa9";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    const int n = static_cast<int>(rng() % 12);
    for (int j = 0; j < n; ++j) s.push_back(alphabet[rng() % alphabet.size()]);
    auto p = Period::Parse(s);
    if (p) {
      EXPECT_EQ(Period::Parse(p->Code()).value(), *p) << s;
    }
  }
}

}  // namespace
}  // namespace antq
