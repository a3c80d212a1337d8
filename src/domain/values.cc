#include "domain/values.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "common/text.h"

namespace antq {

std::string TypedValue::ToString() const {
  if (!number) return text;
  const double v = *number;
  if (std::floor(v) == v && std::abs(v) < 1e15) return fmt::format("{}", static_cast<int64_t>(v));
  return fmt::format("{}", v);
}

Result<double> ParseNumber(std::string_view text) {
  std::string s(text);
  while (!s.empty() && s.back() == ' ') s.pop_back();
  while (!s.empty() && s.front() == ' ') s.erase(0, 1);
  const size_t comma = s.find(',');
  const size_t dot = s.find('.');
  if (comma != std::string::npos && dot != std::string::npos) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("'{}' mixes '.' and ','; write numbers without thousands separators", text));
  }
  if (comma != std::string::npos) s[comma] = '.';
  double v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size() || !std::isfinite(v)) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}' is not a number", text));
  }
  return v;
}

Result<bool> ParseBoolean(std::string_view text) {
  const std::string key = SearchKey(text);
  for (const char* yes : {"1", "true", "yes", "co", "dat", "x"}) {
    if (key == yes) return true;
  }
  for (const char* no : {"0", "false", "no", "khong", "chua dat"}) {
    if (key == no) return false;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("'{}' is not yes or no (use 1/0, có/không, true/false)", text));
}

Result<TypedValue> ParseTypedValue(ValueType type, std::string_view text) {
  TypedValue v;
  switch (type) {
    case ValueType::kText:
      v.text = std::string(text);
      return v;
    case ValueType::kBoolean: {
      auto b = ParseBoolean(text);
      if (!b) return Fail(b.error());
      v.number = *b ? 1.0 : 0.0;
      return v;
    }
    case ValueType::kInteger: {
      auto n = ParseNumber(text);
      if (!n) return Fail(n.error());
      if (std::floor(*n) != *n) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("'{}' is not a whole number (write numbers without thousands "
                                "separators)",
                                text));
      }
      v.number = *n;
      return v;
    }
    case ValueType::kNumber: {
      auto n = ParseNumber(text);
      if (!n) return Fail(n.error());
      v.number = *n;
      return v;
    }
  }
  return Fail(ErrorCode::kInternal, "unknown value type");
}

}  // namespace antq
