#pragma once

#include <string>

#include "common/date.h"

namespace antq {

// How official Vietnamese documents write numbers and dates (ICU's "vi" locale for numbers).

// "527.800", "82,4": grouping with '.', decimal comma, at most `max_decimals` decimals.
std::string FormatNumberVi(double value, int max_decimals = 0);

// "82,4 %": a share in percent, with one decimal at most.
std::string FormatPercentVi(double percent);

// The rounded phrasing of report prose: "trên 2.330" (the number rounded down, when it is
// not round already), "gần 860" (rounded up), or the number itself when it is below 100 or
// already round. Numbers keep four significant digits at most, and never fewer than tens:
// 2.337 → 2.330, 527.846 → 527.800, 856 → 860.
std::string OverVi(double value);
std::string NearlyVi(double value);

// "ngày 05 tháng 01 năm 2020", "ngày 29 tháng 6 năm 2019": days below 10 and the months 1 and 2
// take a leading zero (Nghị định 30/2020).
std::string LongDateVi(Date date);

}  // namespace antq
