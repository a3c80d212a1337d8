#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"

namespace antq::http {

// Splits a request target into its path and query and decodes both. Refused (kInvalidArgument):
// a target that does not start with '/'; a bad %-escape; decoded text that is not UTF-8 or holds
// a NUL or another control character; a path with a "." or ".." segment or a backslash, so no
// decoded path can climb out of a folder.
struct Target {
  std::string path;
  std::multimap<std::string, std::string> query;
};
Result<Target> ParseTarget(std::string_view target);

// Decodes %XX escapes (and '+' as a space when `plus_is_space`).
Result<std::string> PercentDecode(std::string_view text, bool plus_is_space);

}  // namespace antq::http
