#pragma once

// The actors the use-case tests act as.
#include <gtest/gtest.h>

#include <string>

#include "app/access.h"
#include "app/account_use_cases.h"
#include "app/workspace.h"

namespace antq {

// The local operator (the command line), with administrator rights, recorded under `user`.
inline Actor Admin(std::string user = "tester") { return Actor::LocalOperator(std::move(user)); }

// The password the tests give their users.
inline constexpr const char* kOfficerPassword = "mat-khau-2026";

// A user added by the administrator with `role` and a data-entry `scope` read on 2023-01-01,
// and the Actor it signs in as.
inline Actor AddOfficer(Workspace& ws, const std::string& name, const std::string& role,
                        const std::string& scope, int64_t inspection = 0) {
  auto user =
      AddUser(ws, Admin(), {name, role, scope, "", "2023-01-01", inspection, kOfficerPassword});
  EXPECT_TRUE(user) << user.error().ToString();
  return user ? ActorOf(ws.units(), *user, "test") : Actor();
}

}  // namespace antq
