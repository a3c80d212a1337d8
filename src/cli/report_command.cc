#include <fmt/format.h>

#include <iostream>

#include "app/report_use_cases.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

struct ReportOptions {
  std::string kind;
  std::string under;
  std::string period;
  std::string layout = "state";
  std::string out;
  std::string date;
  std::string language = "vi";
  int number = 0;
  bool explain = false;
};

Status Run(const Context& ctx, const ReportOptions& o) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto under = Arg(o.under, "--under");
  if (!under) return Fail(under.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  ReportRequest request;
  request.kind = o.kind;
  request.under = *under;
  request.period = o.period;
  request.layout = o.layout;
  request.out = o.out;
  request.date = o.date;
  request.number = o.number;
  request.data_dir = ctx.data_dir;
  request.language = o.language;
  auto outcome = WriteReport(*ws, LocalActor(ctx), request);
  if (!outcome) return Fail(outcome.error());
  if (o.explain) {
    SampleNotice(*ws, *format);
    Table t;
    t.keys = {"figure", "value", "query"};
    t.headers = {"Số liệu", "Giá trị", "Truy vấn / query"};
    for (const reports::TracedFigure& f : outcome->figures) {
      t.rows.push_back({f.label, f.value, f.query});
    }
    Print(t, *format, std::cout);
  }
  std::ostream& out = *format == Format::kTable ? std::cout : std::cerr;
  out << fmt::format("Đã ghi / written: {} ({} số liệu / figures{})\n", outcome->file.string(),
                     outcome->figures.size(),
                     outcome->used_inspection_record
                         ? "; kết luận, kiến nghị theo hồ sơ kiểm tra / findings and "
                           "recommendations from the inspection record"
                         : "");
  return Ok();
}

}  // namespace

void AddReportCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "report", "Viết báo cáo / write an official report from the data (DOCX, PDF or XLSX annex)");
  static ReportOptions o;
  cmd->add_option("kind", o.kind,
                  "inspection (the inspection's evaluation report) or periodic (the movement "
                  "report of a unit for a period)")
      ->required();
  cmd->add_option("--under", o.under, "The area: a unit code")->required();
  cmd->add_option("--period", o.period,
                  "inspection: whole years, 2019..2022; periodic: 202303, 2023Q1, 2023S1 or 2023")
      ->required();
  cmd->add_option("--layout", o.layout,
                  "state (Nghị định 30/2020) or party (Hướng dẫn 36-HD/VPTW); default state");
  cmd->add_option("--out", o.out, "The file to write: FILE.docx, FILE.pdf or FILE.xlsx (annex)")
      ->required();
  cmd->add_option("--date", o.date,
                  "The report's date (YYYY-MM-DD); default the inspection's, else today");
  cmd->add_option("--language", o.language,
                  "vi (the official text, default) or en (an English translation copy)");
  cmd->add_option("--number", o.number, "The document's number; default blank, to fill in");
  cmd->add_flag("--explain", o.explain, "List every figure the report states with its query");
  cmd->callback([&ctx] { ctx.action = [&ctx] { return Run(ctx, o); }; });
}

}  // namespace antq::cli
