#pragma once

#include <functional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"

namespace antq {

// One stored row that does not fit the catalogue or its type. Text meant for display: the unit's
// code (or "#id" when no unit has that id), the element or register field, the period or date,
// the value as stored (quoted) and the reason.
struct StoredProblem {
  enum class Kind { kValue, kEvent, kDatabase };
  Kind kind = Kind::kValue;
  std::string unit;
  std::string subject;  // "tips.received", "atantt.total.hamlet", "propaganda #12: participants"
  std::string when;     // period code or date
  std::string stored;
  std::string reason;
};

struct StoreCheck {
  size_t values_checked = 0;
  size_t events_checked = 0;
  std::vector<StoredProblem> problems;  // values, then events, then the database's own check
};

// Reports progress as (step done, steps in all, what), like the sample loader.
using CheckProgress = std::function<void(int, int, const std::string&)>;

// `antq check`: scans every stored value and event against the catalogue and the value types
// (unknown elements, registers and options; periods that are not the data set's; numbers out of
// range, fractions in integer fields, text in number fields, control characters, over-long text,
// dates that do not exist; units that do not exist), then runs the database's integrity and
// foreign-key checks. It only reads: nothing is corrected.
// Administrators only.
Result<StoreCheck> CheckStore(const Workspace& ws, const Actor& actor,
                              const CheckProgress& progress);

}  // namespace antq
