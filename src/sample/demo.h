#pragma once

#include <string>
#include <vector>

#include "app/workspace.h"
#include "common/result.h"
#include "domain/access.h"

namespace antq {

// The demo's users: one of each role on the Kon Tum sample, all with the demo password, so that
// the server can be tried at once. They are for a demo database only.
inline constexpr const char* kDemoPassword = "antq-demo-2026";

struct DemoUser {
  std::string name;
  Role role = Role::kViewer;
  std::string scope;  // what the user works on, for people: "23317 Xã Ngọk Bay (2022-12-31)"
};

struct DemoSetUp {
  std::vector<DemoUser> users;
  int64_t inspection = 0;  // the sample inspection the inspector belongs to
};

// Adds (or, when they exist, resets the passwords of) the demo users and the sample inspection
// of Kết luận 44-KL/TW in Kon Tum, 2019–2022. Run after the sample is loaded; running it again
// changes nothing but the passwords.
Result<DemoSetUp> SetUpDemoUsers(Workspace& ws);

}  // namespace antq
