// libFuzzer target for the TCVN3/VNI detector: the first byte picks a font hint (none, .VnTime,
// .VnTimeH, VNI-Times), the rest is the cell. Any text must come back: unchanged when the
// encoding is kNone, else as valid UTF-8 in NFC that differs from the input.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "common/text.h"
#include "interop/legacy_text.h"

namespace {

constexpr std::string_view kFonts[] = {"", ".VnTime", ".VnTimeH", "VNI-Times"};

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view font = kFonts[data[0] % std::size(kFonts)];
  const std::string_view cell(reinterpret_cast<const char*>(data + 1), size - 1);
  const antq::LegacyText got = antq::ConvertLegacyText(cell, font);
  if (got.encoding == antq::LegacyEncoding::kNone) {
    Check(got.text == cell);
    return 0;
  }
  Check(got.text != cell);
  Check(antq::IsValidUtf8(got.text));
  Check(antq::ToNfc(got.text) == got.text);
  Check(!antq::LegacyEncodingName(got.encoding).empty());
  return 0;
}
