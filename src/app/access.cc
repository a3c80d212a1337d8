#include "app/access.h"

#include <fmt/format.h>

#include <vector>

#include "app/scope.h"

namespace antq {

Actor Actor::LocalOperator(std::string user) {
  Actor a;
  a.user = std::move(user);
  a.role = Role::kAdmin;
  a.client = "cli";
  return a;
}

ScopeArea::ScopeArea(const UnitRegistry& units, const UnitScope& scope) {
  std::vector<UnitId> roots = {scope.unit};
  while (!roots.empty()) {
    const UnitId root = roots.back();
    roots.pop_back();
    for (const auto& [unit, when] : units.SubtreeEver(root)) {
      if (!units_.insert(unit).second) continue;
      // What formed this unit: its history belongs to the scope too.
      for (const LineageEvent* e : units.EventsInto(unit)) {
        for (const LineageLink& link : e->links) {
          if (link.to == unit && !units_.contains(link.from)) {
            roots.push_back(link.from);
          }
        }
      }
    }
  }
}

void Actor::ResolveAreas(const UnitRegistry& units) {
  entry_area = entry.everything() ? nullptr : std::make_shared<ScopeArea>(units, entry);
  if (view.everything() && (entry.everything() || role == Role::kAdmin)) {
    view_area = nullptr;
    return;
  }
  if (view.everything()) {
    view_area = entry_area;
    return;
  }
  auto area = std::make_shared<ScopeArea>(units, view);
  if (entry_area) area->Add(*entry_area);
  view_area = std::move(area);
}

Status RequireRole(const Actor& actor, Action action) {
  if (RoleAllows(actor.role, action)) return Ok();
  return Fail(ErrorCode::kPermissionDenied,
              fmt::format("the role {} may not {}", RoleName(actor.role), ActionName(action)));
}

Status RequireUnit(const Actor& actor, Action action, UnitId unit) {
  if (auto s = RequireRole(actor, action); !s) return s;
  const bool reading = action == Action::kRead || action == Action::kReadAudit;
  if (reading ? actor.MayReadAt(unit) : actor.MayEnterAt(unit)) return Ok();
  return Fail(ErrorCode::kPermissionDenied,
              fmt::format("this unit is outside the {} scope of user {}",
                          reading ? "view" : "data-entry", actor.user));
}

Status RequireArea(const UnitRegistry& units, const Actor& actor, const std::string& under, Date at,
                   Action action) {
  if (auto s = RequireRole(actor, action); !s) return s;
  if (under.empty()) {
    if (!actor.view_area) return Ok();
    return Fail(
        ErrorCode::kPermissionDenied,
        fmt::format("user {} reads only within its scope: name the area (under)", actor.user));
  }
  auto root = AreaRoot(units, under, at);
  if (!root) return Fail(root.error().At("under"));
  return RequireUnit(actor, action, (*root)->unit_id);
}

}  // namespace antq
