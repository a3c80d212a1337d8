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
    before_ = *before;
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
  analytics::Query QueryOf(const std::vector<std::string>& measures, const Period& p,
                           std::optional<UnitLevel> by = {}) const {
    analytics::Query q;
    q.measures = measures;
    q.under = area_->code;
    q.from = q.to = p;
    q.calendar = kCalendar;
    q.by_level = by;
    return q;
  }

  Status Figures() {
    struct Wanted {
      const char* name;  // the placeholder, and the label's template label.<name>
      const char* measure;
    };
    const std::vector<Wanted> wanted = {
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
    std::vector<std::string> measures;
    measures.reserve(std::size(wanted));
    for (const Wanted& w : wanted) measures.push_back(w.measure);
    auto now = Totals(QueryOf(measures, r_.period));
    if (!now) return Fail(now.error());
    auto then = Totals(QueryOf(measures, before_));
    if (!then) return Fail(then.error());
    const std::vector<std::optional<double>>& values = *now;
    const std::vector<std::optional<double>>& previous = *then;
    for (size_t i = 0; i < wanted.size(); ++i) {
      has_data_ = has_data_ || values[i].has_value();
      const double v = values[i].value_or(0);
      if (auto s = SetFigure(wanted[i].name, v,
                             CommandOf(QueryOf({wanted[i].measure}, r_.period), r_.period.Code()));
          !s) {
        return s;
      }
      auto change = ChangeAgainstLastYear(t_, format_, v, previous[i]);
      if (!change) return Fail(change.error());
      args_[std::string(wanted[i].name) + "_change"] = change->empty() ? "" : " (" + *change + ")";
    }
    const double tips = values[4].value_or(0);
    args_["tips_valuable_share"] =
        format_.Percent(tips > 0 ? 100.0 * values[5].value_or(0) / tips : 0);
    // The annex: the units one level down, as they stood in the period.
    for (UnitLevel level : {UnitLevel::kDistrict, UnitLevel::kCommune}) {
      if (level > area_->level) {
        annex_level_ = level;
        break;
      }
    }
    if (annex_level_) {
      annex_query_ = QueryOf({"propaganda.sessions", "propaganda.participants", "handin.items",
                              "tips.received", "crime.social_order_cases"},
                             r_.period, annex_level_);
      auto annex = engine_.Run(annex_query_);
      if (!annex) {
        // A district that had no districts below it (after 2025, communes sit under provinces).
        if (annex_level_ == UnitLevel::kDistrict) {
          annex_level_ = UnitLevel::kCommune;
          annex_query_.by_level = annex_level_;
          annex = engine_.Run(annex_query_);
        }
        if (!annex) return Fail(annex.error());
      }
      annex_rows_ = std::move(annex->rows);
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
    if (annex_level_ && !annex_rows_.empty()) {
      if (auto s = AnnexTable(); !s) return s;
    }
    return FinishAnnex();
  }

  Status AnnexTable() {
    auto heading = t_.Render("annex.heading", args_);
    if (!heading) return Fail(heading.error());
    AddPageBreak();
    blocks().push_back(Paragraph::Of({Run::Bold(*heading)}, Align::kCenter));
    auto annexed = AnnexByUnit(annex_query_, r_.period.Code(), annex_rows_, 0);
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
  Period before_ = *Period::Parse("2022");
  bool has_data_ = false;
  std::optional<UnitLevel> annex_level_;
  analytics::Query annex_query_;
  std::vector<analytics::Row> annex_rows_;
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
