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
struct ColumnView {
  const uint16_t* periods = nullptr;  // ordinals (period_ordinal.h), ascending
  const float* values = nullptr;
  size_t size = 0;
};

// One element (and option) of one data set: a column of values per unit that has any. Columns
// are packed side by side in blocks of kBlockColumns units, so that a scan over the country
// reads memory in order (each column its own allocation would cost a cache and TLB miss per
// unit), while a write moves at most one block. A table indexed by unit id (ids are small and
// dense) finds a unit's column without hashing. About 6 bytes per value.
class Series {
 public:
  static constexpr size_t kBlockColumns = 64;

  Series(PeriodType type, std::string data_set) : type_(type), data_set_(std::move(data_set)) {}

  PeriodType type() const { return type_; }
  const std::string& data_set() const { return data_set_; }

  // Stores or replaces a value; true when it was new.
  bool Put(UnitId unit, uint16_t period, double value);
  // Removes a value; true when there was one.
  bool Erase(UnitId unit, uint16_t period);
  // Adds a unit's values in one go: the bulk path for loading at start-up, which appends when
  // the unit is new. `values` must be sorted by period without repeats. Returns how many were
  // new.
  size_t PutAll(UnitId unit, std::span<const std::pair<uint16_t, double>> values);
  // Gives back the room kept for growth; after a bulk load.
  void ShrinkToFit();

  // The unit's column (empty when it has no values).
  ColumnView ColumnOf(UnitId unit) const {
    const auto u = static_cast<size_t>(unit);
    return u < slot_.size() && slot_[u] != 0 ? column(slot_[u] - 1) : ColumnView{};
  }
  // The columns in the order units first got values, and their units: for scans.
  size_t column_count() const { return column_units_.size(); }
  ColumnView column(size_t i) const {
    const Block& b = blocks_[i / kBlockColumns];
    const size_t j = i % kBlockColumns;
    return {b.periods.data() + b.starts[j], b.values.data() + b.starts[j],
            b.starts[j + 1] - b.starts[j]};
  }
  UnitId column_unit(size_t i) const { return column_units_[i]; }
  // The value at position `i` of `unit`'s column.
  double ValueAt(UnitId unit, const ColumnView& column, size_t i) const {
    const float v = column.values[i];
    if (v == v) return v;  // not NaN: the float is exact
    return exact_.at(ExactKey(unit, column.periods[i]));
  }
  // The smallest and largest period ordinal ever stored (an empty series: 1 and 0).
  uint16_t min_period() const { return min_period_; }
  uint16_t max_period() const { return max_period_; }

 private:
  // Columns [k * kBlockColumns, (k + 1) * kBlockColumns) side by side; column j of the block
  // spans [starts[j], starts[j + 1]).
  struct Block {
    std::vector<uint16_t> periods;
    std::vector<float> values;
    std::vector<uint32_t> starts = {0};
  };
  static uint64_t ExactKey(UnitId unit, uint16_t period) {
    return (static_cast<uint64_t>(unit) << 16) | period;
  }
  // The unit's column index, adding an empty column at the end when it has none.
  size_t ColumnIndex(UnitId unit);
  float Encode(UnitId unit, uint16_t period, double value);
  void Widen(uint16_t period);

  PeriodType type_;
  std::string data_set_;
  std::vector<uint32_t> slot_;  // unit id -> 1 + column index (0: none)
  std::vector<UnitId> column_units_;
  std::vector<Block> blocks_;
  std::unordered_map<uint64_t, double> exact_;
  uint16_t min_period_ = 1;
  uint16_t max_period_ = 0;

  friend class SnapshotCodec;  // engine_snapshot.h: writes and reads these members whole
};

}  // namespace antq::analytics
