// Stored verdicts, their confirmation and re-evaluation when their data change, submission
// blocked by error-level rules, and checks on demand: the use cases on a real SQLite file with
// the shipped units and catalogue.
#include "app/evaluation_use_cases.h"

#include <gtest/gtest.h>

#include "app/units_use_cases.h"
#include "app/validation_use_cases.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");

class EvaluationUseCasesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::string db = antq::testing::TestDatabaseUrl(temp_.path(), "antq");
    auto init = InitDatabase(db, ANTQ_SOURCE_DATA_DIR);
    ASSERT_TRUE(init) << init.error().ToString();
    auto ws = Workspace::Open(db, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    ws_.emplace(std::move(*ws));
  }

  Workspace& ws() { return *ws_; }

  Result<WriteSummary> Set(const std::string& data_set, const std::string& period,
                           std::vector<ValueInput> values) {
    return SetValues(ws(), Admin("can-bo-xa"), {"23317", data_set, period}, values, kToday);
  }

  // A commune report meeting every clause but clause 4's ratio: 16 of 25 villages recognised.
  void ReportAtantt2022() {
    auto s = Set("atantt-commune", "2022",
                 {{"atantt.q1_resolution", "", "1", ""},
                  {"atantt.resolution_ref", "", "Nghị quyết số 03-NQ/ĐU ngày 15/02/2022", ""},
                  {"atantt.q1_plan", "", "1", ""},
                  {"atantt.models_working", "", "2", ""},
                  {"atantt.art4_clauses_met", "", "1", ""},
                  {"atantt.disciplined_officers", "", "0", ""},
                  {"atantt.total", "khu_dan_cu", "25", ""},
                  {"atantt.registered", "khu_dan_cu", "25", ""},
                  {"atantt.recognised", "khu_dan_cu", "16", ""}});
    ASSERT_TRUE(s) << s.error().ToString();
  }

  rules::Evaluation Evaluate() {
    auto ev = EvaluateCriteriaSet(ws(), Admin(), {"atantt-commune", "23317", "2022"});
    EXPECT_TRUE(ev) << ev.error().ToString();
    return std::move(*ev);
  }

  EvaluationRecord Stored() {
    auto rows = ws().store().EvaluationRecords("atantt-commune", "2022", {});
    EXPECT_EQ(rows->size(), 1u);
    return rows->front();
  }

  antq::testing::TempDir temp_{"antq-evaluation"};
  std::optional<Workspace> ws_;
};

TEST_F(EvaluationUseCasesTest, AChangedValueOverturnsTheStoredVerdictAndTheAuditShowsBoth) {
  ReportAtantt2022();
  rules::Evaluation ev = Evaluate();
  ASSERT_EQ(ev.units.size(), 1u);
  EXPECT_FALSE(ev.units[0].met);
  EXPECT_EQ(ev.units[0].outcomes[0].evidence, "Nghị quyết số 03-NQ/ĐU ngày 15/02/2022");
  auto saved = SaveEvaluation(ws(), Admin("doan-kiem-tra"), ev);
  ASSERT_TRUE(saved) << saved.error().ToString();
  EXPECT_EQ(saved->added, 1u);
  EXPECT_FALSE(Stored().met);
  EXPECT_NE(Stored().detail.find("64 % < 70 %"), std::string::npos);
  EXPECT_EQ(Stored().recogniser, "Chủ tịch Ủy ban nhân dân cấp huyện");
  // Saving again changes nothing.
  EXPECT_EQ(SaveEvaluation(ws(), Admin("doan-kiem-tra"), Evaluate())->unchanged, 1u);

  auto confirmed =
      ConfirmEvaluation(ws(), Admin("truong-doan"), {"atantt-commune", "23317", "2022"});
  ASSERT_TRUE(confirmed) << confirmed.error().ToString();
  EXPECT_EQ(Stored().confirmed_by, "truong-doan");

  // Two more villages recognised: 18 of 25 passes clause 4.
  auto write = Set("atantt-commune", "2022", {{"atantt.recognised", "khu_dan_cu", "18", ""}});
  ASSERT_TRUE(write) << write.error().ToString();
  ASSERT_EQ(write->verdict_changes.size(), 1u);
  EXPECT_FALSE(write->verdict_changes[0].was_met);
  EXPECT_TRUE(write->verdict_changes[0].met);
  EXPECT_TRUE(Evaluate().units[0].met);
  EXPECT_TRUE(Stored().met);
  EXPECT_EQ(Stored().confirmed_by, "") << "a changed verdict needs confirming again";

  const auto audit = ws().store().RecentAudit({}, 2).value();
  ASSERT_EQ(audit.size(), 2u);
  EXPECT_EQ(audit[0].action, "evaluation.update");
  EXPECT_EQ(audit[0].subject, "atantt-commune/2022");
  EXPECT_EQ(audit[0].old_value, "chưa đạt");
  EXPECT_EQ(audit[0].new_value, "đạt");
  EXPECT_EQ(audit[1].action, "value.set");
  EXPECT_EQ(audit[1].subject, "atantt.recognised.khu_dan_cu/2022");
  EXPECT_EQ(audit[1].old_value, "16");
  EXPECT_EQ(audit[1].new_value, "18");
}

TEST_F(EvaluationUseCasesTest, ConfirmingNeedsAStoredVerdict) {
  auto none = ConfirmEvaluation(ws(), Admin("truong-doan"), {"atantt-commune", "23317", "2022"});
  ASSERT_FALSE(none);
  EXPECT_NE(none.error().message().find("store the evaluation first"), std::string::npos);
}

TEST_F(EvaluationUseCasesTest, AnErrorBlocksSubmissionButTheDraftIsSaved) {
  auto draft = Set("commune-monthly", "202303",
                   {{"tips.received", "", "5", ""}, {"tips.valuable", "", "9", ""}});
  ASSERT_TRUE(draft) << draft.error().ToString();
  EXPECT_EQ(draft->added, 2u) << "the draft is saved";
  ASSERT_EQ(draft->violations.size(), 1u);
  EXPECT_EQ(draft->violations[0].rule->code, "tips.valuable_le_received");

  const ReportKey report{"23317", "commune-monthly", "202303"};
  auto refused = SubmitReport(ws(), Admin(), report);
  ASSERT_TRUE(refused) << refused.error().ToString();
  EXPECT_FALSE(refused->submitted);
  EXPECT_TRUE(rules::HasErrors(refused->violations));
  const UnitId unit = ws().units().VersionsOfCode("23317").front()->unit_id;
  EXPECT_FALSE(*ws().store().GetReportStatus(unit, "commune-monthly", "202303"));

  ASSERT_TRUE(Set("commune-monthly", "202303", {{"tips.valuable", "", "4", ""}}));
  auto accepted = SubmitReport(ws(), Admin(), report);
  ASSERT_TRUE(accepted);
  EXPECT_TRUE(accepted->submitted);
  EXPECT_EQ((*ws().store().GetReportStatus(unit, "commune-monthly", "202303"))->state,
            ReportState::kSubmitted);
  EXPECT_EQ(ws().store().RecentAudit({}, 1)->front().action, "report.submit");
  EXPECT_TRUE(SubmitReport(ws(), Admin(), report)->already);

  // Changing a submitted report makes it a draft again.
  auto edit = Set("commune-monthly", "202303", {{"tips.received", "", "6", ""}});
  ASSERT_TRUE(edit);
  EXPECT_TRUE(edit->reopened);
  EXPECT_EQ((*ws().store().GetReportStatus(unit, "commune-monthly", "202303"))->state,
            ReportState::kDraft);
}

TEST_F(EvaluationUseCasesTest, ValidateFindsTheBrokenReportsOfAnAreaAndPeriod) {
  ASSERT_TRUE(Set("commune-monthly", "202303",
                  {{"tips.received", "", "5", ""}, {"tips.valuable", "", "9", ""}}));
  ASSERT_TRUE(
      Set("commune-monthly", "202304",
          {{"security.cases_received", "", "1", ""}, {"security.cases_reconciled", "", "2", ""}}));
  ASSERT_TRUE(Set("commune-monthly", "202305", {{"tips.received", "", "5", ""}}));
  auto year = ValidateArea(ws(), Admin(), {"62", "2023", ""});
  ASSERT_TRUE(year) << year.error().ToString();
  EXPECT_EQ(year->reports_checked, 3u);
  EXPECT_EQ(year->errors, 1u);
  EXPECT_EQ(year->warnings, 1u);
  ASSERT_EQ(year->reports.size(), 2u);
  EXPECT_EQ(year->reports[0].period, "202303");
  EXPECT_EQ(year->reports[0].unit->code, "23317");
  // A quarter covers its months only; another area sees nothing.
  EXPECT_EQ(ValidateArea(ws(), Admin(), {"62", "2023Q2", ""})->reports_checked, 2u);
  auto elsewhere = ValidateArea(ws(), Admin(), {"51", "2023", ""});
  ASSERT_TRUE(elsewhere) << elsewhere.error().ToString();
  EXPECT_EQ(elsewhere->reports_checked, 0u);
  auto unknown = ValidateArea(ws(), Admin(), {"01", "2023", ""});
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().where(), "under");
  auto wrong = ValidateArea(ws(), Admin(), {"62", "202303", "atantt-commune"});
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().where(), "period");
}

}  // namespace
}  // namespace antq
