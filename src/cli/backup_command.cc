// antq backup, antq restore and antq migrate: one whole-database copy
// (app/database_copy_use_cases.h) seen three ways.
#include <fmt/format.h>

#include <iostream>

#include "app/database_copy_use_cases.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

CopyProgress ProgressLine() {
  if (!ShowProgress()) return {};
  return [](std::string_view table, int64_t rows) {
    std::cerr << fmt::format("\r  {:<22} {:>12} dòng / rows", table, rows) << std::flush;
  };
}

Status Report(const Result<DatabaseCopy>& copy, const std::string& what, const std::string& to) {
  if (ShowProgress()) std::cerr << "\r" << std::string(50, ' ') << "\r";
  if (!copy) return Fail(copy.error());
  std::cout << fmt::format(
      "{}: {} dòng / rows in {} tables copied to {} and checked; audit chain intact ({} rows, "
      "head {})\n",
      what, copy->rows, copy->tables.size(), to, copy->audit_rows, copy->audit_head.substr(0, 16));
  return Ok();
}

}  // namespace

void AddBackupCommands(CLI::App& app, Context& ctx) {
  static std::string out;
  auto* backup = app.add_subcommand(
      "backup",
      "Sao lưu / back up the whole database (--db) into a new file while it is in use: a SQLite "
      "file that restores into either backend (antq restore)");
  backup->add_option("--out", out, "The backup file to write (must not exist)")->required();
  backup->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto copy = BackupDatabase(ctx.db_url, out, LocalActor(ctx), ProgressLine());
      return Report(copy, "Đã sao lưu / backed up", out);
    };
  });

  static std::string file;
  auto* restore = app.add_subcommand(
      "restore",
      "Khôi phục / restore a backup file into the empty database named by --db (SQLite or "
      "PostgreSQL), then check it");
  restore->add_option("FILE", file, "A file written by antq backup")->required();
  restore->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto copy = CopyDatabase("sqlite:" + file, ctx.db_url, LocalActor(ctx), ProgressLine());
      return Report(copy, "Đã khôi phục / restored", ctx.db_url);
    };
  });

  static std::string from, to;
  auto* migrate = app.add_subcommand(
      "migrate",
      "Chuyển cơ sở dữ liệu / move a whole installation, audit chain included, to another "
      "database (e.g. from SQLite to PostgreSQL), then check every table and the chain");
  migrate->add_option("--from", from, "The database to copy (e.g. sqlite:antq.db)")->required();
  migrate->add_option("--to", to, "The empty database to fill (e.g. postgresql://…)")->required();
  migrate->callback([&ctx] {
    ctx.action = [&ctx]() -> Status {
      auto copy = CopyDatabase(from, to, LocalActor(ctx), ProgressLine());
      return Report(copy, "Đã chuyển / migrated", to);
    };
  });
}

}  // namespace antq::cli
