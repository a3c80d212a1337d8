#include "analytics/unit_timeline.h"

#include <algorithm>

namespace antq::analytics {

const std::vector<UnitTimelines::Stretch> UnitTimelines::kNone;

UnitTimelines::UnitTimelines(const UnitRegistry& units) {
  UnitId max_id = 0;
  for (const UnitVersion& v : units.versions()) max_id = std::max(max_id, v.unit_id);
  timelines_.resize(static_cast<size_t>(max_id) + 1);
  built_.assign(timelines_.size(), false);
  for (const UnitVersion& v : units.versions()) Build(units, v.unit_id, 0);
}

const std::vector<UnitTimelines::Stretch>& UnitTimelines::Build(const UnitRegistry& units,
                                                                UnitId unit, int depth) {
  const auto u = static_cast<size_t>(unit);
  if (built_[u]) return timelines_[u];
  built_[u] = true;
  // The registry refuses cycles; the depth guard keeps a corrupt store from recursing forever.
  if (depth > 16) return timelines_[u];
  std::vector<Stretch> out;
  for (const UnitVersion* v : units.VersionsOfUnit(unit)) {
    const auto level = static_cast<size_t>(v->level);
    if (v->parent_id == 0) {
      Stretch s{v->valid.start, v->valid.end, {}};
      s.at_level[level] = unit;
      out.push_back(s);
      continue;
    }
    // The parent's stretches cut to this version's days, with this unit added at its level.
    for (const Stretch& p : Build(units, v->parent_id, depth + 1)) {
      const Date start = std::max(p.start, v->valid.start);
      const Date end = std::min(p.end, v->valid.end);
      if (end < start) continue;
      Stretch s = p;
      s.start = start;
      s.end = end;
      s.at_level[level] = unit;
      out.push_back(s);
    }
  }
  std::sort(out.begin(), out.end(),
            [](const Stretch& a, const Stretch& b) { return a.start < b.start; });
  timelines_[u] = std::move(out);
  return timelines_[u];
}

}  // namespace antq::analytics
