#include <fmt/format.h>

#include <iostream>

#include "app/inspection_use_cases.h"
#include "app/json_mapping.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

// `antq inspection`: the same use cases as /api/v1/inspections, for the operator at the
// machine (an administrator) and for scripts; --format json prints the API's JSON.
struct InspectionOptions {
  int64_t id = 0;
  NewInspection open;
  std::vector<std::string> team;  // "TITLE|BODY[|USER]"
  std::string text;
  std::string unit;
  std::string deadline;
  std::string status;
  std::string evidence;
};

Result<std::vector<TeamMember>> ParseTeam(const std::vector<std::string>& items) {
  std::vector<TeamMember> team;
  for (const std::string& item : items) {
    const size_t bar = item.find('|');
    if (bar == std::string::npos || bar == 0) {
      return Fail(ErrorCode::kUsage,
                  fmt::format("'{}' is not TITLE|BODY[|USER] (for example "
                              "\"Trưởng đoàn|Ban Nội chính Tỉnh ủy\")",
                              item),
                  "--team");
    }
    const size_t second = item.find('|', bar + 1);
    TeamMember m;
    m.title = item.substr(0, bar);
    m.body =
        item.substr(bar + 1, second == std::string::npos ? std::string::npos : second - bar - 1);
    if (second != std::string::npos) m.user = item.substr(second + 1);
    m.head = team.empty();  // the decision names the head first
    team.push_back(std::move(m));
  }
  return team;
}

// "610 Huyện Đắk Glei"; the stored id when the unit has no version to show.
std::string UnitLabel(const UnitVersion* v, UnitId unit) {
  return v ? v->code + " " + v->FullName() : std::to_string(unit);
}

std::string UnitText(const Workspace& ws, UnitId unit, Date at) {
  if (unit == 0) return "";
  return UnitLabel(ws.units().VersionOf(unit, at), unit);
}

Status RunOpen(const Context& ctx, InspectionOptions& o) {
  auto team = ParseTeam(o.team);
  if (!team) return Fail(team.error());
  o.open.team = std::move(*team);
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto opened = OpenInspection(*ws, LocalActor(ctx), o.open);
  if (!opened) return Fail(opened.error());
  std::cout << fmt::format("Đã mở đoàn kiểm tra / inspection opened: {} ({} {}, {}..{})\n",
                           opened->id, opened->decision_number, opened->decision_date.ToString(),
                           opened->period_from, opened->period_to);
  return Ok();
}

Status RunList(const Context& ctx) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto all = ListInspections(*ws, LocalActor(ctx));
  if (!all) return Fail(all.error());
  if (*format == Format::kJson) {
    nlohmann::json items = nlohmann::json::array();
    for (const Inspection& i : *all) items.push_back(views::InspectionJson(i));
    PrintJson(items, std::cout);
    return Ok();
  }
  if (all->empty()) {
    std::cout << "Chưa có đoàn kiểm tra / no inspections yet: open one with antq inspection "
                 "open\n";
    return Ok();
  }
  Table t;
  t.keys = {"id", "decision_number", "decision_date", "scope", "period", "subject"};
  t.headers = {"Số", "Quyết định", "Ngày", "Phạm vi", "Giai đoạn", "Nội dung"};
  for (const Inspection& i : *all) {
    t.rows.push_back({std::to_string(i.id), i.decision_number, i.decision_date.ToString(),
                      UnitText(*ws, i.scope.unit, i.scope.as_of),
                      i.period_from + ".." + i.period_to, i.subject});
  }
  Print(t, *format, std::cout);
  return Ok();
}

Status RunShow(const Context& ctx, const InspectionOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto d = GetInspection(*ws, LocalActor(ctx), o.id);
  if (!d) return Fail(d.error());
  const Date today = Date::Today();
  if (*format == Format::kJson) {
    PrintJson(views::InspectionDetailsJson(*ws, *d, today), std::cout);
    return Ok();
  }
  const Inspection& i = d->inspection;
  std::cout << fmt::format("Đoàn kiểm tra / inspection {}: {}\n", i.id, i.subject);
  std::cout << fmt::format("  Quyết định / decision: {} ngày {}, {}\n", i.decision_number,
                           i.decision_date.ToString(), i.issuing_body);
  std::cout << fmt::format("  Phạm vi / scope: {} ({}), {}..{}\n",
                           UnitText(*ws, i.scope.unit, i.scope.as_of), i.scope.as_of.ToString(),
                           i.period_from, i.period_to);
  for (const TeamMember& m : i.team) {
    std::cout << fmt::format("  {}: {}{}\n", m.title, m.body,
                             m.user.empty() ? "" : " (" + m.user + ")");
  }
  std::cout << fmt::format("  Kết quả đánh giá đã chốt / frozen evaluation: {}\n",
                           i.snapshot_at.empty() ? "chưa / not yet" : i.snapshot_at);
  std::cout << fmt::format("Nhận xét / findings ({}):\n", d->findings.size());
  for (const Finding& f : d->findings) {
    const std::string about = UnitText(*ws, f.unit_id, i.scope.as_of);
    std::cout << fmt::format("  [{}] {}{}\n", f.id, f.text, about.empty() ? "" : " — " + about);
  }
  std::cout << fmt::format("Kiến nghị / recommendations ({}):\n", d->recommendations.size());
  for (const Recommendation& r : d->recommendations) {
    std::cout << fmt::format("  [{}] {} — {}, hạn / due {}, {}\n", r.id, r.text,
                             UnitText(*ws, r.responsible_unit, i.scope.as_of),
                             r.deadline.ToString(), RecommendationStatusName(r.StatusOn(today)));
  }
  return Ok();
}

Status RunSnapshot(const Context& ctx, const InspectionOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto i = TakeSnapshot(*ws, LocalActor(ctx), o.id);
  if (!i) return Fail(i.error());
  std::cout << fmt::format("Đã chốt kết quả đánh giá / evaluation frozen for inspection {} at {}\n",
                           i->id, i->snapshot_at);
  return Ok();
}

Status RunFinding(const Context& ctx, const InspectionOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto f = AddFinding(*ws, LocalActor(ctx), o.id, o.text, o.unit);
  if (!f) return Fail(f.error());
  std::cout << fmt::format("Đã ghi nhận xét / finding recorded: {}\n", f->id);
  return Ok();
}

Status RunRecommend(const Context& ctx, const InspectionOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto r = AddRecommendation(*ws, LocalActor(ctx), o.id, {o.text, o.unit, o.deadline});
  if (!r) {
    // The use case names the API's field; here it is --unit.
    const Error& e = r.error();
    return Fail(e.where() == "responsible_unit" ? e.At("unit") : e);
  }
  std::cout << fmt::format("Đã ban hành kiến nghị / recommendation issued: {} (hạn / due {})\n",
                           r->id, r->deadline.ToString());
  return Ok();
}

Status RunFollow(const Context& ctx, const InspectionOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  RecommendationUpdate update;
  if (!o.status.empty()) update.status = o.status;
  update.evidence = o.evidence;
  auto r = UpdateRecommendation(*ws, LocalActor(ctx), o.id, update, Date::Today());
  if (!r) return Fail(r.error());
  std::cout << fmt::format("Kiến nghị / recommendation {}: {}\n", r->id,
                           RecommendationStatusName(r->StatusOn(Date::Today())));
  return Ok();
}

Status RunFollowUp(const Context& ctx, const InspectionOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto rows = FollowUp(*ws, LocalActor(ctx), o.id, o.status, Date::Today());
  if (!rows) return Fail(rows.error());
  if (*format == Format::kJson) {
    PrintJson(views::FollowUpJson(*rows), std::cout);
    return Ok();
  }
  if (rows->empty()) {
    std::cout << "Không có kiến nghị nào / no recommendations match\n";
    return Ok();
  }
  Table t;
  t.keys = {"id", "inspection", "text", "responsible_unit", "deadline", "status"};
  t.headers = {"Số", "Đoàn", "Kiến nghị", "Đơn vị thực hiện", "Hạn", "Tình trạng"};
  for (const RecommendationRow& row : *rows) {
    const Recommendation& r = row.recommendation;
    t.rows.push_back({std::to_string(r.id), std::to_string(r.inspection_id), r.text,
                      UnitLabel(row.responsible, r.responsible_unit), r.deadline.ToString(),
                      std::string(RecommendationStatusName(row.status))});
  }
  Print(t, *format, std::cout);
  return Ok();
}

}  // namespace

void AddInspectionCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "inspection",
      "Đoàn kiểm tra / inspections: decision, team, frozen evaluation, findings, "
      "recommendations and their follow-up");
  cmd->require_subcommand(1);
  static InspectionOptions o;

  auto* open = cmd->add_subcommand("open", "Mở đoàn kiểm tra / open an inspection");
  open->add_option("--decision", o.open.decision_number, "The decision's number (123-QĐ/TU)")
      ->required();
  open->add_option("--decision-date", o.open.decision_date, "Its date (YYYY-MM-DD)")->required();
  open->add_option("--issuing-body", o.open.issuing_body, "Who issued it")->required();
  open->add_option("--subject", o.open.subject, "What is inspected")->required();
  open->add_option("--scope", o.open.scope, "The unit inspected (a code)")->required();
  open->add_option("--scope-at", o.open.scope_at,
                   "The date the code is read on (default the decision date)");
  open->add_option("--period", o.open.period, "Years: 2019..2022 or 2022")->required();
  open->add_option("--team", o.team,
                   "A member as TITLE|BODY[|USER]; repeat for each, the head first");
  open->callback([&ctx] { ctx.action = [&ctx] { return RunOpen(ctx, o); }; });

  auto* list = cmd->add_subcommand("list", "Danh sách đoàn kiểm tra / list inspections");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });

  auto* show = cmd->add_subcommand(
      "show", "Xem đoàn kiểm tra / an inspection with its findings and recommendations");
  show->add_option("ID", o.id, "The inspection's number")->required();
  show->callback([&ctx] { ctx.action = [&ctx] { return RunShow(ctx, o); }; });

  auto* snapshot = cmd->add_subcommand(
      "snapshot", "Chốt kết quả đánh giá / freeze the evaluation results the inspection rests on");
  snapshot->add_option("ID", o.id, "The inspection's number")->required();
  snapshot->callback([&ctx] { ctx.action = [&ctx] { return RunSnapshot(ctx, o); }; });

  auto* finding = cmd->add_subcommand("finding", "Ghi nhận xét / record a finding");
  finding->add_option("ID", o.id, "The inspection's number")->required();
  finding->add_option("--text", o.text, "The finding")->required();
  finding->add_option("--unit", o.unit, "The unit it is about (a code; default the whole scope)");
  finding->callback([&ctx] { ctx.action = [&ctx] { return RunFinding(ctx, o); }; });

  auto* recommend = cmd->add_subcommand("recommend", "Ban hành kiến nghị / issue a recommendation");
  recommend->add_option("ID", o.id, "The inspection's number")->required();
  recommend->add_option("--text", o.text, "The recommendation")->required();
  recommend->add_option("--unit", o.unit, "The unit responsible (a code)")->required();
  recommend->add_option("--deadline", o.deadline, "Due date (YYYY-MM-DD)")->required();
  recommend->callback([&ctx] { ctx.action = [&ctx] { return RunRecommend(ctx, o); }; });

  auto* follow = cmd->add_subcommand(
      "follow", "Cập nhật kiến nghị / set a recommendation's status and/or add evidence");
  follow->add_option("RECOMMENDATION", o.id, "The recommendation's number")->required();
  follow->add_option("--status", o.status, "open, in_progress or done");
  follow->add_option("--evidence", o.evidence, "What was done, as evidence");
  follow->callback([&ctx] { ctx.action = [&ctx] { return RunFollow(ctx, o); }; });

  auto* follow_up = cmd->add_subcommand(
      "follow-up", "Theo dõi kiến nghị / recommendations by status (overdue past the deadline)");
  follow_up->add_option("--inspection", o.id, "Only this inspection's (default all)");
  follow_up->add_option("--status", o.status, "open, in_progress, done or overdue");
  follow_up->callback([&ctx] { ctx.action = [&ctx] { return RunFollowUp(ctx, o); }; });
}

}  // namespace antq::cli
