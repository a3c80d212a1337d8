#pragma once

#include <iosfwd>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "common/result.h"

namespace antq::cli {

enum class Format { kTable, kCsv, kJson };

Result<Format> ParseFormat(const std::string& name);

// Rows of text under named columns, printed as an aligned table, RFC 4180 CSV, or a JSON array
// of objects keyed by `keys`. Table mode shows `headers` (Vietnamese first); CSV and JSON use the
// stable English `keys` that scripts depend on.
struct Table {
  std::vector<std::string> keys;
  std::vector<std::string> headers;
  std::vector<std::vector<std::string>> rows;
};

void Print(const Table& table, Format format, std::ostream& out);

std::string CsvField(const std::string& field);

// `--format json`: the use case's result in its one JSON form (app/json_mapping.h), the same the
// API answers with, indented.
void PrintJson(const nlohmann::json& value, std::ostream& out);

}  // namespace antq::cli
