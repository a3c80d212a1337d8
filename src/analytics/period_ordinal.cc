#include "analytics/period_ordinal.h"

#include "common/date.h"

namespace antq::analytics {
namespace {

constexpr int kFirstYear = 1900;
// Week numbers run to 53, so each year takes 53 slots (week 53 of a 52-week year is unused).
constexpr int kWeekSlots = 53;

int PerYear(PeriodType type) {
  if (type == PeriodType::kWeekly) return kWeekSlots;
  return IsMonthBased(type) ? 12 / MonthsIn(type) : 1;
}

Date DailyEpoch() { return *Date::FromYmd(1950, 1, 1); }

}  // namespace

std::optional<uint16_t> PeriodOrdinal(const Period& p) {
  int64_t n = 0;
  if (p.type() == PeriodType::kDaily) {
    auto d = Date::FromYmd(p.year(), p.month(), p.index());
    if (!d) return std::nullopt;
    n = d->days() - DailyEpoch().days();
  } else {
    n = int64_t{p.year() - kFirstYear} * PerYear(p.type()) + (p.index() - 1);
  }
  if (n < 0 || n > UINT16_MAX) return std::nullopt;
  return static_cast<uint16_t>(n);
}

Period PeriodFromOrdinal(PeriodType type, uint16_t ordinal) {
  if (type == PeriodType::kDaily) {
    const Date d = DailyEpoch().AddDays(ordinal);
    return *Period::Make(type, d.year(), d.day(), d.month());
  }
  const int per_year = PerYear(type);
  return *Period::Make(type, kFirstYear + ordinal / per_year, ordinal % per_year + 1);
}

}  // namespace antq::analytics
