#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"

namespace antq {

// The kinds of value a data element or a register field holds, after DHIS2's value types (and
// named as DHIS2 names them, in lower case), so that figures exchanged with DHIS2 mean the same
// on both sides. Every way a value comes in (antq values set, CSV event import, the API, DHIS2
// and XLSX imports) parses it with ParseValue below, and nothing else.
enum class ValueType {
  kInteger,                // a whole number, negative allowed
  kIntegerPositive,        // 1, 2, …
  kIntegerZeroOrPositive,  // 0, 1, 2, …: the movement's counts (sessions, people, items)
  kNumber,                 // a decimal number: scores, kg, millions of đồng
  kPercentage,             // a decimal number from 0 to 100
  kBoolean,                // yes or no, stored as 1 or 0
  kText,                   // one line or a few, at most kTextMaxLength characters
  kLongText,               // notes, at most kLongTextMaxLength characters
  kDate,                   // YYYY-MM-DD
};

std::string_view ValueTypeName(ValueType t);
Result<ValueType> ParseValueType(std::string_view name);
bool IsIntegerType(ValueType t);
// Integer types, number and percentage: the types that are added up.
bool IsNumericType(ValueType t);
// Boolean and every numeric type: the value is stored as a number.
bool IsStoredAsNumber(ValueType t);

// The range of every integer type. DHIS2 checks integers against a 32-bit int, so ANTQ does too:
// a figure ANTQ accepts is one DHIS2 accepts, a double holds it exactly, and the sum of even
// millions of the largest values stays exact (below 2^53).
inline constexpr int64_t kIntegerMin = -2147483648LL;
inline constexpr int64_t kIntegerMax = 2147483647LL;
// Numbers have at most 15 digits before the decimal mark, so that they are written back in plain
// decimal notation and keep their cents.
inline constexpr double kNumberLimit = 999999999999999.0;
// Default lengths of text, in characters (code points) after NFC.
inline constexpr size_t kTextMaxLength = 4000;
inline constexpr size_t kLongTextMaxLength = 50000;
// Dates a value can hold.
inline constexpr int kDateFirstYear = 1900;
inline constexpr int kDateLastYear = 2100;

// A value as stored: numbers (integers, numbers, booleans as 0/1) in `number`, text (and dates)
// in `text`. An integer type's number is always whole and within kIntegerMin..kIntegerMax, so
// the double holds it exactly.
struct TypedValue {
  std::optional<double> number;
  std::string text;

  // The canonical text form, which ParseValue reads back to the same value: "12", "12.5",
  // "1"/"0" for booleans, the text itself. Never an exponent.
  std::string ToString() const;
  friend bool operator==(const TypedValue&, const TypedValue&) = default;
};

// A value type with the bounds a catalogue may narrow it to.
struct ValueSpec {
  ValueType type = ValueType::kText;
  std::optional<double> min;         // numeric types: smallest allowed value
  std::optional<double> max;         // numeric types: largest allowed value
  std::optional<size_t> max_length;  // text types: most characters

  // The bounds that apply: the type's own, narrowed by min/max/max_length.
  double Min() const;
  double Max() const;
  size_t MaxLength() const;
  // What a value must look like, for messages: "a whole number from 0 to 2147483647".
  std::string Describe() const;
  // Whether the bounds fit the type (min <= max, within the type's range, whole numbers for
  // integer types, max_length only for text). The error says which bound is wrong.
  Status Validate() const;
};

// Parses user input for `spec`. Surrounding spaces are trimmed. Refused, with a message that
// quotes the value and says what would be accepted (the caller adds the field's name):
// - integers: anything but an optional sign (a minus only where negatives are allowed) and
//   digits; an exponent, a decimal mark or a thousands separator; a value outside the range;
// - numbers: anything but plain decimal notation ("12", "-3", "12.5", "12,5"), so no exponent,
//   NaN, infinity or thousands separators; a value outside the range;
// - booleans: anything but 1/0, true/false, yes/no, có/không, đạt/chưa đạt, x;
// - text: invalid UTF-8, control characters other than tab and line feed (CR LF becomes LF),
//   more than MaxLength() characters; the text is stored in NFC;
// - dates: anything but an existing YYYY-MM-DD from kDateFirstYear to kDateLastYear.
Result<TypedValue> ParseValue(const ValueSpec& spec, std::string_view text);

// Checks a value read back from the store against `spec`, as ParseValue would have produced it:
// the right storage (number or text), whole numbers for integers, the bounds, valid NFC text
// without control characters, real dates. For `antq check` and catalogue upgrades.
Status CheckValue(const ValueSpec& spec, const TypedValue& value);

// The integer grammar alone: an optional sign and ASCII digits, within int64. Surrounding spaces
// are trimmed. Every int64 written in decimal reads back exactly.
Result<int64_t> ParseInt64(std::string_view text);

// The decimal grammar alone: an optional sign, digits, and optionally one decimal mark ('.' or
// ',') followed by digits. The result is finite.
Result<double> ParseDecimal(std::string_view text);

// Parses a boolean: 1/0, true/false, yes/no, có/không, đạt/chưa đạt, x (case- and
// accent-tolerant).
Result<bool> ParseBoolean(std::string_view text);

// A number in plain decimal notation with the fewest digits that read back to the same double:
// 12, 12.5, 0.000001, 123456789012345.
std::string FormatDecimal(double value);

}  // namespace antq
