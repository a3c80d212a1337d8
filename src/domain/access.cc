#include "domain/access.h"

#include <fmt/format.h>

#include <utility>

#include "common/text.h"

namespace antq {
namespace {

constexpr std::pair<Role, std::string_view> kRoles[] = {
    {Role::kAdmin, "admin"},
    {Role::kProvinceOfficer, "province-officer"},
    {Role::kDistrictOfficer, "district-officer"},
    {Role::kCommuneOfficer, "commune-officer"},
    {Role::kInspector, "inspector"},
    {Role::kViewer, "viewer"},
};

constexpr std::pair<Action, std::string_view> kActions[] = {
    {Action::kRead, "read"},
    {Action::kEnter, "enter data"},
    {Action::kSubmit, "submit reports"},
    {Action::kApprove, "approve or return reports"},
    {Action::kLock, "lock or unlock reports"},
    {Action::kEvaluate, "store evaluation results"},
    {Action::kManageInspection, "open and manage inspections"},
    {Action::kWriteInspection, "write inspection findings"},
    {Action::kReadAudit, "read the audit log"},
    {Action::kAdminister, "administer users, the catalogue and units"},
};

}  // namespace

std::string_view RoleName(Role role) {
  for (const auto& [r, name] : kRoles) {
    if (r == role) return name;
  }
  return "?";
}

Result<Role> ParseRole(std::string_view name) {
  std::string known;
  for (const auto& [r, text] : kRoles) {
    if (text == name) return r;
    AppendListItem(known, text, ", ");
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown role {}; use {}", QuoteForMessage(name), known), "role");
}

std::string_view ActionName(Action action) {
  for (const auto& [a, name] : kActions) {
    if (a == action) return name;
  }
  return "?";
}

bool RoleAllows(Role role, Action action) {
  switch (role) {
    case Role::kAdmin:
      return true;
    case Role::kProvinceOfficer:
      return action != Action::kAdminister;
    case Role::kDistrictOfficer:
      return action == Action::kRead || action == Action::kEnter || action == Action::kSubmit ||
             action == Action::kApprove || action == Action::kEvaluate ||
             action == Action::kReadAudit;
    case Role::kCommuneOfficer:
      return action == Action::kRead || action == Action::kEnter || action == Action::kSubmit;
    case Role::kInspector:
      return action == Action::kRead || action == Action::kWriteInspection;
    case Role::kViewer:
      return action == Action::kRead;
  }
  return false;
}

Status CheckPasswordRules(std::string_view user, std::string_view password) {
  if (CountCodePoints(password) < 10) {
    return Fail(ErrorCode::kInvalidArgument, "a password needs at least 10 characters", "password");
  }
  if (password.size() > 256) {
    return Fail(ErrorCode::kInvalidArgument, "a password has at most 256 bytes", "password");
  }
  bool letters = false;
  bool others = false;
  for (unsigned char c : password) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80) {
      letters = true;
    } else {
      others = true;
    }
  }
  if (!letters || !others) {
    return Fail(ErrorCode::kInvalidArgument,
                "a password needs letters and also digits or other characters", "password");
  }
  if (SearchKey(password).find(SearchKey(user)) != std::string::npos) {
    return Fail(ErrorCode::kInvalidArgument, "a password must not contain the user name",
                "password");
  }
  return Ok();
}

Status CheckUserName(std::string_view name) {
  bool ok = name.size() >= 3 && name.size() <= 64 && name[0] >= 'a' && name[0] <= 'z';
  for (char c : name) {
    ok = ok &&
         ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_');
  }
  if (ok) return Ok();
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("{} is not a user name: 3 to 64 characters of a-z, 0-9, '.', '-' and "
                          "'_', starting with a letter",
                          QuoteForMessage(name)),
              "username");
}

}  // namespace antq
