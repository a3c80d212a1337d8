#include "app/scope.h"

namespace antq {

Result<const UnitVersion*> ResolveUnitIn(const UnitRegistry& units, const std::string& code,
                                         DateRange window) {
  if (const UnitVersion* v = units.Find(code, window.end)) return v;
  if (const UnitVersion* v = units.Find(code, window.start)) return v;
  return units.Resolve(code, window.end);
}

Result<std::vector<UnitId>> AreaUnits(const UnitRegistry& units, const std::string& code, Date at) {
  if (code.empty()) return std::vector<UnitId>();
  const UnitVersion* root = units.Find(code, at);
  if (!root) {
    // A unit that no longer exists still names its area in the past ("under 62").
    const auto versions = units.VersionsOfCode(code);
    if (versions.empty()) return Fail(units.Resolve(code, at).error());
    root = versions.back();
    for (const UnitVersion* v : versions) {
      if (v->valid.start <= at) root = v;
    }
  }
  return units.SubtreeEver(root->unit_id);
}

}  // namespace antq
