// Users, roles and unit scopes, sign-in, and the reporting workflow, on a real SQLite file with
// the shipped units and catalogue.
#include "app/workflow_use_cases.h"

#include <gtest/gtest.h>

#include "app/account_use_cases.h"
#include "app/events_use_cases.h"
#include "app/sessions.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");
constexpr const char* kPassword = kOfficerPassword;

class WorkflowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = antq::testing::TestDatabaseUrl(temp_.path(), "antq");
    ASSERT_TRUE(InitDatabase(db_, ANTQ_SOURCE_DATA_DIR));
    auto ws = Workspace::Open(db_, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
    // Xã Ngọk Bay (23317) and Xã Chư Hreng (23332) are communes of Thành phố Kon Tum (608);
    // Huyện Đắk Glei (610) is another district.
    commune_ = AddOfficer(this->ws(), "can-bo-ngok-bay", "commune-officer", "23317");
    neighbour_ = AddOfficer(this->ws(), "can-bo-chu-hreng", "commune-officer", "23332");
    district_ = AddOfficer(this->ws(), "can-bo-tp-kon-tum", "district-officer", "608");
    other_district_ = AddOfficer(this->ws(), "can-bo-dak-glei", "district-officer", "610");
    province_ = AddOfficer(this->ws(), "can-bo-tinh", "province-officer", "62");
    viewer_ = AddOfficer(this->ws(), "lanh-dao", "viewer", "62");
  }

  Workspace& ws() { return *ws_; }

  Result<WriteSummary> Save(const Actor& actor, const std::string& unit, const std::string& value) {
    return SetValues(ws(), actor, {unit, "commune-monthly", "202303"},
                     {{"tips.received", "", value, ""}}, kToday);
  }

  const ReportKey kReport{"23317", "commune-monthly", "202303"};
  antq::testing::TempDir temp_{"antq-workflow"};
  std::string db_;
  std::optional<Workspace> ws_;
  Actor commune_, neighbour_, district_, other_district_, province_, viewer_;
};

TEST_F(WorkflowTest, ACommuneOfficerWorksOnlyInItsCommune) {
  ASSERT_TRUE(Save(commune_, "23317", "12"));
  auto denied = Save(commune_, "23332", "12");
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(GetReportForm(ws(), neighbour_, kReport, kToday).error().code(),
            ErrorCode::kPermissionDenied);
  auto own = GetReportForm(ws(), commune_, kReport, kToday);
  ASSERT_TRUE(own) << own.error().ToString();
  EXPECT_TRUE(own->writable);
  ASSERT_EQ(own->values.size(), 1u);
  EXPECT_EQ(own->values[0].value.ToString(), "12");
  // Reading an area: its own commune, not the district around it.
  EXPECT_TRUE(GetValues(ws(), commune_, {"23317", {"tips.received"}, "", "202303", {}}));
  EXPECT_EQ(GetValues(ws(), commune_, {"608", {"tips.received"}, "", "202303", {}}).error().code(),
            ErrorCode::kPermissionDenied);
  // Events too.
  auto event = AddEvent(ws(), neighbour_,
                        {"propaganda", "23317", "2023-03-05", {{"participants", "10"}}}, kToday);
  ASSERT_FALSE(event);
  EXPECT_EQ(event.error().code(), ErrorCode::kPermissionDenied);
  // A viewer reads the province and writes nothing.
  EXPECT_TRUE(GetReportForm(ws(), viewer_, kReport, kToday));
  EXPECT_EQ(Save(viewer_, "23317", "1").error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(WorkflowTest, DraftSubmitApproveLockAndBack) {
  ASSERT_TRUE(Save(commune_, "23317", "12"));
  auto submitted = SubmitReport(ws(), commune_, kReport);
  ASSERT_TRUE(submitted) << submitted.error().ToString();
  EXPECT_TRUE(submitted->submitted);
  // Submitted: the commune can no longer change it.
  auto refused = Save(commune_, "23317", "13");
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code(), ErrorCode::kConflict);
  EXPECT_NE(refused.error().message().find("was submitted on"), std::string::npos);
  EXPECT_FALSE(GetReportForm(ws(), commune_, kReport, kToday)->writable);
  // Nobody approves its own report, nor another district's.
  EXPECT_EQ(ApproveReport(ws(), commune_, kReport).error().code(), ErrorCode::kPermissionDenied);
  EXPECT_EQ(ApproveReport(ws(), other_district_, kReport).error().code(),
            ErrorCode::kPermissionDenied);
  auto approved = ApproveReport(ws(), district_, kReport);
  ASSERT_TRUE(approved) << approved.error().ToString();
  EXPECT_EQ(approved->state, ReportState::kApproved);
  // Approved: nobody writes, the district cannot lock, the province can.
  EXPECT_EQ(Save(district_, "23317", "13").error().code(), ErrorCode::kConflict);
  EXPECT_EQ(LockReport(ws(), district_, kReport).error().code(), ErrorCode::kPermissionDenied);
  ASSERT_TRUE(LockReport(ws(), province_, kReport));
  EXPECT_EQ(ReturnReport(ws(), district_, kReport, "sai").error().code(), ErrorCode::kConflict);
  // Unlocking needs a reason.
  EXPECT_EQ(UnlockReport(ws(), province_, kReport, " ").error().code(),
            ErrorCode::kInvalidArgument);
  ASSERT_TRUE(UnlockReport(ws(), province_, kReport, "số liệu tháng 3 cần sửa"));
  auto returned = ReturnReport(ws(), district_, kReport, "Kiểm tra lại số tin báo");
  ASSERT_TRUE(returned) << returned.error().ToString();
  EXPECT_EQ(returned->state, ReportState::kDraft);
  EXPECT_EQ(returned->comment, "Kiểm tra lại số tin báo");
  ASSERT_TRUE(Save(commune_, "23317", "13"));
  // Every transition is in the report's history, newest first.
  auto history = ReportHistory(ws(), commune_, kReport, 20);
  ASSERT_TRUE(history);
  std::vector<std::string> actions;
  for (const AuditEntry& e : *history) actions.push_back(e.action);
  EXPECT_EQ(actions,
            (std::vector<std::string>{"value.set", "report.return", "report.unlock", "report.lock",
                                      "report.approve", "report.submit", "value.set"}));
  EXPECT_EQ(history->front().user, "can-bo-ngok-bay");
  EXPECT_EQ(history->front().client, "test");
}

TEST_F(WorkflowTest, TheStatusOverviewCountsEachState) {
  ASSERT_TRUE(Save(commune_, "23317", "12"));
  ASSERT_TRUE(SubmitReport(ws(), commune_, kReport));
  ASSERT_TRUE(ApproveReport(ws(), district_, kReport));
  ASSERT_TRUE(Save(neighbour_, "23332", "3"));
  auto overview = ReportStatusOverview(ws(), district_, {"commune-monthly", "608", "202303"},
                                       *Date::Parse("2023-03-15"));
  ASSERT_TRUE(overview) << overview.error().ToString();
  std::map<std::string, ReportProgress> by_code;
  for (const ReportStatusRow& r : overview->rows) by_code[r.unit->code] = r.progress;
  EXPECT_EQ(by_code["23317"], ReportProgress::kApproved);
  EXPECT_EQ(by_code["23332"], ReportProgress::kDraft);
  EXPECT_EQ(by_code["23284"], ReportProgress::kNotStarted);
  EXPECT_EQ(overview->total.actual, 1);
  EXPECT_EQ(overview->total.expected, static_cast<int>(overview->rows.size()));
  // After the deadline, what was not handed in is overdue.
  auto later = ReportStatusOverview(ws(), district_, {"commune-monthly", "608", "202303"}, kToday);
  ASSERT_TRUE(later);
  for (const ReportStatusRow& r : later->rows) {
    if (r.unit->code != "23317") {
      EXPECT_EQ(r.progress, ReportProgress::kOverdue) << r.unit->code;
    }
  }
  // A commune officer sees its own row only through its own commune; not the district.
  EXPECT_EQ(ReportStatusOverview(ws(), commune_, {"commune-monthly", "608", "202303"}, kToday)
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
}

TEST_F(WorkflowTest, UsersAreCheckedWhenAdded) {
  auto weak = AddUser(ws(), Admin(), {"yeu", "viewer", "62", "", "2023-01-01", 0, "short"});
  ASSERT_FALSE(weak);
  EXPECT_EQ(weak.error().where(), "password");
  auto wrong_level =
      AddUser(ws(), Admin(), {"sai-cap", "commune-officer", "608", "", "2023-01-01", 0, kPassword});
  ASSERT_FALSE(wrong_level);
  EXPECT_NE(wrong_level.error().message().find("a commune-officer works in a commune"),
            std::string::npos);
  EXPECT_EQ(AddUser(ws(), Admin(), {"can-bo-tinh", "viewer", "62", "", "2023-01-01", 0, kPassword})
                .error()
                .code(),
            ErrorCode::kConflict);
  EXPECT_EQ(AddUser(ws(), commune_, {"x-y-z", "viewer", "62", "", "2023-01-01", 0, kPassword})
                .error()
                .code(),
            ErrorCode::kPermissionDenied);
  // A scope named before the 2025 reorganisation keeps its identity: 23317 on 2023-01-01 is
  // the old Xã Ngọk Bay, not the commune that has the code since 2025-07-01.
  auto users = ListUsers(ws(), Admin());
  ASSERT_TRUE(users);
  for (const UserRecord& u : *users) {
    if (u.name == "can-bo-ngok-bay") {
      EXPECT_EQ(u.entry.unit, ws().units().Find("23317", *Date::Parse("2023-01-01"))->unit_id);
    }
  }
}

TEST_F(WorkflowTest, SignInLocksOutAfterRepeatedFailuresAndAudits) {
  SessionService::Settings settings;
  settings.max_failures = 3;
  SessionService sessions(settings);
  auto ok = sessions.SignIn(ws(), "can-bo-ngok-bay", kPassword, "10.0.0.5");
  ASSERT_TRUE(ok) << ok.error().ToString();
  auto who = sessions.Authenticate(ws(), ok->token, "10.0.0.5");
  ASSERT_TRUE(who);
  EXPECT_EQ(who->actor.user, "can-bo-ngok-bay");
  EXPECT_EQ(who->csrf_token, ok->csrf_token);
  EXPECT_FALSE(sessions.Authenticate(ws(), ok->token + "x", "10.0.0.5"));
  // Unknown users and wrong passwords get the same answer.
  auto unknown = sessions.SignIn(ws(), "khong-co", kPassword, "10.0.0.9");
  auto wrong = sessions.SignIn(ws(), "can-bo-ngok-bay", "sai-mat-khau-1", "10.0.0.9");
  ASSERT_FALSE(unknown);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(unknown.error().message(), wrong.error().message());
  EXPECT_EQ(wrong.error().code(), ErrorCode::kUnauthenticated);
  ASSERT_FALSE(sessions.SignIn(ws(), "can-bo-ngok-bay", "sai-mat-khau-2", "10.0.0.9"));
  ASSERT_FALSE(sessions.SignIn(ws(), "can-bo-ngok-bay", "sai-mat-khau-3", "10.0.0.9"));
  // Locked out now, even with the right password.
  auto locked = sessions.SignIn(ws(), "can-bo-ngok-bay", kPassword, "10.0.0.9");
  ASSERT_FALSE(locked);
  EXPECT_NE(locked.error().message().find("blocked until"), std::string::npos);
  auto audit = ws().store().RecentAudit({}, 6);
  ASSERT_TRUE(audit);
  EXPECT_EQ(audit->front().action, "session.fail");
  EXPECT_EQ(audit->front().client, "10.0.0.9");
  EXPECT_EQ(*audit->front().new_value, "locked out");
  // Signing out ends the session; a password reset ends every one.
  ASSERT_TRUE(sessions.SignOut(ws(), ok->token, who->actor));
  EXPECT_FALSE(sessions.Authenticate(ws(), ok->token, "10.0.0.5"));
  auto viewer = sessions.SignIn(ws(), "lanh-dao", kPassword, "10.0.0.5");
  ASSERT_TRUE(viewer);
  ASSERT_TRUE(ResetPassword(ws(), Admin(), "lanh-dao", "mat-khau-moi-2026"));
  sessions.ForgetAll();
  EXPECT_FALSE(sessions.Authenticate(ws(), viewer->token, "10.0.0.5"));
  // API tokens work until the user is disabled.
  auto token = sessions.IssueToken(ws(), Admin(), "can-bo-tinh", "script", 30);
  ASSERT_TRUE(token);
  auto bearer = sessions.Authenticate(ws(), *token, "10.0.0.7");
  ASSERT_TRUE(bearer);
  EXPECT_TRUE(bearer->bearer);
  ASSERT_TRUE(SetUserDisabled(ws(), Admin(), "can-bo-tinh", true));
  sessions.ForgetAll();
  EXPECT_FALSE(sessions.Authenticate(ws(), *token, "10.0.0.7"));
}

}  // namespace
}  // namespace antq
