#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>

#include "common/result.h"

namespace antq {

// Parses a TOML file's text after checking it is UTF-8 and bringing it to NFC. A syntax error
// names the file, the line and the column. For interop's readers only (toml++ stays inside).
Result<toml::table> ParseTomlText(std::string_view text, const std::string& file);

}  // namespace antq
