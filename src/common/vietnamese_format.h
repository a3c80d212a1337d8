#pragma once

#include <fmt/format.h>

#include <cmath>
#include <string>

#include "common/language_format.h"

namespace antq {

// How official Vietnamese documents write numbers and dates: LanguageFormat in Vietnamese, for
// the many places that only ever write Vietnamese.

// "527.800", "82,4": grouping with '.', decimal comma, at most `max_decimals` decimals.
inline std::string FormatNumberVi(double value, int max_decimals = 0) {
  return LanguageFormat(Language::kVietnamese).Number(value, max_decimals);
}

// "82,4 %": a share in percent, with one decimal at most.
inline std::string FormatPercentVi(double percent) {
  return LanguageFormat(Language::kVietnamese).Percent(percent);
}

// A value with at most one decimal, as a table shows it: "12", "12,5" in Vietnamese, "12.5" in
// English (points, percentages, results of a comparison).
inline std::string ShowNumber(double value, bool vi) {
  const double rounded = std::round(value * 10) / 10;
  const bool whole = rounded == std::floor(rounded);
  if (vi) return FormatNumberVi(rounded, whole ? 0 : 1);
  return whole ? fmt::format("{:.0f}", rounded) : fmt::format("{:.1f}", rounded);
}

// "trên 2.330", "gần 860" (see LanguageFormat::Over and Nearly).
inline std::string OverVi(double value) {
  return LanguageFormat(Language::kVietnamese).Over(value);
}
inline std::string NearlyVi(double value) {
  return LanguageFormat(Language::kVietnamese).Nearly(value);
}

// "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019" (Nghị định 30/2020).
inline std::string LongDateVi(Date date) {
  return LanguageFormat(Language::kVietnamese).LongDate(date);
}

}  // namespace antq
