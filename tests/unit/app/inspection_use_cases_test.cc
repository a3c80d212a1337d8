// Inspections: who may open one, write its findings and recommendations and follow them up, the
// frozen evaluation, and the inspection report written from what the team recorded; on a real
// SQLite file with the shipped units and catalogue.
#include "app/inspection_use_cases.h"

#include <gtest/gtest.h>

#include "app/account_use_cases.h"
#include "app/report_use_cases.h"
#include "app/units_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"
#include "unit/zip_part.h"

namespace antq {
namespace {

class InspectionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = antq::testing::TestDatabaseUrl(temp_.path(), "antq");
    ASSERT_TRUE(InitDatabase(db_, ANTQ_SOURCE_DATA_DIR));
    auto ws = Workspace::Open(db_, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
    province_ = AddOfficer(this->ws(), "can-bo-tinh", "province-officer", "62");
    commune_ = AddOfficer(this->ws(), "can-bo-ngok-bay", "commune-officer", "23317");
    // Huyện Đắk Glei (610): the unit a recommendation is addressed to.
    dak_glei_ = AddOfficer(this->ws(), "can-bo-dak-glei", "district-officer", "610");
    other_district_ = AddOfficer(this->ws(), "can-bo-tp-kon-tum", "district-officer", "608");
  }

  Result<Inspection> Open(const Actor& actor) {
    NewInspection in;
    in.decision_number = "123-QĐ/TU";
    in.decision_date = "2023-03-01";
    in.issuing_body = "Tỉnh ủy Kon Tum";
    in.subject = "Kiểm tra việc thực hiện Kết luận 44-KL/TW";
    in.scope = "62";
    in.scope_at = "2022-12-31";
    in.period = "2019..2022";
    in.team = {{"Thành viên", "Công an tỉnh", "", false},
               {"Phó Trưởng Ban Thường trực", "Ban Nội chính Tỉnh ủy", "", true}};
    return OpenInspection(ws(), actor, in);
  }

  Workspace& ws() { return *ws_; }

  antq::testing::TempDir temp_{"antq-inspection"};
  std::string db_;
  std::optional<Workspace> ws_;
  Actor province_, commune_, dak_glei_, other_district_;
};

TEST_F(InspectionTest, OnlyOfficersAboveTheScopeOpenOne) {
  auto denied = Open(commune_);
  ASSERT_FALSE(denied);
  EXPECT_EQ(denied.error().code(), ErrorCode::kPermissionDenied);
  auto opened = Open(province_);
  ASSERT_TRUE(opened) << opened.error().ToString();
  EXPECT_GT(opened->id, 0);
  EXPECT_EQ(opened->period_from, "2019");
  EXPECT_EQ(opened->period_to, "2022");
  auto listed = ListInspections(ws(), province_);
  ASSERT_TRUE(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].decision_number, "123-QĐ/TU");
  ASSERT_EQ((*listed)[0].team.size(), 2u);
  EXPECT_FALSE((*listed)[0].team[0].head);
  EXPECT_TRUE((*listed)[0].team[1].head) << "the head is stored as such, not found by title";
}

TEST_F(InspectionTest, ATeamHasOneHead) {
  NewInspection in;
  in.decision_number = "124-QĐ/TU";
  in.decision_date = "2023-03-01";
  in.issuing_body = "Tỉnh ủy Kon Tum";
  in.subject = "Kiểm tra";
  in.scope = "62";
  in.period = "2022";
  in.team = {{"Trưởng đoàn", "Ban Nội chính Tỉnh ủy", "", true},
             {"Trưởng đoàn", "Công an tỉnh", "", true}};
  auto refused = OpenInspection(ws(), province_, in);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().where(), "team.head");
  auto listed = ListInspections(ws(), province_);
  ASSERT_TRUE(listed);
  EXPECT_TRUE(listed->empty()) << "nothing is stored";
}

TEST_F(InspectionTest, TheTeamWritesItsOwnInspectionOnly) {
  auto first = Open(province_);
  ASSERT_TRUE(first);
  auto second = Open(province_);
  ASSERT_TRUE(second);
  const Actor member = AddOfficer(this->ws(), "thanh-vien-doan", "inspector", "", first->id);
  auto finding = AddFinding(ws(), member, first->id, "Công tác tuyên truyền được duy trì.", "");
  ASSERT_TRUE(finding) << finding.error().ToString();
  auto elsewhere = AddFinding(ws(), member, second->id, "Không thuộc đoàn.", "");
  ASSERT_FALSE(elsewhere);
  EXPECT_EQ(elsewhere.error().code(), ErrorCode::kPermissionDenied);
  // A commune officer reads nothing of it either.
  EXPECT_EQ(GetInspection(ws(), commune_, first->id).error().code(), ErrorCode::kPermissionDenied);
  auto details = GetInspection(ws(), member, first->id);
  ASSERT_TRUE(details);
  ASSERT_EQ(details->findings.size(), 1u);
  EXPECT_EQ(details->findings[0].text, "Công tác tuyên truyền được duy trì.");
}

TEST_F(InspectionTest, RecommendationsAreFollowedUpAndFallOverdue) {
  auto inspection = Open(province_);
  ASSERT_TRUE(inspection);
  auto rec = AddRecommendation(ws(), province_, inspection->id,
                               {"Kiện toàn tổ an ninh trật tự cơ sở", "610", "2023-06-30"});
  ASSERT_TRUE(rec) << rec.error().ToString();
  const Date before = *Date::Parse("2023-06-01");
  const Date after = *Date::Parse("2023-07-15");
  auto open = FollowUp(ws(), province_, inspection->id, "", before);
  ASSERT_TRUE(open);
  ASSERT_EQ(open->size(), 1u);
  EXPECT_EQ((*open)[0].status, RecommendationStatus::kOpen);
  auto late = FollowUp(ws(), province_, inspection->id, "overdue", after);
  ASSERT_TRUE(late);
  ASSERT_EQ(late->size(), 1u);
  // The responsible district reports progress with evidence; another district may not.
  auto stranger = UpdateRecommendation(ws(), other_district_, rec->id,
                                       {std::string("in_progress"), "Đã họp"}, after);
  ASSERT_FALSE(stranger);
  EXPECT_EQ(stranger.error().code(), ErrorCode::kPermissionDenied);
  auto progress = UpdateRecommendation(
      ws(), dak_glei_, rec->id, {std::string("in_progress"), "Đã kiện toàn 12/12 tổ"}, after);
  ASSERT_TRUE(progress) << progress.error().ToString();
  ASSERT_EQ(progress->evidence.size(), 1u);
  EXPECT_EQ(progress->evidence[0].text, "Đã kiện toàn 12/12 tổ");
  auto done = UpdateRecommendation(ws(), province_, rec->id, {std::string("done"), ""}, after);
  ASSERT_TRUE(done);
  auto none_late = FollowUp(ws(), province_, inspection->id, "overdue", after);
  ASSERT_TRUE(none_late);
  EXPECT_TRUE(none_late->empty());
  auto bad = UpdateRecommendation(ws(), province_, rec->id, {std::string("overdue"), ""}, after);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().where(), "status");
}

TEST_F(InspectionTest, TheSnapshotFreezesTheEvaluation) {
  auto inspection = Open(province_);
  ASSERT_TRUE(inspection);
  EXPECT_TRUE(inspection->snapshot.empty());
  auto frozen = TakeSnapshot(ws(), province_, inspection->id);
  ASSERT_TRUE(frozen) << frozen.error().ToString();
  EXPECT_FALSE(frozen->snapshot.empty());
  EXPECT_FALSE(frozen->snapshot_at.empty());
}

TEST_F(InspectionTest, TheReportSaysWhatTheTeamRecorded) {
  auto inspection = Open(province_);
  ASSERT_TRUE(inspection);
  ASSERT_TRUE(AddFinding(ws(), province_, inspection->id,
                         "Phong trào được triển khai sâu rộng ở 102 xã, phường, thị trấn", ""));
  ASSERT_TRUE(AddFinding(ws(), province_, inspection->id,
                         "Một số mô hình tự quản hoạt động chưa hiệu quả.", "610"));
  ASSERT_TRUE(
      AddRecommendation(ws(), province_, inspection->id,
                        {"Duy trì mô hình tự quản về an ninh trật tự", "610", "2023-06-30"}));
  ReportRequest request;
  request.kind = "inspection";
  request.under = "62";
  request.period = "2019..2022";
  request.layout = "party";
  request.out = temp_.path() / "bao-cao.docx";
  request.data_dir = ANTQ_SOURCE_DATA_DIR;
  auto outcome = WriteReport(ws(), province_, request);
  ASSERT_TRUE(outcome) << outcome.error().ToString();
  EXPECT_TRUE(outcome->used_inspection_record);
  const std::string xml = antq::testing::ReadZipPart(request.out, "word/document.xml");
  EXPECT_NE(xml.find("123-QĐ/TU"), std::string::npos);
  EXPECT_NE(xml.find("Phó Trưởng Ban Thường trực, Ban Nội chính Tỉnh ủy"), std::string::npos)
      << "the member marked head, whatever the title";
  EXPECT_NE(xml.find("Phong trào được triển khai sâu rộng ở 102 xã, phường, thị trấn."),
            std::string::npos);
  EXPECT_NE(xml.find("Một số mô hình tự quản hoạt động chưa hiệu quả."), std::string::npos);
  EXPECT_NE(xml.find("Duy trì mô hình tự quản về an ninh trật tự."), std::string::npos);
  EXPECT_EQ(xml.find("hiệu quả.."), std::string::npos);
}

}  // namespace
}  // namespace antq
