#include "common/date.h"

#include <gtest/gtest.h>

#include <random>

namespace antq {
namespace {

TEST(DateTest, ParsesIsoDates) {
  auto d = Date::Parse("2023-03-14");
  ASSERT_TRUE(d);
  EXPECT_EQ(d->year(), 2023);
  EXPECT_EQ(d->month(), 3);
  EXPECT_EQ(d->day(), 14);
  EXPECT_EQ(d->ToString(), "2023-03-14");
}

TEST(DateTest, RejectsImpossibleAndMalformedDates) {
  for (const char* bad : {"2023-02-29", "2023-13-01", "2023-00-10", "2023-04-31", "2023-3-14",
                          "20230314", "", "2023-03-14x", "abcd-ef-gh", "2100-02-29"}) {
    auto d = Date::Parse(bad);
    EXPECT_FALSE(d) << bad;
    if (!d) {
      EXPECT_NE(d.error().message().find("date"), std::string::npos) << d.error().message();
    }
  }
}

TEST(DateTest, LeapYears) {
  EXPECT_TRUE(Date::Parse("2024-02-29"));
  EXPECT_TRUE(Date::Parse("2000-02-29"));
  EXPECT_FALSE(Date::Parse("1900-02-29"));
  EXPECT_EQ(Date::DaysInMonth(2024, 2), 29);
  EXPECT_EQ(Date::DaysInMonth(2023, 2), 28);
}

TEST(DateTest, WeekdayIsIso) {
  EXPECT_EQ(Date::Parse("1970-01-01")->weekday(), 4);  // Thursday
  EXPECT_EQ(Date::Parse("2025-07-01")->weekday(), 2);  // Tuesday
  EXPECT_EQ(Date::Parse("2023-01-01")->weekday(), 7);  // Sunday
}

TEST(DateTest, RoundTripsEveryDayOverTwoCenturies) {
  Date d = *Date::Parse("1900-01-01");
  const Date end = *Date::Parse("2100-12-31");
  int64_t n = 0;
  while (d <= end) {
    auto back = Date::Parse(d.ToString());
    ASSERT_TRUE(back) << d.ToString();
    ASSERT_EQ(*back, d);
    d = d.AddDays(1);
    ++n;
  }
  EXPECT_EQ(n, 73414);
}

// Dates are written digit by digit in years 0000 to 9999, with fmt beyond: both pad the same.
TEST(DateTest, ToStringPadsEveryFieldAndHandlesFarYears) {
  EXPECT_EQ(Date::Parse("0001-02-03")->ToString(), "0001-02-03");
  EXPECT_EQ(Date::Parse("0999-10-09")->ToString(), "0999-10-09");
  EXPECT_EQ(Date::Parse("9999-12-31")->ToString(), "9999-12-31");
  EXPECT_EQ(Date::FromYmd(2025, 7, 1)->ToString(), "2025-07-01");
  EXPECT_EQ(Date::Parse("9999-12-31")->AddDays(1).ToString(), "10000-01-01");
}

TEST(DateTest, RangeToStringShowsOpenEnds) {
  EXPECT_EQ((DateRange{Date::Min(), *Date::Parse("2025-06-30")}.ToString()), "..2025-06-30");
  EXPECT_EQ((DateRange{*Date::Parse("2025-07-01"), Date::Max()}.ToString()), "2025-07-01..");
}

}  // namespace
}  // namespace antq
