#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace antq {

// One record of a CSV file and the line it starts on (1-based; a quoted field may span lines).
struct CsvRow {
  int line = 0;
  std::vector<std::string> fields;
};

// Reads RFC 4180 CSV: comma-separated, fields optionally in double quotes with "" for a quote,
// CRLF or LF line ends, a UTF-8 byte-order mark ignored, blank lines skipped. The text must be
// valid UTF-8 and is NFC-normalised. Errors name the file and line (an unterminated quote).
Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view file_name);

}  // namespace antq
