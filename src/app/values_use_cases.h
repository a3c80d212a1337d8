#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/evaluation_use_cases.h"
#include "app/report_target.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/values.h"
#include "rules/validation.h"

namespace antq {

// What one write did. "Unchanged" writes (the same value again) touch nothing and leave no audit
// entry, so importing the same figures twice is harmless and says so.
struct WriteSummary {
  size_t added = 0;
  size_t updated = 0;
  size_t unchanged = 0;
  size_t cleared = 0;
  // After the write: the rules the report now breaks (saving is never refused for them; an
  // error blocks submission), whether a submitted report went back to draft, and the stored
  // verdicts the change overturned.
  std::vector<rules::Violation> violations;
  bool reopened = false;
  std::vector<VerdictChange> verdict_changes;
};

struct ValueInput {
  std::string element;
  std::string option;  // for elements with a disaggregation
  std::string value;   // as typed: "12", "12,5", "có"
  std::string comment;
};

// `antq values set`: stores figures for one report in one transaction, each write audited.
// An input's element may be written "ELEMENT.OPTION" for an element with a breakdown (element
// codes contain dots, so the option is split off only when the whole key is not an element).
// Refuses, naming the part: an unknown unit, element or option; a unit that did not exist in the
// period or is of the wrong level; a period of the wrong type for the data set or one that has
// not started; a value of the wrong type (kInvalidArgument, kNotFound); a unit outside the
// actor's data-entry scope (kPermissionDenied); a report that is not a draft and may not be
// changed by this actor (kConflict, see CheckReportWritable).
Result<WriteSummary> SetValues(Workspace& ws, const Actor& actor, const ReportKey& key,
                               const std::vector<ValueInput>& values, Date today);

// `antq values clear`: removes figures of one report (all of the data set's, or `elements`:
// an element with all its options, or "ELEMENT.OPTION" for one option), under the same checks.
Result<WriteSummary> ClearValues(Workspace& ws, const Actor& actor, const ReportKey& key,
                                 const std::vector<std::string>& elements);

struct ValueRow {
  const UnitVersion* unit = nullptr;
  const DataElement* element = nullptr;
  DataValue value;
};

struct ValuesQuery {
  std::string under;                  // unit code; its area across time
  std::vector<std::string> elements;  // codes; empty = every element of `data_set`
  std::string data_set;
  std::string period;  // ISO code
  std::optional<UnitLevel> level;
};

// `antq values get`: stored figures under a unit, ordered by unit (in Vietnamese order) and
// element; only units the actor may read, and the area itself must be readable.
Result<std::vector<ValueRow>> GetValues(const Workspace& ws, const Actor& actor,
                                        const ValuesQuery& query);

}  // namespace antq
