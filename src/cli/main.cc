#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/context.h"
#include "common/text.h"

namespace antq::cli {

Result<std::string> Arg(const std::string& value, const std::string& option) {
  return NormalizeInput(value, option);
}

Result<Date> DateArg(const std::string& value, const std::string& option) {
  if (value.empty()) return Date::Today();
  auto text = Arg(value, option);
  if (!text) return Fail(text.error());
  auto d = Date::Parse(*text);
  if (!d) return Fail(d.error().Within(option));
  return *d;
}

Result<Format> FormatArg(const Context& ctx) { return ParseFormat(ctx.format); }

}  // namespace antq::cli

int main(int argc, char** argv) {
  using namespace antq;
  using namespace antq::cli;
  CLI::App app{
      "ANTQ: theo dõi, đánh giá phong trào toàn dân bảo vệ an ninh Tổ quốc\n"
      "ANTQ: monitoring and evaluation of the all-people national-security protection movement",
      "antq"};
  app.set_version_flag("--version", std::string("antq ") + ANTQ_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  Context ctx;
  app.add_option("--db", ctx.db_url, "Database: sqlite:PATH (default sqlite:antq.db)")
      ->capture_default_str();
  app.add_option("--format", ctx.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("--data-dir", ctx.data_dir,
                 "Folder with ANTQ's shipped data (default: found automatically)");

  AddInitCommand(app, ctx);
  AddDemoCommand(app, ctx);
  AddUnitsCommand(app, ctx);
  AddPeriodCommand(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return 2;
  }
  if (!ctx.action) return 2;
  Status status = ctx.action();
  if (!status) {
    std::cerr << "antq: error: " << status.error().ToString() << "\n";
    return status.error().code() == ErrorCode::kUsage ? 2 : 1;
  }
  return 0;
}
