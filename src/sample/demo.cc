#include "sample/demo.h"

#include <fmt/format.h>

#include "app/account_use_cases.h"
#include "app/inspection_use_cases.h"

namespace antq {
namespace {

struct Planned {
  const char* name;
  const char* role;
  const char* scope;
  const char* view_scope;
  const char* scope_at;
};

// The sample's figures before 2025-07-01 live on the old units (the province, its districts and
// communes), so the demo users' scopes are those units, read on 2022-12-31.
constexpr Planned kUsers[] = {
    {"quan-tri", "admin", "", "", ""},
    {"can-bo-tinh", "province-officer", "62", "", "2022-12-31"},
    {"can-bo-huyen", "district-officer", "608", "", "2022-12-31"},
    {"can-bo-xa", "commune-officer", "23317", "", "2022-12-31"},
    {"lanh-dao", "viewer", "62", "", "2022-12-31"},
};

}  // namespace

Result<DemoSetUp> SetUpDemoUsers(Workspace& ws) {
  const Actor admin = Actor::LocalOperator("antq demo");
  DemoSetUp out;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto ensure = [&](const NewUser& u) -> Status {
    auto existing = ws.store().GetUser(u.name);
    if (!existing) return Fail(existing.error());
    if (*existing) return ResetPassword(ws, admin, u.name, u.password);
    auto added = AddUser(ws, admin, u);
    if (!added) return Fail(added.error());
    return Ok();
  };
  for (const Planned& p : kUsers) {
    NewUser u{p.name, p.role, p.scope, p.view_scope, p.scope_at, 0, kDemoPassword};
    if (auto s = ensure(u); !s) return Fail(s.error());
  }
  // The inspection the seed is about, and its inspector.
  auto inspections = ws.store().ListInspections();
  if (!inspections) return Fail(inspections.error());
  for (const Inspection& i : *inspections) {
    if (i.decision_number == "DEMO-44/KL") out.inspection = i.id;
  }
  if (out.inspection == 0) {
    NewInspection in;
    in.decision_number = "DEMO-44/KL";
    in.decision_date = "2023-02-20";
    in.issuing_body = "Ban Nội chính Tỉnh ủy Kon Tum (mẫu)";
    in.subject =
        "Kiểm tra việc thực hiện Kết luận 44-KL/TW về phong trào toàn dân bảo vệ an "
        "ninh Tổ quốc (dữ liệu mẫu)";
    in.scope = "62";
    in.scope_at = "2022-12-31";
    in.period = "2019..2022";
    in.team = {{"Trưởng đoàn", "Ban Nội chính Tỉnh ủy", "doan-kiem-tra", true},
               {"Thành viên", "Công an tỉnh", "", false}};
    // The inspector's account must exist before it joins the team: it is added without the
    // team first, then the team names it.
    std::vector<TeamMember> team = in.team;
    in.team.clear();
    auto opened = OpenInspection(ws, admin, in);
    if (!opened) return Fail(opened.error());
    out.inspection = opened->id;
    NewUser inspector{"doan-kiem-tra", "inspector",    "",           "",
                      "2022-12-31",    out.inspection, kDemoPassword};
    if (auto s = ensure(inspector); !s) return Fail(s.error());
    Inspection with_team = *opened;
    with_team.team = std::move(team);
    if (auto s = ws.store().UpdateInspection(with_team); !s) return Fail(s.error());
  } else {
    NewUser inspector{"doan-kiem-tra", "inspector",    "",           "",
                      "2022-12-31",    out.inspection, kDemoPassword};
    if (auto s = ensure(inspector); !s) return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  auto users = ws.store().ListUsers();
  if (!users) return Fail(users.error());
  auto is_demo_user = [](const std::string& name) {
    if (name == "doan-kiem-tra") return true;
    for (const Planned& p : kUsers) {
      if (name == p.name) return true;
    }
    return false;
  };
  for (const UserRecord& u : *users) {
    // Only the demo's own users have the demo password; others of the database are not listed.
    if (!is_demo_user(u.name)) continue;
    std::string scope = "toàn quốc / everything";
    if (!u.entry.everything()) {
      const UnitVersion* v = ws.units().VersionOf(u.entry.unit, u.entry.as_of);
      scope = fmt::format("{} {} ({})", u.entry.code, v ? v->FullName() : "?",
                          u.entry.as_of.ToString());
    } else if (u.role == Role::kInspector) {
      scope = fmt::format("đoàn kiểm tra / inspection {}", u.inspection);
    }
    out.users.push_back({u.name, u.role, scope});
  }
  return out;
}

}  // namespace antq
