#pragma once

#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/unit_registry.h"

namespace antq {

// The unit a report or event belongs to, resolved for a date window: the version valid on the
// last day of the window, else on the first (a monthly window under Nghị định 09 can straddle
// 2025-07-01). The error explains what the code was on those days.
Result<const UnitVersion*> ResolveUnitIn(const UnitRegistry& units, const std::string& code,
                                         DateRange window);

// The units of an area across time: `code` resolved on `at` (or, when that fails, on the last
// day it existed) and everything that was ever below it. An empty code means every unit.
Result<std::vector<UnitId>> AreaUnits(const UnitRegistry& units, const std::string& code, Date at);

}  // namespace antq
