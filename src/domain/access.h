#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/date.h"
#include "common/result.h"
#include "domain/unit.h"

namespace antq {

// Who may do what (DESIGN.md §5). A role says which kinds of action a user may take; the user's
// unit scopes say where. Roles are checked in src/app, never in a handler or a command.
enum class Role {
  kAdmin,            // everything, everywhere: users, catalogue, units, unlocking
  kProvinceOfficer,  // a province: enters, approves and locks its reports, runs evaluations
  kDistrictOfficer,  // a district: enters and approves its communes' reports
  kCommuneOfficer,   // a commune: enters and submits its own reports and events
  kInspector,        // reads an inspection's scope and writes that inspection only
  kViewer,           // reads its view scope
};

std::string_view RoleName(Role role);
Result<Role> ParseRole(std::string_view name);

// The kinds of action the use cases check.
enum class Action {
  kRead,              // figures, events, evaluations, reports of the view scope
  kEnter,             // figures and events of the data-entry scope, while a report is a draft
  kSubmit,            // hand a report in
  kApprove,           // approve or return a report of a unit below one's own scope unit
  kLock,              // lock an approved report, and unlock it
  kEvaluate,          // store and confirm evaluation results
  kManageInspection,  // open an inspection, set its team and scope
  kWriteInspection,   // findings and recommendations of an inspection one belongs to
  kReadAudit,         // the audit log of the view scope
  kAdminister,        // users, catalogue, units
};

std::string_view ActionName(Action action);

// Whether `role` may take `action` at all (the unit scope is checked separately).
bool RoleAllows(Role role, Action action);

// A unit scope: the unit with `code` as it was on `as_of`. Scopes name a date because codes are
// reused across reorganisations; the unit keeps its identity (and its history) through lineage.
struct UnitScope {
  std::string code;
  Date as_of;
  UnitId unit = 0;  // resolved when the scope is stored; 0 = everything (administrators)

  bool everything() const { return unit == 0; }
};

// A user as stored. Users are disabled, never deleted: the audit log names them.
struct UserRecord {
  int64_t id = 0;
  std::string name;
  Role role = Role::kViewer;
  UnitScope entry;            // data entry and approval
  UnitScope view;             // reading, besides the entry scope; empty = the entry scope
  int64_t inspection = 0;     // inspectors: the inspection they belong to
  std::string password_hash;  // Argon2id (common/secret.h)
  bool disabled = false;
  int failed_sign_ins = 0;   // since the last successful one
  std::string locked_until;  // UTC ISO 8601; "" when not locked out
  // Sessions and tokens issued before this time are no longer valid ("sign out everywhere",
  // a password reset, disabling the user).
  std::string sessions_valid_after;
  std::string created_at;
  std::string created_by;
};

// A sign-in: a browser session (cookie, with a CSRF token for writes) or an API token for
// scripts (bearer). Only the hash of the secret is stored, so a copy of the database does not
// let anyone sign in.
struct SessionRecord {
  std::string token_hash;
  std::string user;
  bool bearer = false;
  std::string csrf_token;  // browser sessions
  std::string label;       // tokens: what the token is for
  std::string client;      // the address it was issued to
  std::string created_at;
  std::string expires_at;  // absolute expiry, UTC ISO 8601
};

// A password a person may choose: at least 10 characters, not all one kind (letters only or
// digits only), not the user name. The message says which rule failed.
Status CheckPasswordRules(std::string_view user, std::string_view password);

// A user name: 3 to 64 characters of a-z, 0-9, '.', '-' and '_', starting with a letter.
Status CheckUserName(std::string_view name);

}  // namespace antq
