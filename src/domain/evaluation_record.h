#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/unit.h"

namespace antq {

// Where one report (a unit, a data set, a period) stands, after DHIS2's data approval fitted to
// the tree: the commune saves drafts (with errors if it must) and submits; the level above
// approves or returns it to draft with a comment; the province locks approved reports. A draft
// can be saved with errors; a submitted report passed every error-level validation rule when it
// was submitted. Only a draft's figures can change.
enum class ReportState { kDraft, kSubmitted, kApproved, kLocked };

std::string_view ReportStateName(ReportState state);
std::optional<ReportState> ParseReportState(std::string_view name);

struct ReportStatus {
  UnitId unit_id = 0;
  std::string data_set;
  std::string period;
  ReportState state = ReportState::kDraft;
  std::string changed_by;
  std::string changed_at;    // UTC, ISO 8601
  std::string comment;       // why it was returned or unlocked
  std::string submitted_at;  // when it was last submitted ("" if never): on time or late
};

// A verdict kept on record for (unit, criteria set, assessment period): what was decided, on
// which outcomes and values (`detail`, JSON), by which text, who recognises, who evaluated and
// who confirmed it. Kept on the unit of the assessment year; it is re-evaluated when the data
// it rests on changes, and a changed verdict needs confirming again.
struct EvaluationRecord {
  UnitId unit_id = 0;
  std::string criteria_set;
  std::string period;
  bool met = false;
  std::string detail;  // JSON: the criteria's outcomes, values, evidence and reasons
  std::string basis;
  std::string recogniser;
  std::string evaluated_by;
  std::string evaluated_at;
  std::string confirmed_by;  // empty until confirmed
  std::string confirmed_at;
};

}  // namespace antq
