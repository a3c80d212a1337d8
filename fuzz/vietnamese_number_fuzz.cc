// libFuzzer target for numbers typed as Vietnamese text: the first byte picks the column kind,
// the rest is the text. Every text gets a status; a refusal or an ambiguity has a reason and no
// digits; accepted digits are canonical ("-"?, no leading zeros, "." and a fraction without
// trailing zeros) and read back to themselves when written the Vietnamese way ("." → ",").
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "interop/vietnamese_number.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// -?(0|[1-9][0-9]*)(\.[0-9]*[1-9])?, and not "-0".
bool IsCanonical(std::string_view d) {
  if (d.starts_with("-")) {
    d.remove_prefix(1);
    if (d == "0") return false;
  }
  const size_t point = d.find('.');
  const std::string_view whole = d.substr(0, point);
  if (whole.empty() || (whole.size() > 1 && whole[0] == '0')) return false;
  for (char c : whole) {
    if (!IsDigit(c)) return false;
  }
  if (point == std::string_view::npos) return true;
  const std::string_view fraction = d.substr(point + 1);
  if (fraction.empty() || fraction.back() == '0') return false;
  for (char c : fraction) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const antq::NumberKind kind =
      data[0] % 2 == 0 ? antq::NumberKind::kWhole : antq::NumberKind::kDecimal;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  const antq::VietnameseNumber n = antq::ParseVietnameseNumber(text, kind);
  if (n.status != antq::VietnameseNumber::Status::kOk) {
    Check(n.digits.empty() && !n.reason.empty());
    return 0;
  }
  Check(n.reason.empty());
  Check(IsCanonical(n.digits));
  // ",5" gives "0.5", one character longer: past the length limit the text cannot read back.
  if (n.digits.size() > 40) return 0;
  std::string vietnamese = n.digits;
  for (char& c : vietnamese) {
    if (c == '.') c = ',';
  }
  const antq::VietnameseNumber again =
      antq::ParseVietnameseNumber(vietnamese, antq::NumberKind::kDecimal);
  Check(again.status == antq::VietnameseNumber::Status::kOk && again.digits == n.digits);
  return 0;
}
