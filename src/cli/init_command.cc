#include <fmt/format.h>

#include <filesystem>
#include <iostream>

#include "app/report_use_cases.h"
#include "app/units_use_cases.h"
#include "cli/context.h"
#include "sample/demo.h"

namespace antq::cli {

// Where `antq demo` writes the sample's inspection report (.docx, .pdf, .xlsx): the current
// folder.
constexpr const char* kDemoReport = "bao-cao-kiem-tra-kon-tum-2019-2022";

namespace {

Status PrintInit(const InitReport& r) {
  std::cout << fmt::format(
      "Cơ sở dữ liệu / database: {} (schema {}; {} migration(s) applied now)\n", r.database,
      r.schema_version, r.migrations_applied);
  for (const UnitsFileReport& f : r.files) {
    std::cout << fmt::format(
        "  {}: {} unit version(s) and {} lineage event(s) added, {} unchanged\n", f.file,
        f.versions_added, f.lineage_added, f.unchanged);
  }
  std::cout << fmt::format("  catalogue version {}{}: {} elements, {} data sets, {} registers\n",
                           r.catalog_version, r.catalog_changed ? " (loaded now)" : "",
                           r.catalog_elements, r.catalog_data_sets, r.catalog_registers);
  std::cout << fmt::format(
      "Đang lưu / holds: {} units in {} versions, {} lineage events, {} unit groups\n",
      r.summary.units, r.summary.unit_versions, r.summary.lineage_events, r.summary.unit_groups);
  return Ok();
}

// Counts the units on one date per level, for the demo summary.
void PrintLevels(const Workspace& ws, Date at) {
  std::map<std::string, std::map<std::string, int>> by_level;
  for (const UnitVersion& v : ws.units().versions()) {
    if (v.valid.Contains(at)) {
      ++by_level[std::string(UnitLevelName(v.level))][v.type.empty() ? v.name : v.type];
    }
  }
  std::cout << fmt::format("  on {}:", at.ToString());
  for (const char* level : {"country", "province", "district", "commune"}) {
    auto it = by_level.find(level);
    int total = 0;
    std::string detail;
    if (it != by_level.end()) {
      for (const auto& [type, n] : it->second) {
        total += n;
        detail += fmt::format("{}{} {}", detail.empty() ? "" : ", ", n, type);
      }
    }
    std::cout << fmt::format(" {} {}{}", total, level, detail.empty() ? "" : " (" + detail + ")");
    std::cout << (std::string(level) == "commune" ? "\n" : ";");
  }
}

}  // namespace

void AddInitCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "init", "Tạo hoặc nâng cấp CSDL, nạp danh mục đơn vị / create or upgrade the database");
  cmd->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto data = FindDataDir(ctx.data_dir);
      if (!data) return Fail(data.error());
      auto report = InitDatabase(ctx.db_url, *data);
      if (!report) return Fail(report.error());
      return PrintInit(*report);
    };
  });
}

void AddDemoCommand(CLI::App& app, Context& ctx) {
  auto* cmd = app.add_subcommand(
      "demo",
      "Khởi tạo CSDL mẫu, người dùng mẫu và phục vụ / set up the demo database and its users, "
      "describe it, then serve the web app and API");
  static ServeOptions serve;
  static bool no_serve = false;
  AddServeOptions(cmd, serve);
  cmd->add_flag("--no-serve", no_serve, "Set up and describe the demo, then stop");
  cmd->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto data = FindDataDir(ctx.data_dir);
      if (!data) return Fail(data.error());
      auto report = InitDatabase(ctx.db_url, *data);
      if (!report) return Fail(report.error());
      if (auto s = PrintInit(*report); !s) return s;
      if (auto s = LoadSample(ctx); !s) return s;
      auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
      if (!ws) return Fail(ws.error());
      auto summary = ws->store().Summary();
      if (!summary) return Fail(summary.error());
      std::cout << fmt::format("Đang lưu / holds: {} values, {} events, {} audit entries\n",
                               summary->data_values, summary->events, summary->audit_entries);
      std::cout << "Administrative units (đơn vị hành chính):\n";
      PrintLevels(*ws, *Date::FromYmd(2022, 12, 31));
      PrintLevels(*ws, *Date::FromYmd(2025, 7, 1));
      // The sample's inspection report, as the team of March 2023 would have written it, in
      // each format, and its English translation copy.
      std::cout << "Báo cáo kiểm tra mẫu / the sample inspection report "
                   "(antq report inspection --under 62 --period 2019..2022 --layout party):\n";
      const std::pair<const char*, const char*> copies[] = {
          {".docx", "vi"}, {".pdf", "vi"}, {".xlsx", "vi"}, {".en.pdf", "en"}};
      for (const auto& [suffix, language] : copies) {
        ReportRequest report_request;
        report_request.kind = "inspection";
        report_request.under = "62";
        report_request.period = "2019..2022";
        report_request.layout = "party";
        report_request.language = language;
        report_request.out = std::string(kDemoReport) + suffix;
        report_request.data_dir = ctx.data_dir;
        auto written = WriteReport(*ws, LocalActor(ctx), report_request);
        if (!written) return Fail(written.error());
        std::cout << "  " << std::filesystem::absolute(written->file).string()
                  << (std::string(language) == "en" ? "  (English translation copy, --language en)"
                                                    : "")
                  << "\n";
      }
      auto users = SetUpDemoUsers(*ws);
      if (!users) return Fail(users.error());
      std::cout << fmt::format("Người dùng mẫu / demo users (mật khẩu / password: {}):\n",
                               kDemoPassword);
      for (const DemoUser& u : users->users) {
        std::cout << fmt::format("  {:<14} {:<17} {}\n", u.name, RoleName(u.role), u.scope);
      }
      std::cout
          << "Try / thử:\n"
             "  antq units list --under 62 --at 2022-12-31 --level district\n"
             "  antq units lineage 23293 --at 2025-07-01\n"
             "  antq units search \"dak ha\"\n"
             "  antq period show 2023Q1 --calendar decree09\n"
             "  antq events summary --register propaganda --under 62 --from 2019-01-01 "
             "--to 2022-12-31\n"
             "  antq events list --register model --active-on 2022-12-31 --under 62\n"
             "  antq values get --element atantt.commune_recognised --under 62 --period 2022 "
             "--level commune\n"
             "  antq evaluate --criteria ntm-19.2 --under 62 --period 2022 --explain\n"
             "  antq evaluate --criteria classification-commune --under 62 --period 2022\n"
             "  antq validate --under 62 --period 2022\n"
             "  antq query --measure \"E{ntm-19.2.MET},E{ntm-19.2.ASSESSED}\" --under 62 "
             "--by district --period 2022\n"
             "  antq report periodic --under 610 --period 2023Q1 --out quy-1.pdf\n"
             "  antq report periodic --under 610 --period 2023Q1 --language en --out q1.docx\n"
             "  antq audit --under 62 --limit 5\n";
      if (no_serve) return Ok();
      ws = Fail(ErrorCode::kInternal, "closed");  // the server opens its own connections
      return Serve(ctx, serve);
    };
  });
}

}  // namespace antq::cli
