#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/calendar.h"
#include "domain/period.h"
#include "domain/unit_registry.h"

namespace antq {

// What loading one units file did.
struct UnitsFileReport {
  std::string file;
  size_t versions_added = 0;
  size_t lineage_added = 0;
  size_t groups_added = 0;
  size_t members_added = 0;  // memberships, in new groups or existing ones
  size_t unchanged = 0;

  size_t added() const { return versions_added + lineage_added + groups_added + members_added; }
};

struct InitReport {
  std::string database;
  int migrations_applied = 0;
  int schema_version = 0;
  std::vector<UnitsFileReport> files;
  int catalog_version = 0;
  bool catalog_changed = false;
  size_t catalog_elements = 0;
  size_t catalog_data_sets = 0;
  size_t catalog_registers = 0;
  StoreSummary summary;
};

// `antq init`: creates or upgrades the schema, loads the reference units shipped in
// data/units/*.tsv and the catalogue in data/catalog/*.toml, in one transaction. Running it again
// changes nothing. On failure the database is as before; a database file that init created is
// removed again.
Result<InitReport> InitDatabase(const std::string& db_url, const std::filesystem::path& data_dir);

// `antq units import`: adds the units, lineage and groups of one units file, all or nothing.
// Re-importing the same file adds nothing.
// The import is audited as `user`.
Result<UnitsFileReport> ImportUnitsFile(Workspace& ws, const Actor& actor,
                                        const std::filesystem::path& file);

// The same for units text that is not a file (`label` names it in errors): the sample's
// synthetic group members.
Result<UnitsFileReport> ImportUnitsText(Workspace& ws, const Actor& actor, const std::string& text,
                                        const std::string& label);

struct UnitListQuery {
  std::string under;  // code; empty = every root
  Date at;
  std::optional<UnitLevel> level;
};

// `antq units list`: the units under a unit on a date, depth first in Vietnamese order. Fails,
// naming successors, when `under` did not exist on that date.
Result<std::vector<const UnitVersion*>> ListUnits(const Workspace& ws, const Actor& actor,
                                                  const UnitListQuery& q);

// A unit group on a date: its members that day (in Vietnamese name order) and how many units
// were ever members.
struct UnitGroupOnDate {
  const UnitGroup* group = nullptr;
  std::vector<const UnitVersion*> members;
  size_t ever = 0;
};

// `antq units groups`: every unit group (border communes, key areas, …) with its members on
// `at`; with `code`, that group only (an unknown code fails, listing the known ones).
Result<std::vector<UnitGroupOnDate>> ListUnitGroups(const Workspace& ws, const Actor& actor,
                                                    const std::string& code, Date at);

// A unit on a date with its place in the tree and its history.
struct UnitDetails {
  const UnitVersion* version = nullptr;
  std::vector<const UnitVersion*> ancestors;  // nearest first
  std::vector<const UnitVersion*> history;    // all versions of the same unit
  std::vector<const UnitVersion*> same_code;  // every version that used this code
};

Result<UnitDetails> ShowUnit(const Workspace& ws, const Actor& actor, const std::string& code,
                             Date at);

// One row of a unit's lineage: a unit it came from or went to.
struct LineageRow {
  std::string direction;  // "from" (a predecessor) or "to" (a successor)
  const LineageEvent* event = nullptr;
  const UnitVersion* unit = nullptr;  // the predecessor as of the day before, or the successor
  double weight = 1.0;
};

// `antq units lineage`: where the unit valid on `at` came from and what it became.
Result<std::vector<LineageRow>> UnitLineage(const Workspace& ws, const Actor& actor,
                                            const std::string& code, Date at);

// `antq units search`: accent-insensitive search over unit names, optionally on one date.
Result<std::vector<const UnitVersion*>> SearchUnits(const Workspace& ws, const Actor& actor,
                                                    const std::string& text,
                                                    std::optional<Date> at);

// `antq period show`: the date window of a period under a calendar.
struct PeriodWindow {
  Period period;
  const Calendar* calendar;
  DateRange window;
};
Result<PeriodWindow> ShowPeriod(const std::string& code, const std::string& calendar);
// The period of `type` that holds `date` under `calendar`.
Result<PeriodWindow> PeriodOfDate(Date date, const std::string& type, const std::string& calendar);

}  // namespace antq
