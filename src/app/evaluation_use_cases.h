#pragma once

#include <string>

#include "app/workspace.h"
#include "common/result.h"
#include "rules/criteria_evaluator.h"

namespace antq {

// `antq evaluate`: which units under an area meet a criteria set in an assessment year, and why
// not the others.
struct EvaluateRequest {
  std::string criteria;  // a criteria set's code: "atantt-commune", "ntm-19.2"
  std::string under;     // the area's unit code
  std::string period;    // the assessment year: "2022"
};

Result<rules::Evaluation> EvaluateCriteriaSet(Workspace& ws, const EvaluateRequest& request);

}  // namespace antq
