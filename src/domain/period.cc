#include "domain/period.h"

#include <fmt/format.h>

#include "common/date.h"

namespace antq {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

Error BadCode(std::string_view code, std::string_view why) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("'{}' is not a period code ({}); use 2023, 2023S1, 2023Q1, 202303, "
                           "2023W5 or 20230315",
                           code, why),
               "period");
}

}  // namespace

std::string_view PeriodTypeName(PeriodType type) {
  switch (type) {
    case PeriodType::kDaily:
      return "daily";
    case PeriodType::kWeekly:
      return "weekly";
    case PeriodType::kMonthly:
      return "monthly";
    case PeriodType::kQuarterly:
      return "quarterly";
    case PeriodType::kSixMonthly:
      return "sixmonthly";
    case PeriodType::kYearly:
      return "yearly";
  }
  return "?";
}

Result<PeriodType> ParsePeriodType(std::string_view name) {
  for (PeriodType t : {PeriodType::kDaily, PeriodType::kWeekly, PeriodType::kMonthly,
                       PeriodType::kQuarterly, PeriodType::kSixMonthly, PeriodType::kYearly}) {
    if (name == PeriodTypeName(t)) return t;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown period type '{}'; use daily, weekly, monthly, quarterly, "
                          "sixmonthly or yearly",
                          name),
              "period type");
}

int IsoWeeksInYear(int year) {
  // A year has 53 ISO weeks when 1 January is a Thursday, or a Wednesday in a leap year.
  const int jan1 = Date::FromYmd(year, 1, 1)->weekday();
  return (jan1 == 4 || (jan1 == 3 && Date::IsLeapYear(year))) ? 53 : 52;
}

Result<Period> Period::Make(PeriodType type, int year, int index, int month) {
  if (year < 1 || year > 9999) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("year {} is out of range", year),
                "period");
  }
  int max = 1;
  switch (type) {
    case PeriodType::kYearly:
      max = 1;
      break;
    case PeriodType::kSixMonthly:
      max = 2;
      break;
    case PeriodType::kQuarterly:
      max = 4;
      break;
    case PeriodType::kMonthly:
      max = 12;
      break;
    case PeriodType::kWeekly:
      max = IsoWeeksInYear(year);
      break;
    case PeriodType::kDaily:
      if (!Date::FromYmd(year, month, index)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{:04d}-{:02d}-{:02d} is not a date", year, month, index),
                    "period");
      }
      return Period(type, year, index, month);
  }
  if (index < 1 || index > max) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} {} has no {} number {} (1..{})", PeriodTypeName(type), year,
                            type == PeriodType::kWeekly ? "week" : "part", index, max),
                "period");
  }
  return Period(type, year, index, 0);
}

Result<Period> Period::Parse(std::string_view code) {
  if (code.size() < 4 || !AllDigits(code.substr(0, 4))) return Fail(BadCode(code, "no year"));
  const int year = ToInt(code.substr(0, 4));
  const std::string_view rest = code.substr(4);
  auto make = [&](PeriodType type, int index, int month = 0) -> Result<Period> {
    auto p = Make(type, year, index, month);
    if (!p) return Fail(BadCode(code, p.error().message()));
    return p;
  };
  if (rest.empty()) return make(PeriodType::kYearly, 1);
  if (rest.size() == 2 && rest[0] == 'S' && AllDigits(rest.substr(1))) {
    return make(PeriodType::kSixMonthly, ToInt(rest.substr(1)));
  }
  if (rest.size() == 2 && rest[0] == 'Q' && AllDigits(rest.substr(1))) {
    return make(PeriodType::kQuarterly, ToInt(rest.substr(1)));
  }
  if ((rest.size() == 2 || rest.size() == 3) && rest[0] == 'W' && AllDigits(rest.substr(1))) {
    return make(PeriodType::kWeekly, ToInt(rest.substr(1)));
  }
  if (rest.size() == 2 && AllDigits(rest)) return make(PeriodType::kMonthly, ToInt(rest));
  if (rest.size() == 3 && rest[0] == '-' && AllDigits(rest.substr(1))) {
    return make(PeriodType::kMonthly, ToInt(rest.substr(1)));
  }
  if (rest.size() == 4 && AllDigits(rest)) {
    return make(PeriodType::kDaily, ToInt(rest.substr(2)), ToInt(rest.substr(0, 2)));
  }
  if (rest.size() == 6 && rest[0] == '-' && rest[3] == '-' && AllDigits(rest.substr(1, 2)) &&
      AllDigits(rest.substr(4))) {
    return make(PeriodType::kDaily, ToInt(rest.substr(4)), ToInt(rest.substr(1, 2)));
  }
  return Fail(BadCode(code, "unrecognised form"));
}

std::string Period::Code() const {
  switch (type_) {
    case PeriodType::kYearly:
      return fmt::format("{:04d}", year_);
    case PeriodType::kSixMonthly:
      return fmt::format("{:04d}S{}", year_, index_);
    case PeriodType::kQuarterly:
      return fmt::format("{:04d}Q{}", year_, index_);
    case PeriodType::kMonthly:
      return fmt::format("{:04d}{:02d}", year_, index_);
    case PeriodType::kWeekly:
      return fmt::format("{:04d}W{}", year_, index_);
    case PeriodType::kDaily:
      return fmt::format("{:04d}{:02d}{:02d}", year_, month_, index_);
  }
  return {};
}

Period Period::Next() const {
  if (type_ == PeriodType::kDaily) {
    const Date d = Date::FromYmd(year_, month_, index_)->AddDays(1);
    return Period(type_, d.year(), d.day(), d.month());
  }
  const int max = type_ == PeriodType::kWeekly       ? IsoWeeksInYear(year_)
                  : type_ == PeriodType::kMonthly    ? 12
                  : type_ == PeriodType::kQuarterly  ? 4
                  : type_ == PeriodType::kSixMonthly ? 2
                                                     : 1;
  if (index_ < max) return Period(type_, year_, index_ + 1, 0);
  return Period(type_, year_ + 1, 1, 0);
}

Period Period::Previous() const {
  if (type_ == PeriodType::kDaily) {
    const Date d = Date::FromYmd(year_, month_, index_)->AddDays(-1);
    return Period(type_, d.year(), d.day(), d.month());
  }
  if (index_ > 1) return Period(type_, year_, index_ - 1, 0);
  const int max = type_ == PeriodType::kWeekly       ? IsoWeeksInYear(year_ - 1)
                  : type_ == PeriodType::kMonthly    ? 12
                  : type_ == PeriodType::kQuarterly  ? 4
                  : type_ == PeriodType::kSixMonthly ? 2
                                                     : 1;
  return Period(type_, year_ - 1, max, 0);
}

bool IsMonthBased(PeriodType type) {
  return type == PeriodType::kMonthly || type == PeriodType::kQuarterly ||
         type == PeriodType::kSixMonthly || type == PeriodType::kYearly;
}

int MonthsIn(PeriodType type) {
  switch (type) {
    case PeriodType::kMonthly:
      return 1;
    case PeriodType::kQuarterly:
      return 3;
    case PeriodType::kSixMonthly:
      return 6;
    default:
      return 12;
  }
}

std::optional<Period> EnclosingMonthBased(const Period& period, PeriodType type) {
  if (!IsMonthBased(period.type()) || !IsMonthBased(type)) return std::nullopt;
  if (MonthsIn(type) < MonthsIn(period.type())) return std::nullopt;
  const int last_month = period.index() * MonthsIn(period.type());
  auto enclosing = Period::Make(type, period.year(), (last_month - 1) / MonthsIn(type) + 1);
  if (!enclosing) return std::nullopt;
  return *enclosing;
}

}  // namespace antq
