#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/period.h"

namespace antq {

// A reporting calendar: which days a period covers. Vietnamese reporting regimes cut their data
// at different days, so each data set names its calendar:
//   gregorian          calendar months, quarters, half-years and years (statistics regimes)
//   decree09           Nghị định 09/2019 Art. 12: a month runs from the 15th of the previous month
//                      to the 14th; quarters, halves and years likewise (year = 15/12 .. 14/12)
//   tt124-commune      Thông tư 124/2021 assessment year of communes, agencies, enterprises and
//                      schools: 16/11 of the previous year .. 15/11
//   tt124-residential  TT 124 assessment year of residential areas: 01/11 .. 31/10
// Daily and weekly periods are the same days in every calendar that has them. The TT 124
// calendars define yearly periods only.
class Calendar {
 public:
  // The date window of `period`. Fails when the calendar has no periods of that type.
  Result<DateRange> Window(const Period& period) const;
  // The period of `type` that contains `date`.
  Result<Period> PeriodOf(Date date, PeriodType type) const;
  // The period of `type` that holds all of `period`: by number for month-based periods (see
  // EnclosingMonthBased), by the period's last day for days and weeks. Nothing when `period`
  // cannot lie inside one period of `type` (a month in weeks, a year in quarters).
  std::optional<Period> Enclosing(const Period& period, PeriodType type) const;
  bool Supports(PeriodType type) const;

  std::string_view name() const { return name_; }
  std::string_view description() const { return description_; }

  // Looks a calendar up by name; the error lists the known names.
  static Result<const Calendar*> Find(std::string_view name);
  static const Calendar& Gregorian();
  static const std::vector<Calendar>& All();

  Calendar(std::string name, std::string description, int month_start_day, bool yearly_only,
           int year_start_month, int year_start_day);

 private:
  std::string name_;
  std::string description_;
  // Day of the previous month on which a month starts (1 = the month itself, Gregorian).
  int month_start_day_;
  // Calendars that only define assessment years, starting on year_start_month/day of the
  // previous year.
  bool yearly_only_;
  int year_start_month_;
  int year_start_day_;
};

}  // namespace antq
