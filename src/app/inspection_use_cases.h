#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/inspection.h"

namespace antq {

// Inspections (the seed's core): an inspection team is set up by a decision to evaluate an area
// over some years; it freezes the evaluation results it rests on, writes findings, and issues
// recommendations that the responsible units act on and the team follows up. Province officers
// and administrators open inspections (kManageInspection); members of the team (kWriteInspection,
// or its managers) write findings and recommendations; every change is audited.

struct NewInspection {
  std::string decision_number;
  std::string decision_date;  // YYYY-MM-DD
  std::string issuing_body;
  std::string subject;
  std::string scope;     // a unit code
  std::string scope_at;  // the date it is read on ("" = the decision date)
  std::string period;    // years: "2019..2022" or "2022"
  std::vector<TeamMember> team;
};
Result<Inspection> OpenInspection(Workspace& ws, const Actor& actor, const NewInspection& in);

// The inspections the actor may read (their scope in its view scope), newest first.
Result<std::vector<Inspection>> ListInspections(const Workspace& ws, const Actor& actor);

struct InspectionDetails {
  Inspection inspection;
  std::vector<Finding> findings;
  std::vector<Recommendation> recommendations;
};
Result<InspectionDetails> GetInspection(const Workspace& ws, const Actor& actor, int64_t id);

// Freezes the evaluation results the inspection rests on: every criteria set evaluated over the
// scope for each year of the range, as they stand now, kept with the inspection (and taken
// again on request, replacing the earlier snapshot, audited).
Result<Inspection> TakeSnapshot(Workspace& ws, const Actor& actor, int64_t id);

Result<Finding> AddFinding(Workspace& ws, const Actor& actor, int64_t inspection,
                           const std::string& text, const std::string& unit);

struct NewRecommendation {
  std::string text;
  std::string responsible_unit;  // a unit code, read on the inspection's scope date
  std::string deadline;          // YYYY-MM-DD
};
Result<Recommendation> AddRecommendation(Workspace& ws, const Actor& actor, int64_t inspection,
                                         const NewRecommendation& in);

// Follow-up: the status (open, in_progress, done) and/or an evidence note. The team sets any;
// officers of the responsible unit add evidence and mark progress.
struct RecommendationUpdate {
  std::optional<std::string> status;
  std::string evidence;
};
Result<Recommendation> UpdateRecommendation(Workspace& ws, const Actor& actor, int64_t id,
                                            const RecommendationUpdate& update, Date today);

// The follow-up view: recommendations the actor may read, of one inspection (0: all), with the
// status shown on `today` (overdue when past the deadline and not done), optionally only one
// status.
struct RecommendationRow {
  Recommendation recommendation;
  RecommendationStatus status = RecommendationStatus::kOpen;  // as of today
  const UnitVersion* responsible = nullptr;
};
Result<std::vector<RecommendationRow>> FollowUp(const Workspace& ws, const Actor& actor,
                                                int64_t inspection, const std::string& status,
                                                Date today);

}  // namespace antq
