#include "interop/toml_text.h"

#include <fmt/format.h>

#include "common/text.h"

namespace antq {

Result<toml::table> ParseTomlText(std::string_view text, const std::string& file) {
  auto normalized = NormalizeInput(text, file);
  if (!normalized) return Fail(normalized.error());
  try {
    return toml::parse(*normalized, file);
  } catch (const toml::parse_error& e) {
    return Fail(ErrorCode::kInvalidArgument, std::string(e.description()),
                fmt::format("{}:{}:{}", file, e.source().begin.line, e.source().begin.column));
  }
}

}  // namespace antq
