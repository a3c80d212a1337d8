#pragma once

#include <memory>
#include <string>
#include <unordered_set>

#include "common/result.h"
#include "domain/access.h"
#include "domain/unit_registry.h"

namespace antq {

// The units a scope reaches: every unit ever below the scope's unit, and, through lineage, the
// units that were merged or split into any of them (with everything below those), so that the
// officer of a commune formed on 2025-07-01 reads the history of the old communes that formed
// it. Successors are not reached: a scope on Tỉnh Kon Tum does not grow into Quảng Ngãi; an
// administrator gives the user a new scope.
class ScopeArea {
 public:
  ScopeArea(const UnitRegistry& units, const UnitScope& scope);
  // The union of two scopes' areas.
  void Add(const ScopeArea& other) { units_.insert(other.units_.begin(), other.units_.end()); }

  bool Contains(UnitId unit) const { return units_.contains(unit); }
  const std::unordered_set<UnitId>& units() const { return units_; }

 private:
  std::unordered_set<UnitId> units_;
};

// The person a use case acts for. Every use case takes one and checks, before it reads or writes
// anything, that the role allows the action and that the unit is in the right scope; handlers
// and commands never check. Scopes are identities (unit ids), so they keep their meaning when
// codes are reused after the 2025 reorganisation.
struct Actor {
  std::string user;
  Role role = Role::kViewer;
  UnitScope entry;         // where the user enters and approves data
  UnitScope view;          // where the user reads, besides the entry scope
  std::string client;      // "cli" for the command line, the client's address for the API
  int64_t inspection = 0;  // inspectors: the inspection they belong to (0: none)
  // The areas of the two scopes, computed once by ResolveAreas; null means everything. The view
  // area includes the entry area.
  std::shared_ptr<const ScopeArea> entry_area;
  std::shared_ptr<const ScopeArea> view_area;

  // The command line: the local operator, with administrator rights, recorded under `user`
  // (the --user option, default $USER) with client "cli".
  static Actor LocalOperator(std::string user);
  // Computes entry_area and view_area from the scopes (an empty scope: everything).
  void ResolveAreas(const UnitRegistry& units);

  bool is_admin() const { return role == Role::kAdmin; }
  bool MayEnterAt(UnitId unit) const { return !entry_area || entry_area->Contains(unit); }
  bool MayReadAt(UnitId unit) const { return !view_area || view_area->Contains(unit); }
};

// Refuses with kPermissionDenied when the actor's role does not allow `action`, naming the role
// and the action. Messages never carry data.
Status RequireRole(const Actor& actor, Action action);

// Refuses with kPermissionDenied unless the role allows `action` and `unit` is in the actor's
// entry scope (for actions that change data) or view scope (for reads and the audit log).
Status RequireUnit(const Actor& actor, Action action, UnitId unit);

// Refuses with kPermissionDenied unless the actor may read the area named `under` on `at` (the
// unit an area is named by, see AreaRoot). An empty `under` means everything: only for actors
// whose view scope is everything. Errors in `under` itself name the field "under".
Status RequireArea(const UnitRegistry& units, const Actor& actor, const std::string& under, Date at,
                   Action action = Action::kRead);

}  // namespace antq
