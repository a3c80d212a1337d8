#include "reports/query_workbook.h"

namespace antq::reports {
namespace {

documents::Cell TextCell(std::string text) {
  documents::Cell cell;
  cell.paragraphs.push_back(documents::Paragraph::Of({documents::Run::Plain(std::move(text))}));
  return cell;
}

documents::Cell NumberCell(const std::optional<double>& value, const LanguageFormat& format) {
  if (!value) return TextCell("");
  documents::Cell cell = TextCell(format.Number(*value, 2));
  cell.number = *value;
  return cell;
}

}  // namespace

Report QueryWorkbook(const analytics::QueryResult& result, const QueryWorkbookRequest& request) {
  const bool vi = request.language == Language::kVietnamese;
  const LanguageFormat format(request.language);
  documents::Table table;
  table.title = request.title;
  std::vector<documents::Cell> header = {TextCell(vi ? "Mã" : "Code"),
                                         TextCell(vi ? "Đơn vị" : "Unit"),
                                         TextCell(vi ? "Kỳ" : "Period")};
  header.front().note = request.query;
  for (const std::string& name : request.measure_names) header.push_back(TextCell(name));
  table.rows.push_back(std::move(header));
  table.column_widths_mm = {18, 60, 24};
  table.column_widths_mm.resize(3 + request.measure_names.size(), 40);
  for (const analytics::Row& row : result.rows) {
    std::vector<documents::Cell> cells = {TextCell(row.unit_code), TextCell(row.unit_name),
                                          TextCell(row.period)};
    for (const std::optional<double>& value : row.values) {
      cells.push_back(NumberCell(value, format));
    }
    table.rows.push_back(std::move(cells));
  }
  Report report;
  report.annex.title = request.title;
  report.annex.author = "ANTQ";
  report.annex.language = std::string(LanguageTag(request.language));
  if (!vi) {
    report.annex.sources.name = "Sources";
    report.annex.sources.cell = "Cell";
    report.annex.sources.value = "Value";
    report.annex.sources.source = "Source";
  }
  report.annex.blocks.emplace_back(std::in_place_type<documents::Table>, std::move(table));
  return report;
}

}  // namespace antq::reports
