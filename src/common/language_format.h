#pragma once

#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace antq {

// The languages a report is written in: Vietnamese, the official text, and English for a
// translation copy.
enum class Language { kVietnamese, kEnglish };

Result<Language> ParseLanguage(std::string_view code);  // "vi" or "en"
std::string_view LanguageCode(Language language);       // "vi", "en"
std::string_view LanguageTag(Language language);        // "vi-VN", "en-GB": for file metadata

// How text in one language writes numbers, shares and dates (ICU's locale data for numbers and
// English dates; the official Vietnamese date form is Nghị định 30/2020's own).
class LanguageFormat {
 public:
  explicit LanguageFormat(Language language) : language_(language) {}

  Language language() const { return language_; }

  // "527.800" / "527,800"; "82,4" / "82.4": at most `max_decimals` decimals.
  std::string Number(double value, int max_decimals = 0) const;
  // "82,4 %" / "82.4%": a share in percent, one decimal at most.
  std::string Percent(double percent) const;
  // The rounded phrasing of report prose: "trên 2.330" / "over 2,330" (rounded down), "gần 860" /
  // "nearly 860" (rounded up), or the number itself when it is below 100 or already round.
  // Numbers keep four significant digits at most, never fewer than tens: 2.337 → 2.330,
  // 527.846 → 527.800, 856 → 860.
  std::string Over(double value) const;
  std::string Nearly(double value) const;
  // "ngày 05 tháng 01 năm 2020" (days below 10 and the months 1 and 2 take a leading zero) /
  // "5 January 2020".
  std::string LongDate(Date date) const;

 private:
  // The number rounded down with "trên"/"over", or up with "gần"/"nearly" (see Over).
  std::string Rounded(double value, bool up) const;

  Language language_;
};

}  // namespace antq
