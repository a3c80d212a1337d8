#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit.h"

namespace antq {

// A value as stored: numbers (integers, numbers, booleans as 0/1) in `number`, text in `text`.
struct TypedValue {
  std::optional<double> number;
  std::string text;

  // The canonical text form: "12", "12.5", "1"/"0" for booleans, the text itself.
  std::string ToString() const;
  friend bool operator==(const TypedValue&, const TypedValue&) = default;
};

// Parses user input for an element of `type`: numbers as in ParseNumber, booleans as in
// ParseBoolean, text as it is. Errors say what was expected.
Result<TypedValue> ParseTypedValue(ValueType type, std::string_view text);

// Parses a number written "1234", "-3", "12.5" or "12,5": a dot or a comma is the decimal mark.
// Thousands separators are not understood (Vietnamese "1.234" is read as 1.234), so numbers are
// entered without them; text with both marks is refused.
Result<double> ParseNumber(std::string_view text);

// Parses a boolean: 1/0, true/false, yes/no, có/không, đạt/chưa đạt (case- and accent-tolerant).
Result<bool> ParseBoolean(std::string_view text);

}  // namespace antq

namespace antq {

// One stored figure: the value of an element (and disaggregation option) for a unit and period,
// with who set it and when.
struct DataValue {
  UnitId unit_id = 0;
  std::string element;
  std::string option;  // empty when the element has no disaggregation
  std::string period;  // ISO code
  std::string data_set;
  TypedValue value;
  std::string stored_by;
  std::string updated_at;  // UTC, ISO 8601
  std::string comment;
};

}  // namespace antq
