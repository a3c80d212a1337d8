#include "cli/output.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "common/text.h"

namespace antq::cli {

Result<Format> ParseFormat(const std::string& name) {
  if (name == "table") return Format::kTable;
  if (name == "csv") return Format::kCsv;
  if (name == "json") return Format::kJson;
  return Fail(ErrorCode::kUsage, fmt::format("unknown format '{}'; use table, csv or json", name),
              "--format");
}

std::string CsvField(const std::string& field) {
  if (field.find_first_of(",\"\n\r") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted.push_back('"');
    quoted.push_back(c);
  }
  quoted.push_back('"');
  return quoted;
}

void PrintJson(const nlohmann::json& value, std::ostream& out) { out << value.dump(2) << "\n"; }

void Print(const Table& table, Format format, std::ostream& out) {
  switch (format) {
    case Format::kCsv: {
      for (size_t i = 0; i < table.keys.size(); ++i)
        out << (i ? "," : "") << CsvField(table.keys[i]);
      out << "\n";
      for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << CsvField(row[i]);
        out << "\n";
      }
      return;
    }
    case Format::kJson: {
      nlohmann::json rows = nlohmann::json::array();
      for (const auto& row : table.rows) {
        nlohmann::json obj = nlohmann::json::object();
        for (size_t i = 0; i < row.size() && i < table.keys.size(); ++i)
          obj[table.keys[i]] = row[i];
        rows.push_back(std::move(obj));
      }
      out << rows.dump(2) << "\n";
      return;
    }
    case Format::kTable: {
      const auto& head = table.headers.empty() ? table.keys : table.headers;
      std::vector<size_t> width(head.size(), 0);
      for (size_t i = 0; i < head.size(); ++i) width[i] = DisplayWidth(head[i]);
      for (const auto& row : table.rows) {
        for (size_t i = 0; i < row.size() && i < width.size(); ++i) {
          width[i] = std::max(width[i], DisplayWidth(row[i]));
        }
      }
      auto line = [&](const std::vector<std::string>& cells) {
        std::string text;
        for (size_t i = 0; i < cells.size(); ++i) {
          text += cells[i];
          if (i + 1 < cells.size()) text.append(width[i] - DisplayWidth(cells[i]) + 2, ' ');
        }
        out << text << "\n";
      };
      line(head);
      std::vector<std::string> rule;
      rule.reserve(width.size());
      for (size_t w : width) rule.emplace_back(w, '-');
      line(rule);
      for (const auto& row : table.rows) line(row);
      if (table.rows.empty()) out << "(không có dòng nào / no rows)\n";
      return;
    }
  }
}

}  // namespace antq::cli
