#include "domain/value_type.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <utility>

#include "common/text.h"

namespace antq {
namespace {

constexpr std::pair<ValueType, std::string_view> kValueTypes[] = {
    {ValueType::kInteger, "integer"},
    {ValueType::kIntegerPositive, "integer_positive"},
    {ValueType::kIntegerZeroOrPositive, "integer_zero_or_positive"},
    {ValueType::kNumber, "number"},
    {ValueType::kPercentage, "percentage"},
    {ValueType::kBoolean, "boolean"},
    {ValueType::kText, "text"},
    {ValueType::kLongText, "long_text"},
    {ValueType::kDate, "date"},
};

bool IsTextType(ValueType t) { return t == ValueType::kText || t == ValueType::kLongText; }

// Spaces around a value are noise from typing or from a spreadsheet (which also leaves no-break
// spaces, U+00A0).
std::string_view Trim(std::string_view s) {
  auto space_at_front = [&] {
    if (s.empty()) return size_t{0};
    if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') return size_t{1};
    return s.starts_with("\xC2\xA0") ? size_t{2} : size_t{0};
  };
  auto space_at_back = [&] {
    if (s.empty()) return size_t{0};
    const char c = s.back();
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') return size_t{1};
    return s.ends_with("\xC2\xA0") ? size_t{2} : size_t{0};
  };
  while (size_t n = space_at_front()) s.remove_prefix(n);
  while (size_t n = space_at_back()) s.remove_suffix(n);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// Why text is not an integer or a decimal, in words a clerk understands.
std::string WhatIsWrongWithNumber(std::string_view s) {
  if (s.find_first_of("eE") != std::string_view::npos && s.find_first_of("0123456789") == 0) {
    return "an exponent is not allowed";
  }
  if (s.find(' ') != std::string_view::npos || s.find("\xC2\xA0") != std::string_view::npos) {
    return "spaces inside a number are not allowed";
  }
  return {};
}

Error NotAWholeNumber(std::string_view text, const ValueSpec& spec) {
  const std::string_view s = Trim(text);
  std::string why = WhatIsWrongWithNumber(s);
  if (why.empty() && s.find_first_of(".,") != std::string_view::npos) {
    why = "a decimal mark or a thousands separator is not allowed";
  }
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("{} is not a whole number{}; write {}", QuoteForMessage(text),
                           why.empty() ? "" : " (" + why + ")", spec.Describe()));
}

Error OutOfRange(std::string_view text, const ValueSpec& spec) {
  return Error(ErrorCode::kInvalidArgument,
               fmt::format("{} is out of range; write {}", QuoteForMessage(text), spec.Describe()));
}

Result<std::string> ParseTextValue(const ValueSpec& spec, std::string_view raw) {
  auto valid = NormalizeInput(raw, "");
  if (!valid) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} ({})", valid.error().message(), spec.Describe()));
  }
  std::string text;
  text.reserve(valid->size());
  for (size_t i = 0; i < valid->size(); ++i) {
    if ((*valid)[i] == '\r' && i + 1 < valid->size() && (*valid)[i + 1] == '\n') continue;
    text.push_back((*valid)[i]);
  }
  if (auto control = FindControlCharacter(text)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("character {} is a control character (U+{:04X}), which text cannot "
                            "hold: {}",
                            control->position, static_cast<uint32_t>(control->code_point),
                            QuoteForMessage(text)));
  }
  text = std::string(Trim(text));
  if (const size_t n = CountCodePoints(text); n > spec.MaxLength()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is too long: {} characters, at most {} are allowed",
                            QuoteForMessage(text), n, spec.MaxLength()));
  }
  return text;
}

Result<Date> ParseDateValue(std::string_view text) {
  auto d = Date::Parse(Trim(text));
  if (!d) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is not a date; write YYYY-MM-DD, for example 2023-03-15",
                            QuoteForMessage(text)));
  }
  if (d->year() < kDateFirstYear || d->year() > kDateLastYear) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is out of range; write a date from {}-01-01 to {}-12-31",
                            QuoteForMessage(text), kDateFirstYear, kDateLastYear));
  }
  return *d;
}

}  // namespace

std::string_view ValueTypeName(ValueType t) {
  for (const auto& [type, name] : kValueTypes) {
    if (type == t) return name;
  }
  return "?";
}

Result<ValueType> ParseValueType(std::string_view name) {
  std::string known;
  for (const auto& [type, text] : kValueTypes) {
    if (text == name) return type;
    AppendListItem(known, text, ", ");
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown value type '{}'; use {}", name, known));
}

bool IsIntegerType(ValueType t) {
  return t == ValueType::kInteger || t == ValueType::kIntegerPositive ||
         t == ValueType::kIntegerZeroOrPositive;
}

bool IsNumericType(ValueType t) {
  return IsIntegerType(t) || t == ValueType::kNumber || t == ValueType::kPercentage;
}

bool IsStoredAsNumber(ValueType t) { return IsNumericType(t) || t == ValueType::kBoolean; }

std::string TypedValue::ToString() const {
  if (!number) return text;
  return FormatDecimal(*number);
}

double ValueSpec::Min() const {
  double type_min = -std::numeric_limits<double>::infinity();
  switch (type) {
    case ValueType::kInteger:
      type_min = static_cast<double>(kIntegerMin);
      break;
    case ValueType::kIntegerPositive:
      type_min = 1;
      break;
    case ValueType::kIntegerZeroOrPositive:
    case ValueType::kPercentage:
    case ValueType::kBoolean:
      type_min = 0;
      break;
    case ValueType::kNumber:
      type_min = -kNumberLimit;
      break;
    default:
      break;
  }
  return min ? std::max(*min, type_min) : type_min;
}

double ValueSpec::Max() const {
  double type_max = std::numeric_limits<double>::infinity();
  if (IsIntegerType(type)) type_max = static_cast<double>(kIntegerMax);
  if (type == ValueType::kNumber) type_max = kNumberLimit;
  if (type == ValueType::kPercentage) type_max = 100;
  if (type == ValueType::kBoolean) type_max = 1;
  return max ? std::min(*max, type_max) : type_max;
}

size_t ValueSpec::MaxLength() const {
  const size_t type_max = type == ValueType::kLongText ? kLongTextMaxLength : kTextMaxLength;
  return max_length ? std::min(*max_length, type_max) : type_max;
}

std::string ValueSpec::Describe() const {
  switch (type) {
    case ValueType::kInteger:
    case ValueType::kIntegerPositive:
    case ValueType::kIntegerZeroOrPositive:
      return fmt::format("a whole number from {} to {}, digits only", FormatDecimal(Min()),
                         FormatDecimal(Max()));
    case ValueType::kNumber:
    case ValueType::kPercentage:
      return fmt::format("a number from {} to {} in plain decimal notation (12.5 or 12,5)",
                         FormatDecimal(Min()), FormatDecimal(Max()));
    case ValueType::kBoolean:
      return "yes or no (1/0, có/không, true/false)";
    case ValueType::kText:
    case ValueType::kLongText:
      return fmt::format("text of at most {} characters, without control characters", MaxLength());
    case ValueType::kDate:
      return fmt::format("a date YYYY-MM-DD from {}-01-01 to {}-12-31", kDateFirstYear,
                         kDateLastYear);
  }
  return "a value";
}

Status ValueSpec::Validate() const {
  if ((min || max) && !IsNumericType(type)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("min and max apply to numeric types, not {}", ValueTypeName(type)));
  }
  if (max_length && !IsTextType(type)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("max_length applies to text, not {}", ValueTypeName(type)));
  }
  const ValueSpec bare{type, std::nullopt, std::nullopt, std::nullopt};
  for (const auto& [name, bound] : {std::pair{"min", min}, std::pair{"max", max}}) {
    if (!bound) continue;
    if (!std::isfinite(*bound) || *bound < bare.Min() || *bound > bare.Max()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("{} {} is outside the range of type {} ({} to {})", name, *bound,
                      ValueTypeName(type), FormatDecimal(bare.Min()), FormatDecimal(bare.Max())));
    }
    if (IsIntegerType(type) && std::floor(*bound) != *bound) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} {} must be a whole number for type {}", name, *bound,
                              ValueTypeName(type)));
    }
  }
  if (min && max && *min > *max) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("min {} is above max {}", *min, *max));
  }
  if (max_length && (*max_length == 0 || *max_length > bare.MaxLength())) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("max_length must be from 1 to {} for type {}", bare.MaxLength(),
                            ValueTypeName(type)));
  }
  return Ok();
}

Result<int64_t> ParseInt64(std::string_view text) {
  std::string_view s = Trim(text);
  const bool negative = !s.empty() && s[0] == '-';
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
  if (!AllDigits(s)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is not a whole number", QuoteForMessage(text)));
  }
  // Accumulate as a negative number, whose range is one larger, so INT64_MIN reads back too.
  int64_t v = 0;
  for (char c : s) {
    const int digit = c - '0';
    if (v < (std::numeric_limits<int64_t>::min() + digit) / 10) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is too large for a whole number", QuoteForMessage(text)));
    }
    v = v * 10 - digit;
  }
  if (negative) return v;
  if (v == std::numeric_limits<int64_t>::min()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is too large for a whole number", QuoteForMessage(text)));
  }
  return -v;
}

Result<double> ParseDecimal(std::string_view text) {
  const std::string_view s = Trim(text);
  std::string_view body = s;
  if (!body.empty() && (body[0] == '+' || body[0] == '-')) body.remove_prefix(1);
  const size_t mark = body.find_first_of(".,");
  const std::string_view whole = body.substr(0, mark);
  const std::string_view fraction =
      mark == std::string_view::npos ? std::string_view("0") : body.substr(mark + 1);
  if (!AllDigits(whole) || !AllDigits(fraction)) {
    std::string why = WhatIsWrongWithNumber(s);
    if (why.empty() && mark != std::string_view::npos &&
        body.find_first_of(".,", mark + 1) != std::string_view::npos) {
      why = "write it without thousands separators, with one decimal mark";
    }
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is not a number{}", QuoteForMessage(text),
                            why.empty() ? "" : " (" + why + ")"));
  }
  std::string plain(s);
  if (mark != std::string_view::npos) plain[plain.size() - body.size() + mark] = '.';
  if (plain[0] == '+') plain.erase(0, 1);
  double v = 0;
  const auto [end, ec] = std::from_chars(plain.data(), plain.data() + plain.size(), v);
  if (ec != std::errc() || end != plain.data() + plain.size() || !std::isfinite(v)) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} is too large for a number", QuoteForMessage(text)));
  }
  return v == 0 ? 0.0 : v;  // no negative zero
}

Result<bool> ParseBoolean(std::string_view text) {
  const std::string key = SearchKey(Trim(text));
  for (const char* yes : {"1", "true", "yes", "co", "dat", "x"}) {
    if (key == yes) return true;
  }
  for (const char* no : {"0", "false", "no", "khong", "chua dat"}) {
    if (key == no) return false;
  }
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("{} is not yes or no (use 1/0, có/không, true/false)", QuoteForMessage(text)));
}

std::string FormatDecimal(double value) {
  if (value == 0) return "0";
  char buffer[400];
  const auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::fixed);
  if (ec != std::errc()) return fmt::format("{}", value);
  return std::string(buffer, end);
}

Result<TypedValue> ParseValue(const ValueSpec& spec, std::string_view text) {
  TypedValue v;
  if (Trim(text).empty() && !IsTextType(spec.type)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("no value; write {}", spec.Describe()));
  }
  switch (spec.type) {
    case ValueType::kText:
    case ValueType::kLongText: {
      auto t = ParseTextValue(spec, text);
      if (!t) return Fail(t.error());
      v.text = std::move(*t);
      return v;
    }
    case ValueType::kDate: {
      auto d = ParseDateValue(text);
      if (!d) return Fail(d.error());
      v.text = d->ToString();
      return v;
    }
    case ValueType::kBoolean: {
      auto b = ParseBoolean(text);
      if (!b) return Fail(b.error());
      v.number = *b ? 1.0 : 0.0;
      return v;
    }
    case ValueType::kInteger:
    case ValueType::kIntegerPositive:
    case ValueType::kIntegerZeroOrPositive: {
      const std::string_view s = Trim(text);
      const bool sign = s.starts_with('-') || s.starts_with('+');
      auto n = ParseInt64(text);
      if (!n) {
        return Fail(AllDigits(s.substr(sign ? 1 : 0)) ? OutOfRange(text, spec)
                                                      : NotAWholeNumber(text, spec));
      }
      if (*n < 0 && spec.Min() >= 0) {
        return Fail(
            ErrorCode::kInvalidArgument,
            fmt::format("{} is negative; write {}", QuoteForMessage(text), spec.Describe()));
      }
      const auto d = static_cast<double>(*n);
      if (*n < kIntegerMin || *n > kIntegerMax || d < spec.Min() || d > spec.Max()) {
        return Fail(OutOfRange(text, spec));
      }
      v.number = d;
      return v;
    }
    case ValueType::kNumber:
    case ValueType::kPercentage: {
      auto n = ParseDecimal(text);
      if (!n) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{}; write {}", n.error().message(), spec.Describe()));
      }
      if (*n < spec.Min() || *n > spec.Max()) return Fail(OutOfRange(text, spec));
      v.number = *n;
      return v;
    }
  }
  return Fail(ErrorCode::kInternal, "unknown value type");
}

Status CheckValue(const ValueSpec& spec, const TypedValue& value) {
  auto wrong = [&](std::string why) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{}; a value of type {} must be {}", why, ValueTypeName(spec.type),
                            spec.Describe()));
  };
  if (IsStoredAsNumber(spec.type)) {
    if (!value.number) return wrong(fmt::format("text {} is stored", QuoteForMessage(value.text)));
    const double n = *value.number;
    if (!std::isfinite(n)) return wrong("a value that is not finite is stored");
    if ((IsIntegerType(spec.type) || spec.type == ValueType::kBoolean) && std::floor(n) != n) {
      return wrong(fmt::format("{} is not whole", FormatDecimal(n)));
    }
    if (n < spec.Min() || n > spec.Max()) {
      return wrong(fmt::format("{} is out of range", FormatDecimal(n)));
    }
    return Ok();
  }
  if (value.number) {
    return wrong(fmt::format("the number {} is stored", FormatDecimal(*value.number)));
  }
  if (spec.type == ValueType::kDate) {
    auto d = ParseDateValue(value.text);
    if (!d) return Fail(d.error());
    if (d->ToString() != value.text)
      return wrong(QuoteForMessage(value.text) + " is not YYYY-MM-DD");
    return Ok();
  }
  if (!IsValidUtf8(value.text)) return wrong("the text is not valid UTF-8");
  if (auto control = FindControlCharacter(value.text)) {
    return wrong(fmt::format("character {} of {} is a control character (U+{:04X})",
                             control->position, QuoteForMessage(value.text),
                             static_cast<uint32_t>(control->code_point)));
  }
  if (ToNfc(value.text) != value.text) {
    return wrong(QuoteForMessage(value.text) + " is not in Unicode NFC");
  }
  if (const size_t n = CountCodePoints(value.text); n > spec.MaxLength()) {
    return wrong(fmt::format("{} has {} characters", QuoteForMessage(value.text), n));
  }
  return Ok();
}

}  // namespace antq
