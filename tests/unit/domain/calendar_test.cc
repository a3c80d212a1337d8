#include "domain/calendar.h"

#include <gtest/gtest.h>

#include <random>

namespace antq {
namespace {

const Calendar& Cal(const char* name) { return **Calendar::Find(name); }

std::string WindowOf(const char* calendar, const char* period) {
  auto w = Cal(calendar).Window(*Period::Parse(period));
  return w ? w->ToString() : "error: " + w.error().message();
}

std::string PeriodOf(const char* calendar, const char* date, PeriodType type) {
  auto p = Cal(calendar).PeriodOf(*Date::Parse(date), type);
  return p ? p->Code() : "error: " + p.error().message();
}

std::string EnclosingOf(const char* calendar, const char* period, PeriodType type) {
  auto p = Period::Parse(period);
  if (!p) return "bad period";
  auto e = Cal(calendar).Enclosing(*p, type);
  return e ? e->Code() : "none";
}

TEST(CalendarTest, PeriodsNestByNumberOrByTheirLastDay) {
  // Month-based periods nest by number in every calendar, even where months start on the 15th.
  EXPECT_EQ(EnclosingOf("decree09", "202303", PeriodType::kQuarterly), "2023Q1");
  EXPECT_EQ(EnclosingOf("gregorian", "202307", PeriodType::kSixMonthly), "2023S2");
  EXPECT_EQ(EnclosingOf("gregorian", "2023Q3", PeriodType::kYearly), "2023");
  EXPECT_EQ(EnclosingOf("gregorian", "2023Q3", PeriodType::kQuarterly), "2023Q3");
  // Longer into shorter, and months into weeks, cannot nest.
  EXPECT_EQ(EnclosingOf("gregorian", "2023", PeriodType::kQuarterly), "none");
  EXPECT_EQ(EnclosingOf("gregorian", "202303", PeriodType::kWeekly), "none");
  EXPECT_EQ(EnclosingMonthBased(*Period::Parse("2023W5"), PeriodType::kYearly), std::nullopt);
  // Days and weeks go by their last day, in the calendar's own months.
  EXPECT_EQ(EnclosingOf("gregorian", "20230315", PeriodType::kMonthly), "202303");
  EXPECT_EQ(EnclosingOf("decree09", "20230315", PeriodType::kMonthly), "202304");
  EXPECT_EQ(EnclosingOf("gregorian", "2023W1", PeriodType::kMonthly), "202301");
  EXPECT_EQ(EnclosingOf("gregorian", "2022W52", PeriodType::kYearly), "2023");
}

TEST(CalendarTest, Decree09Windows) {
  EXPECT_EQ(WindowOf("decree09", "202303"), "2023-02-15..2023-03-14");
  EXPECT_EQ(WindowOf("decree09", "202301"), "2022-12-15..2023-01-14");
  EXPECT_EQ(WindowOf("decree09", "202312"), "2023-11-15..2023-12-14");
  EXPECT_EQ(WindowOf("decree09", "2023Q1"), "2022-12-15..2023-03-14");
  EXPECT_EQ(WindowOf("decree09", "2023Q2"), "2023-03-15..2023-06-14");
  EXPECT_EQ(WindowOf("decree09", "2023Q4"), "2023-09-15..2023-12-14");
  EXPECT_EQ(WindowOf("decree09", "2023S1"), "2022-12-15..2023-06-14");
  EXPECT_EQ(WindowOf("decree09", "2023S2"), "2023-06-15..2023-12-14");
  EXPECT_EQ(WindowOf("decree09", "2023"), "2022-12-15..2023-12-14");
  // Leap year: March 2024 holds 29 February.
  EXPECT_EQ(WindowOf("decree09", "202403"), "2024-02-15..2024-03-14");
  // Days and weeks are the same in every month-based calendar.
  EXPECT_EQ(WindowOf("decree09", "20230315"), "2023-03-15..2023-03-15");
  EXPECT_EQ(WindowOf("decree09", "2023W1"), WindowOf("gregorian", "2023W1"));
}

TEST(CalendarTest, GregorianWindows) {
  EXPECT_EQ(WindowOf("gregorian", "202303"), "2023-03-01..2023-03-31");
  EXPECT_EQ(WindowOf("gregorian", "202402"), "2024-02-01..2024-02-29");
  EXPECT_EQ(WindowOf("gregorian", "202302"), "2023-02-01..2023-02-28");
  EXPECT_EQ(WindowOf("gregorian", "2023Q1"), "2023-01-01..2023-03-31");
  EXPECT_EQ(WindowOf("gregorian", "2023S2"), "2023-07-01..2023-12-31");
  EXPECT_EQ(WindowOf("gregorian", "2023"), "2023-01-01..2023-12-31");
  EXPECT_EQ(WindowOf("gregorian", "2023W1"), "2023-01-02..2023-01-08");
  EXPECT_EQ(WindowOf("gregorian", "2020W53"), "2020-12-28..2021-01-03");
  EXPECT_EQ(WindowOf("gregorian", "2026W1"), "2025-12-29..2026-01-04");
}

TEST(CalendarTest, Tt124Windows) {
  EXPECT_EQ(WindowOf("tt124-commune", "2022"), "2021-11-16..2022-11-15");
  EXPECT_EQ(WindowOf("tt124-residential", "2022"), "2021-11-01..2022-10-31");
  EXPECT_EQ(WindowOf("tt124-commune", "2024"), "2023-11-16..2024-11-15");
  EXPECT_NE(WindowOf("tt124-commune", "2022Q1").find("only yearly"), std::string::npos);
  EXPECT_FALSE(Cal("tt124-residential").Supports(PeriodType::kMonthly));
}

TEST(CalendarTest, DatesOnBoundaries) {
  // Nghị định 09: the 14th closes a month, the 15th opens the next.
  EXPECT_EQ(PeriodOf("decree09", "2023-03-14", PeriodType::kMonthly), "202303");
  EXPECT_EQ(PeriodOf("decree09", "2023-03-15", PeriodType::kMonthly), "202304");
  EXPECT_EQ(PeriodOf("decree09", "2022-12-14", PeriodType::kMonthly), "202212");
  EXPECT_EQ(PeriodOf("decree09", "2022-12-15", PeriodType::kMonthly), "202301");
  EXPECT_EQ(PeriodOf("decree09", "2022-12-15", PeriodType::kYearly), "2023");
  EXPECT_EQ(PeriodOf("decree09", "2022-12-14", PeriodType::kYearly), "2022");
  EXPECT_EQ(PeriodOf("decree09", "2022-12-31", PeriodType::kQuarterly), "2023Q1");
  EXPECT_EQ(PeriodOf("decree09", "2023-06-14", PeriodType::kSixMonthly), "2023S1");
  EXPECT_EQ(PeriodOf("decree09", "2023-06-15", PeriodType::kSixMonthly), "2023S2");
  EXPECT_EQ(PeriodOf("decree09", "2024-02-29", PeriodType::kMonthly), "202403");
  // Gregorian.
  EXPECT_EQ(PeriodOf("gregorian", "2023-03-31", PeriodType::kMonthly), "202303");
  EXPECT_EQ(PeriodOf("gregorian", "2023-04-01", PeriodType::kMonthly), "202304");
  EXPECT_EQ(PeriodOf("gregorian", "2022-12-31", PeriodType::kYearly), "2022");
  EXPECT_EQ(PeriodOf("gregorian", "2021-01-03", PeriodType::kWeekly), "2020W53");
  EXPECT_EQ(PeriodOf("gregorian", "2021-01-04", PeriodType::kWeekly), "2021W1");
  // TT 124.
  EXPECT_EQ(PeriodOf("tt124-commune", "2021-11-15", PeriodType::kYearly), "2021");
  EXPECT_EQ(PeriodOf("tt124-commune", "2021-11-16", PeriodType::kYearly), "2022");
  EXPECT_EQ(PeriodOf("tt124-commune", "2022-11-15", PeriodType::kYearly), "2022");
  EXPECT_EQ(PeriodOf("tt124-residential", "2022-10-31", PeriodType::kYearly), "2022");
  EXPECT_EQ(PeriodOf("tt124-residential", "2022-11-01", PeriodType::kYearly), "2023");
  EXPECT_EQ(PeriodOf("tt124-residential", "2022-01-01", PeriodType::kYearly), "2022");
}

TEST(CalendarTest, UnknownCalendarListsTheKnownOnes) {
  auto c = Calendar::Find("lunar");
  ASSERT_FALSE(c);
  EXPECT_NE(c.error().message().find("decree09"), std::string::npos);
}

TEST(CalendarTest, WindowsTileTheTimelineAndContainTheirDates) {
  // Property, for every calendar and period type: the period of a date contains the date, and
  // consecutive periods are contiguous (no gap, no overlap).
  std::mt19937 rng(124);
  const Date base = *Date::Parse("2015-01-01");
  for (const Calendar& cal : Calendar::All()) {
    for (PeriodType type : {PeriodType::kDaily, PeriodType::kWeekly, PeriodType::kMonthly,
                            PeriodType::kQuarterly, PeriodType::kSixMonthly, PeriodType::kYearly}) {
      if (!cal.Supports(type)) continue;
      for (int i = 0; i < 400; ++i) {
        const Date d = base.AddDays(static_cast<int64_t>(rng() % 5000));
        auto p = cal.PeriodOf(d, type);
        ASSERT_TRUE(p);
        auto w = cal.Window(*p);
        ASSERT_TRUE(w);
        EXPECT_TRUE(w->Contains(d)) << cal.name() << " " << p->Code() << " " << d.ToString();
        auto next = cal.Window(p->Next());
        ASSERT_TRUE(next);
        EXPECT_EQ(w->end.AddDays(1), next->start) << cal.name() << " " << p->Code();
      }
    }
  }
}

}  // namespace
}  // namespace antq
