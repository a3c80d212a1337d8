#include <fmt/format.h>

#include <iostream>

#include "app/json_mapping.h"
#include "app/validation_use_cases.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

struct ValidateOptions {
  std::string under;
  std::string period;
  std::string data_set;
};

Status Run(const Context& ctx, const ValidateOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto summary = ValidateArea(*ws, LocalActor(ctx), {o.under, o.period, o.data_set});
  if (!summary) return Fail(summary.error());
  SampleNotice(*ws, *format);
  Table t;
  // JSON: the API's form, with the counts; the exit code below still says whether an error-level
  // rule is broken.
  if (*format == Format::kJson) PrintJson(views::ValidationJson(*summary), std::cout);
  t.keys = {"unit_code",  "unit", "data_set", "period",
            "importance", "rule", "message",  "message_en"};
  t.headers = {"Mã", "Đơn vị", "Bộ số liệu", "Kỳ", "Mức", "Quy tắc", "Nội dung", "Message"};
  for (const ReportCheck& r : summary->reports) {
    for (const rules::Violation& v : r.violations) {
      t.rows.push_back({r.unit ? r.unit->code : "?", r.unit ? r.unit->FullName() : "?",
                        r.data_set->code, r.period, std::string(ImportanceName(v.rule->importance)),
                        v.rule->code, v.message_vi, v.message_en});
    }
  }
  // The summary goes with a table; for CSV and JSON it goes to standard error.
  std::ostream& head = *format == Format::kTable ? std::cout : std::cerr;
  if (*format == Format::kCsv || (*format == Format::kTable && !t.rows.empty())) {
    Print(t, *format, std::cout);
  }
  head << fmt::format(
      "{} báo cáo đã kiểm tra / reports checked: {} lỗi / errors, {} cảnh báo / warnings\n",
      summary->reports_checked, summary->errors, summary->warnings);
  if (summary->reports_checked == 0) {
    head << "(không có báo cáo nào trong kỳ này / no stored report in this area and period)\n";
  }
  if (summary->errors > 0) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("{} error-level rule violation(s); those reports cannot be submitted",
                            summary->errors),
                o.under);
  }
  return Ok();
}

}  // namespace

void AddValidateCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "validate",
      "Kiểm tra quy tắc / check stored reports under an area against the validation rules; exits "
      "1 when an error-level rule is broken");
  static ValidateOptions o;
  cmd->add_option("--under", o.under, "The area: a unit code")->required();
  cmd->add_option("--period", o.period,
                  "A period: 2022 checks the yearly reports of 2022 and the monthly ones in it")
      ->required();
  cmd->add_option("--data-set", o.data_set, "Only this data set");
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx, o); }; });
}

}  // namespace antq::cli
