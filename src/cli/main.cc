#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <iostream>
#include <set>

#include "app/workspace.h"
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

void SampleNotice(const Workspace& ws, Format format) {
  if (!ws.has_sample()) return;
  if (format == Format::kTable) {
    std::cout << "[" << kSampleNotice << "]\n";
  } else {
    std::cerr << "antq: " << kSampleNotice << "\n";
  }
}

bool ShowProgress() { return ::isatty(STDERR_FILENO) != 0; }

std::vector<std::string> SplitList(const std::vector<std::string>& items) {
  // Commas inside parentheses, braces or quotes belong to an expression: "greatest(#{a}, 0)".
  std::vector<std::string> out;
  for (const std::string& item : items) {
    std::string part;
    int depth = 0;
    char quote = 0;
    for (char c : item) {
      if (quote) {
        if (c == quote) quote = 0;
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == '(' || c == '{') {
        ++depth;
      } else if ((c == ')' || c == '}') && depth > 0) {
        --depth;
      } else if (c == ',' && depth == 0) {
        if (!part.empty()) out.push_back(part);
        part.clear();
        continue;
      }
      part.push_back(c);
    }
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

Result<std::vector<std::pair<std::string, std::string>>> Assignments(
    const std::vector<std::string>& args) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& arg : args) {
    auto text = Arg(arg, "FIELD=VALUE");
    if (!text) return Fail(text.error());
    const size_t eq = text->find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(ErrorCode::kUsage,
                  fmt::format("'{}' is not FIELD=VALUE (for example participants=120)", *text),
                  "FIELD=VALUE");
    }
    out.emplace_back(text->substr(0, eq), text->substr(eq + 1));
  }
  return out;
}

std::string FlagFor(const std::string& where) {
  // The fields the use cases name that the command line takes as options.
  static const std::set<std::string> kOptionFields = {
      "access_log", "active_on",     "as_of",        "at",       "by",       "calendar",
      "confirm",    "criteria",      "data_dir",     "data_set", "date",     "db",
      "element",    "group",         "language",     "layout",   "level",    "limit",
      "listen",     "measure",       "out",          "period",   "register", "role",
      "scope",      "type",          "under",        "unit",     "user",     "view_scope",
      "deadline",   "decision_date", "issuing_body", "scope_at", "subject"};
  if (!kOptionFields.contains(where)) return where;
  std::string flag = "--" + where;
  std::replace(flag.begin(), flag.end(), '_', '-');
  return flag;
}

int ExitCodeOf(const Error& error) { return error.code() == ErrorCode::kUsage ? 2 : 1; }

}  // namespace antq::cli

namespace {

int Run(int argc, char** argv) {
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
  app.add_option("--db", ctx.db_url,
                 "Database: sqlite:PATH (default sqlite:antq.db) or postgresql://USER@HOST/NAME")
      ->capture_default_str();
  app.add_option("--format", ctx.format, "Output: table, csv or json")
      ->check(CLI::IsMember({"table", "csv", "json"}));
  app.add_option("--data-dir", ctx.data_dir,
                 "Folder with ANTQ's shipped data (default: found automatically)");
  if (const char* user = std::getenv("USER"); user && *user) ctx.user = user;
  if (ctx.user.empty()) ctx.user = "antq";
  app.add_option("--user", ctx.user, "Who is making the change, for the audit log (default $USER)");

  AddInitCommand(app, ctx);
  AddDemoCommand(app, ctx);
  AddUnitsCommand(app, ctx);
  AddPeriodCommand(app, ctx);
  AddValuesCommand(app, ctx);
  AddEventsCommand(app, ctx);
  AddDataValuesCommands(app, ctx);
  AddAuditCommand(app, ctx);
  AddQueryCommand(app, ctx);
  AddEvaluateCommand(app, ctx);
  AddValidateCommand(app, ctx);
  AddReportCommand(app, ctx);
  AddSampleCommand(app, ctx);
  AddCheckCommand(app, ctx);
  AddBackupCommands(app, ctx);
  AddInspectionCommand(app, ctx);
  AddUserCommand(app, ctx);
  AddServeCommand(app, ctx);

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
    const Error& e = status.error();
    std::cerr << "antq: error: " << Error(e.code(), e.message(), FlagFor(e.where())).ToString()
              << "\n";
    return ExitCodeOf(e);
  }
  return 0;
}

}  // namespace

// Anything that escapes the commands (memory exhausted, a library's exception) ends the run with
// a message and exit code 1 rather than an abort.
int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::cerr << "antq: internal error: " << e.what() << "\n";
  } catch (...) {
    std::cerr << "antq: internal error\n";
  }
  return 1;
}
