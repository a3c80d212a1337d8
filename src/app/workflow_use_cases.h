#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/report_target.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/evaluation_record.h"
#include "domain/values.h"
#include "rules/validation.h"

namespace antq {

// The reporting workflow (DHIS2's data approval, fitted to the tree):
//
//   draft ──submit──► submitted ──approve──► approved ──lock──► locked
//     ▲                  │                      │                 │
//     └──────return──────┴──────return──────────┘    unlock ──► approved
//
// A commune officer saves drafts and submits its own reports; a district or province officer
// approves or returns (with a comment) the reports of the units below its own scope unit; the
// province locks approved reports and alone unlocks them (with a comment). Every transition is
// audited. Figures change only in a draft: writing to a submitted report is refused for the
// commune, and an approver's correction returns it to draft; approved and locked reports
// refuse every write (kConflict) until they are returned or unlocked.

// `antq values submit`: refused while the report breaks an error-level validation rule (it stays
// a draft; the violations come back); warnings come back with a submitted report.
struct SubmitResult {
  bool submitted = false;
  bool already = false;  // it was submitted (or approved, or locked) already: nothing was done
  std::vector<rules::Violation> violations;
  ReportStatus status;
};
Result<SubmitResult> SubmitReport(Workspace& ws, const Actor& actor, const ReportKey& key);

// Approves a submitted report (kApprove, the unit strictly below the actor's scope unit).
Result<ReportStatus> ApproveReport(Workspace& ws, const Actor& actor, const ReportKey& key);
// Sends a submitted or approved report back to draft, with the reason (required).
Result<ReportStatus> ReturnReport(Workspace& ws, const Actor& actor, const ReportKey& key,
                                  const std::string& comment);
// Locks an approved report (kLock: province officers and administrators).
Result<ReportStatus> LockReport(Workspace& ws, const Actor& actor, const ReportKey& key);
// Unlocks a locked report back to approved, with the reason (required).
Result<ReportStatus> UnlockReport(Workspace& ws, const Actor& actor, const ReportKey& key,
                                  const std::string& comment);

// Whether `actor` may change the figures of the report now, and if not, why (for forms and
// for SetValues). `status` is the stored status (nullopt: never submitted). Returns kConflict
// when the state forbids it, kPermissionDenied when the role or scope does.
Status CheckReportWritable(const Actor& actor, const ReportTarget& target,
                           const std::optional<ReportStatus>& status);

// The data-entry form of one report: its target, state, stored figures, the validation rules
// it breaks now, and whether the actor may change it (and why not).
struct ReportForm {
  ReportTarget target;
  ReportStatus status;            // state draft with no time when never saved
  bool started = false;           // any figure stored, or a status recorded
  std::vector<DataValue> values;  // in the data set's element order
  std::vector<rules::Violation> violations;
  bool writable = false;
  std::string not_writable_because;
};
Result<ReportForm> GetReportForm(const Workspace& ws, const Actor& actor, const ReportKey& key,
                                 Date today);

// The audit entries of one report (figures saved, submitted, approved, returned, …), newest
// first: its history.
Result<std::vector<AuditEntry>> ReportHistory(const Workspace& ws, const Actor& actor,
                                              const ReportKey& key, size_t limit);

// Where each report of an area stands (`antq values status`, the approval screen):
enum class ReportProgress {
  kNotStarted,       // nothing saved, deadline not passed
  kDraft,            // figures saved, not submitted, deadline not passed
  kSubmittedOnTime,  // submitted by the deadline
  kSubmittedLate,    // submitted after it
  kApproved,
  kLocked,
  kOverdue,  // not submitted and the deadline has passed
};
std::string_view ReportProgressName(ReportProgress progress);
std::optional<ReportProgress> ParseReportProgress(std::string_view name);

struct ReportStatusRow {
  const UnitVersion* unit = nullptr;
  std::string period;
  Date deadline = Date::Max();
  ReportProgress progress = ReportProgress::kNotStarted;
  ReportStatus status;     // as stored (state draft when none)
  bool handed_in = false;  // submitted, approved or locked
  bool on_time = false;    // handed in by the deadline
};

// DHIS2's reporting rates for one unit of the area (or the whole area): reports expected (units
// × periods whose window has started), actual (submitted, approved or locked), on time, and the
// rates in percent.
struct ReportingRate {
  const UnitVersion* unit = nullptr;  // nullptr: the whole area
  int expected = 0;
  int actual = 0;
  int on_time = 0;
  double rate() const { return expected ? 100.0 * actual / expected : 0; }
  double on_time_rate() const { return expected ? 100.0 * on_time / expected : 0; }
};

// The reports whose deadline has passed (`today` after it): how they came in.
struct DueCounts {
  int due = 0;
  int on_time = 0;
  int late = 0;
  int missing = 0;  // not submitted (overdue)
};

struct StatusOverview {
  const DataSet* data_set = nullptr;
  std::vector<ReportStatusRow> rows;     // by period, then unit in Vietnamese order
  std::map<ReportProgress, int> counts;  // rows per progress
  ReportingRate total;                   // the area
  std::vector<ReportingRate> by_unit;    // each unit one level below the area's root
  DueCounts due;
};

struct StatusRequest {
  std::string data_set;
  std::string under;
  std::string period;  // a period or a range "2019..2022" of any type no shorter than the set's
  // Only rows in these states (names as ReportProgressName; none = every row). The counts and
  // rates still cover every report.
  std::vector<std::string> states;
};
Result<StatusOverview> ReportStatusOverview(const Workspace& ws, const Actor& actor,
                                            const StatusRequest& request, Date today);

}  // namespace antq
