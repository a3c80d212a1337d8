#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

#include "app/access.h"
#include "app/workspace.h"
#include "cli/output.h"
#include "common/date.h"
#include "common/result.h"

namespace antq::cli {

// Options every command understands, and the action the chosen subcommand will run after the
// command line has been parsed.
struct Context {
  std::string db_url = "sqlite:antq.db";
  std::string format = "table";
  std::string data_dir;
  std::string user;  // who is writing; default $USER
  std::function<Status()> action;
};

// The command line acts as the local operator, with administrator rights, recorded under
// --user (default $USER) with client "cli".
inline Actor LocalActor(const Context& ctx) { return Actor::LocalOperator(ctx.user); }

// Validates and NFC-normalises a text argument; the error names the option.
Result<std::string> Arg(const std::string& value, const std::string& option);
// Parses a --at style date; empty means today (Vietnam time).
Result<Date> DateArg(const std::string& value, const std::string& option);
Result<Format> FormatArg(const Context& ctx);
// Says "sample data" where the output goes: before a table, or on stderr for CSV and JSON so
// that scripts still read clean data.
void SampleNotice(const antq::Workspace& ws, Format format);
// Whether to show progress: only when stderr is a terminal.
bool ShowProgress();
// Splits "a,b,c" (repeated options are also accepted by CLI11) into codes.
std::vector<std::string> SplitList(const std::vector<std::string>& items);
// Parses FIELD=VALUE arguments.
Result<std::vector<std::pair<std::string, std::string>>> Assignments(
    const std::vector<std::string>& args);

// Each adds one command (with its subcommands) to the app.
void AddInitCommand(CLI::App& app, Context& ctx);
void AddDemoCommand(CLI::App& app, Context& ctx);
void AddUnitsCommand(CLI::App& app, Context& ctx);
void AddPeriodCommand(CLI::App& app, Context& ctx);
void AddValuesCommand(CLI::App& app, Context& ctx);
void AddEventsCommand(CLI::App& app, Context& ctx);
void AddAuditCommand(CLI::App& app, Context& ctx);
void AddQueryCommand(CLI::App& app, Context& ctx);
void AddEvaluateCommand(CLI::App& app, Context& ctx);
void AddValidateCommand(CLI::App& app, Context& ctx);
void AddReportCommand(CLI::App& app, Context& ctx);
void AddSampleCommand(CLI::App& app, Context& ctx);
void AddCheckCommand(CLI::App& app, Context& ctx);
void AddBackupCommands(CLI::App& app, Context& ctx);
void AddUserCommand(CLI::App& app, Context& ctx);
void AddServeCommand(CLI::App& app, Context& ctx);
void AddInspectionCommand(CLI::App& app, Context& ctx);
void AddDataValuesCommands(CLI::App& app, Context& ctx);

// `antq serve` and the serving end of `antq demo`.
struct ServeOptions {
  std::string listen = "127.0.0.1:8080";
  std::string web_root;
  std::string access_log;
  int threads = 0;
  int request_timeout = 15;  // seconds to receive one whole request
};
void AddServeOptions(CLI::App* cmd, ServeOptions& o);
Status Serve(const Context& ctx, const ServeOptions& o);
// `antq sample load`, also run by `antq demo`.
Status LoadSample(const Context& ctx);

}  // namespace antq::cli
