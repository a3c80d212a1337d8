#include "app/scope.h"

namespace antq {

Result<const UnitVersion*> ResolveUnitIn(const UnitRegistry& units, const std::string& code,
                                         DateRange window) {
  if (const UnitVersion* v = units.Find(code, window.end)) return v;
  if (const UnitVersion* v = units.Find(code, window.start)) return v;
  return units.Resolve(code, window.end);
}

Area::Area(const std::vector<std::pair<UnitId, DateRange>>& members) : everything_(false) {
  for (const auto& [unit, when] : members) {
    if (!members_.contains(unit)) ids_.push_back(unit);
    members_.emplace(unit, when);
  }
}

bool Area::Contains(UnitId unit, Date day) const {
  if (everything_) return true;
  auto [begin, end] = members_.equal_range(unit);
  for (auto it = begin; it != end; ++it) {
    if (it->second.Contains(day)) return true;
  }
  return false;
}

bool Area::Overlaps(UnitId unit, DateRange days) const {
  if (everything_) return true;
  auto [begin, end] = members_.equal_range(unit);
  for (auto it = begin; it != end; ++it) {
    if (it->second.Overlaps(days)) return true;
  }
  return false;
}

Result<Area> AreaOf(const UnitRegistry& units, const std::string& code, Date at) {
  if (code.empty()) return Area();
  auto root = AreaRoot(units, code, at);
  if (!root) return Fail(root.error());
  return Area(units.SubtreeEver((*root)->unit_id));
}

Result<const UnitVersion*> AreaRoot(const UnitRegistry& units, const std::string& code, Date at) {
  const UnitVersion* root = units.Find(code, at);
  if (!root) {
    // A unit that no longer exists still names its area in the past ("under 62").
    const auto versions = units.VersionsOfCode(code);
    if (versions.empty()) return Fail(units.Resolve(code, at).error());
    root = versions.front();
    for (const UnitVersion* v : versions) {
      if (v->valid.start <= at) root = v;
    }
  }
  return root;
}

}  // namespace antq
