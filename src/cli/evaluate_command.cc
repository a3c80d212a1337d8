#include <fmt/format.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "app/evaluation_use_cases.h"
#include "cli/context.h"
#include "common/vietnamese_format.h"
#include "domain/values.h"

namespace antq::cli {
namespace {

struct EvaluateOptions {
  std::string criteria;
  std::string under;
  std::string period;
  std::string by;
  std::string confirm;
  bool explain = false;
  bool save = false;
};

std::string Reasons(const rules::UnitVerdict& u, bool vi) {
  std::string reasons;
  for (const rules::CriterionOutcome& c : u.outcomes) {
    const std::string& r = vi ? c.reason_vi : c.reason_en;
    if (!r.empty()) AppendListItem(reasons, r, "; ");
  }
  return reasons;
}

std::string Evidence(const rules::UnitVerdict& u) {
  std::string evidence;
  for (const rules::CriterionOutcome& c : u.outcomes) {
    if (!c.evidence.empty()) AppendListItem(evidence, c.criterion->code + ": " + c.evidence, "; ");
  }
  return evidence;
}

// "x/y đạt" per unit of a level above the evaluated ones, as they stood in the assessment year.
Status PrintByLevel(const Workspace& ws, const rules::Evaluation& ev, const std::string& by,
                    Format format) {
  auto level = ParseUnitLevel(by);
  if (!level) return Fail(level.error().At("--by"));
  Table t;
  t.keys = {"code", "unit", "met", "total", "share"};
  t.headers = {"Mã", "Đơn vị", "Đạt", "Tổng", "Tỷ lệ"};
  for (const rules::GroupCount& g : VerdictsByLevel(ws, ev, *level)) {
    t.rows.push_back(
        {g.group->code, g.group->FullName(), std::to_string(g.met), std::to_string(g.total),
         g.total == 0 ? ""
                      : FormatNumberVi(
                            100.0 * static_cast<double>(g.met) / static_cast<double>(g.total), 1) +
                            " %"});
  }
  Print(t, format, std::cout);
  return Ok();
}

Status RunConfirm(const Context& ctx, const EvaluateOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto record = ConfirmEvaluation(*ws, LocalActor(ctx), {o.criteria, o.confirm, o.period});
  if (!record) return Fail(record.error());
  std::cout << fmt::format("Đã xác nhận / confirmed: {} {} {}: {} ({}, {})\n", o.criteria, o.period,
                           o.confirm, VerdictText(record->met), record->confirmed_by,
                           record->confirmed_at);
  return Ok();
}

Status RunRating(const Context& ctx, Workspace& ws, const EvaluateOptions& o, Format format) {
  auto rating = RateArea(ws, LocalActor(ctx), {o.criteria, o.under, o.period});
  if (!rating) return Fail(rating.error());
  SampleNotice(ws, format);
  const ScoringSheet& sheet = *rating->sheet;
  auto points = [](const std::optional<double>& v) {
    return v ? ShowNumber(*v, true) : std::string();
  };
  auto class_name = [](const RatingClass* c) { return c ? c->name_vi : std::string(); };
  if (format == Format::kJson) {
    nlohmann::json j = {{"sheet", sheet.code},
                        {"period", o.period},
                        {"basis", sheet.basis},
                        {"max_points", sheet.max_total()},
                        {"classes", nlohmann::json::object()},
                        {"units", nlohmann::json::array()}};
    for (const RatingClass& c : sheet.classes) j["classes"][c.code] = rating->CountOf(c.code);
    auto number = [](const std::optional<double>& v) {
      return v ? nlohmann::json(*v) : nlohmann::json();
    };
    for (const rules::UnitRating& u : rating->units) {
      nlohmann::json items = nlohmann::json::array();
      for (const rules::ItemScore& i : u.items) {
        items.push_back({{"code", i.item->code},
                         {"max", i.item->max_points},
                         {"self", number(i.self)},
                         {"review", number(i.review)}});
      }
      const RatingClass* rated = u.rated_class();
      j["units"].push_back({{"code", u.unit->code},
                            {"name", u.unit->FullName()},
                            {"self", number(u.self_total)},
                            {"review", number(u.review_total)},
                            {"class", rated ? nlohmann::json(rated->code) : nlohmann::json()},
                            {"items", items},
                            {"notes", u.notes_vi},
                            {"notes_en", u.notes_en}});
    }
    std::cout << j.dump(2) << "\n";
    return Ok();
  }
  std::ostream& head = format == Format::kTable ? std::cout : std::cerr;
  head << fmt::format("{} ({}), {}: {} đơn vị / units\n", sheet.name_vi, sheet.code, rating->year,
                      rating->units.size());
  head << fmt::format("Căn cứ / basis: {}\n", sheet.basis);
  std::string bands;
  for (const RatingClass& c : sheet.classes) {
    AppendListItem(bands,
                   fmt::format("{} (từ {} điểm): {}", c.name_vi, ShowNumber(c.min_points, true),
                               rating->CountOf(c.code)),
                   "; ");
  }
  head << bands << "\n";
  (void)ctx;
  Table t;
  t.keys = {"code", "unit", "self", "self_class", "review", "review_class", "notes"};
  t.headers = {"Mã",        "Đơn vị",           "Tự chấm", "Loại (tự chấm)",
               "Thẩm định", "Loại (thẩm định)", "Ghi chú"};
  for (const rules::UnitRating& u : rating->units) {
    std::string notes;
    for (const std::string& n : u.notes_vi) AppendListItem(notes, n, "; ");
    t.rows.push_back({u.unit->code, u.unit->FullName(), points(u.self_total),
                      class_name(u.self_class), points(u.review_total), class_name(u.review_class),
                      notes});
  }
  Print(t, format, std::cout);
  return Ok();
}

Status Run(const Context& ctx, const EvaluateOptions& o) {
  if (!o.confirm.empty()) return RunConfirm(ctx, o);
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  if (ws->catalog().FindScoringSheet(o.criteria)) return RunRating(ctx, *ws, o, *format);
  auto ev = EvaluateCriteriaSet(*ws, LocalActor(ctx), {o.criteria, o.under, o.period});
  if (!ev) return Fail(ev.error());
  SampleNotice(*ws, *format);
  std::string saved;
  if (o.save) {
    auto summary = SaveEvaluation(*ws, LocalActor(ctx), *ev);
    if (!summary) return Fail(summary.error());
    saved = fmt::format("Đã lưu kết quả / verdicts stored: {} new, {} changed, {} unchanged\n",
                        summary->added, summary->changed, summary->unchanged);
  }
  auto stored = StoredVerdicts(*ws, *ev);
  if (!stored) return Fail(stored.error());
  std::map<UnitId, const EvaluationRecord*> record_of;
  for (const EvaluationRecord& r : *stored) record_of[r.unit_id] = &r;
  const std::string recogniser = ev->recogniser ? ev->recogniser->by_vi : "";
  if (*format == Format::kJson) {
    nlohmann::json j = {{"criteria", ev->set->code}, {"period", o.period},
                        {"met", ev->met_count()},    {"total", ev->units.size()},
                        {"basis", ev->basis},        {"criteria_of", ev->criteria_from->code},
                        {"recogniser", recogniser},  {"units", nlohmann::json::array()}};
    for (const rules::UnitVerdict& u : ev->units) {
      nlohmann::json reasons = nlohmann::json::array();
      nlohmann::json reasons_en = nlohmann::json::array();
      nlohmann::json evidence = nlohmann::json::object();
      for (const rules::CriterionOutcome& c : u.outcomes) {
        if (!c.evidence.empty()) evidence[c.criterion->code] = c.evidence;
        if (c.reason_vi.empty()) continue;
        reasons.push_back(c.reason_vi);
        reasons_en.push_back(c.reason_en);
      }
      nlohmann::json unit = {{"code", u.unit->code},
                             {"name", u.unit->FullName()},
                             {"met", u.met},
                             {"reasons", reasons},
                             {"reasons_en", reasons_en}};
      if (!evidence.empty()) unit["evidence"] = evidence;
      if (auto it = record_of.find(u.unit->unit_id); it != record_of.end()) {
        unit["stored"] = {{"met", it->second->met},
                          {"evaluated_at", it->second->evaluated_at},
                          {"confirmed_by", it->second->confirmed_by},
                          {"confirmed_at", it->second->confirmed_at}};
      }
      j["units"].push_back(std::move(unit));
    }
    if (!o.by.empty()) {
      auto level = ParseUnitLevel(o.by);
      if (!level) return Fail(level.error().At("--by"));
      j["by"] = nlohmann::json::array();
      for (const rules::GroupCount& g : VerdictsByLevel(*ws, *ev, *level)) {
        j["by"].push_back({{"code", g.group->code},
                           {"name", g.group->FullName()},
                           {"met", g.met},
                           {"total", g.total}});
      }
    }
    std::cerr << saved;
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
  if (!recogniser.empty()) head << fmt::format("Cấp công nhận / recognised by: {}\n", recogniser);
  head << saved;
  if (!o.by.empty()) return PrintByLevel(*ws, *ev, o.by, *format);
  // A table lists the units not met when asked (--explain); CSV always lists every unit.
  const bool every_unit = *format == Format::kCsv;
  if (!o.explain && !every_unit) {
    if (ev->met_count() < ev->units.size())
      std::cout << "(--explain: lý do từng đơn vị chưa đạt / the reasons for each unit not met)\n";
    return Ok();
  }
  Table t;
  t.keys = {"code", "unit", "met", "reasons", "evidence", "confirmed_by"};
  t.headers = {"Mã", "Đơn vị", "Đạt", "Lý do / reasons", "Minh chứng", "Người xác nhận"};
  for (const rules::UnitVerdict& u : ev->units) {
    if (u.met && !every_unit) continue;
    auto it = record_of.find(u.unit->unit_id);
    t.rows.push_back({u.unit->code, u.unit->FullName(), u.met ? "có / yes" : "không / no",
                      Reasons(u, true), Evidence(u),
                      it == record_of.end() ? "" : it->second->confirmed_by});
  }
  Print(t, *format, std::cout);
  return Ok();
}

}  // namespace

void AddEvaluateCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "evaluate",
      "Đánh giá tiêu chí, xếp loại / which units meet a criteria set in a year and why not the "
      "others, or their rating on a scoring sheet");
  static EvaluateOptions o;
  cmd->add_option("--criteria", o.criteria,
                  "A criteria set (atantt-commune, atantt-residential, ntm-19.2) or a scoring "
                  "sheet (classification-commune)")
      ->required();
  cmd->add_option("--under", o.under, "The area: a unit code");
  cmd->add_option("--period", o.period, "The assessment year: 2022")->required();
  cmd->add_flag("--explain", o.explain, "List each unit not met with the failed criteria");
  cmd->add_option("--by", o.by, "Count x/y met per unit of this level: district, province");
  cmd->add_flag("--save", o.save,
                "Keep the verdicts on record (re-evaluated when their data change)");
  cmd->add_option("--confirm", o.confirm,
                  "Confirm the stored verdict of this unit code (as --user)");
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx, o); }; });
}

}  // namespace antq::cli
