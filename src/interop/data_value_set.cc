#include "interop/data_value_set.h"

#include <fmt/format.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <functional>
#include <nlohmann/json.hpp>

#include "interop/csv.h"
#include "interop/data_value_set_json.h"

namespace antq {

namespace od = simdjson::ondemand;

Error JsonError(const std::string& file, const std::string& where, const std::string& what) {
  return Error(ErrorCode::kInvalidArgument, what, where.empty() ? file : file + ": " + where);
}

namespace {

// A scalar as text: strings unescaped, numbers and booleans as written, null as "".
simdjson::error_code ScalarText(od::value value, std::string& out) {
  od::json_type type;
  if (auto e = value.type().get(type)) return e;
  switch (type) {
    case od::json_type::string: {
      std::string_view s;
      if (auto e = value.get_string().get(s)) return e;
      out.assign(s);
      return simdjson::SUCCESS;
    }
    case od::json_type::number:
    case od::json_type::boolean: {
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\n' || raw.back() == '\r' ||
                              raw.back() == '\t')) {
        raw.remove_suffix(1);
      }
      out.assign(raw);
      return simdjson::SUCCESS;
    }
    case od::json_type::null:
      out.clear();
      return simdjson::SUCCESS;
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

bool Truthy(const std::string& text) { return text == "true" || text == "1"; }

// True when something follows the document's value ("{…},{…}"): On-Demand reads only as far as
// it is asked, so trailing text must be looked for (simdjson 3.0 has no at_end: the location is
// out of bounds exactly at the end).
bool TextAfterTheDocument(od::document& doc) {
  const char* location = nullptr;
  return doc.current_location().get(location) == simdjson::SUCCESS;
}

}  // namespace

Status ReadDataValueJson(od::object object, DataValueEntry& entry, const std::string& file,
                         const std::string& where) {
  for (auto field : object) {
    std::string_view key;
    if (field.unescaped_key().get(key)) return Fail(JsonError(file, where, "unreadable key"));
    static constexpr std::array<std::string_view, 12> kKnown = {"dataElement",
                                                                "period",
                                                                "orgUnit",
                                                                "categoryOptionCombo",
                                                                "attributeOptionCombo",
                                                                "value",
                                                                "storedBy",
                                                                "lastUpdated",
                                                                "comment",
                                                                "followup",
                                                                "followUp",
                                                                "deleted"};
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) continue;  // not ours
    std::string text;
    if (auto e = ScalarText(field.value(), text)) {
      return Fail(JsonError(file, fmt::format("{}.{}", where, key),
                            fmt::format("expected a string ({})", simdjson::error_message(e))));
    }
    if (key == "dataElement") {
      entry.data_element = std::move(text);
    } else if (key == "period") {
      entry.period = std::move(text);
    } else if (key == "orgUnit") {
      entry.org_unit = std::move(text);
    } else if (key == "categoryOptionCombo") {
      entry.category_option_combo = std::move(text);
    } else if (key == "attributeOptionCombo") {
      entry.attribute_option_combo = std::move(text);
    } else if (key == "value") {
      entry.value = std::move(text);
    } else if (key == "storedBy") {
      entry.stored_by = std::move(text);
    } else if (key == "lastUpdated") {
      entry.last_updated = std::move(text);
    } else if (key == "comment") {
      entry.comment = std::move(text);
    } else if (key == "followup" || key == "followUp") {
      entry.follow_up = Truthy(text);
    } else if (key == "deleted") {
      entry.deleted = Truthy(text);
    }
  }
  return {};
}

namespace {

// A top-level field other than dataValues: a group-level scalar (period, orgUnit and
// attributeOptionCombo go to `group`, dataSet and completeDate to `set`); objects and arrays are
// skipped.
Status ReadTopField(std::string_view key, od::value value, const std::string& file,
                    DataValueEntry& group, DataValueSet& set) {
  od::json_type type;
  if (value.type().get(type)) return Fail(JsonError(file, std::string(key), "unreadable value"));
  if (type == od::json_type::object || type == od::json_type::array) return Ok();
  std::string text;
  if (auto e = ScalarText(value, text)) {
    return Fail(JsonError(file, std::string(key), simdjson::error_message(e)));
  }
  if (key == "dataSet") set.data_set = text;
  if (key == "completeDate") set.complete_date = text;
  if (key == "period") group.period = text;
  if (key == "orgUnit") group.org_unit = text;
  if (key == "attributeOptionCombo") group.attribute_option_combo = text;
  return Ok();
}

}  // namespace

Status ReadDataValueSetTop(std::string_view text, const std::string& file, DataValueEntry& group,
                           DataValueSet& set) {
  const simdjson::padded_string padded(text);
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc)) {
    return Fail(JsonError(file, "", fmt::format("not JSON: {}", simdjson::error_message(e))));
  }
  od::object top;
  if (doc.get_object().get(top)) return Fail(JsonError(file, "", "expected a JSON object"));
  for (auto field : top) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) {
      return Fail(JsonError(file, "", fmt::format("not JSON: {}", simdjson::error_message(e))));
    }
    if (auto st = ReadTopField(key, field.value(), file, group, set); !st) return st;
  }
  if (TextAfterTheDocument(doc)) {
    return Fail(JsonError(file, "", "not JSON: text after the object"));
  }
  return Ok();
}

Result<DataValueSet> ReadDataValueSetJson(std::string_view text, const std::string& file) {
  const simdjson::padded_string padded(text);
  od::parser parser;
  od::document doc;
  if (auto e = parser.iterate(padded).get(doc)) {
    return Fail(JsonError(file, "", fmt::format("not JSON: {}", simdjson::error_message(e))));
  }
  od::object top;
  if (doc.get_object().get(top)) return Fail(JsonError(file, "", "expected a JSON object"));
  DataValueSet set;
  DataValueEntry group;  // what every value inherits
  bool saw_values = false;
  for (auto field : top) {
    std::string_view key;
    if (auto e = field.unescaped_key().get(key)) {
      return Fail(JsonError(file, "", fmt::format("not JSON: {}", simdjson::error_message(e))));
    }
    if (key == "dataValues") {
      od::array array;
      if (field.value().get_array().get(array)) {
        return Fail(JsonError(file, "dataValues", "expected an array"));
      }
      saw_values = true;
      size_t index = 0;
      for (auto item : array) {
        const std::string where = fmt::format("dataValues[{}]", index);
        od::object object;
        if (item.get_object().get(object))
          return Fail(JsonError(file, where, "expected an object"));
        DataValueEntry entry = group;
        entry.index = index++;
        if (auto s = ReadDataValueJson(object, entry, file, where); !s) return Fail(s.error());
        set.values.push_back(std::move(entry));
      }
      continue;
    }
    if (auto st = ReadTopField(key, field.value(), file, group, set); !st) return Fail(st.error());
  }
  if (TextAfterTheDocument(doc)) {
    return Fail(JsonError(file, "", "not JSON: text after the object"));
  }
  if (!saw_values) return Fail(JsonError(file, "dataValues", "is missing"));
  // Group fields given after dataValues still apply to values that lack them.
  for (DataValueEntry& v : set.values) {
    if (v.period.empty()) v.period = group.period;
    if (v.org_unit.empty()) v.org_unit = group.org_unit;
    if (v.attribute_option_combo.empty()) v.attribute_option_combo = group.attribute_option_combo;
  }
  return set;
}

namespace {

enum class Column {
  kDataElement,
  kPeriod,
  kOrgUnit,
  kCategoryOptionCombo,
  kAttributeOptionCombo,
  kValue,
  kStoredBy,
  kLastUpdated,
  kComment,
  kFollowUp,
  kDeleted,
  kIgnored,
};

// DHIS2's names and older spellings, compared in lower case.
std::optional<Column> ColumnNamed(std::string name) {
  std::transform(name.begin(), name.end(), name.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  static const std::array<std::pair<const char*, Column>, 17> kNames = {{
      {"dataelement", Column::kDataElement},
      {"period", Column::kPeriod},
      {"orgunit", Column::kOrgUnit},
      {"categoryoptioncombo", Column::kCategoryOptionCombo},
      {"catoptcombo", Column::kCategoryOptionCombo},
      {"attributeoptioncombo", Column::kAttributeOptionCombo},
      {"attroptcombo", Column::kAttributeOptionCombo},
      {"value", Column::kValue},
      {"storedby", Column::kStoredBy},
      {"strby", Column::kStoredBy},
      {"lastupdated", Column::kLastUpdated},
      {"lstupd", Column::kLastUpdated},
      {"timestamp", Column::kLastUpdated},
      {"comment", Column::kComment},
      {"cmt", Column::kComment},
      {"followup", Column::kFollowUp},
      {"deleted", Column::kDeleted},
  }};
  for (const auto& [known, column] : kNames) {
    if (name == known) return column;
  }
  if (name == "created") return Column::kIgnored;
  return std::nullopt;
}

}  // namespace

namespace {

// Reads the header and then each value of a dataValueSets CSV, handing each to `visit`.
Status ReadCsvValues(CsvReader& reader, const std::string& file,
                     const std::function<Status(DataValueEntry&)>& visit) {
  CsvRow header;
  auto first = reader.Next(header);
  if (!first) return Fail(first.error());
  if (!*first) {
    return Fail(ErrorCode::kInvalidArgument, "is empty: the first line names the columns", file);
  }
  std::vector<Column> columns;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    auto column = ColumnNamed(header.fields[i]);
    const std::string where = fmt::format("{}:{}:{}", file, header.line, i + 1);
    if (!column) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is not a dataValueSet column (dataelement, period, orgunit, "
                              "categoryoptioncombo, attributeoptioncombo, value, storedby, "
                              "lastupdated, comment, followup, deleted)",
                              header.fields[i]),
                  where);
    }
    if (*column != Column::kIgnored &&
        std::find(columns.begin(), columns.end(), *column) != columns.end()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("column '{}' is given twice", header.fields[i]), where);
    }
    columns.push_back(*column);
  }
  for (auto [required, name] : {std::pair{Column::kDataElement, "dataelement"},
                                {Column::kPeriod, "period"},
                                {Column::kOrgUnit, "orgunit"},
                                {Column::kValue, "value"}}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("has no '{}' column", name),
                  fmt::format("{}:{}", file, header.line));
    }
  }
  CsvRow row;
  DataValueEntry entry;
  for (size_t index = 0;; ++index) {
    auto more = reader.Next(row);
    if (!more) return Fail(more.error());
    if (!*more) return Ok();
    if (row.fields.size() != columns.size()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("{} fields, but the header has {}", row.fields.size(), columns.size()),
          fmt::format("{}:{}", file, row.line));
    }
    entry = DataValueEntry();
    entry.index = index;
    entry.line = row.line;
    for (size_t i = 0; i < columns.size(); ++i) {
      std::string& cell = row.fields[i];
      switch (columns[i]) {
        case Column::kDataElement:
          entry.data_element = std::move(cell);
          break;
        case Column::kPeriod:
          entry.period = std::move(cell);
          break;
        case Column::kOrgUnit:
          entry.org_unit = std::move(cell);
          break;
        case Column::kCategoryOptionCombo:
          entry.category_option_combo = std::move(cell);
          break;
        case Column::kAttributeOptionCombo:
          entry.attribute_option_combo = std::move(cell);
          break;
        case Column::kValue:
          entry.value = std::move(cell);
          break;
        case Column::kStoredBy:
          entry.stored_by = std::move(cell);
          break;
        case Column::kLastUpdated:
          entry.last_updated = std::move(cell);
          break;
        case Column::kComment:
          entry.comment = std::move(cell);
          break;
        case Column::kFollowUp:
          entry.follow_up = Truthy(cell);
          break;
        case Column::kDeleted:
          entry.deleted = Truthy(cell);
          break;
        case Column::kIgnored:
          break;
      }
    }
    if (auto s = visit(entry); !s) return s;
  }
}

}  // namespace

Result<DataValueSet> ReadDataValueSetCsv(std::string_view text, const std::string& file) {
  CsvReader reader(text, file);
  DataValueSet set;
  auto read = ReadCsvValues(reader, file, [&](DataValueEntry& e) {
    set.values.push_back(std::move(e));
    return Ok();
  });
  if (!read) return Fail(read.error());
  return set;
}

Status ReadDataValueSetCsv(std::istream& in, const std::string& file,
                           const std::function<Status(DataValueEntry&)>& visit) {
  CsvReader reader(in, file);
  return ReadCsvValues(reader, file, visit);
}

void WriteDataValueSetJson(const std::vector<DataValueEntry>& values, std::ostream& out) {
  out << "{\"dataValues\":[";
  bool first = true;
  for (const DataValueEntry& v : values) {
    nlohmann::ordered_json item = {
        {"dataElement", v.data_element},
        {"period", v.period},
        {"orgUnit", v.org_unit},
        {"categoryOptionCombo", v.category_option_combo},
        {"attributeOptionCombo", v.attribute_option_combo},
        {"value", v.value},
        {"storedBy", v.stored_by},
        {"lastUpdated", v.last_updated},
        {"comment",
         v.comment.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(v.comment)},
        {"followup", v.follow_up},
    };
    out << (first ? "\n" : ",\n") << item.dump();
    first = false;
  }
  out << "\n]}\n";
}

namespace {

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

}  // namespace

void WriteDataValueSetCsv(const std::vector<DataValueEntry>& values, std::ostream& out) {
  out << "dataelement,period,orgunit,categoryoptioncombo,attributeoptioncombo,value,storedby,"
         "lastupdated,comment,followup,deleted\n";
  for (const DataValueEntry& v : values) {
    out << CsvField(v.data_element) << ',' << CsvField(v.period) << ',' << CsvField(v.org_unit)
        << ',' << CsvField(v.category_option_combo) << ',' << CsvField(v.attribute_option_combo)
        << ',' << CsvField(v.value) << ',' << CsvField(v.stored_by) << ','
        << CsvField(v.last_updated) << ',' << CsvField(v.comment) << ','
        << (v.follow_up ? "true" : "false") << ',' << (v.deleted ? "true" : "") << '\n';
  }
}

}  // namespace antq
