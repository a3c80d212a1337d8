#include "common/date.h"

#include <fmt/format.h>

#include <chrono>

namespace antq {
namespace {

// Days from civil and back, after Howard Hinnant's public-domain algorithms.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Ymd {
  int year;
  int month;
  int day;
};

Ymd CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int>(y + (m <= 2)), static_cast<int>(m), static_cast<int>(d)};
}

bool ParseDigits(std::string_view s, int& out) {
  if (s.empty()) return false;
  int v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  out = v;
  return true;
}

}  // namespace

bool Date::IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int Date::DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month == 2 && IsLeapYear(year)) return 29;
  return kDays[month - 1];
}

Result<Date> Date::FromYmd(int year, int month, int day) {
  if (year < 1 || year > 9999 || month < 1 || month > 12 || day < 1 ||
      day > DaysInMonth(year, month)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{:04d}-{:02d}-{:02d} is not a date", year, month, day));
  }
  return Date(DaysFromCivil(year, static_cast<unsigned>(month), static_cast<unsigned>(day)));
}

Result<Date> Date::Parse(std::string_view text) {
  int y = 0;
  int m = 0;
  int d = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !ParseDigits(text.substr(0, 4), y) ||
      !ParseDigits(text.substr(5, 2), m) || !ParseDigits(text.substr(8, 2), d)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("'{}' is not a date; write it as YYYY-MM-DD", text));
  }
  return FromYmd(y, m, d);
}

Date Date::Today() {
  using namespace std::chrono;
  const auto now = system_clock::now() + hours(7);
  return Date(std::chrono::duration_cast<std::chrono::days>(now.time_since_epoch()).count());
}

int Date::year() const { return CivilFromDays(days_).year; }
int Date::month() const { return CivilFromDays(days_).month; }
int Date::day() const { return CivilFromDays(days_).day; }

int Date::weekday() const {
  // 1970-01-01 was a Thursday (ISO 4).
  const int64_t w = ((days_ % 7) + 7 + 3) % 7;  // 0 = Monday
  return static_cast<int>(w) + 1;
}

std::string Date::ToString() const {
  const Ymd ymd = CivilFromDays(days_);
  if (ymd.year < 0 || ymd.year > 9999) {
    return fmt::format("{:04d}-{:02d}-{:02d}", ymd.year, ymd.month, ymd.day);
  }
  // Imports write a date per row: the common case is written digit by digit, without fmt.
  std::string out = "0000-00-00";
  auto put = [&](size_t at, int value, int digits) {
    for (int i = digits - 1; i >= 0; --i) {
      out[at + static_cast<size_t>(i)] = static_cast<char>('0' + value % 10);
      value /= 10;
    }
  };
  put(0, ymd.year, 4);
  put(5, static_cast<int>(ymd.month), 2);
  put(8, static_cast<int>(ymd.day), 2);
  return out;
}

std::string DateRange::ToString() const {
  return fmt::format("{}..{}", start == Date::Min() ? "" : start.ToString(),
                     end == Date::Max() ? "" : end.ToString());
}

std::string NowUtcIso() { return UtcIso(std::chrono::system_clock::now()); }

std::string NowUtcIsoMillis() {
  const auto now = std::chrono::system_clock::now();
  const auto millis =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
  std::string text = UtcIso(now);
  text.pop_back();  // the Z
  return fmt::format("{}.{:03d}Z", text, millis);
}

std::string UtcIso(std::chrono::system_clock::time_point t) {
  const auto secs = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  const Date d = Date::FromDays(secs / 86400);
  const int64_t s = secs % 86400;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}Z", d.ToString(), s / 3600, (s / 60) % 60, s % 60);
}

Result<std::optional<Date>> ParseOptionalDate(std::string_view text) {
  if (text.empty()) return std::optional<Date>();
  auto d = Date::Parse(text);
  if (!d) return Fail(d.error());
  return std::optional<Date>(*d);
}

}  // namespace antq
