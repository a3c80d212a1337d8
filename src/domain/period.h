#pragma once

#include <compare>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace antq {

// The period types of DHIS2's ISO period codes that ANTQ reports on, finest first.
enum class PeriodType { kDaily, kWeekly, kMonthly, kQuarterly, kSixMonthly, kYearly };

std::string_view PeriodTypeName(PeriodType type);  // "monthly", …
Result<PeriodType> ParsePeriodType(std::string_view name);

// A reporting period written as a DHIS2 ISO code: 2023, 2023S1, 2023Q1, 202303, 2023W5, 20230315.
// A period says *which* period it is; the date window it covers depends on the calendar of the
// data set (see calendar.h): March 2023 is 2023-03-01..31 in the Gregorian calendar but
// 2023-02-15..2023-03-14 under Nghị định 09/2019.
class Period {
 public:
  // Parses an ISO code. Also accepts 2023-03 (monthly), 2023-03-15 (daily) and 2023W05.
  static Result<Period> Parse(std::string_view code);
  // `index` is the 1-based month, quarter, half, ISO week or day-of-month; for daily periods
  // `month` is also needed. Fails when the index is out of range for the year.
  static Result<Period> Make(PeriodType type, int year, int index, int month = 0);

  PeriodType type() const { return type_; }
  int year() const { return year_; }
  // 1-based position inside the year: month, quarter, half or ISO week. For daily periods, the
  // day of month.
  int index() const { return index_; }
  int month() const { return month_; }  // daily periods only

  // The canonical ISO code: 2023, 2023S1, 2023Q1, 202303, 2023W5, 20230315.
  std::string Code() const;

  // The next and previous period of the same type.
  Period Next() const;
  Period Previous() const;

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>.
  friend auto operator<=>(const Period&, const Period&) = default;

 private:
  Period(PeriodType type, int year, int index, int month)
      : type_(type), year_(year), month_(month), index_(index) {}
  // Declared in comparison order: a daily period compares by month before day.
  PeriodType type_ = PeriodType::kYearly;
  int year_ = 0;
  int month_ = 0;
  int index_ = 1;
};

// Number of ISO weeks (52 or 53) in an ISO week-numbering year.
int IsoWeeksInYear(int year);

// Months, quarters, halves and years nest by their numbers in every calendar (202303 lies in
// 2023Q1 whatever day the calendar starts its months on); days and weeks nest by their dates,
// which Calendar::Enclosing handles.
bool IsMonthBased(PeriodType type);
// The months in a period of a month-based type: 1, 3, 6 or 12.
int MonthsIn(PeriodType type);
// The period of month-based type `type` that holds `period`, which must be month-based and no
// longer than it: 202303 -> 2023Q1, 2023Q1 -> 2023. Nothing for 2023 -> quarters, or weeks.
std::optional<Period> EnclosingMonthBased(const Period& period, PeriodType type);

}  // namespace antq
