#include "reports/inspection_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/text.h"
#include "rules/criteria_evaluator.h"

namespace antq::reports {
namespace {

using documents::Align;
using documents::Block;
using documents::Heading;
using documents::List;
using documents::ListStyle;
using documents::Paragraph;
using documents::Run;

// A finding or recommendation as one sentence: ended by a full stop unless it already ends
// with one (or with "!", "?", "…").
std::string Sentence(std::string text) {
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n')) text.pop_back();
  if (text.empty()) return text;
  const char last = text.back();
  const bool ended = last == '.' || last == '!' || last == '?' || text.ends_with("…");
  return ended ? text : text + ".";
}

const Date kReorganisation = *Date::FromYmd(2025, 7, 1);

// Builds one report; each step adds its blocks and the figures it states.
class InspectionBuilder : public ReportBuilder {
 public:
  InspectionBuilder(const analytics::Engine& engine, const UnitRegistry& units,
                    const Catalog& catalog, const Templates& templates,
                    const InspectionRequest& request)
      : ReportBuilder(engine, units, catalog, templates, request.language), r_(request) {}

  Result<Report> Build() {
    if (auto s = Resolve(); !s) return Fail(s.error());
    if (auto s = Figures(); !s) return Fail(s.error());
    if (auto s = Criteria(); !s) return Fail(s.error());
    if (auto s = Write(); !s) return Fail(s.error());
    return std::move(report_);
  }

 private:
  Status Resolve() {
    if (r_.from.type() != PeriodType::kYearly || r_.to.type() != PeriodType::kYearly) {
      return Fail(ErrorCode::kInvalidArgument,
                  "an inspection report covers whole years: give a year or a range of years such "
                  "as 2019..2022",
                  "period");
    }
    if (r_.to < r_.from) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("the range {}..{} ends before it starts", r_.from.Code(), r_.to.Code()),
          "period");
    }
    last_day_ = *Date::FromYmd(r_.to.year(), 12, 31);
    auto area = units_.Resolve(r_.area, last_day_);
    if (!area) return Fail(area.error().At("under"));
    area_ = *area;
    years_ = std::to_string(r_.from.year());
    if (r_.to.year() != r_.from.year()) {
      auto range =
          t_.Render("layout.years", {{"from", years_}, {"to", std::to_string(r_.to.year())}});
      if (!range) return Fail(range.error());
      years_ = *range;
    }
    scope_.under = area_->code;
    scope_.from = r_.from;
    scope_.to = r_.to;
    scope_.calendar = "gregorian";
    period_arg_ = PeriodArgument(scope_.QueryOf({}));
    auto area_name = UnitName(area_->FullName());
    if (!area_name) return Fail(area_name.error());
    args_["area"] = *area_name;
    args_["area_name"] = area_->name;
    args_["years"] = years_;
    args_["from_year"] = std::to_string(r_.from.year());
    args_["to_year"] = std::to_string(r_.to.year());
    args_["last_year"] = std::to_string(r_.to.year());
    spans_reorganisation_ =
        *Date::FromYmd(r_.from.year(), 1, 1) < kReorganisation && kReorganisation <= last_day_;
    // The annex groups by district while there were districts, else by commune.
    annex_level_ = units_.Descendants(area_->unit_id, *Date::FromYmd(r_.from.year(), 12, 31),
                                      UnitLevel::kDistrict)
                           .empty()
                       ? UnitLevel::kCommune
                       : UnitLevel::kDistrict;
    if (area_->level >= annex_level_) annex_level_ = UnitLevel::kCommune;
    return Ok();
  }

  Status Figures() {
    const std::vector<NamedFigure> wanted = {
        {"sessions", "propaganda.sessions"},
        {"participants", "propaganda.participants"},
        {"handin_sessions", "handin.sessions"},
        {"handin_participants", "handin.participants"},
        {"items", "handin.items"},
        {"models", "models.active"},
        {"festival_points", "festival.points"},
        {"festival_participants", "festival.participants"},
    };
    std::vector<std::string> measures = MeasuresOf(wanted);
    // The items by type, counted ones only (kg are not pieces).
    const DataElement* items = catalog_.FindElement("handin.items");
    const Category* item_types = items ? catalog_.FindCategory(items->category) : nullptr;
    if (item_types) {
      for (const CategoryOption& o : item_types->options) {
        measures.push_back("handin.items." + o.code);
      }
    }
    auto totals = FigureTable::Run(engine_, scope_.QueryOf(measures));
    if (!totals) return Fail(totals.error());
    // Each figure is traced to the query of its own measure.
    auto recorded = SetFigures(wanted, *totals);
    if (!recorded) return Fail(recorded.error());
    has_data_ = *recorded;
    if (item_types) {
      for (const CategoryOption& o : item_types->options) {
        const std::string measure = "handin.items." + o.code;
        auto v = totals->Total(measure);
        if (!v) return Fail(v.error());
        if (!*v || **v == 0) continue;
        const std::string& name = NameOf(o.name_vi, o.name_en);
        item_lines_.push_back(
            fmt::format("{}: {} {}", name, format_.Number(**v, 1), NameOf(o.unit_vi, o.unit_en)));
        report_.figures.push_back(
            {name, format_.Number(**v, 1), QueryCommand(totals->FigureQuery(measure))});
      }
    }
    // The annex: the same figures by district (or commune).
    auto annex = FigureTable::Run(
        engine_, scope_.QueryOf({"propaganda.sessions", "propaganda.participants",
                                 "handin.sessions", "handin.items", "models.active"},
                                annex_level_));
    if (!annex) return Fail(annex.error());
    annex_.emplace(std::move(*annex));
    size_t with_models = 0;
    for (const analytics::Row& row : annex_->rows()) {
      if (row.unit_code.empty()) continue;
      auto models = annex_->Value(row, "models.active");
      if (!models) return Fail(models.error());
      if (models->value_or(0) > 0) ++with_models;
    }
    args_["units_with_models"] = std::to_string(with_models);
    args_["annex_units"] =
        std::to_string(units_.Descendants(area_->unit_id, last_day_, annex_level_).size());
    // The units of the area at the end of the range.
    const auto communes = units_.Descendants(area_->unit_id, last_day_, UnitLevel::kCommune);
    std::map<std::string, int> by_type;
    for (const UnitVersion* c : communes) ++by_type[c->type];
    std::string types;
    for (const auto& [type, count] : by_type) {
      std::string type_name = type;
      if (t_.Has("unit_type." + type)) {
        auto named = t_.Render("unit_type." + type);
        if (!named) return Fail(named.error());
        type_name = *named;
      }
      types += fmt::format("{}{} {}", types.empty() ? "" : ", ", count, type_name);
    }
    args_["communes"] = std::to_string(communes.size());
    args_["commune_types"] = types;
    args_["districts"] =
        std::to_string(units_.Descendants(area_->unit_id, last_day_, UnitLevel::kDistrict).size());
    return Ok();
  }

  // "x/y xã" for a criteria set in the last year of the range, and the commonest failure.
  Status Criteria() {
    const int year = r_.to.year();
    for (const char* code : {"ntm-19.2", "atantt-commune"}) {
      const CriteriaSet* set = catalog_.FindCriteriaSet(code);
      if (!set) continue;
      auto ev = rules::EvaluateCriteria(engine_, units_, catalog_, *set, area_->code, year);
      if (!ev) {
        if (ev.error().code() == ErrorCode::kNotFound) continue;
        return Fail(ev.error());
      }
      const std::string key = std::string(code) == "ntm-19.2" ? "ntm" : "atantt";
      const std::string query = fmt::format(
          "antq evaluate --criteria {} --under {} --period {} --explain", code, area_->code, year);
      args_[key + "_met"] = std::to_string(ev->met_count());
      args_[key + "_total"] = std::to_string(ev->units.size());
      args_[key + "_percent"] = ev->units.empty()
                                    ? "0 %"
                                    : format_.Percent(100.0 * static_cast<double>(ev->met_count()) /
                                                      static_cast<double>(ev->units.size()));
      report_.figures.push_back(
          {NameOf(set->name_vi, set->name_en) + " (" + std::to_string(year) + ")",
           fmt::format("{}/{}", ev->met_count(), ev->units.size()), query});
      std::map<std::string, int> failures;
      for (const rules::UnitVerdict& v : ev->units) {
        for (const rules::CriterionOutcome& o : v.outcomes) {
          if (o.state == rules::CriterionOutcome::State::kFailed ||
              o.state == rules::CriterionOutcome::State::kMissing) {
            ++failures[NameOf(o.criterion->name_vi, o.criterion->name_en)];
          }
        }
      }
      if (!failures.empty()) {
        const auto top =
            std::max_element(failures.begin(), failures.end(),
                             [](const auto& a, const auto& b) { return a.second < b.second; });
        args_[key + "_failed"] = std::to_string(ev->units.size() - ev->met_count());
        args_[key + "_top_reason"] = top->first;
        args_[key + "_top_count"] = std::to_string(top->second);
      }
      if (key == "ntm") {
        for (const rules::GroupCount& g : rules::CountByLevel(*ev, units_, annex_level_)) {
          ntm_by_unit_[g.group->code] = fmt::format("{}/{}", g.met, g.total);
        }
      }
    }
    return Ok();
  }

  // The team's findings, a paragraph each.
  void AddFindings() {
    for (const std::string& finding : r_.inspection->findings) {
      blocks().push_back(BodyParagraph(Sentence(finding)));
    }
  }

  Status Write() {
    Opening opening;
    opening.layout = r_.layout;
    opening.number = r_.number;
    opening.date = r_.date;
    opening.place = area_->name;
    opening.notice = r_.notice;
    if (r_.inspection && !r_.inspection->issuing_body.empty()) {
      opening.parent_agency = UpperCaseVi(r_.inspection->issuing_body);
    }
    if (auto s = AddOpening(opening); !s) return s;
    if (r_.inspection) {
      args_["decision_number"] = r_.inspection->decision_number;
      args_["decision_date"] = r_.inspection->decision_date;
      args_["issuing_body"] = r_.inspection->issuing_body;
      args_["subject"] = r_.inspection->subject;
      auto basis = t_.Render("bases.inspection", args_);
      if (!basis) return Fail(basis.error());
      Paragraph p = Paragraph::Of({Run::Italic(*basis)});
      p.first_line_indent_mm = 10;
      blocks().push_back(p);
    }
    if (auto s = Add("document.opening"); !s) return s;

    if (auto s = AddHeading(1, "situation.heading"); !s) return s;
    if (auto s =
            Add(args_["districts"] == "0" ? "situation.units_no_districts" : "situation.units");
        !s) {
      return s;
    }
    if (spans_reorganisation_) {
      if (auto s = Add("situation.reorganised"); !s) return s;
    }

    if (auto s = AddHeading(1, "results.heading"); !s) return s;
    const bool has_findings = r_.inspection && !r_.inspection->findings.empty();
    if (!has_data_) {
      if (auto s = Add("results.no_data"); !s) return s;
      // What the team found stands even where no figures were reported.
      if (has_findings) AddFindings();
    } else {
      if (auto s = AddHeading(2, "results.leadership_heading"); !s) return s;
      if (has_findings) {
        AddFindings();
      } else if (auto s = Add("results.leadership"); !s) {
        return s;
      }
      if (auto s = AddHeading(2, "results.propaganda_heading"); !s) return s;
      if (auto s = Add("results.propaganda"); !s) return s;
      if (auto s = AddHeading(2, "results.handin_heading"); !s) return s;
      if (auto s = Add("results.handin"); !s) return s;
      if (!item_lines_.empty()) AddList(ListStyle::kVietnameseLetters, item_lines_);
      if (auto s = AddHeading(2, "results.models_heading"); !s) return s;
      if (auto s = Add("results.models"); !s) return s;
      if (auto s = AddHeading(2, "results.criteria_heading"); !s) return s;
      if (args_.contains("ntm_met")) {
        if (auto s = Add("results.ntm"); !s) return s;
      }
      if (args_.contains("atantt_met")) {
        if (auto s = Add("results.atantt"); !s) return s;
      }
      if (auto s = AddHeading(2, "results.festival_heading"); !s) return s;
      if (auto s = Add("results.festival"); !s) return s;
    }

    if (auto s = AddHeading(1, "limitations.heading"); !s) return s;
    if (args_.contains("ntm_top_reason")) {
      if (auto s = Add("limitations.ntm"); !s) return s;
    }
    if (auto s = AddReportingLimitations(r_.timeliness,
                                         "--under " + area_->code + " --period " + period_arg_);
        !s) {
      return s;
    }
    if (auto s = Add("limitations.general"); !s) return s;

    if (auto s = AddHeading(1, "directions.heading"); !s) return s;
    auto directions = t_.RenderAll("directions.items", args_);
    if (!directions) return Fail(directions.error());
    AddList(ListStyle::kNumbers, *directions);

    if (auto s = AddHeading(1, "recommendations.heading"); !s) return s;
    std::vector<std::string> recommendations;
    if (r_.inspection) {
      for (const Recommendation& rec : r_.inspection->recommendations) {
        recommendations.push_back(Sentence(rec.text));
      }
    }
    if (recommendations.empty()) {
      if (auto s = Add("recommendations.none"); !s) return s;
    } else {
      AddList(ListStyle::kNumbers, recommendations);
    }

    if (auto s = AddClosing(r_.inspection ? r_.inspection->head_title : ""); !s) return s;
    return Annex();
  }

  Status Annex() {
    AddPageBreak();
    auto heading = t_.Render("annex.heading", args_);
    auto caption = t_.Render(
        annex_level_ == UnitLevel::kDistrict ? "annex.by_district" : "annex.by_commune", args_);
    if (!heading) return Fail(heading.error());
    if (!caption) return Fail(caption.error());
    Paragraph h = Paragraph::Of({Run::Bold(*heading)}, Align::kCenter);
    h.space_after_pt = 0;
    blocks().push_back(h);
    blocks().push_back(Paragraph::Of({Run::Italic(*caption)}, Align::kCenter));
    // The annex's five measures, then the communes meeting 19.2 and a totals row.
    auto annexed = AnnexByUnit(*annex_, 1);
    if (!annexed) return Fail(annexed.error());
    documents::Table table = std::move(*annexed);
    table.column_widths_mm = {10, 42, 18, 20, 20, 18, 15, 22};
    const std::vector<analytics::Row>& rows = annex_->rows();
    for (size_t k = 0; k < rows.size(); ++k) {
      auto ntm = ntm_by_unit_.find(rows[k].unit_code);
      table.rows[k + 1].push_back(TextCell(ntm == ntm_by_unit_.end() ? "-" : ntm->second));
    }
    auto total_row = TotalsRow(*annex_);
    if (!total_row) return Fail(total_row.error());
    total_row->push_back(
        TextCell(args_.contains("ntm_met") ? args_["ntm_met"] + "/" + args_["ntm_total"] : "-"));
    table.rows.push_back(std::move(*total_row));
    table.title = *caption;
    report_.annex.blocks.push_back(table);
    if (auto s = FinishAnnex(); !s) return s;
    blocks().push_back(table);
    auto source = t_.Render("annex.source", args_);
    if (!source) return Fail(source.error());
    Paragraph note =
        Paragraph::Of({Run::Italic(*source + " " + QueryCommand(annex_->query()))}, Align::kLeft);
    note.size_pt = 10;
    blocks().push_back(note);
    return Ok();
  }

  const InspectionRequest& r_;
  const UnitVersion* area_ = nullptr;
  Date last_day_;
  std::string years_;
  std::string period_arg_;
  bool spans_reorganisation_ = false;
  bool has_data_ = false;
  UnitLevel annex_level_ = UnitLevel::kDistrict;
  std::vector<std::string> item_lines_;
  FigureScope scope_;
  std::optional<FigureTable> annex_;  // set by Figures()
  std::map<std::string, std::string> ntm_by_unit_;
};

}  // namespace

Result<Report> BuildInspectionReport(const analytics::Engine& engine, const UnitRegistry& units,
                                     const Catalog& catalog, const Templates& templates,
                                     const InspectionRequest& request) {
  return InspectionBuilder(engine, units, catalog, templates, request).Build();
}

}  // namespace antq::reports
