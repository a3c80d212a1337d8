#include "interop/sheet_mapping.h"

#include <fmt/format.h>

#include <cmath>

#include "common/text.h"
#include "interop/legacy_text.h"
#include "interop/toml_table_reader.h"
#include "interop/toml_text.h"

namespace antq {
namespace {

// A column given as letters ("C"); `problem` is told when it is not one.
size_t Column(const TableReader& t, std::string_view key, const std::string& fallback) {
  std::string letters = t.String(key, false);
  if (letters.empty()) letters = fallback;
  const int column = ParseColumnLetters(letters);
  if (column < 0) {
    t.Problem(fmt::format("'{}' is not a column (A, B, …, AA)", letters), t.Where(key));
    return 0;
  }
  return static_cast<size_t>(column);
}

// A label's text: legacy encodings converted (and noted), trimmed.
std::string LabelText(const SheetCell& cell, const std::string& where,
                      std::vector<SheetNote>& notes) {
  std::string text = cell.text;
  if (cell.type == SheetCell::Type::kText) {
    LegacyText converted = ConvertLegacyText(text, cell.font);
    if (converted.encoding != LegacyEncoding::kNone) {
      if (!cell.merged) {
        notes.push_back(
            {where, fmt::format("{} read as {} text: '{}'", QuoteForMessage(text),
                                LegacyEncodingName(converted.encoding), converted.text)});
      }
      text = std::move(converted.text);
    }
  }
  const size_t first = text.find_first_not_of(" \t\n\r");
  if (first == std::string::npos) return "";
  const size_t last = text.find_last_not_of(" \t\n\r");
  return text.substr(first, last - first + 1);
}

// A number cell's digits as a value: Excel writes binary doubles ("0.30000000000000004",
// "1E-3"); people typed at most 15 significant digits, which is what Excel shows.
std::string NumberText(const std::string& digits) {
  double d = 0;
  if (digits.find_first_of("eE.") == std::string::npos) return digits;
  try {
    d = std::stod(digits);
  } catch (const std::exception&) {
    return digits;
  }
  if (!std::isfinite(d)) return digits;
  std::string text = fmt::format("{:.15g}", d);
  return text.find('e') == std::string::npos ? text : digits;
}

// One axis label (a unit or an element): where it is, and what it says.
struct Label {
  size_t index;  // the row or column
  std::string text;
  std::string cell;
};

}  // namespace

Result<SheetMapping> ReadSheetMapping(std::string_view text, const std::string& file) {
  auto parsed = ParseTomlText(text, file);
  if (!parsed) return Fail(parsed.error());
  std::optional<Error> error;
  TableReader t(*parsed, file, error);
  t.OnlyKeys({"name", "description", "sheet", "units_in", "units_by", "header_row", "first_row",
              "label_column", "period", "period_cell", "stop_at_blank", "skip", "ignore_columns",
              "ignore_rows", "elements", "aliases"});
  SheetMapping m;
  m.name = t.String("name");
  m.sheet = t.String("sheet", false);
  const std::string units_in = t.String("units_in", false);
  if (!units_in.empty() && units_in != "rows" && units_in != "columns") {
    t.Problem(R"(must be "rows" or "columns")", t.Where("units_in"));
  }
  m.units_in_rows = units_in != "columns";
  const std::string units_by = t.String("units_by", false);
  if (!units_by.empty() && units_by != "code" && units_by != "name") {
    t.Problem(R"(must be "code" or "name")", t.Where("units_by"));
  }
  m.units_by_name = units_by == "name";
  m.header_row = static_cast<size_t>(t.Integer("header_row", 1, 1) - 1);
  m.first_row = static_cast<size_t>(t.Integer("first_row", 2, 1) - 1);
  if (error) return Fail(*error);
  if (m.first_row <= m.header_row) {
    t.Problem("must come after header_row", t.Where("first_row"));
  }
  m.label_column = Column(t, "label_column", "A");
  m.period = t.String("period", false);
  m.period_cell = t.String("period_cell", false);
  size_t row = 0;
  size_t column = 0;
  if (!m.period_cell.empty() && !ParseCellReference(m.period_cell, &row, &column)) {
    t.Problem(fmt::format("'{}' is not a cell (such as B2)", m.period_cell),
              t.Where("period_cell"));
  }
  m.stop_at_blank = t.Bool("stop_at_blank", true);
  for (const std::string& s : t.Strings("skip")) m.skip.insert(SearchKey(s));
  for (const std::string& c : t.Strings("ignore_columns")) {
    const int column = ParseColumnLetters(c);
    if (column < 0) t.Problem(fmt::format("'{}' is not a column", c), t.Where("ignore_columns"));
    m.ignore_columns.insert(static_cast<size_t>(std::max(column, 0)));
  }
  {
    const toml::node* rows = parsed->get("ignore_rows");
    if (rows && rows->as_array()) {
      for (const toml::node& r : *rows->as_array()) {
        const auto* n = r.as_integer();
        if (!n || n->get() < 1) {
          t.Problem("must be a list of row numbers from 1", t.Where("ignore_rows"));
        } else {
          m.ignore_rows.insert(static_cast<size_t>(n->get() - 1));
        }
      }
    } else if (rows) {
      t.Problem("must be a list of row numbers", t.Where("ignore_rows"));
    }
  }
  for (const auto& [label, code] : t.StringTable("elements")) m.elements[SearchKey(label)] = code;
  for (const auto& [name, code] : t.StringTable("aliases")) m.aliases[SearchKey(name)] = code;
  if (error) return Fail(*error);
  return m;
}

Result<SheetValues> ReadSheetValues(const Sheet& sheet, const SheetMapping& mapping,
                                    std::string_view period_given, const std::string& file) {
  SheetValues out;
  const std::string where = fmt::format("{}: sheet '{}'", file, sheet.name);
  auto cell_name = [&](size_t r, size_t c) {
    return fmt::format("{}!{}", sheet.name, CellReference(r, c));
  };
  // The period: given, else the mapping's, else its cell's.
  std::string period(period_given);
  if (period.empty()) period = mapping.period;
  if (period.empty() && !mapping.period_cell.empty()) {
    size_t row = 0;
    size_t column = 0;
    ParseCellReference(mapping.period_cell, &row, &column);  // checked when the mapping was read
    period = LabelText(sheet.Cell(row, column), cell_name(row, column), out.notes);
    if (period.empty()) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("cell {} should hold the period code (such as 2022 or 202209); "
                              "it is empty — or give --period",
                              mapping.period_cell),
                  where);
    }
  }
  if (period.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                "the sheet does not say its period; give --period (such as 2022 or 202209)", where);
  }

  // The row labels run down the label column, the column labels along the header row; units
  // are one of them and elements the other.
  auto label_at = [&](size_t r, size_t c) {
    return LabelText(sheet.Cell(r, c), cell_name(r, c), out.notes);
  };
  std::vector<Label> row_labels;
  for (size_t r = mapping.first_row; r < sheet.rows(); ++r) {
    if (mapping.ignore_rows.count(r)) continue;
    std::string text = label_at(r, mapping.label_column);
    if (text.empty()) {
      if (mapping.stop_at_blank) break;
      continue;
    }
    row_labels.push_back({r, std::move(text), cell_name(r, mapping.label_column)});
  }
  std::vector<Label> column_labels;
  for (size_t c = 0; c < sheet.columns(); ++c) {
    if (c == mapping.label_column || mapping.ignore_columns.count(c)) continue;
    std::string text = label_at(mapping.header_row, c);
    if (!text.empty()) {
      column_labels.push_back({c, std::move(text), cell_name(mapping.header_row, c)});
    }
  }
  std::vector<Label>& units = mapping.units_in_rows ? row_labels : column_labels;
  std::vector<Label>& elements = mapping.units_in_rows ? column_labels : row_labels;
  // Element labels: the mapping's table, else a code as written.
  for (Label& e : elements) {
    auto it = mapping.elements.find(SearchKey(e.text));
    if (it != mapping.elements.end()) {
      e.text = it->second;
    } else if (!IsCode(e.text, true)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not an element code and the mapping '{}' does not name it; "
                              "add it under [elements] or to ignore_{}",
                              QuoteForMessage(e.text), mapping.name,
                              mapping.units_in_rows ? "columns" : "rows"),
                  fmt::format("{}!{}", where, e.cell.substr(e.cell.find('!') + 1)));
    }
  }
  for (const Label& u : units) {
    const std::string key = SearchKey(u.text);
    if (mapping.skip.count(key)) continue;
    std::string unit = u.text;
    bool by_name = mapping.units_by_name;
    if (auto it = mapping.aliases.find(key); it != mapping.aliases.end()) {
      unit = it->second;
      by_name = false;
    }
    for (const Label& e : elements) {
      const size_t r = mapping.units_in_rows ? u.index : e.index;
      const size_t c = mapping.units_in_rows ? e.index : u.index;
      const SheetCell& cell = sheet.Cell(r, c);
      if (cell.type == SheetCell::Type::kEmpty || cell.merged) continue;
      SheetValue v;
      v.unit_is_name = by_name;
      v.entry.org_unit = unit;
      v.entry.period = period;
      v.entry.cell = cell_name(r, c);
      // ELEMENT.OPTION is settled by the import (an element's code may hold dots too).
      v.entry.data_element = e.text;
      switch (cell.type) {
        case SheetCell::Type::kNumber:
          v.entry.value = NumberText(cell.text);
          break;
        case SheetCell::Type::kText:
          v.entry.value = LabelText(cell, v.entry.cell, out.notes);
          v.value_is_text = true;
          if (v.entry.value.empty()) continue;
          break;
        case SheetCell::Type::kBoolean:
          v.entry.value = cell.text == "TRUE" ? "true" : "false";
          break;
        default:
          v.entry.value =
              cell.text;  // an error such as #N/A: the import refuses it, naming the cell
          break;
      }
      v.entry.index = out.values.size();
      out.values.push_back(std::move(v));
    }
  }
  return out;
}

}  // namespace antq
