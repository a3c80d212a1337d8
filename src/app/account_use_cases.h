#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/access.h"

namespace antq {

// Users: `antq user …` and /api/v1/users. Administrators manage users; a user changes only its
// own password. Users are disabled, never deleted (the audit log names them). Every change is
// audited (user.add, user.disable, user.enable, user.password, user.update); no password or
// hash is ever written to the audit log.

struct NewUser {
  std::string name;
  std::string role;        // admin, province-officer, …
  std::string scope;       // data-entry scope: a unit code ("" for administrators)
  std::string view_scope;  // optional wider view scope: a unit code
  std::string scope_at;    // the date the codes are read on (YYYY-MM-DD; "" = today)
  int64_t inspection = 0;  // inspectors: the inspection they belong to
  std::string password;
};

// Adds a user. Refused (naming the field): a name taken or malformed; an unknown role; a scope
// that does not exist on `scope_at`, or that does not fit the role (a commune officer's scope is
// a commune, a district officer's a district, a province officer's a province; an administrator
// has none); a password that breaks the rules (CheckPasswordRules).
Result<UserRecord> AddUser(Workspace& ws, const Actor& actor, const NewUser& user);

Result<std::vector<UserRecord>> ListUsers(const Workspace& ws, const Actor& actor);

// Disables (or enables again) a user; disabling ends every session and token of the user.
Status SetUserDisabled(Workspace& ws, const Actor& actor, const std::string& name, bool disabled);

// An administrator sets a user's password; every session of the user ends.
Status ResetPassword(Workspace& ws, const Actor& actor, const std::string& name,
                     const std::string& password);

// A user changes its own password, giving the current one; every session and token it was
// issued ends, the one in use included, so it signs in again with the new password.
Status ChangeOwnPassword(Workspace& ws, const Actor& actor, const std::string& current,
                         const std::string& password);

// The Actor a stored user acts as, with its scope areas computed, from `client`.
Actor ActorOf(const UnitRegistry& units, const UserRecord& user, const std::string& client);

// The scope a user record shows: "23317 (2023-01-01)", or "everything".
std::string ScopeText(const UnitScope& scope);

}  // namespace antq
