// The compact storage of reported values: period ordinals and per-unit columns.
#include "analytics/series.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

#include "analytics/period_ordinal.h"

namespace antq::analytics {
namespace {

std::vector<uint16_t> Periods(const ColumnView& c) { return {c.periods, c.periods + c.size}; }

// Ordinals must order exactly as periods do and map back to the same period.
TEST(PeriodOrdinalTest, OrdersLikePeriodsAndRoundTrips) {
  std::mt19937 rng(42);
  const PeriodType types[] = {PeriodType::kDaily,     PeriodType::kWeekly,     PeriodType::kMonthly,
                              PeriodType::kQuarterly, PeriodType::kSixMonthly, PeriodType::kYearly};
  for (PeriodType type : types) {
    std::vector<Period> periods;
    Period p = *Period::Make(type, 2015, 1, type == PeriodType::kDaily ? 1 : 0);
    for (int i = 0; i < 800; ++i, p = p.Next()) {
      if (rng() % 3 == 0) periods.push_back(p);
    }
    for (size_t i = 0; i < periods.size(); ++i) {
      auto o = PeriodOrdinal(periods[i]);
      ASSERT_TRUE(o) << periods[i].Code();
      EXPECT_EQ(PeriodFromOrdinal(type, *o), periods[i]) << periods[i].Code();
      if (i > 0) {
        EXPECT_LT(*PeriodOrdinal(periods[i - 1]), *o) << periods[i].Code();
        EXPECT_LT(periods[i - 1], periods[i]);
      }
    }
  }
  EXPECT_FALSE(PeriodOrdinal(*Period::Parse("1899")));
  EXPECT_FALSE(PeriodOrdinal(*Period::Parse("19491231")));
  EXPECT_FALSE(PeriodOrdinal(*Period::Parse("21300101")));
}

TEST(SeriesTest, KeepsValuesExactAndInPeriodOrder) {
  Series s(PeriodType::kMonthly, "monthly");
  EXPECT_TRUE(s.Put(7, 30, 2.0));
  EXPECT_TRUE(s.Put(7, 10, 0.1));  // not a float: kept exactly
  EXPECT_TRUE(s.Put(7, 20, 16777217.0));
  EXPECT_FALSE(s.Put(7, 30, 3.0));  // a replacement
  const ColumnView c = s.ColumnOf(7);
  ASSERT_EQ(Periods(c), (std::vector<uint16_t>{10, 20, 30}));
  EXPECT_EQ(s.ValueAt(7, c, 0), 0.1);
  EXPECT_EQ(s.ValueAt(7, c, 1), 16777217.0);
  EXPECT_EQ(s.ValueAt(7, c, 2), 3.0);
  // Replacing an inexact value by an exact one, and erasing.
  EXPECT_FALSE(s.Put(7, 10, 0.5));
  EXPECT_EQ(s.ValueAt(7, s.ColumnOf(7), 0), 0.5);
  EXPECT_TRUE(s.Erase(7, 20));
  EXPECT_FALSE(s.Erase(7, 20));
  EXPECT_FALSE(s.Erase(99, 20));
  EXPECT_EQ(s.ColumnOf(7).size, 2u);
  EXPECT_EQ(s.ColumnOf(8).size, 0u);
  EXPECT_EQ(s.min_period(), 10);
  EXPECT_EQ(s.max_period(), 30);
  // Bulk: into an empty column exactly, into a filled one by merging.
  const std::vector<std::pair<uint16_t, double>> bulk = {{1, 1.0}, {2, 0.2}, {30, 9.0}};
  EXPECT_EQ(s.PutAll(3, bulk), 3u);
  EXPECT_EQ(s.PutAll(7, bulk), 2u);  // 30 was there already
  EXPECT_EQ(s.ValueAt(3, s.ColumnOf(3), 1), 0.2);
  EXPECT_EQ(Periods(s.ColumnOf(7)), (std::vector<uint16_t>{1, 2, 10, 30}));
  EXPECT_EQ(s.ValueAt(7, s.ColumnOf(7), 3), 9.0);
  EXPECT_EQ(s.column_count(), 2u);
}

// Many units across several blocks, written in random order and erased again: every column
// must hold exactly what a plain map holds.
TEST(SeriesTest, BlocksAgreeWithAMapUnderRandomWrites) {
  std::mt19937 rng(9);
  Series s(PeriodType::kMonthly, "monthly");
  std::map<std::pair<UnitId, uint16_t>, double> truth;
  for (int i = 0; i < 20000; ++i) {
    const auto unit = static_cast<UnitId>(1 + rng() % 300);
    const auto period = static_cast<uint16_t>(rng() % 50);
    if (rng() % 4 == 0) {
      EXPECT_EQ(s.Erase(unit, period), truth.erase({unit, period}) == 1);
      continue;
    }
    const double value = rng() % 3 == 0 ? 0.01 * (rng() % 1000) : double(rng() % 100);
    EXPECT_EQ(s.Put(unit, period, value), !truth.contains({unit, period}));
    truth[{unit, period}] = value;
  }
  std::map<std::pair<UnitId, uint16_t>, double> got;
  for (size_t c = 0; c < s.column_count(); ++c) {
    const ColumnView view = s.column(c);
    for (size_t i = 0; i < view.size; ++i) {
      if (i > 0) {
        ASSERT_LT(view.periods[i - 1], view.periods[i]);
      }
      got[{s.column_unit(c), view.periods[i]}] = s.ValueAt(s.column_unit(c), view, i);
    }
  }
  EXPECT_EQ(got, truth);
  EXPECT_GT(s.column_count(), Series::kBlockColumns * 3);
}

}  // namespace
}  // namespace antq::analytics
