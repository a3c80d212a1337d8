#include "domain/calendar.h"

#include <fmt/format.h>

#include "common/text.h"

namespace antq {
namespace {

// First and last month (1..12) of a month-based period.
std::pair<int, int> MonthSpan(const Period& p) {
  switch (p.type()) {
    case PeriodType::kMonthly:
      return {p.index(), p.index()};
    case PeriodType::kQuarterly:
      return {3 * p.index() - 2, 3 * p.index()};
    case PeriodType::kSixMonthly:
      return {6 * p.index() - 5, 6 * p.index()};
    default:
      return {1, 12};
  }
}

Date YmdOrDie(int y, int m, int d) { return *Date::FromYmd(y, m, d); }

DateRange IsoWeekWindow(const Period& p) {
  // Week 1 is the week that contains 4 January.
  const Date jan4 = YmdOrDie(p.year(), 1, 4);
  const Date week1_monday = jan4.AddDays(1 - jan4.weekday());
  const Date start = week1_monday.AddDays(7 * (p.index() - 1));
  return {start, start.AddDays(6)};
}

Period IsoWeekOf(Date d) {
  const Date thursday = d.AddDays(4 - d.weekday());
  const int year = thursday.year();
  const Date jan1 = YmdOrDie(year, 1, 1);
  const int week = static_cast<int>((thursday.days() - jan1.days()) / 7) + 1;
  return *Period::Make(PeriodType::kWeekly, year, week);
}

}  // namespace

Calendar::Calendar(std::string name, std::string description, int month_start_day, bool yearly_only,
                   int year_start_month, int year_start_day)
    : name_(std::move(name)),
      description_(std::move(description)),
      month_start_day_(month_start_day),
      yearly_only_(yearly_only),
      year_start_month_(year_start_month),
      year_start_day_(year_start_day) {}

const std::vector<Calendar>& Calendar::All() {
  static const std::vector<Calendar> kCalendars = {
      Calendar("gregorian", "calendar months, quarters and years", 1, false, 1, 1),
      Calendar("decree09", "Nghị định 09/2019: the 15th of the previous month to the 14th", 15,
               false, 12, 15),
      Calendar("tt124-commune", "Thông tư 124/2021, communes and agencies: 16/11 to 15/11", 1, true,
               11, 16),
      Calendar("tt124-residential", "Thông tư 124/2021, residential areas: 01/11 to 31/10", 1, true,
               11, 1),
  };
  return kCalendars;
}

const Calendar& Calendar::Gregorian() { return All().front(); }

Result<const Calendar*> Calendar::Find(std::string_view name) {
  for (const Calendar& c : All()) {
    if (c.name() == name) return &c;
  }
  std::string names;
  for (const Calendar& c : All()) AppendListItem(names, c.name_, ", ");
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown calendar '{}'; use one of {}", name, names));
}

bool Calendar::Supports(PeriodType type) const {
  return !yearly_only_ || type == PeriodType::kYearly;
}

Result<DateRange> Calendar::Window(const Period& p) const {
  if (!Supports(p.type())) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("calendar {} defines only yearly periods, not {} period {}", name_,
                            PeriodTypeName(p.type()), p.Code()),
                "period");
  }
  if (yearly_only_) {
    const Date start = YmdOrDie(p.year() - 1, year_start_month_, year_start_day_);
    const Date end = YmdOrDie(p.year(), year_start_month_, year_start_day_).AddDays(-1);
    return DateRange{start, end};
  }
  switch (p.type()) {
    case PeriodType::kDaily: {
      const Date d = YmdOrDie(p.year(), p.month(), p.index());
      return DateRange{d, d};
    }
    case PeriodType::kWeekly:
      return IsoWeekWindow(p);
    default:
      break;
  }
  const auto [first, last] = MonthSpan(p);
  if (month_start_day_ == 1) {
    return DateRange{YmdOrDie(p.year(), first, 1),
                     YmdOrDie(p.year(), last, Date::DaysInMonth(p.year(), last))};
  }
  const int start_year = first == 1 ? p.year() - 1 : p.year();
  const int start_month = first == 1 ? 12 : first - 1;
  return DateRange{YmdOrDie(start_year, start_month, month_start_day_),
                   YmdOrDie(p.year(), last, month_start_day_ - 1)};
}

Result<Period> Calendar::PeriodOf(Date date, PeriodType type) const {
  if (!Supports(type)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("calendar {} defines only yearly periods, not {}", name_, PeriodTypeName(type)),
        "period type");
  }
  int year = date.year();
  if (yearly_only_) {
    const bool after_start = date.month() > year_start_month_ ||
                             (date.month() == year_start_month_ && date.day() >= year_start_day_);
    return Period::Make(PeriodType::kYearly, after_start ? year + 1 : year, 1);
  }
  if (type == PeriodType::kDaily) return Period::Make(type, year, date.day(), date.month());
  if (type == PeriodType::kWeekly) return IsoWeekOf(date);
  int month = date.month();
  if (month_start_day_ > 1 && date.day() >= month_start_day_) {
    month += 1;
    if (month == 13) {
      month = 1;
      year += 1;
    }
  }
  switch (type) {
    case PeriodType::kMonthly:
      return Period::Make(type, year, month);
    case PeriodType::kQuarterly:
      return Period::Make(type, year, (month - 1) / 3 + 1);
    case PeriodType::kSixMonthly:
      return Period::Make(type, year, (month - 1) / 6 + 1);
    default:
      return Period::Make(PeriodType::kYearly, year, 1);
  }
}

std::optional<Period> Calendar::Enclosing(const Period& period, PeriodType type) const {
  if (period.type() == type) return period;
  if (IsMonthBased(period.type())) return EnclosingMonthBased(period, type);
  // Days and weeks are the same days in every calendar.
  auto window = Gregorian().Window(period);
  if (!window) return std::nullopt;
  auto enclosing = PeriodOf(window->end, type);
  if (!enclosing) return std::nullopt;
  return *enclosing;
}

}  // namespace antq
