#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "app/access.h"
#include "app/values_use_cases.h"
#include "app/workspace.h"
#include "common/result.h"
#include "domain/event.h"

namespace antq {

// One event as typed by a person or read from a CSV row.
struct EventInput {
  std::string register_code;
  std::string unit;  // code, resolved on `date`
  std::string date;  // YYYY-MM-DD
  RawFields fields;
};

// The result of adding one event: its id, and whether it was already there.
struct AddedEvent {
  int64_t id = 0;
  bool unchanged = false;
};

// `antq events add`: validates and stores one event in one transaction, audited. Adding an
// identical event again changes nothing and returns the existing one.
Result<AddedEvent> AddEvent(Workspace& ws, const Actor& actor, const EventInput& input, Date today);

// `antq events edit`: replaces the given fields of an event (an empty text removes a field).
// Returns whether anything changed: an edit that leaves the event as it was writes nothing and
// is not audited, and the user is told so rather than "saved".
Result<bool> EditEvent(Workspace& ws, const Actor& actor, int64_t id, const RawFields& changes,
                       Date today);

// `antq events delete` and `antq events restore`: soft delete and its undo, both audited.
Status SetEventDeleted(Workspace& ws, const Actor& actor, int64_t id, bool deleted);

struct EventsQuery {
  std::string register_code;
  std::string under;  // an area across time (see AreaUnits); empty = everything
  Date from = Date::Min();
  Date to = Date::Max();
  std::optional<Date> active_on;  // registers with active_from/active_to only
};

struct EventRow {
  Event event;
  const UnitVersion* unit = nullptr;  // as it was on the event's date
};

// The fields of an event for people: "participants=120; units_covered=23317", with units
// shown by their codes on the event's date.
std::string EventFieldsText(const Workspace& ws, const Event& event);

// `antq events list`.
Result<std::vector<EventRow>> ListEvents(const Workspace& ws, const Actor& actor,
                                         const EventsQuery& query);

// `antq events summary`: how many events, the total of each numeric field and of each item type.
struct EventSummary {
  size_t count = 0;
  std::map<std::string, double> field_totals;  // numeric field -> total
  std::map<std::string, double> item_totals;   // "items.sung" -> total
  double counted_items = 0;                    // items whose option is counted (not kg)
  size_t units = 0;                            // distinct units with events
  std::map<std::string, size_t> by_parent;     // parent unit name on the event date -> events
};
Result<EventSummary> SummariseEvents(const Workspace& ws, const Actor& actor,
                                     const EventsQuery& query);

// One rejected CSV row: its line, the column (1-based; 0 when the problem is the whole row) and
// the field it holds, and why.
struct RowProblem {
  int line = 0;
  int column = 0;
  std::string field;
  std::string message;
};

struct CsvImportReport {
  std::string register_code;
  size_t rows = 0;
  size_t added = 0;
  size_t unchanged = 0;
  std::vector<RowProblem> problems;
  bool written = false;  // false when problems rejected the whole file
};

// `antq events import FILE.csv`: one register per file, a header row with field codes or their
// Vietnamese or English names (date/ngày, unit/đơn vị/xã, items.sung or "Súng", …). Every row
// is checked first; by default any bad row rejects the whole file (the report lists every bad row
// with line and field); with `skip_invalid` the good rows are imported. All writes happen in one
// transaction, so a killed import leaves the store as it was. Rows already stored are unchanged.
// With `dry_run`, everything is checked and reported but nothing is written.
struct CsvImportOptions {
  bool skip_invalid = false;
  bool dry_run = false;
};
Result<CsvImportReport> ImportEventsCsv(Workspace& ws, const Actor& actor,
                                        const std::filesystem::path& file,
                                        const std::string& register_code,
                                        const CsvImportOptions& options, Date today);
// The same for CSV text that arrived as bytes (an upload); `name` is what errors call it. Rows
// of units outside the actor's data-entry scope are problems like any other.
Result<CsvImportReport> ImportEventsCsv(Workspace& ws, const Actor& actor, std::string_view text,
                                        const std::string& name, const std::string& register_code,
                                        const CsvImportOptions& options, Date today);

struct AuditRow {
  AuditEntry entry;
  const UnitVersion* unit = nullptr;
};

// `antq audit`: the newest changes about units of an area. `under` names the unit that had the
// code on `at` (codes are reused after the 2025 reorganisation: 23344 is a different commune
// before and after 2025-07-01).
Result<std::vector<AuditRow>> RecentChanges(const Workspace& ws, const Actor& actor,
                                            const std::string& under, size_t limit,
                                            Date at = Date::Today());

}  // namespace antq
