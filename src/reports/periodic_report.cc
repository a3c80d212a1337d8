#include "reports/periodic_report.h"

#include <fmt/format.h>

#include <cmath>

#include "common/text.h"
#include "domain/calendar.h"

namespace antq::reports {
namespace {

using documents::Align;
using documents::Paragraph;
using documents::Run;

constexpr const char* kCalendar = "decree09";

// "tháng 3 năm 2023", "quý I năm 2023", "6 tháng đầu năm 2023", "năm 2023": the templates
// period.month, period.quarter, period.first_half, period.second_half, period.year with {index},
// {roman}, {year}.
Result<std::string> PeriodText(const Templates& t, const Period& p) {
  static const char* kRoman[] = {"I", "II", "III", "IV"};
  const Templates::Args args = {{"index", std::to_string(p.index())},
                                {"roman", kRoman[(p.index() - 1) % 4]},
                                {"year", std::to_string(p.year())}};
  switch (p.type()) {
    case PeriodType::kMonthly:
      return t.Render("period.month", args);
    case PeriodType::kQuarterly:
      return t.Render("period.quarter", args);
    case PeriodType::kSixMonthly:
      return t.Render(p.index() == 1 ? "period.first_half" : "period.second_half", args);
    default:
      return t.Render("period.year", args);
  }
}

std::string ShortDate(Date d) {
  return fmt::format("{:02d}/{:02d}/{}", d.day(), d.month(), d.year());
}

class PeriodicBuilder : public ReportBuilder {
 public:
  PeriodicBuilder(const analytics::Engine& engine, const UnitRegistry& units,
                  const Catalog& catalog, const Templates& templates, const PeriodicRequest& r)
      : ReportBuilder(engine, units, catalog, templates, r.language), r_(r) {}

  Result<Report> Build() {
    const PeriodType type = r_.period.type();
    if (type != PeriodType::kMonthly && type != PeriodType::kQuarterly &&
        type != PeriodType::kSixMonthly && type != PeriodType::kYearly) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not a reporting period; give a month (202303), a quarter "
                              "(2023Q1), a half (2023S1) or a year (2023)",
                              r_.period.Code()),
                  "period");
    }
    auto calendar = Calendar::Find(kCalendar);
    if (!calendar) return Fail(calendar.error());
    auto window = (*calendar)->Window(r_.period);
    if (!window) return Fail(window.error().At("period"));
    auto area = units_.Resolve(r_.area, window->end);
    if (!area) return Fail(area.error().At("under"));
    area_ = *area;
    auto before = Period::Make(type, r_.period.year() - 1, r_.period.index());
    if (!before) return Fail(before.error());
    scope_.under = area_->code;
    scope_.from = scope_.to = r_.period;
    scope_.calendar = kCalendar;
    last_year_ = scope_;
    last_year_.from = last_year_.to = *before;
    auto area_name = UnitName(area_->FullName());
    if (!area_name) return Fail(area_name.error());
    args_["area"] = *area_name;
    args_["area_upper"] = UpperCaseVi(*area_name);
    auto period = PeriodText(t_, r_.period);
    if (!period) return Fail(period.error());
    args_["period"] = *period;
    args_["from"] = ShortDate(window->start);
    args_["to"] = ShortDate(window->end);
    const auto parents = units_.Ancestors(area_->unit_id, window->end);
    if (!parents.empty()) {
      auto parent = UnitName(parents.front()->FullName());
      if (!parent) return Fail(parent.error());
      args_["parent_upper"] = UpperCaseVi(*parent);
    } else {
      args_["parent_upper"] = "";
    }
    if (auto s = Figures(); !s) return Fail(s.error());
    if (auto s = Write(); !s) return Fail(s.error());
    return std::move(report_);
  }

 private:
  Status Figures() {
    const std::vector<NamedFigure> wanted = {
        {"sessions", "propaganda.sessions"},
        {"participants", "propaganda.participants"},
        {"handin_sessions", "handin.sessions"},
        {"items", "handin.items"},
        {"tips", "tips.received"},
        {"tips_valuable", "tips.valuable"},
        {"cases", "crime.social_order_cases"},
        {"reconciled", "security.cases_reconciled"},
        {"models", "models.active"},
    };
    const std::vector<std::string> measures = MeasuresOf(wanted);
    auto now = FigureTable::Run(engine_, scope_.QueryOf(measures));
    if (!now) return Fail(now.error());
    auto then = FigureTable::Run(engine_, last_year_.QueryOf(measures));
    if (!then) return Fail(then.error());
    auto recorded = SetFigures(wanted, *now);
    if (!recorded) return Fail(recorded.error());
    has_data_ = *recorded;
    for (const NamedFigure& w : wanted) {
      auto value = now->Total(w.measure);
      if (!value) return Fail(value.error());
      auto previous = then->Total(w.measure);
      if (!previous) return Fail(previous.error());
      auto change = ChangeAgainstLastYear(t_, format_, value->value_or(0), *previous);
      if (!change) return Fail(change.error());
      args_[std::string(w.name) + "_change"] = change->empty() ? "" : " (" + *change + ")";
    }
    auto tips = now->Total("tips.received");
    if (!tips) return Fail(tips.error());
    auto valuable = now->Total("tips.valuable");
    if (!valuable) return Fail(valuable.error());
    const double received = tips->value_or(0);
    args_["tips_valuable_share"] =
        format_.Percent(received > 0 ? 100.0 * valuable->value_or(0) / received : 0);
    // The annex: the units one level down, as they stood in the period.
    for (UnitLevel level : {UnitLevel::kDistrict, UnitLevel::kCommune}) {
      if (level > area_->level) {
        annex_level_ = level;
        break;
      }
    }
    if (annex_level_) {
      const std::vector<std::string> annexed = {"propaganda.sessions", "propaganda.participants",
                                                "handin.items", "tips.received",
                                                "crime.social_order_cases"};
      auto annex = FigureTable::Run(engine_, scope_.QueryOf(annexed, annex_level_));
      if (!annex) {
        // A district that had no districts below it (after 2025, communes sit under provinces).
        if (annex_level_ == UnitLevel::kDistrict) {
          annex_level_ = UnitLevel::kCommune;
          annex = FigureTable::Run(engine_, scope_.QueryOf(annexed, annex_level_));
        }
        if (!annex) return Fail(annex.error());
      }
      annex_.emplace(std::move(*annex));
    }
    return Ok();
  }

  Status Write() {
    Opening opening;
    opening.layout = r_.layout;
    opening.number = r_.number;
    opening.date = r_.date;
    opening.place = area_->name;
    opening.notice = r_.notice;
    if (auto s = AddOpening(opening); !s) return s;
    auto cutoff = t_.Render("document.cutoff", args_);
    if (!cutoff) return Fail(cutoff.error());
    blocks().push_back(Paragraph::Of({Run::Italic(*cutoff)}, Align::kCenter));
    if (auto s = AddHeading(1, "results.heading"); !s) return s;
    if (!has_data_) {
      if (auto s = Add("results.no_data"); !s) return s;
    } else {
      for (const char* key : {"results.propaganda", "results.handin", "results.tips",
                              "results.crime", "results.models"}) {
        if (auto s = Add(key); !s) return s;
      }
    }
    if (auto s = AddHeading(1, "limitations.heading"); !s) return s;
    if (auto s = AddReportingLimitations(
            r_.timeliness, "--under " + area_->code + " --period " + r_.period.Code());
        !s) {
      return s;
    }
    if (auto s = Add("limitations.general"); !s) return s;
    if (auto s = AddHeading(1, "next.heading"); !s) return s;
    auto next = t_.RenderAll("next.items", args_);
    if (!next) return Fail(next.error());
    AddList(documents::ListStyle::kNumbers, *next);
    if (auto s = AddClosing(""); !s) return s;
    if (annex_ && !annex_->rows().empty()) {
      if (auto s = AnnexTable(); !s) return s;
    }
    return FinishAnnex();
  }

  Status AnnexTable() {
    auto heading = t_.Render("annex.heading", args_);
    if (!heading) return Fail(heading.error());
    AddPageBreak();
    blocks().push_back(Paragraph::Of({Run::Bold(*heading)}, Align::kCenter));
    auto annexed = AnnexByUnit(*annex_, 0);
    if (!annexed) return Fail(annexed.error());
    documents::Table table = std::move(*annexed);
    table.title = *heading;
    table.column_widths_mm = {10, 50, 21, 22, 21, 21, 20};
    blocks().push_back(table);
    report_.annex.blocks.push_back(table);
    return Ok();
  }

  const PeriodicRequest& r_;
  const UnitVersion* area_ = nullptr;
  FigureScope scope_;      // the period
  FigureScope last_year_;  // the same period of the year before
  bool has_data_ = false;
  std::optional<UnitLevel> annex_level_;
  std::optional<FigureTable> annex_;  // set by Figures() when there is a level below
};

}  // namespace

Result<std::string> ChangeAgainstLastYear(const Templates& t, const LanguageFormat& format,
                                          double now, std::optional<double> before) {
  if (!before || *before == 0) return std::string();
  const double change = (now - *before) / *before * 100.0;
  if (std::fabs(change) < 0.05) return t.Render("change.same");
  return t.Render(change > 0 ? "change.up" : "change.down",
                  {{"percent", format.Percent(std::fabs(change))}});
}

Result<Report> BuildPeriodicReport(const analytics::Engine& engine, const UnitRegistry& units,
                                   const Catalog& catalog, const Templates& templates,
                                   const PeriodicRequest& request) {
  return PeriodicBuilder(engine, units, catalog, templates, request).Build();
}

}  // namespace antq::reports
