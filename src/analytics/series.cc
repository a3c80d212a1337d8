#include "analytics/series.h"

#include <algorithm>
#include <limits>

namespace antq::analytics {

const Column Series::kEmpty;

Column& Series::Slot(UnitId unit) {
  const auto u = static_cast<size_t>(unit);
  if (u >= slot_.size()) slot_.resize(u + 1, 0);
  if (slot_[u] == 0) {
    columns_.emplace_back();
    column_units_.push_back(unit);
    slot_[u] = static_cast<uint32_t>(columns_.size());
  }
  return columns_[slot_[u] - 1];
}

void Series::Widen(uint16_t period) {
  if (min_period_ > max_period_) {
    min_period_ = max_period_ = period;
    return;
  }
  min_period_ = std::min(min_period_, period);
  max_period_ = std::max(max_period_, period);
}

void Series::Store(UnitId unit, Column& column, size_t i, double value) {
  const auto f = static_cast<float>(value);
  const uint64_t key = ExactKey(unit, column.periods[i]);
  if (static_cast<double>(f) == value) {
    column.values[i] = f;
    exact_.erase(key);
  } else {
    column.values[i] = std::numeric_limits<float>::quiet_NaN();
    exact_[key] = value;
  }
}

bool Series::Put(UnitId unit, uint16_t period, double value) {
  Column& c = Slot(unit);
  auto it = std::lower_bound(c.periods.begin(), c.periods.end(), period);
  const auto i = static_cast<size_t>(it - c.periods.begin());
  const bool added = it == c.periods.end() || *it != period;
  if (added) {
    c.periods.insert(it, period);
    c.values.insert(c.values.begin() + static_cast<std::ptrdiff_t>(i), 0.0f);
    Widen(period);
  }
  Store(unit, c, i, value);
  return added;
}

bool Series::Erase(UnitId unit, uint16_t period) {
  const auto u = static_cast<size_t>(unit);
  if (u >= slot_.size() || slot_[u] == 0) return false;
  Column& c = columns_[slot_[u] - 1];
  auto it = std::lower_bound(c.periods.begin(), c.periods.end(), period);
  if (it == c.periods.end() || *it != period) return false;
  const auto i = it - c.periods.begin();
  exact_.erase(ExactKey(unit, period));
  c.periods.erase(it);
  c.values.erase(c.values.begin() + i);
  return true;
}

size_t Series::PutAll(UnitId unit, std::span<const std::pair<uint16_t, double>> values) {
  Column& c = Slot(unit);
  if (!c.periods.empty()) {
    size_t added = 0;
    for (const auto& [period, value] : values) added += Put(unit, period, value) ? 1 : 0;
    return added;
  }
  c.periods.reserve(values.size());
  c.values.reserve(values.size());
  for (const auto& [period, value] : values) {
    c.periods.push_back(period);
    c.values.push_back(0.0f);
    Store(unit, c, c.periods.size() - 1, value);
    Widen(period);
  }
  return values.size();
}

}  // namespace antq::analytics
