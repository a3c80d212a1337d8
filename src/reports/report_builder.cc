#include "reports/report_builder.h"

#include <fmt/format.h>

namespace antq::reports {

using documents::Align;
using documents::Cell;
using documents::Paragraph;
using documents::Run;

Paragraph BodyParagraph(const std::string& text) {
  Paragraph p = Paragraph::Of({Run::Plain(text)});
  p.first_line_indent_mm = 10;
  return p;
}

std::vector<std::string> ReportBuilder::MeasuresOf(const std::vector<NamedFigure>& figures) {
  std::vector<std::string> measures;
  measures.reserve(figures.size());
  for (const NamedFigure& f : figures) measures.emplace_back(f.measure);
  return measures;
}

Status ReportBuilder::SetFigure(const std::string& name, double value, const std::string& query) {
  auto label = t_.Render("label." + name);
  if (!label) return Fail(label.error());
  args_[name] = format_.Number(value, 1);
  args_[name + "_over"] = format_.Over(value);
  args_[name + "_nearly"] = format_.Nearly(value);
  report_.figures.push_back({*label, args_[name], query});
  return Ok();
}

Result<bool> ReportBuilder::SetFigures(const std::vector<NamedFigure>& figures,
                                       const FigureTable& totals) {
  bool recorded = false;
  for (const NamedFigure& f : figures) {
    auto value = totals.Total(f.measure);
    if (!value) return Fail(value.error());
    recorded = recorded || value->has_value();
    if (auto s = SetFigure(f.name, value->value_or(0), QueryCommand(totals.FigureQuery(f.measure)));
        !s) {
      return Fail(s.error());
    }
  }
  return recorded;
}

Status ReportBuilder::AddOpening(const Opening& o) {
  auto words = ReadLayoutWords(t_);
  if (!words) return Fail(words.error());
  words_ = std::move(*words);
  args_["place"] = o.place;
  args_["date"] = format_.LongDate(o.date);
  auto title = t_.Render("document.summary", args_);
  auto type_name = t_.Render("document.type", args_);
  auto parent = t_.Render("letterhead.parent_agency", args_);
  auto agency = t_.Render("letterhead.agency", args_);
  auto type_symbol = t_.Render("letterhead.type_symbol", args_);
  auto agency_symbol = t_.Render("letterhead.agency_symbol", args_);
  auto place_date = t_.Render("layout.place_date", args_);
  for (const auto* r :
       {&title, &type_name, &parent, &agency, &type_symbol, &agency_symbol, &place_date}) {
    if (!*r) return Fail(r->error());
  }
  report_.document.title = *title;
  report_.document.author = "ANTQ";
  report_.document.language = LanguageTag(format_.language());
  Letterhead head;
  head.parent_agency = o.parent_agency.empty() ? *parent : o.parent_agency;
  head.agency = *agency;
  head.type_symbol = *type_symbol;
  head.agency_symbol = *agency_symbol;
  head.number = o.number;
  head.place_date = *place_date;
  blocks().push_back(HeaderBlock(o.layout, head, words_));
  std::vector<std::string> notices;
  if (!o.notice.empty()) notices.push_back(o.notice);
  if (t_.Has("layout.translation_note")) {
    auto note = t_.Render("layout.translation_note", args_);
    if (!note) return Fail(note.error());
    notices.push_back(*note);
  }
  for (const std::string& text : notices) {
    Paragraph notice = Paragraph::Of({Run{text, true, true}}, Align::kCenter);
    notice.size_pt = 11;
    blocks().push_back(notice);
  }
  for (Paragraph& p : TitleBlock(*type_name, *title)) blocks().push_back(p);
  return Ok();
}

Status ReportBuilder::AddClosing(const std::string& signer) {
  auto recipients = t_.RenderAll("closing.recipients", args_);
  if (!recipients) return Fail(recipients.error());
  auto authority = t_.Render("closing.authority", args_);
  if (!authority) return Fail(authority.error());
  auto title = t_.Render("closing.title", args_);
  if (!title) return Fail(title.error());
  blocks().push_back(ClosingBlock(words_, *recipients, *authority, *title, signer));
  return Ok();
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

Cell ReportBuilder::TextCell(const std::string& text, Align align) {
  Paragraph p = Paragraph::Of({Run::Plain(text)}, align);
  p.size_pt = 11;
  return Cell{{p}};
}

Result<std::vector<Cell>> ReportBuilder::HeaderRow(const std::string& key, size_t columns) const {
  auto texts = t_.RenderCount(key, args_, columns);
  if (!texts) return Fail(texts.error());
  std::vector<Cell> row;
  for (const std::string& text : *texts) row.push_back(TextCell(text));
  return row;
}

Result<documents::Table> ReportBuilder::AnnexByUnit(const FigureTable& figures,
                                                    size_t extra_columns) const {
  const std::vector<std::string>& measures = figures.query().measures;
  documents::Table table;
  auto header = HeaderRow("annex.columns", 2 + measures.size() + extra_columns);
  if (!header) return Fail(header.error());
  table.rows.push_back(std::move(*header));
  auto unassigned = t_.Render("annex.unassigned", args_);
  if (!unassigned) return Fail(unassigned.error());
  int n = 0;
  for (const analytics::Row& row : figures.rows()) {
    auto unit_name = row.unit_code.empty() ? *unassigned : UnitName(row.unit_name);
    if (!unit_name) return Fail(unit_name.error());
    std::vector<Cell> cells = {TextCell(row.unit_code.empty() ? "" : std::to_string(++n)),
                               TextCell(*unit_name, Align::kLeft)};
    for (const std::string& measure : measures) {
      auto value = figures.Value(row, measure);
      if (!value) return Fail(value.error());
      Cell c = TextCell(*value ? format_.Number(**value, 1) : "-", Align::kRight);
      c.number = *value;
      if (!row.unit_code.empty())
        c.note = QueryCommand(figures.FigureQuery(measure, row.unit_code));
      cells.push_back(std::move(c));
    }
    table.rows.push_back(std::move(cells));
  }
  return table;
}

Result<std::vector<Cell>> ReportBuilder::TotalsRow(const FigureTable& figures) const {
  auto label = t_.Render("table.total", args_);
  if (!label) return Fail(label.error());
  std::vector<Cell> row = {Cell{{Paragraph::Of({Run::Bold(*label)})}, 2}};
  row.front().paragraphs.front().size_pt = 11;
  for (const std::string& measure : figures.query().measures) {
    auto sum = figures.Sum(measure);
    if (!sum) return Fail(sum.error());
    Cell c = TextCell(format_.Number(*sum, 1), Align::kRight);
    c.number = *sum;
    c.total_of_above = true;
    c.note = QueryCommand(figures.FigureQuery(measure));
    row.push_back(std::move(c));
  }
  return row;
}

Status ReportBuilder::FinishAnnex() {
  documents::Document& annex = report_.annex;
  annex.title = report_.document.title;
  annex.author = report_.document.author;
  annex.language = report_.document.language;
  auto sources = t_.RenderCount("table.sources_columns", args_, 3);
  auto sheet = t_.Render("table.sources_sheet", args_);
  auto title = t_.Render("table.figures_title", args_);
  auto header = HeaderRow("table.figures_columns", 3);
  if (!sources) return Fail(sources.error());
  if (!sheet) return Fail(sheet.error());
  if (!title) return Fail(title.error());
  if (!header) return Fail(header.error());
  annex.sources = {*sheet, (*sources)[0], (*sources)[1], (*sources)[2]};
  documents::Table table;
  table.title = *title;
  table.column_widths_mm = {90, 25, 200};
  table.rows.push_back(std::move(*header));
  for (const TracedFigure& f : report_.figures) {
    table.rows.push_back({TextCell(f.label, Align::kLeft), TextCell(f.value, Align::kRight),
                          TextCell(f.query, Align::kLeft)});
  }
  annex.blocks.push_back(std::move(table));
  return Ok();
}

Status ReportBuilder::AddReportingLimitations(const std::vector<ReportingTimeliness>& timeliness,
                                              const std::string& scope) {
  for (const ReportingTimeliness& t : timeliness) {
    if (t.expected == 0 || t.late + t.missing == 0) continue;
    const DataSet* data_set = catalog_.FindDataSet(t.data_set);
    args_["reports_name"] = data_set ? NameOf(data_set->name_vi, data_set->name_en) : t.data_set;
    args_["reports_expected"] = format_.Number(t.expected);
    args_["reports_late"] = format_.Number(t.late);
    args_["reports_missing"] = format_.Number(t.missing);
    args_["reports_deadline"] = std::to_string(t.deadline_days);
    if (auto s = Add("limitations.reporting"); !s) return s;
    const std::string source =
        fmt::format("antq values status --data-set {} {}", t.data_set, scope);
    for (const auto& [name, value] :
         {std::pair{"reports_late", t.late}, {"reports_missing", t.missing}}) {
      auto label = t_.Render(std::string("label.") + name, args_);
      if (!label) return Fail(label.error());
      report_.figures.push_back({*label, format_.Number(value), source});
    }
  }
  return Ok();
}

Result<std::string> ReportBuilder::UnitName(const std::string& full_name) const {
  std::string best;
  for (const std::string& type : t_.KeysOf("unit_name")) {
    if (type.size() > best.size() && full_name.size() > type.size() &&
        full_name.compare(0, type.size(), type) == 0 && full_name[type.size()] == ' ') {
      best = type;
    }
  }
  if (best.empty()) return full_name;
  return t_.Render("unit_name." + best, {{"name", full_name.substr(best.size() + 1)}});
}

}  // namespace antq::reports
