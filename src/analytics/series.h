#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "domain/period.h"
#include "domain/unit.h"

namespace antq::analytics {

// The values of one unit in one series, in period order: 2 bytes of period and 4 of value each.
// A value a float cannot hold exactly is stored as NaN and kept exactly in its Series.
struct Column {
  std::vector<uint16_t> periods;  // ordinals (period_ordinal.h), ascending
  std::vector<float> values;
};

// One element (and option) of one data set: a column per unit that has values, found through a
// table indexed by unit id (ids are small and dense), so a query reaches a unit's values without
// hashing and a scan over the country walks memory in order. About 6 bytes per value, plus 4
// bytes per unit id and ~100 per column.
class Series {
 public:
  Series(PeriodType type, std::string data_set) : type_(type), data_set_(std::move(data_set)) {}

  PeriodType type() const { return type_; }
  const std::string& data_set() const { return data_set_; }

  // Stores or replaces a value; true when it was new.
  bool Put(UnitId unit, uint16_t period, double value);
  // Removes a value; true when there was one.
  bool Erase(UnitId unit, uint16_t period);
  // Adds a unit's values in one go, sized exactly: the bulk path for loading at start-up.
  // `values` must be sorted by period without repeats. Returns how many were new.
  size_t PutAll(UnitId unit, std::span<const std::pair<uint16_t, double>> values);

  // The unit's column (empty when it has no values).
  const Column& ColumnOf(UnitId unit) const {
    const auto u = static_cast<size_t>(unit);
    return u < slot_.size() && slot_[u] != 0 ? columns_[slot_[u] - 1] : kEmpty;
  }
  // The columns in the order units first got values, and their units: for scans.
  size_t column_count() const { return columns_.size(); }
  const Column& column(size_t i) const { return columns_[i]; }
  UnitId column_unit(size_t i) const { return column_units_[i]; }
  // The value at position `i` of `unit`'s column.
  double ValueAt(UnitId unit, const Column& column, size_t i) const {
    const float v = column.values[i];
    if (v == v) return v;  // not NaN: the float is exact
    return exact_.at(ExactKey(unit, column.periods[i]));
  }
  // The smallest and largest period ordinal ever stored (an empty series: 1 and 0).
  uint16_t min_period() const { return min_period_; }
  uint16_t max_period() const { return max_period_; }

 private:
  static uint64_t ExactKey(UnitId unit, uint16_t period) {
    return (static_cast<uint64_t>(unit) << 16) | period;
  }
  Column& Slot(UnitId unit);
  void Store(UnitId unit, Column& column, size_t i, double value);
  void Widen(uint16_t period);

  static const Column kEmpty;
  PeriodType type_;
  std::string data_set_;
  std::vector<uint32_t> slot_;  // unit id -> 1 + index into columns_ (0: none)
  std::vector<Column> columns_;
  std::vector<UnitId> column_units_;
  std::unordered_map<uint64_t, double> exact_;
  uint16_t min_period_ = 1;
  uint16_t max_period_ = 0;
};

}  // namespace antq::analytics
