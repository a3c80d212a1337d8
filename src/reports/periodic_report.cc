#include "reports/periodic_report.h"

#include <fmt/format.h>

#include <cmath>

#include "common/text.h"
#include "common/vietnamese_format.h"
#include "domain/calendar.h"

namespace antq::reports {
namespace {

using documents::Align;
using documents::Cell;
using documents::Paragraph;
using documents::Run;

constexpr const char* kCalendar = "decree09";

// "tháng 3 năm 2023", "quý I năm 2023", "6 tháng đầu năm 2023", "năm 2023".
std::string PeriodText(const Period& p) {
  static const char* kRoman[] = {"I", "II", "III", "IV"};
  switch (p.type()) {
    case PeriodType::kMonthly:
      return fmt::format("tháng {} năm {}", p.index(), p.year());
    case PeriodType::kQuarterly:
      return fmt::format("quý {} năm {}", kRoman[(p.index() - 1) % 4], p.year());
    case PeriodType::kSixMonthly:
      return fmt::format("6 tháng {} năm {}", p.index() == 1 ? "đầu" : "cuối", p.year());
    default:
      return fmt::format("năm {}", p.year());
  }
}

std::string ShortDate(Date d) {
  return fmt::format("{:02d}/{:02d}/{}", d.day(), d.month(), d.year());
}

class PeriodicBuilder : public ReportBuilder {
 public:
  PeriodicBuilder(const analytics::Engine& engine, const UnitRegistry& units,
                  const Catalog& catalog, const Templates& templates, const PeriodicRequest& r)
      : ReportBuilder(engine, units, catalog, templates), r_(r) {}

  Result<Report> Build() {
    const PeriodType type = r_.period.type();
    if (type != PeriodType::kMonthly && type != PeriodType::kQuarterly &&
        type != PeriodType::kSixMonthly && type != PeriodType::kYearly) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is not a reporting period; give a month (202303), a quarter "
                              "(2023Q1), a half (2023S1) or a year (2023)",
                              r_.period.Code()),
                  "--period");
    }
    auto calendar = Calendar::Find(kCalendar);
    if (!calendar) return Fail(calendar.error());
    auto window = (*calendar)->Window(r_.period);
    if (!window) return Fail(window.error().At("--period"));
    auto area = units_.Resolve(r_.area, window->end);
    if (!area) return Fail(area.error().At("--under"));
    area_ = *area;
    auto before = Period::Make(type, r_.period.year() - 1, r_.period.index());
    if (!before) return Fail(before.error());
    before_ = *before;
    args_["area"] = area_->FullName();
    args_["area_upper"] = UpperCaseVi(area_->FullName());
    args_["period"] = PeriodText(r_.period);
    args_["from"] = ShortDate(window->start);
    args_["to"] = ShortDate(window->end);
    const auto parents = units_.Ancestors(area_->unit_id, window->end);
    args_["parent_upper"] = parents.empty() ? "" : UpperCaseVi(parents.front()->FullName());
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
      const char* name;
      const char* measure;
      const char* label;
    };
    const std::vector<Wanted> wanted = {
        {"sessions", "propaganda.sessions", "Buổi tuyên truyền, phát động"},
        {"participants", "propaganda.participants", "Lượt người tham gia tuyên truyền"},
        {"handin_sessions", "handin.sessions", "Buổi vận động giao nộp vũ khí"},
        {"items", "handin.items", "Vũ khí, vật liệu nổ, công cụ hỗ trợ thu hồi"},
        {"tips", "tips.received", "Tin báo, tố giác nhận được"},
        {"tips_valuable", "tips.valuable", "Tin có giá trị"},
        {"cases", "crime.social_order_cases", "Vụ phạm pháp hình sự về trật tự xã hội"},
        {"reconciled", "security.cases_reconciled", "Vụ hòa giải thành"},
        {"models", "models.active", "Mô hình đang hoạt động cuối kỳ"},
    };
    std::vector<std::string> measures;
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
      SetFigure(wanted[i].name, wanted[i].label, v,
                CommandOf(QueryOf({wanted[i].measure}, r_.period), r_.period.Code()));
      const std::string change = ChangeAgainstLastYear(v, previous[i]);
      args_[std::string(wanted[i].name) + "_change"] = change.empty() ? "" : " (" + change + ")";
    }
    const double tips = values[4].value_or(0);
    args_["tips_valuable_share"] =
        tips > 0 ? FormatPercentVi(100.0 * values[5].value_or(0) / tips) : "0 %";
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
    if (auto s = Add("limitations.general"); !s) return s;
    if (auto s = AddHeading(1, "next.heading"); !s) return s;
    auto next = t_.RenderAll("next.items", args_);
    if (!next) return Fail(next.error());
    AddList(documents::ListStyle::kNumbers, *next);
    auto recipients = t_.RenderAll("closing.recipients", args_);
    auto authority = t_.Render("closing.authority", args_);
    auto title_line = t_.Render("closing.title", args_);
    if (!recipients) return Fail(recipients.error());
    if (!authority) return Fail(authority.error());
    if (!title_line) return Fail(title_line.error());
    blocks().push_back(ClosingBlock(*recipients, *authority, *title_line, ""));
    return Annex();
  }

  Status Annex() {
    report_.annex.title = report_.document.title;
    report_.annex.author = report_.document.author;
    if (annex_level_ && !annex_rows_.empty()) {
      if (auto s = AnnexTable(); !s) return s;
    }
    report_.annex.blocks.push_back(FiguresTable());
    return Ok();
  }

  Status AnnexTable() {
    auto heading = t_.Render("annex.heading", args_);
    if (!heading) return Fail(heading.error());
    blocks().push_back(documents::PageBreak{});
    blocks().push_back(Paragraph::Of({Run::Bold(*heading)}, Align::kCenter));
    documents::Table table;
    table.title = *heading;
    table.column_widths_mm = {10, 50, 21, 22, 21, 21, 20};
    auto cell = [](const std::string& text, Align align = Align::kCenter) {
      Paragraph p = Paragraph::Of({Run::Plain(text)}, align);
      p.size_pt = 11;
      return Cell{{p}};
    };
    table.rows.push_back({cell("TT"), cell("Đơn vị"), cell("Buổi tuyên truyền"), cell("Lượt người"),
                          cell("VK, VLN, CCHT thu hồi"), cell("Tin báo"),
                          cell("Vụ phạm pháp TTXH")});
    int n = 0;
    for (const analytics::Row& row : annex_rows_) {
      std::vector<Cell> cells = {
          cell(row.unit_code.empty() ? "" : std::to_string(++n)),
          cell(row.unit_code.empty() ? "Không thuộc đơn vị nào" : row.unit_name, Align::kLeft)};
      for (size_t i = 0; i < row.values.size(); ++i) {
        Cell c = cell(row.values[i] ? FormatNumberVi(*row.values[i], 1) : "-", Align::kRight);
        c.number = row.values[i];
        if (!row.unit_code.empty()) {
          analytics::Query q = QueryOf({annex_query_.measures[i]}, r_.period);
          q.under = row.unit_code;
          c.note = CommandOf(q, r_.period.Code());
        }
        cells.push_back(std::move(c));
      }
      table.rows.push_back(std::move(cells));
    }
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

std::string ChangeAgainstLastYear(double now, std::optional<double> before) {
  if (!before || *before == 0) return "";
  const double change = (now - *before) / *before * 100.0;
  if (std::fabs(change) < 0.05) return "bằng cùng kỳ";
  return fmt::format("{} {} so với cùng kỳ", change > 0 ? "tăng" : "giảm",
                     FormatPercentVi(std::fabs(change)));
}

Result<Report> BuildPeriodicReport(const analytics::Engine& engine, const UnitRegistry& units,
                                   const Catalog& catalog, const Templates& templates,
                                   const PeriodicRequest& request) {
  return PeriodicBuilder(engine, units, catalog, templates, request).Build();
}

}  // namespace antq::reports
