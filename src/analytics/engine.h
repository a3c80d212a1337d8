#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/query.h"
#include "common/result.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/event.h"
#include "domain/unit_registry.h"
#include "domain/values.h"

namespace antq::analytics {

// The in-memory analytics engine: every reported value and every event, held in compact
// per-series and per-register arrays, always current. It never reads the database: the app
// loads it at start-up and feeds it each committed write (Put/Erase), so the next query sees
// the write. Answers measures × units × periods for any area, at the time or through lineage.
// Not thread-safe for writes; queries are const.
class Engine {
 public:
  Engine(const UnitRegistry& units, const Catalog& catalog) : units_(units), catalog_(catalog) {}

  // A value was stored (or replaced), or removed.
  void PutValue(const DataValue& value);
  void EraseValue(UnitId unit, const std::string& element, const std::string& option,
                  const std::string& period);
  // An event was stored or changed (a deleted event is dropped).
  void PutEvent(const Event& event);

  size_t value_count() const { return value_count_; }
  size_t event_count() const;

  // Runs `query`. Errors name the part that is wrong: an unknown measure, a malformed
  // expression, a range whose end is before its start or of two types, a unit that did not
  // exist on the as-of date.
  Result<QueryResult> Run(const Query& query) const;

 private:
  struct Entry {
    uint32_t period;  // index into periods_
    double value;
  };
  // One element (and option): per unit, its values sorted by period index.
  using Series = std::unordered_map<UnitId, std::vector<Entry>>;

  struct EventRecord {
    int64_t id = 0;
    UnitId unit = 0;
    Date date;
    std::optional<Date> active_from;
    std::optional<Date> active_to;
    std::vector<std::pair<std::string, double>> numbers;  // "participants", "items.sung", …
  };

  uint32_t PeriodIndex(const std::string& code);

  const UnitRegistry& units_;
  const Catalog& catalog_;
  std::vector<Period> periods_;
  std::unordered_map<std::string, uint32_t> period_index_;
  std::map<std::pair<std::string, std::string>, Series> series_;  // (element, option)
  std::map<std::string, std::string> series_data_set_;            // element -> data set
  std::map<std::string, std::vector<EventRecord>> events_;        // register -> records
  std::unordered_map<int64_t, std::pair<std::string, size_t>> event_slot_;
  size_t value_count_ = 0;

  friend class QueryRunner;
};

}  // namespace antq::analytics
