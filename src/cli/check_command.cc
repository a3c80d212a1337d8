#include <fmt/format.h>

#include <iostream>

#include "app/check_use_cases.h"
#include "app/json_mapping.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

std::string_view KindName(StoredProblem::Kind kind) {
  switch (kind) {
    case StoredProblem::Kind::kValue:
      return "value";
    case StoredProblem::Kind::kEvent:
      return "event";
    case StoredProblem::Kind::kDatabase:
      return "database";
  }
  return "?";
}

Status Run(const Context& ctx) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  const bool progress = ShowProgress();
  auto check =
      CheckStore(*ws, LocalActor(ctx), [progress](int done, int all, const std::string& what) {
        if (progress) std::cerr << fmt::format("\r  [{}/{}] {:<40}", done, all, what) << std::flush;
      });
  if (progress) std::cerr << "\n";
  if (!check) return Fail(check.error());
  Table t;
  t.keys = {"kind", "unit_code", "subject", "period_or_date", "stored", "reason"};
  t.headers = {"Loại", "Mã ĐV", "Chỉ tiêu / trường", "Kỳ / ngày", "Giá trị lưu", "Lý do / reason"};
  for (const StoredProblem& p : check->problems) {
    t.rows.push_back(
        {std::string(KindName(p.kind)), p.unit, p.subject, p.when, p.stored, p.reason});
  }
  std::ostream& head = *format == Format::kTable ? std::cout : std::cerr;
  if (*format == Format::kJson) {
    PrintJson(views::StoreCheckJson(*check), std::cout);
  } else if (*format == Format::kCsv || !t.rows.empty()) {
    Print(t, *format, std::cout);
  }
  head << fmt::format(
      "Đã kiểm tra / checked: {} số liệu / values, {} sự kiện / events, tính toàn vẹn / "
      "integrity; {} vấn đề / problem(s)\n",
      check->values_checked, check->events_checked, check->problems.size());
  if (!check->problems.empty()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} stored row(s) do not fit their type or the catalogue; nothing was "
                            "changed. Correct them with 'antq values set' or 'antq events edit'",
                            check->problems.size()),
                ws->store().Describe());
  }
  return Ok();
}

}  // namespace

void AddCheckCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "check",
      "Kiểm tra dữ liệu đã lưu / check every stored value and event against its type and the "
      "catalogue, and the database's integrity; read-only; exits 1 when a problem is found");
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx); }; });
}

}  // namespace antq::cli
