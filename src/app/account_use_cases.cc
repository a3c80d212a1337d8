#include "app/account_use_cases.h"

#include <fmt/format.h>

#include "common/secret.h"
#include "common/text.h"

namespace antq {
namespace {

Status AuditUser(Workspace& ws, const Actor& actor, const char* action, const std::string& name,
                 std::optional<std::string> old_value, std::optional<std::string> new_value) {
  AuditEntry audit;
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = action;
  audit.subject = "user " + name;
  audit.old_value = std::move(old_value);
  audit.new_value = std::move(new_value);
  return ws.store().AppendAudit(audit);
}

// The unit level a role's data-entry scope must have; nullopt: any (viewers, inspectors) or
// none (administrators).
std::optional<UnitLevel> ScopeLevelOf(Role role) {
  switch (role) {
    case Role::kProvinceOfficer:
      return UnitLevel::kProvince;
    case Role::kDistrictOfficer:
      return UnitLevel::kDistrict;
    case Role::kCommuneOfficer:
      return UnitLevel::kCommune;
    default:
      return std::nullopt;
  }
}

Result<UnitScope> ResolveScope(const UnitRegistry& units, const std::string& code, Date at,
                               const char* field) {
  if (code.empty()) return UnitScope{};
  auto v = units.Resolve(code, at);
  if (!v) return Fail(v.error().At(field));
  return UnitScope{(*v)->code, at, (*v)->unit_id};
}

Result<UserRecord> FindUser(const Workspace& ws, const std::string& name) {
  auto user = ws.store().GetUser(name);
  if (!user) return Fail(user.error());
  if (!*user) {
    return Fail(ErrorCode::kNotFound, fmt::format("no user {}", QuoteForMessage(name)), "username");
  }
  return **user;
}

}  // namespace

std::string ScopeText(const UnitScope& scope) {
  if (scope.everything()) return "everything";
  return fmt::format("{} ({})", scope.code, scope.as_of.ToString());
}

Actor ActorOf(const UnitRegistry& units, const UserRecord& user, const std::string& client) {
  Actor a;
  a.user = user.name;
  a.role = user.role;
  a.entry = user.entry;
  a.view = user.view;
  a.client = client;
  a.inspection = user.inspection;
  a.ResolveAreas(units);
  return a;
}

Result<UserRecord> AddUser(Workspace& ws, const Actor& actor, const NewUser& in) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  if (auto s = CheckUserName(in.name); !s) return Fail(s.error());
  auto role = ParseRole(in.role);
  if (!role) return Fail(role.error());
  Date at = Date::Today();
  if (!in.scope_at.empty()) {
    auto d = Date::Parse(in.scope_at);
    if (!d) return Fail(d.error().At("scope_at"));
    at = *d;
  }
  UserRecord u;
  u.name = in.name;
  u.role = *role;
  auto entry = ResolveScope(ws.units(), in.scope, at, "scope");
  if (!entry) return Fail(entry.error());
  u.entry = *entry;
  auto view = ResolveScope(ws.units(), in.view_scope, at, "view_scope");
  if (!view) return Fail(view.error());
  u.view = *view;
  if (u.role == Role::kInspector) {
    if (in.inspection == 0) {
      return Fail(ErrorCode::kInvalidArgument, "is required: the inspection an inspector is on",
                  "inspection");
    }
    auto inspection = ws.store().GetInspection(in.inspection);
    if (!inspection) return Fail(inspection.error());
    if (!*inspection) {
      return Fail(ErrorCode::kNotFound, fmt::format("no inspection {}", in.inspection),
                  "inspection");
    }
    u.inspection = in.inspection;
    if (u.view.everything()) u.view = (*inspection)->scope;
  }
  if (u.role == Role::kAdmin && !u.entry.everything()) {
    return Fail(ErrorCode::kInvalidArgument, "an administrator has no scope: leave it out",
                "scope");
  }
  if (u.role != Role::kAdmin && u.entry.everything() && u.view.everything()) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("is required: the unit a {} works in", RoleName(u.role)), "scope");
  }
  if (auto level = ScopeLevelOf(u.role)) {
    const UnitVersion* v = ws.units().VersionOf(u.entry.unit, at);
    if (!v || v->level != *level) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("a {} works in a {}, but {} is {}", RoleName(u.role), UnitLevelName(*level),
                      in.scope, v ? fmt::format("a {}", UnitLevelName(v->level)) : "not a unit"),
          "scope");
    }
  }
  if (auto s = CheckPasswordRules(in.name, in.password); !s) return Fail(s.error());
  auto hash = HashPassword(in.password);
  if (!hash) return Fail(hash.error());
  u.password_hash = std::move(*hash);
  u.created_at = NowUtcIso();
  u.created_by = actor.user;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto existing = ws.store().GetUser(in.name);
  if (!existing) return Fail(existing.error());
  if (*existing) {
    return Fail(ErrorCode::kConflict, fmt::format("user {} exists already", in.name), "username");
  }
  if (auto s = ws.store().PutUser(u); !s) return Fail(s.error());
  if (auto s = AuditUser(ws, actor, "user.add", u.name, std::nullopt,
                         fmt::format("{}, scope {}, view {}", RoleName(u.role), ScopeText(u.entry),
                                     ScopeText(u.view)));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  auto stored = ws.store().GetUser(u.name);
  if (!stored || !*stored) return u;
  return **stored;
}

Result<std::vector<UserRecord>> ListUsers(const Workspace& ws, const Actor& actor) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  return ws.store().ListUsers();
}

Status SetUserDisabled(Workspace& ws, const Actor& actor, const std::string& name, bool disabled) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return s;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto user = FindUser(ws, name);
  if (!user) return Fail(user.error());
  if (user->disabled == disabled) return Ok();
  user->disabled = disabled;
  user->sessions_valid_after = NowUtcIsoMillis();
  if (auto s = ws.store().PutUser(*user); !s) return s;
  if (auto s = AuditUser(ws, actor, disabled ? "user.disable" : "user.enable", name,
                         disabled ? "enabled" : "disabled", disabled ? "disabled" : "enabled");
      !s) {
    return s;
  }
  return (*tx)->Commit();
}

Status ResetPassword(Workspace& ws, const Actor& actor, const std::string& name,
                     const std::string& password) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return s;
  if (auto s = CheckPasswordRules(name, password); !s) return s;
  auto hash = HashPassword(password);
  if (!hash) return Fail(hash.error());
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto user = FindUser(ws, name);
  if (!user) return Fail(user.error());
  user->password_hash = std::move(*hash);
  user->failed_sign_ins = 0;
  user->locked_until.clear();
  user->sessions_valid_after = NowUtcIsoMillis();
  if (auto s = ws.store().PutUser(*user); !s) return s;
  if (auto s = AuditUser(ws, actor, "user.password", name, std::nullopt, "reset"); !s) return s;
  return (*tx)->Commit();
}

Status ChangeOwnPassword(Workspace& ws, const Actor& actor, const std::string& current,
                         const std::string& password) {
  auto user = FindUser(ws, actor.user);
  if (!user) return Fail(user.error());
  if (!VerifyPassword(current, user->password_hash)) {
    return Fail(ErrorCode::kPermissionDenied, "the current password is wrong", "current_password");
  }
  if (auto s = CheckPasswordRules(actor.user, password); !s) return s;
  auto hash = HashPassword(password);
  if (!hash) return Fail(hash.error());
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  user->password_hash = std::move(*hash);
  user->sessions_valid_after = NowUtcIsoMillis();
  if (auto s = ws.store().PutUser(*user); !s) return s;
  if (auto s = AuditUser(ws, actor, "user.password", actor.user, std::nullopt, "changed"); !s) {
    return s;
  }
  return (*tx)->Commit();
}

}  // namespace antq
