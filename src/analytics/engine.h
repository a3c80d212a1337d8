#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/query.h"
#include "analytics/series.h"
#include "analytics/unit_timeline.h"
#include "common/result.h"
#include "common/text.h"
#include "domain/calendar.h"
#include "domain/catalog.h"
#include "domain/event.h"
#include "domain/unit_registry.h"
#include "domain/values.h"

namespace antq::analytics {

// The in-memory analytics engine: every reported value and every event, held in compact
// per-series and per-register arrays, always current. It never reads the database: the app
// loads it at start-up (BulkLoader) and feeds it each committed write (Put/Erase), so the next
// query sees the write. Answers measures × units × periods for any area, at the time or through
// lineage. Not thread-safe for writes; queries are const and may use a second core.
class Engine {
 public:
  // Works out the Vietnamese order of all unit names once, so that queries with many rows sort
  // them without collating names again.
  Engine(const UnitRegistry& units, const Catalog& catalog);

  // A value was stored (or replaced), or removed.
  void PutValue(const DataValue& value);
  void EraseValue(UnitId unit, const std::string& element, const std::string& option,
                  const std::string& period);
  // An event was stored or changed (a deleted event is dropped).
  void PutEvent(const Event& event);

  // Loads many values without a DataValue each: the store streams its rows (grouped by unit,
  // element and option, as its key orders them) and each unit's column is sized once. Values
  // of a group that arrive apart are merged correctly, only slower. Flushes on destruction.
  class BulkLoader {
   public:
    explicit BulkLoader(Engine& engine) : engine_(engine) {}
    ~BulkLoader();
    BulkLoader(const BulkLoader&) = delete;
    BulkLoader& operator=(const BulkLoader&) = delete;

    void Add(UnitId unit, std::string_view element, std::string_view option,
             std::string_view data_set, std::string_view period, double value);
    void Flush();

   private:
    Engine& engine_;
    Series* series_ = nullptr;
    UnitId unit_ = 0;
    std::string element_, option_, data_set_;
    std::vector<std::pair<uint16_t, double>> pending_;
    // Period code -> (type, ordinal), looked up by string_view without building a string.
    std::unordered_map<std::string, std::pair<PeriodType, uint16_t>, TextHash, std::equal_to<>>
        periods_;
    std::vector<Series*> touched_;
  };

  size_t value_count() const { return value_count_; }
  size_t event_count() const;

  // Runs `query`. Errors name the part that is wrong: an unknown measure, a malformed
  // expression, a range whose end is before its start or of two types, a unit that did not
  // exist on the as-of date.
  Result<QueryResult> Run(const Query& query) const;

 private:
  struct EventRecord {
    int64_t id = 0;
    UnitId unit = 0;
    Date date;
    std::optional<Date> active_from;
    std::optional<Date> active_to;
    std::vector<std::pair<std::string, double>> numbers;  // "participants", "items.sung", …
  };
  // (element, option, data set, period type): a data set has one period type, but a value
  // stored under another one must not corrupt the series' ordinals.
  using SeriesKey = std::tuple<std::string, std::string, std::string, PeriodType>;

  Series& SeriesFor(const std::string& element, const std::string& option,
                    const std::string& data_set, PeriodType type);

  const UnitRegistry& units_;
  const Catalog& catalog_;
  UnitTimelines timelines_;
  // For each unit version (by its index in the registry's versions()), the rank of its name in
  // Vietnamese order.
  std::vector<uint32_t> name_rank_;
  std::map<SeriesKey, std::unique_ptr<Series>> series_;
  // element -> its series (all options and data sets), for queries.
  std::map<std::string, std::vector<std::pair<std::string, Series*>>> by_element_;
  std::map<std::string, std::vector<EventRecord>> events_;  // register -> records
  std::unordered_map<int64_t, std::pair<std::string, size_t>> event_slot_;
  size_t value_count_ = 0;

  // The parts of a query read the engine's state directly (query_runner.h).
  friend class QueryRunner;
  friend class Accumulator;
  friend class RowOrder;
  friend class SnapshotCodec;  // engine_snapshot.h: writes and reads these members whole
};

}  // namespace antq::analytics
