#pragma once

#include <map>
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

// The units of an area across time, with the days on which each belonged to it.
class Area {
 public:
  // Every unit, always.
  Area() = default;
  explicit Area(const std::vector<std::pair<UnitId, DateRange>>& members);

  bool everything() const { return everything_; }
  // The units, to narrow a database query (empty when everything()).
  const std::vector<UnitId>& unit_ids() const { return ids_; }
  // Whether `unit` was in the area on `day`, or on some day of `days`.
  bool Contains(UnitId unit, Date day) const;
  bool Overlaps(UnitId unit, DateRange days) const;

 private:
  bool everything_ = true;
  std::vector<UnitId> ids_;
  std::multimap<UnitId, DateRange> members_;
};

// `code` resolved on `at` (or, when it did not exist then, its version nearest before `at`) and
// everything that was below it, when it was. An empty code means everything.
Result<Area> AreaOf(const UnitRegistry& units, const std::string& code, Date at);

// The unit an area is named by: `code` on `at`, or its version nearest before `at`.
Result<const UnitVersion*> AreaRoot(const UnitRegistry& units, const std::string& code, Date at);

}  // namespace antq
