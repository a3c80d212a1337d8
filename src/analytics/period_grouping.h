#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/query.h"
#include "analytics/series.h"
#include "common/result.h"
#include "domain/calendar.h"
#include "domain/catalog.h"

namespace antq::analytics {

// The query's range and its period groups (the --by periods, or one group for the whole range):
// what each stored period of a series means for the query, and which group a dated event falls
// in. Groups are numbered as they are first met; group 0 is the whole range.
class PeriodGrouping {
 public:
  static constexpr int kOutside = -1;
  static constexpr int kFiner = -2;  // in range but cannot be split into the --by periods

  // A stored period: its group (or kOutside / kFiner) and its window, as days.
  struct Slot {
    int group = kOutside;
    int64_t start = 0;
    int64_t end = 0;
  };
  // The meaning of every period a series holds, indexed by ordinal - first.
  struct Table {
    uint16_t first = 0;
    std::vector<Slot> slots;
    uint16_t lo = 1, hi = 0;  // the ordinals in range (lo > hi: none)
  };

  // Checks the range (one type, in order, groupable by the --by periods) and finds its days.
  static Result<PeriodGrouping> Make(const Query& query);

  const Calendar& calendar() const { return *calendar_; }
  const DateRange& range() const { return range_; }

  // The table for a series' periods, in its data set's calendar; built once per calendar, type
  // and ordinal span. Not thread-safe: build every table before accumulating on two cores.
  const Table& TableFor(const Series& series, const Catalog& catalog);
  // The group of an event on `day` (which must be in range).
  Result<int> GroupOfDay(Date day);
  // The last day of each group period in range (of the range itself without --by), for counts
  // of what is active on a day.
  std::vector<std::pair<int, Date>> ClosingDays();

  int GroupId(const std::string& code);
  const std::vector<std::string>& codes() const { return codes_; }
  // The label of group `g`: its period code, or the range ("2019..2022").
  std::string Label(size_t g) const;

 private:
  PeriodGrouping(const Query& query, const Calendar& calendar, DateRange range)
      : query_(&query), calendar_(&calendar), range_(range) {}

  const Query* query_;
  const Calendar* calendar_;
  DateRange range_;
  std::vector<std::string> codes_ = {""};  // "" is the whole range
  std::unordered_map<std::string, int> ids_ = {{"", 0}};
  std::map<std::tuple<const Calendar*, PeriodType, uint16_t, uint16_t>, Table> tables_;
};

}  // namespace antq::analytics
