#pragma once

#include <chrono>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace antq {

// A day in the proleptic Gregorian calendar, stored as days since 1970-01-01. Cheap to copy and
// compare; every calendar and validity interval in ANTQ is built from it.
class Date {
 public:
  constexpr Date() = default;

  // Returns an error naming the date when the day does not exist (2023-02-29, month 13).
  static Result<Date> FromYmd(int year, int month, int day);
  // Accepts exactly YYYY-MM-DD.
  static Result<Date> Parse(std::string_view text);
  static constexpr Date FromDays(int64_t days) { return Date(days); }
  // The current day in Vietnam (UTC+7), the day officials see on their calendars.
  static Date Today();

  // Sentinels for open validity intervals.
  static constexpr Date Min() { return Date(-1000000); }
  static constexpr Date Max() { return Date(3000000); }

  int year() const;
  int month() const;
  int day() const;
  int64_t days() const { return days_; }
  // ISO weekday: 1 = Monday … 7 = Sunday.
  int weekday() const;

  Date AddDays(int64_t n) const { return Date(days_ + n); }
  std::string ToString() const;  // YYYY-MM-DD

  static bool IsLeapYear(int year);
  static int DaysInMonth(int year, int month);

  // NOLINTNEXTLINE(modernize-use-nullptr): clang-tidy 14 misreads a defaulted <=>.
  friend constexpr auto operator<=>(const Date&, const Date&) = default;

 private:
  constexpr explicit Date(int64_t days) : days_(days) {}
  int64_t days_ = 0;
};

// A closed interval of days [start, end]; used for validity of unit versions and for the date
// window of a period.
struct DateRange {
  Date start;
  Date end;

  bool Contains(Date d) const { return start <= d && d <= end; }
  bool Overlaps(const DateRange& o) const { return start <= o.end && o.start <= end; }
  // "2023-02-15..2023-03-14"; open ends are written as empty.
  std::string ToString() const;
  friend bool operator==(const DateRange&, const DateRange&) = default;
};

// The current time in UTC as "2026-11-27T23:07:02Z", for audit entries and timestamps. Such
// strings sort as the times they name.
std::string NowUtcIso();
// A time in the same form.
std::string UtcIso(std::chrono::system_clock::time_point t);
// The current time with milliseconds, "2026-11-27T23:07:02.125Z": for ordering events closer
// than a second apart (a session and the password reset that ends it). Compare only with
// other times in this form.
std::string NowUtcIsoMillis();

// Parses an optional date field: empty text means "open" (nullopt).
Result<std::optional<Date>> ParseOptionalDate(std::string_view text);

}  // namespace antq
