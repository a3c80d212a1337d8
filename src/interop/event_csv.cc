#include "interop/event_csv.h"

#include <fmt/format.h>

#include <set>
#include <unordered_map>

#include "common/text.h"
#include "interop/csv.h"

namespace antq {
namespace {

// The names a header cell may use for each column, as search keys.
std::unordered_map<std::string, std::string> ColumnNames(const Register& reg,
                                                         const Catalog& catalog) {
  std::unordered_map<std::string, std::string> names;
  for (const char* n : {"date", "ngay", "ngay to chuc", "ngay thang"}) names[n] = "date";
  for (const char* n : {"unit", "don vi", "ma don vi", "xa", "ma xa", "commune", "unit code",
                        "xa phuong", "xa, phuong"}) {
    names[SearchKey(n)] = "unit";
  }
  for (const RegisterField& f : reg.fields) {
    for (const std::string& n : {f.code, f.name_vi, f.name_en}) {
      names[SearchKey(n)] = f.code;
      // "Địa điểm (thôn, làng)" is also found as "Địa điểm".
      if (const size_t paren = n.find(" ("); paren != std::string::npos) {
        names[SearchKey(n.substr(0, paren))] = f.code;
      }
    }
    for (const std::string& n : f.aliases) names[SearchKey(n)] = f.code;
    if (f.type != FieldType::kItems) continue;
    if (const Category* c = catalog.FindCategory(f.category)) {
      for (const CategoryOption& o : c->options) {
        for (const std::string& n : {f.code + "." + o.code, o.name_vi, o.name_en}) {
          names[SearchKey(n)] = f.code + "." + o.code;
        }
      }
    }
  }
  return names;
}

}  // namespace

int EventCsv::ColumnOf(std::string_view field_key) const {
  // "recommendations[0].text" is in the column of "recommendations"; "items.sung" has its own.
  for (std::string_view key : {field_key, field_key.substr(0, field_key.find_first_of("[."))}) {
    for (size_t i = 0; i < columns.size(); ++i) {
      if (columns[i] == key) return static_cast<int>(i + 1);
    }
  }
  return 0;
}

std::string EventCsv::Where(const EventCsvRow& row, std::string_view field_key) const {
  const int column = ColumnOf(field_key);
  return column > 0 ? fmt::format("{}:{}:{}", file, row.line, column)
                    : fmt::format("{}:{}", file, row.line);
}

Result<EventCsv> ReadEventCsv(std::string_view text, const std::string& file, const Register& reg,
                              const Catalog& catalog) {
  auto rows = ReadCsv(text, file);
  if (!rows) return Fail(rows.error());
  if (rows->empty()) return Fail(ErrorCode::kInvalidArgument, "the file is empty", file);
  const CsvRow& header = rows->front();
  const auto names = ColumnNames(reg, catalog);
  EventCsv out;
  out.file = file;
  std::set<std::string> used;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    const std::string where = fmt::format("{}:{}:{}", file, header.line, i + 1);
    auto it = names.find(SearchKey(header.fields[i]));
    if (it == names.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("column {} {} is not a field of register {}", i + 1,
                              QuoteForMessage(header.fields[i]), reg.code),
                  where);
    }
    if (!used.insert(it->second).second) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("column {} {} repeats field {}", i + 1,
                              QuoteForMessage(header.fields[i]), it->second),
                  where);
    }
    out.columns.push_back(it->second);
  }
  for (const char* needed : {"date", "unit"}) {
    if (!used.contains(needed)) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("the header has no '{}' column", needed),
                  fmt::format("{}:{}", file, header.line));
    }
  }
  out.rows.reserve(rows->size() - 1);
  for (size_t r = 1; r < rows->size(); ++r) {
    CsvRow& cells = (*rows)[r];
    EventCsvRow& row = out.rows.emplace_back();
    row.line = cells.line;
    if (cells.fields.size() != out.columns.size()) {
      row.shape_problem =
          fmt::format("{} fields, but the header has {}", cells.fields.size(), out.columns.size());
      continue;
    }
    for (size_t k = 0; k < out.columns.size(); ++k) {
      const std::string& column = out.columns[k];
      if (column == "date") {
        row.date = std::move(cells.fields[k]);
      } else if (column == "unit") {
        row.unit = std::move(cells.fields[k]);
      } else {
        row.fields[column] = std::move(cells.fields[k]);
      }
    }
  }
  return out;
}

}  // namespace antq
