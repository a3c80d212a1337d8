#pragma once

#include <array>
#include <vector>

#include "common/date.h"
#include "domain/unit_registry.h"

namespace antq::analytics {

// Where each unit stood in the hierarchy over time, worked out once from the registry: for each
// unit, the stretches of days in which neither it nor any of its ancestors changed, each with
// the unit's ancestor at every level. A query then places a figure of a unit on a day by
// looking up a stretch, with no walk up the tree and no allocation; on a national query that is
// the difference between one lookup and thousands of registry walks.
class UnitTimelines {
 public:
  static constexpr size_t kLevels = 5;  // UnitLevel::kCountry .. kResidential

  struct Stretch {
    Date start;
    Date end;  // inclusive
    // The unit itself at its own level, its ancestors at theirs, 0 elsewhere.
    std::array<UnitId, kLevels> at_level{};

    UnitId At(UnitLevel level) const { return at_level[static_cast<size_t>(level)]; }
    bool Under(UnitId root) const {
      for (UnitId u : at_level) {
        if (u == root) return true;
      }
      return false;
    }
  };

  explicit UnitTimelines(const UnitRegistry& units);

  // The unit's stretch holding `day`, or nullptr when the unit did not exist that day.
  const Stretch* At(UnitId unit, Date day) const {
    for (const Stretch& s : Of(unit)) {
      if (s.start <= day && day <= s.end) return &s;
    }
    return nullptr;
  }

  // The unit's stretches in time order (empty for an unknown unit).
  const std::vector<Stretch>& Of(UnitId unit) const {
    const auto u = static_cast<size_t>(unit);
    return u < timelines_.size() ? timelines_[u] : kNone;
  }

 private:
  const std::vector<Stretch>& Build(const UnitRegistry& units, UnitId unit, int depth);

  static const std::vector<Stretch> kNone;
  std::vector<std::vector<Stretch>> timelines_;
  std::vector<bool> built_;
};

}  // namespace antq::analytics
