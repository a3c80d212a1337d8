#pragma once

#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/evaluation_record.h"
#include "rules/criteria_evaluator.h"
#include "rules/scoring.h"

namespace antq {

// Evaluates, for each criteria set a query reads through E{set.METRIC}, every assessment year
// of its range under its area, and hands the verdicts to the query: "x/y xã đạt" as a figure
// for indicators and reports. An area or year the set does not cover adds nothing.
Status AddVerdicts(Workspace& ws, const analytics::Engine& engine, analytics::Query& query);

// `antq evaluate`: which units under an area meet a criteria set in an assessment year, and why
// not the others.
struct EvaluateRequest {
  std::string criteria;  // a criteria set's code: "atantt-commune", "ntm-19.2"
  std::string under;     // the area's unit code
  std::string period;    // the assessment year: "2022"
};

// Evaluates from the current data; each criterion with an evidence element carries the text the
// unit reported for it.
Result<rules::Evaluation> EvaluateCriteriaSet(Workspace& ws, const Actor& actor,
                                              const EvaluateRequest& request);

// `antq evaluate --save`: keeps each unit's verdict on record. A verdict that did not change
// keeps its confirmation; a changed one is replaced, needs confirming again, and is audited
// (evaluation.set, old and new verdict).
struct SaveSummary {
  size_t added = 0;
  size_t changed = 0;
  size_t unchanged = 0;
};
Result<SaveSummary> SaveEvaluation(Workspace& ws, const Actor& actor,
                                   const rules::Evaluation& evaluation);

// `antq evaluate confirm`: the officer who confirms a stored verdict (audited).
struct ConfirmRequest {
  std::string criteria;
  std::string unit;
  std::string period;
};
Result<EvaluationRecord> ConfirmEvaluation(Workspace& ws, const Actor& actor,
                                           const ConfirmRequest& request);

// The stored verdicts of a set for a period on the units of an evaluation's area.
Result<std::vector<EvaluationRecord>> StoredVerdicts(Workspace& ws,
                                                     const rules::Evaluation& evaluation);

// A stored verdict that changed because data it rests on changed.
struct VerdictChange {
  const UnitVersion* unit = nullptr;
  std::string criteria_set;
  std::string period;
  bool was_met = false;
  bool met = false;
};

// Re-evaluates the stored verdicts that read any of `elements` for the assessment years
// `period` can fall in, on `unit` and the units above it; called after values are written.
// Changed verdicts are stored and audited as evaluation.update.
Result<std::vector<VerdictChange>> ReevaluateAfterChange(Workspace& ws, UnitId unit,
                                                         const std::string& period,
                                                         const std::vector<std::string>& elements,
                                                         const Actor& actor);

// `antq evaluate --criteria SHEET`: the movement's rating on a scoring sheet.
Result<rules::Rating> RateArea(Workspace& ws, const Actor& actor, const EvaluateRequest& request);

// "x/y đạt" per unit of `level` above the evaluated units, as they stood on the evaluation day.
std::vector<rules::GroupCount> VerdictsByLevel(const Workspace& ws,
                                               const rules::Evaluation& evaluation,
                                               UnitLevel level);

// Words for a verdict, as the audit log and tables show it.
std::string VerdictText(bool met);

}  // namespace antq
