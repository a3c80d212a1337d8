#pragma once

#include <nlohmann/json.hpp>
#include <vector>

#include "analytics/query.h"
#include "app/account_use_cases.h"
#include "app/audit_use_cases.h"
#include "app/check_use_cases.h"
#include "app/data_value_use_cases.h"
#include "app/evaluation_use_cases.h"
#include "app/events_use_cases.h"
#include "app/inspection_use_cases.h"
#include "app/units_use_cases.h"
#include "app/validation_use_cases.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "domain/catalog.h"
#include "rules/criteria_evaluator.h"

namespace antq::views {

// The one JSON form of each use case's result: the API answers with it and `--format json`
// prints it, so the two never disagree. Keys are stable English snake_case; names come in
// Vietnamese (`name`) and, where the catalogue has one, English (`name_en`); dates are
// YYYY-MM-DD, times UTC ISO 8601, numbers JSON numbers (integers without a fraction), and a
// missing value is null. docs/openapi.json describes every shape.
using nlohmann::json;

json Unit(const UnitVersion* unit);
json UnitList(const std::vector<const UnitVersion*>& units);
json UnitDetailsJson(const UnitDetails& details);
json Lineage(const std::vector<LineageRow>& rows);
json PeriodWindowJson(const PeriodWindow& window);

json CatalogJson(const Catalog& catalog);

json Value(const TypedValue& value);
json DataValueJson(const DataValue& value);
json ValueRows(const std::vector<ValueRow>& rows);
json ViolationJson(const rules::Violation& violation);
json Violations(const std::vector<rules::Violation>& violations);
json WriteSummaryJson(const WriteSummary& summary);
json ReportStatusJson(const ReportStatus& status);
json ReportFormJson(const ReportForm& form);
json SubmitResultJson(const SubmitResult& result);
json StatusOverviewJson(const StatusOverview& overview);

json EventJson(const Workspace& ws, const Event& event, const UnitVersion* unit);
json EventRows(const Workspace& ws, const std::vector<EventRow>& rows);
json EventSummaryJson(const EventSummary& summary);
json CsvImportJson(const CsvImportReport& report);

json QueryResultJson(const analytics::QueryResult& result);
json EvaluationJson(const rules::Evaluation& evaluation);
json SaveSummaryJson(const SaveSummary& summary);
json EvaluationRecordJson(const EvaluationRecord& record);
json ValidationJson(const ValidationSummary& summary);

json AuditEntryJson(const AuditEntry& entry, const UnitVersion* unit = nullptr);
json AuditRows(const std::vector<AuditRow>& rows);
json AuditVerificationJson(const AuditVerification& verification);

json UserJson(const UserRecord& user);
json UserList(const std::vector<UserRecord>& users);

json InspectionJson(const Inspection& inspection);
json InspectionDetailsJson(const Workspace& ws, const InspectionDetails& details, Date today);
json RecommendationRowJson(const RecommendationRow& row);
json FollowUpJson(const std::vector<RecommendationRow>& rows);

json StoreCheckJson(const StoreCheck& check);

// A dataValueSet import's summary in DHIS2's shape (a web message around an ImportSummary), so
// clients written for DHIS2 read it unchanged.
json ImportSummaryJson(const ImportSummary& summary);
json DataImportsJson(const std::vector<DataImport>& imports);

}  // namespace antq::views
