#include "analytics/series.h"

#include <algorithm>
#include <limits>

namespace antq::analytics {

size_t Series::ColumnIndex(UnitId unit) {
  const auto u = static_cast<size_t>(unit);
  if (u >= slot_.size()) slot_.resize(u + 1, 0);
  if (slot_[u] == 0) {
    if (column_units_.size() % kBlockColumns == 0) blocks_.emplace_back();
    Block& b = blocks_.back();
    b.starts.push_back(b.starts.back());
    column_units_.push_back(unit);
    slot_[u] = static_cast<uint32_t>(column_units_.size());
  }
  return slot_[u] - 1;
}

void Series::Widen(uint16_t period) {
  if (min_period_ > max_period_) {
    min_period_ = max_period_ = period;
    return;
  }
  min_period_ = std::min(min_period_, period);
  max_period_ = std::max(max_period_, period);
}

float Series::Encode(UnitId unit, uint16_t period, double value) {
  const auto f = static_cast<float>(value);
  if (static_cast<double>(f) == value) {
    exact_.erase(ExactKey(unit, period));
    return f;
  }
  exact_[ExactKey(unit, period)] = value;
  return std::numeric_limits<float>::quiet_NaN();
}

bool Series::Put(UnitId unit, uint16_t period, double value) {
  const size_t c = ColumnIndex(unit);
  Block& b = blocks_[c / kBlockColumns];
  const size_t j = c % kBlockColumns;
  const auto first = b.periods.begin() + b.starts[j];
  const auto last = b.periods.begin() + b.starts[j + 1];
  const auto it = std::lower_bound(first, last, period);
  const auto at = it - b.periods.begin();
  const float stored = Encode(unit, period, value);
  if (it != last && *it == period) {
    b.values[static_cast<size_t>(at)] = stored;
    return false;
  }
  b.periods.insert(it, period);
  b.values.insert(b.values.begin() + at, stored);
  for (size_t k = j + 1; k < b.starts.size(); ++k) ++b.starts[k];
  Widen(period);
  return true;
}

bool Series::Erase(UnitId unit, uint16_t period) {
  const auto u = static_cast<size_t>(unit);
  if (u >= slot_.size() || slot_[u] == 0) return false;
  const size_t c = slot_[u] - 1;
  Block& b = blocks_[c / kBlockColumns];
  const size_t j = c % kBlockColumns;
  const auto first = b.periods.begin() + b.starts[j];
  const auto last = b.periods.begin() + b.starts[j + 1];
  const auto it = std::lower_bound(first, last, period);
  if (it == last || *it != period) return false;
  const auto at = it - b.periods.begin();
  exact_.erase(ExactKey(unit, period));
  b.periods.erase(it);
  b.values.erase(b.values.begin() + at);
  for (size_t k = j + 1; k < b.starts.size(); ++k) --b.starts[k];
  return true;
}

size_t Series::PutAll(UnitId unit, std::span<const std::pair<uint16_t, double>> values) {
  const size_t c = ColumnIndex(unit);
  Block& b = blocks_[c / kBlockColumns];
  const size_t j = c % kBlockColumns;
  const bool appendable = j + 2 == b.starts.size() && b.starts[j] == b.starts[j + 1];
  if (!appendable) {
    size_t added = 0;
    for (const auto& [period, value] : values) added += Put(unit, period, value) ? 1 : 0;
    return added;
  }
  // A new unit at the end of the last block: append.
  for (const auto& [period, value] : values) {
    b.periods.push_back(period);
    b.values.push_back(Encode(unit, period, value));
    Widen(period);
  }
  b.starts[j + 1] = static_cast<uint32_t>(b.periods.size());
  return values.size();
}

void Series::ShrinkToFit() {
  for (Block& b : blocks_) {
    b.periods.shrink_to_fit();
    b.values.shrink_to_fit();
  }
}

}  // namespace antq::analytics
