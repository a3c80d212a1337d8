#include <fmt/format.h>

#include <iostream>

#include "app/audit_use_cases.h"
#include "app/events_use_cases.h"
#include "app/json_mapping.h"
#include "cli/context.h"

namespace antq::cli {

void AddAuditCommand(CLI::App& app, Context& ctx) {
  auto* audit = app.add_subcommand("audit", "Nhật ký thay đổi / the audit log, newest first");
  static std::string under;
  static size_t limit = 20;
  static std::string at;
  audit->add_option("--under", under, "Unit code: changes about its area across time");
  audit->add_option("--at", at,
                    "The date on which --under names the unit (YYYY-MM-DD); default today. Codes "
                    "reused after 2025-07-01 name different units before and after");
  audit->add_option("--limit", limit, "How many entries")->capture_default_str();
  audit->require_subcommand(0, 1);
  auto* verify = audit->add_subcommand(
      "verify",
      "Kiểm tra chuỗi nhật ký / check the audit log's hash chain; names every altered, removed "
      "or inserted row and exits 1 when one is found");
  verify->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
      if (!ws) return Fail(ws.error());
      auto result = VerifyAudit(*ws, Actor::LocalOperator(ctx.user));
      if (!result) return Fail(result.error());
      for (const AuditChainBreak& b : result->breaks) {
        std::cout << fmt::format("row {}: {}\n", b.id, b.problem);
      }
      if (!result->ok()) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("the audit chain is broken in {} place(s) among {} rows; the "
                                "log was changed outside ANTQ",
                                result->breaks.size(), result->rows),
                    ws->store().Describe());
      }
      std::cout << fmt::format("Chuỗi nhật ký nguyên vẹn / the audit chain is intact: {} rows\n",
                               result->rows);
      return Ok();
    };
  });
  audit->callback([&ctx, audit] {
    if (!audit->get_subcommands().empty()) return;
    ctx.action = [&ctx]() -> Status {
      auto format = FormatArg(ctx);
      if (!format) return Fail(format.error());
      auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
      if (!ws) return Fail(ws.error());
      Date on = Date::Today();
      if (!at.empty()) {
        auto parsed = Date::Parse(at);
        if (!parsed) return Fail(parsed.error().At("--at"));
        on = *parsed;
      }
      auto rows = RecentChanges(*ws, LocalActor(ctx), under, limit, on);
      if (!rows) return Fail(rows.error());
      SampleNotice(*ws, *format);
      if (*format == Format::kJson) {
        PrintJson(views::AuditRows(*rows), std::cout);
        return Ok();
      }
      Table t;
      t.keys = {"id",   "at",      "user",      "action",   "unit_code",
                "unit", "subject", "old_value", "new_value"};
      t.headers = {"Số",     "Thời điểm", "Người",      "Thao tác",   "Mã",
                   "Đơn vị", "Nội dung",  "Giá trị cũ", "Giá trị mới"};
      for (const AuditRow& r : *rows) {
        t.rows.push_back({std::to_string(r.entry.id), r.entry.at, r.entry.user, r.entry.action,
                          r.unit ? r.unit->code : "", r.unit ? r.unit->FullName() : "",
                          r.entry.subject, r.entry.old_value.value_or("∅"),
                          r.entry.new_value.value_or("∅")});
      }
      Print(t, *format, std::cout);
      return Ok();
    };
  });
}

}  // namespace antq::cli
