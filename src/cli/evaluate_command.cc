#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "app/evaluation_use_cases.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

struct EvaluateOptions {
  std::string criteria;
  std::string under;
  std::string period;
  bool explain = false;
};

Status Run(const Context& ctx, const EvaluateOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto ev = EvaluateCriteriaSet(*ws, {o.criteria, o.under, o.period});
  if (!ev) return Fail(ev.error());
  SampleNotice(*ws, *format);
  if (*format == Format::kJson) {
    nlohmann::json j = {{"criteria", ev->set->code},
                        {"period", o.period},
                        {"met", ev->met_count()},
                        {"total", ev->units.size()},
                        {"basis", ev->basis},
                        {"criteria_of", ev->criteria_from->code},
                        {"units", nlohmann::json::array()}};
    for (const rules::UnitVerdict& u : ev->units) {
      nlohmann::json reasons = nlohmann::json::array();
      nlohmann::json reasons_en = nlohmann::json::array();
      for (const rules::CriterionOutcome& c : u.outcomes) {
        if (c.reason_vi.empty()) continue;
        reasons.push_back(c.reason_vi);
        reasons_en.push_back(c.reason_en);
      }
      j["units"].push_back({{"code", u.unit->code},
                            {"name", u.unit->FullName()},
                            {"met", u.met},
                            {"reasons", reasons},
                            {"reasons_en", reasons_en}});
    }
    std::cout << j.dump(2) << "\n";
    return Ok();
  }
  // The summary heads a table; with CSV it goes to standard error, so the file is just rows.
  std::ostream& head = *format == Format::kTable ? std::cout : std::cerr;
  head << fmt::format("{} ({}), {}: {}/{} đạt / met\n", ev->set->name_vi, ev->set->code, ev->year,
                      ev->met_count(), ev->units.size());
  head << fmt::format("Căn cứ / basis: {}\n", ev->basis);
  if (ev->criteria_from != ev->set) {
    head << fmt::format("Tiêu chí / criteria: {} ({})\n", ev->criteria_from->code,
                        ev->version->basis);
  }
  // A table lists the units not met when asked (--explain); CSV always lists every unit.
  const bool every_unit = *format == Format::kCsv;
  if (!o.explain && !every_unit) {
    if (ev->met_count() < ev->units.size())
      std::cout << "(--explain: lý do từng đơn vị chưa đạt / the reasons for each unit not met)\n";
    return Ok();
  }
  Table t;
  t.keys = {"code", "unit", "met", "reasons"};
  t.headers = {"Mã", "Đơn vị", "Đạt", "Lý do / reasons"};
  for (const rules::UnitVerdict& u : ev->units) {
    if (u.met && !every_unit) continue;
    std::string reasons;
    for (const rules::CriterionOutcome& c : u.outcomes) {
      if (c.reason_vi.empty()) continue;
      reasons += reasons.empty() ? c.reason_vi : "; " + c.reason_vi;
    }
    t.rows.push_back(
        {u.unit->code, u.unit->FullName(), u.met ? "có / yes" : "không / no", reasons});
  }
  Print(t, *format, std::cout);
  return Ok();
}

}  // namespace

void AddEvaluateCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "evaluate", "Đánh giá tiêu chí / which units meet a criteria set in a year, and why not");
  static EvaluateOptions o;
  cmd->add_option("--criteria", o.criteria, "A criteria set: atantt-commune, ntm-19.2, …")
      ->required();
  cmd->add_option("--under", o.under, "The area: a unit code")->required();
  cmd->add_option("--period", o.period, "The assessment year: 2022")->required();
  cmd->add_flag("--explain", o.explain, "List each unit not met with the failed criteria");
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx, o); }; });
}

}  // namespace antq::cli
