#pragma once

#include <istream>
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

// Reads RFC 4180 CSV record by record, from text in memory or from a stream read in blocks (a
// file of millions of rows needs no more memory than one record): comma-separated, fields
// optionally in double quotes with "" for a quote, CRLF or LF line ends, a UTF-8 byte-order mark
// ignored, blank lines skipped. Each field must be valid UTF-8 and is NFC-normalised. Errors name
// the file and line (an unterminated quote, a stray quote, bad UTF-8).
class CsvReader {
 public:
  CsvReader(std::string_view text, std::string file_name);
  CsvReader(std::istream& in, std::string file_name);

  // The next record into `row`; false at the end of the input.
  Result<bool> Next(CsvRow& row);

 private:
  int Get();   // the next byte, or -1 at the end
  int Peek();  // the byte Get would return, without taking it
  bool Fill();
  Status Finish(CsvRow& row);

  std::istream* in_ = nullptr;
  std::string block_;
  std::string_view buffer_;
  size_t pos_ = 0;
  int line_ = 1;
  bool started_ = false;
  std::string file_;
};

// The whole text's records (see CsvReader).
Result<std::vector<CsvRow>> ReadCsv(std::string_view text, std::string_view file_name);

}  // namespace antq
