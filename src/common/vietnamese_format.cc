#include "common/vietnamese_format.h"

#include <fmt/format.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>

#include <cmath>

namespace antq {
namespace {

// The rounding step of the prose forms: tens up to four digits, then one step per digit so that
// four significant digits remain.
double RoundingStep(double value) {
  const int digits = value < 1 ? 1 : static_cast<int>(std::floor(std::log10(value))) + 1;
  return std::pow(10.0, std::max(1, digits - 4));
}

}  // namespace

std::string FormatNumberVi(double value, int max_decimals) {
  UErrorCode status = U_ZERO_ERROR;
  // One formatter per thread: building one costs far more than formatting with it.
  thread_local const icu::number::LocalizedNumberFormatter kFormatters[] = {
      icu::number::NumberFormatter::withLocale(icu::Locale("vi"))
          .precision(icu::number::Precision::maxFraction(0)),
      icu::number::NumberFormatter::withLocale(icu::Locale("vi"))
          .precision(icu::number::Precision::maxFraction(1)),
      icu::number::NumberFormatter::withLocale(icu::Locale("vi"))
          .precision(icu::number::Precision::maxFraction(2)),
  };
  const int which = std::clamp(max_decimals, 0, 2);
  icu::UnicodeString text = kFormatters[which].formatDouble(value, status).toString(status);
  if (U_FAILURE(status)) return fmt::format("{}", value);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string FormatPercentVi(double percent) { return FormatNumberVi(percent, 1) + " %"; }

std::string OverVi(double value) {
  if (value < 100) return FormatNumberVi(value, 1);
  const double step = RoundingStep(value);
  const double down = std::floor(value / step) * step;
  return down == value ? FormatNumberVi(value, 0) : "trên " + FormatNumberVi(down, 0);
}

std::string NearlyVi(double value) {
  if (value < 100) return FormatNumberVi(value, 1);
  const double step = RoundingStep(value);
  const double up = std::ceil(value / step) * step;
  return up == value ? FormatNumberVi(value, 0) : "gần " + FormatNumberVi(up, 0);
}

std::string LongDateVi(Date date) {
  const int day = date.day();
  const int month = date.month();
  return fmt::format("ngày {:02d} tháng {} năm {}", day,
                     month <= 2 ? fmt::format("{:02d}", month) : std::to_string(month),
                     date.year());
}

}  // namespace antq
