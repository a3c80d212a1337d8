#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <optional>
#include <string>

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
  std::function<Status()> action;
};

// Validates and NFC-normalises a text argument; the error names the option.
Result<std::string> Arg(const std::string& value, const std::string& option);
// Parses a --at style date; empty means today (Vietnam time).
Result<Date> DateArg(const std::string& value, const std::string& option);
Result<Format> FormatArg(const Context& ctx);

// Each adds one command (with its subcommands) to the app.
void AddInitCommand(CLI::App& app, Context& ctx);
void AddDemoCommand(CLI::App& app, Context& ctx);
void AddUnitsCommand(CLI::App& app, Context& ctx);
void AddPeriodCommand(CLI::App& app, Context& ctx);

}  // namespace antq::cli
