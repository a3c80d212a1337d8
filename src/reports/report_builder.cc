#include "reports/report_builder.h"

#include <fmt/format.h>

#include "common/vietnamese_format.h"

namespace antq::reports {

using documents::Cell;
using documents::Paragraph;
using documents::Run;

Paragraph BodyParagraph(const std::string& text) {
  Paragraph p = Paragraph::Of({Run::Plain(text)});
  p.first_line_indent_mm = 10;
  return p;
}

std::string ReportBuilder::CommandOf(const analytics::Query& q, const std::string& period_arg) {
  std::string measures;
  for (const std::string& m : q.measures) measures += measures.empty() ? m : "," + m;
  return fmt::format("antq query --measure \"{}\" --under {} --period {} --calendar {}{}", measures,
                     q.under, period_arg, q.calendar,
                     q.by_level ? " --by " + std::string(UnitLevelName(*q.by_level)) : "");
}

void ReportBuilder::SetFigure(const std::string& name, const std::string& label, double value,
                              const std::string& query) {
  args_[name] = FormatNumberVi(value, 1);
  args_[name + "_over"] = OverVi(value);
  args_[name + "_nearly"] = NearlyVi(value);
  report_.figures.push_back({label, args_[name], query});
}

Status ReportBuilder::AddOpening(const Opening& o) {
  auto title = t_.Render("document.summary", args_);
  auto type_name = t_.Render("document.type", args_);
  auto parent = t_.Render("letterhead.parent_agency", args_);
  auto agency = t_.Render("letterhead.agency", args_);
  auto type_symbol = t_.Render("letterhead.type_symbol", args_);
  auto agency_symbol = t_.Render("letterhead.agency_symbol", args_);
  for (const auto* r : {&title, &type_name, &parent, &agency, &type_symbol, &agency_symbol}) {
    if (!*r) return Fail(r->error());
  }
  report_.document.title = *title;
  report_.document.author = "ANTQ";
  Letterhead head;
  head.parent_agency = o.parent_agency.empty() ? *parent : o.parent_agency;
  head.agency = *agency;
  head.type_symbol = *type_symbol;
  head.agency_symbol = *agency_symbol;
  head.number = o.number;
  head.place = o.place;
  head.date = o.date;
  blocks().push_back(HeaderBlock(o.layout, head));
  if (!o.notice.empty()) {
    Paragraph notice = Paragraph::Of({Run{o.notice, true, true}}, documents::Align::kCenter);
    notice.size_pt = 11;
    blocks().push_back(notice);
  }
  for (Paragraph& p : TitleBlock(*type_name, *title)) blocks().push_back(p);
  return Ok();
}

Result<std::vector<std::optional<double>>> ReportBuilder::Totals(
    const analytics::Query& query) const {
  auto result = engine_.Run(query);
  if (!result) return Fail(result.error());
  if (result->rows.empty()) return std::vector<std::optional<double>>(query.measures.size());
  return std::move(result->rows.front().values);
}

Status ReportBuilder::Add(const std::string& key) {
  auto texts = t_.RenderAll(key, args_);
  if (!texts) return Fail(texts.error());
  for (const std::string& text : *texts) blocks().push_back(BodyParagraph(text));
  return Ok();
}

Status ReportBuilder::AddHeading(int level, const std::string& key) {
  auto text = t_.Render(key, args_);
  if (!text) return Fail(text.error());
  blocks().push_back(documents::Heading{level, {Run::Plain(*text)}});
  return Ok();
}

void ReportBuilder::AddList(documents::ListStyle style, const std::vector<std::string>& items) {
  documents::List list;
  list.style = style;
  for (const std::string& item : items) list.items.push_back(Paragraph::Of({Run::Plain(item)}));
  blocks().push_back(list);
}

documents::Table ReportBuilder::FiguresTable() const {
  documents::Table table;
  table.title = "Số liệu trong báo cáo";
  table.column_widths_mm = {90, 25, 200};
  auto cell = [](const std::string& text) { return Cell{{Paragraph::Of({Run::Plain(text)})}}; };
  table.rows.push_back({cell("Số liệu"), cell("Giá trị"), cell("Truy vấn / query")});
  for (const TracedFigure& f : report_.figures) {
    table.rows.push_back({cell(f.label), cell(f.value), cell(f.query)});
  }
  return table;
}

}  // namespace antq::reports
