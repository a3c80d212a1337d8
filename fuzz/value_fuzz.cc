// libFuzzer target for the typed value parser: the first byte picks a value type (and whether
// the spec narrows its bounds), the rest is the text. Any text must be accepted or refused with
// a message; an accepted value must pass the stored-value check, be written back in a form that
// parses to the same value, and never be a number outside its type's range.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/value_type.h"

namespace {

constexpr antq::ValueType kTypes[] = {antq::ValueType::kInteger,
                                      antq::ValueType::kIntegerPositive,
                                      antq::ValueType::kIntegerZeroOrPositive,
                                      antq::ValueType::kNumber,
                                      antq::ValueType::kPercentage,
                                      antq::ValueType::kBoolean,
                                      antq::ValueType::kText,
                                      antq::ValueType::kLongText,
                                      antq::ValueType::kDate};

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  antq::ValueSpec spec;
  spec.type = kTypes[data[0] % std::size(kTypes)];
  if ((data[0] & 0x80) && antq::IsNumericType(spec.type)) {
    spec.min = 0;
    spec.max = 10;
  }
  if ((data[0] & 0x80) && !antq::IsStoredAsNumber(spec.type) &&
      spec.type != antq::ValueType::kDate) {
    spec.max_length = 8;
  }
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  auto value = antq::ParseValue(spec, text);
  if (!value) {
    Check(!value.error().message().empty());
    return 0;
  }
  Check(antq::CheckValue(spec, *value).has_value());
  if (value->number) {
    Check(std::isfinite(*value->number));
    Check(*value->number >= spec.Min() && *value->number <= spec.Max());
    if (antq::IsIntegerType(spec.type)) Check(std::floor(*value->number) == *value->number);
  }
  auto again = antq::ParseValue(spec, value->ToString());
  Check(again.has_value() && *again == *value);
  return 0;
}
