#include <fmt/format.h>

#include <iostream>

#include "app/account_use_cases.h"
#include "app/json_mapping.h"
#include "app/sessions.h"
#include "cli/context.h"

namespace antq::cli {
namespace {

struct UserOptions {
  std::string name;
  std::string role;
  std::string scope;
  std::string view_scope;
  std::string scope_at;
  int64_t inspection = 0;
  bool password_stdin = false;
  std::string label;
  int days = 0;
};

// The first line of standard input, without its line end: a password is never an argument,
// where other users of the machine could read it in the process list.
Result<std::string> PasswordFromStdin() {
  std::string line;
  if (!std::getline(std::cin, line)) {
    return Fail(ErrorCode::kUsage, "give the password on standard input (--password-stdin)",
                "password");
  }
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

Status RunAdd(const Context& ctx, const UserOptions& o) {
  if (!o.password_stdin) {
    return Fail(ErrorCode::kUsage,
                "give the password on standard input with --password-stdin, for example: "
                "printf '%s\\n' \"$PASSWORD\" | antq user add …",
                "--password-stdin");
  }
  auto password = PasswordFromStdin();
  if (!password) return Fail(password.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto user = AddUser(*ws, LocalActor(ctx),
                      {o.name, o.role, o.scope, o.view_scope, o.scope_at, o.inspection, *password});
  if (!user) return Fail(user.error());
  std::cout << fmt::format("Đã thêm người dùng / user added: {} ({}, scope {}, view {})\n",
                           user->name, RoleName(user->role), ScopeText(user->entry),
                           ScopeText(user->view));
  return Ok();
}

Status RunList(const Context& ctx) {
  auto format = FormatArg(ctx);
  if (!format) return Fail(format.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  auto users = ListUsers(*ws, LocalActor(ctx));
  if (!users) return Fail(users.error());
  if (*format == Format::kJson) {
    PrintJson(views::UserList(*users), std::cout);
    return Ok();
  }
  Table t;
  t.keys = {"name", "role", "scope", "view_scope", "state", "created_at", "created_by"};
  t.headers = {"Tên",        "Vai trò", "Phạm vi nhập", "Phạm vi xem",
               "Trạng thái", "Tạo lúc", "Người tạo"};
  for (const UserRecord& u : *users) {
    std::string state = u.disabled ? "disabled" : "active";
    if (!u.locked_until.empty() && NowUtcIso() < u.locked_until) {
      state = "locked until " + u.locked_until;
    }
    t.rows.push_back({u.name, std::string(RoleName(u.role)), ScopeText(u.entry), ScopeText(u.view),
                      state, u.created_at, u.created_by});
  }
  if (t.rows.empty() && *format == Format::kTable) {
    std::cout << "Chưa có người dùng / no users yet: add one with antq user add\n";
    return Ok();
  }
  Print(t, *format, std::cout);
  return Ok();
}

Status RunDisable(const Context& ctx, const UserOptions& o, bool disabled) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  if (auto s = SetUserDisabled(*ws, LocalActor(ctx), o.name, disabled); !s) return s;
  std::cout << fmt::format(
      "{}: {}\n", o.name,
      disabled ? "đã khoá / disabled; its sessions and tokens ended" : "đã mở lại / enabled");
  return Ok();
}

Status RunResetPassword(const Context& ctx, const UserOptions& o) {
  if (!o.password_stdin) {
    return Fail(ErrorCode::kUsage, "give the new password on standard input with --password-stdin",
                "--password-stdin");
  }
  auto password = PasswordFromStdin();
  if (!password) return Fail(password.error());
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  if (auto s = ResetPassword(*ws, LocalActor(ctx), o.name, *password); !s) return s;
  std::cout << fmt::format("{}: mật khẩu đã đặt lại / password reset; its sessions ended\n",
                           o.name);
  return Ok();
}

Status RunToken(const Context& ctx, const UserOptions& o) {
  auto ws = Workspace::Open(ctx.db_url, OpenMode::kMustExist);
  if (!ws) return Fail(ws.error());
  SessionService sessions;
  auto token = sessions.IssueToken(*ws, LocalActor(ctx), o.name, o.label, o.days);
  if (!token) return Fail(token.error());
  // The token alone on standard output, for scripts: TOKEN=$(antq user token NAME).
  std::cout << *token << "\n";
  std::cerr << "antq: an API token for " << o.name
            << ": send it as 'Authorization: Bearer TOKEN'; it is shown only now\n";
  return Ok();
}

}  // namespace

void AddUserCommand(CLI::App& app, Context& ctx) {
  auto* user = app.add_subcommand("user", "Người dùng / users, roles and scopes");
  user->require_subcommand(1);
  static UserOptions o;

  auto* add = user->add_subcommand(
      "add", "Thêm người dùng / add a user with a role and a unit scope; password on stdin");
  add->add_option("NAME", o.name, "User name: a-z, 0-9, '.', '-', '_'")->required();
  add->add_option("--role", o.role,
                  "admin, province-officer, district-officer, commune-officer, inspector or "
                  "viewer")
      ->required();
  add->add_option("--scope", o.scope, "The unit the user enters and approves data for (a code)");
  add->add_option("--view-scope", o.view_scope, "A wider unit the user may read (a code)");
  add->add_option("--scope-at", o.scope_at,
                  "The date the unit codes are read on (YYYY-MM-DD; default today)");
  add->add_option("--inspection", o.inspection, "Inspectors: the inspection's number");
  add->add_flag("--password-stdin", o.password_stdin,
                "Read the password from the first line of standard input");
  add->callback([&ctx] { ctx.action = [&ctx] { return RunAdd(ctx, o); }; });

  auto* list = user->add_subcommand("list", "Danh sách người dùng / list the users");
  list->callback([&ctx] { ctx.action = [&ctx] { return RunList(ctx); }; });

  auto* disable = user->add_subcommand(
      "disable", "Khoá người dùng / disable a user and end its sessions and tokens");
  disable->add_option("NAME", o.name, "User name")->required();
  disable->callback([&ctx] { ctx.action = [&ctx] { return RunDisable(ctx, o, true); }; });

  auto* enable = user->add_subcommand("enable", "Mở lại người dùng / enable a disabled user");
  enable->add_option("NAME", o.name, "User name")->required();
  enable->callback([&ctx] { ctx.action = [&ctx] { return RunDisable(ctx, o, false); }; });

  auto* reset = user->add_subcommand(
      "reset-password", "Đặt lại mật khẩu / set a user's password (stdin) and end its sessions");
  reset->add_option("NAME", o.name, "User name")->required();
  reset->add_flag("--password-stdin", o.password_stdin,
                  "Read the password from the first line of standard input");
  reset->callback([&ctx] { ctx.action = [&ctx] { return RunResetPassword(ctx, o); }; });

  auto* token = user->add_subcommand(
      "token", "Mã truy cập API / issue an API token for scripts (Authorization: Bearer)");
  token->add_option("NAME", o.name, "User name")->required();
  token->add_option("--label", o.label, "What the token is for");
  token->add_option("--days", o.days, "How many days it lasts (default 90)");
  token->callback([&ctx] { ctx.action = [&ctx] { return RunToken(ctx, o); }; });
}

}  // namespace antq::cli
