#include "common/language_format.h"

#include <fmt/format.h>
#include <unicode/calendar.h>
#include <unicode/gregocal.h>
#include <unicode/locid.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace antq {
namespace {

// The rounding step of the prose forms: tens up to four digits, then one step per digit so that
// four significant digits remain.
double RoundingStep(double value) {
  const int digits = value < 1 ? 1 : static_cast<int>(std::floor(std::log10(value))) + 1;
  return std::pow(10.0, std::max(1, digits - 4));
}

icu::number::LocalizedNumberFormatter FormatterOf(const char* locale, int decimals) {
  return icu::number::NumberFormatter::withLocale(icu::Locale(locale))
      .precision(icu::number::Precision::maxFraction(decimals));
}

// One set of formatters per thread and language: building one costs far more than using it.
const icu::number::LocalizedNumberFormatter& NumberFormatter(Language language, int decimals) {
  thread_local const icu::number::LocalizedNumberFormatter kVietnamese[] = {
      FormatterOf("vi", 0), FormatterOf("vi", 1), FormatterOf("vi", 2)};
  thread_local const icu::number::LocalizedNumberFormatter kEnglish[] = {
      FormatterOf("en", 0), FormatterOf("en", 1), FormatterOf("en", 2)};
  const int which = std::clamp(decimals, 0, 2);
  return language == Language::kEnglish ? kEnglish[which] : kVietnamese[which];
}

}  // namespace

Result<Language> ParseLanguage(std::string_view code) {
  if (code == "vi") return Language::kVietnamese;
  if (code == "en") return Language::kEnglish;
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown language '{}'; write vi (tiếng Việt) or en (English)", code),
              "language");
}

std::string_view LanguageCode(Language language) {
  return language == Language::kEnglish ? "en" : "vi";
}

std::string_view LanguageTag(Language language) {
  return language == Language::kEnglish ? "en-GB" : "vi-VN";
}

std::string LanguageFormat::Number(double value, int max_decimals) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString text =
      NumberFormatter(language_, max_decimals).formatDouble(value, status).toString(status);
  if (U_FAILURE(status)) return fmt::format("{}", value);
  std::string out;
  text.toUTF8String(out);
  return out;
}

std::string LanguageFormat::Percent(double percent) const {
  return Number(percent, 1) + (language_ == Language::kEnglish ? "%" : " %");
}

std::string LanguageFormat::Over(double value) const { return Rounded(value, false); }

std::string LanguageFormat::Nearly(double value) const { return Rounded(value, true); }

std::string LanguageFormat::Rounded(double value, bool up) const {
  if (value < 100) return Number(value, 1);
  const double step = RoundingStep(value);
  const double rounded = (up ? std::ceil(value / step) : std::floor(value / step)) * step;
  if (rounded == value) return Number(value, 0);
  const bool english = language_ == Language::kEnglish;
  const char* word = up ? (english ? "nearly " : "gần ") : (english ? "over " : "trên ");
  return word + Number(rounded, 0);
}

std::string LanguageFormat::LongDate(Date date) const {
  const int day = date.day();
  const int month = date.month();
  if (language_ == Language::kVietnamese) {
    return fmt::format("ngày {:02d} tháng {} năm {}", day,
                       month <= 2 ? fmt::format("{:02d}", month) : std::to_string(month),
                       date.year());
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Locale locale("en_GB");
  icu::GregorianCalendar calendar(*icu::TimeZone::getGMT(), locale, status);
  calendar.clear();
  calendar.set(date.year(), month - 1, day);
  const UDate when = calendar.getTime(status);
  icu::SimpleDateFormat format(icu::UnicodeString::fromUTF8("d MMMM y"), locale, status);
  format.setTimeZone(*icu::TimeZone::getGMT());
  icu::UnicodeString text;
  format.format(when, text);
  if (U_FAILURE(status)) return fmt::format("{}-{:02d}-{:02d}", date.year(), month, day);
  std::string out;
  text.toUTF8String(out);
  return out;
}

}  // namespace antq
