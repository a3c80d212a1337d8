#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include "analytics/period_grouping.h"

namespace antq::analytics {

// One base figure added up for one row unit (slot) and period group: enough to answer sum,
// average, count, min and max.
struct Cell {
  double sum = 0;
  double count = 0;
  double min = 0;
  double max = 0;
  bool any = false;

  void Add(double value, double share) {
    if (!any) {
      any = true;
      min = max = value;
    }
    sum += value * share;
    count += share;
    min = std::min(min, value);
    max = std::max(max, value);
  }
};

// A base figure's cells: [slot][period group]; an inner vector stays empty until its slot is
// used. For stocks ("last"), `last` keeps per cell the latest period reported and its total.
struct BaseCells {
  std::vector<std::vector<Cell>> cells;
  std::vector<std::vector<std::pair<int64_t, double>>> last;  // (period rank, total)
  std::optional<Period> finer_than_reported;

  // Adds `value` × `share` to a cell, growing the cells as events and verdicts need.
  void AddTo(int slot, int group, double value, double share) {
    auto& row = cells[static_cast<size_t>(slot)];
    if (row.size() <= static_cast<size_t>(group)) row.resize(static_cast<size_t>(group) + 1);
    row[static_cast<size_t>(group)].Add(value, share);
  }
  // Whether (slot, group) holds anything.
  bool Holds(size_t slot, size_t group) const {
    if (slot < cells.size() && group < cells[slot].size() && cells[slot][group].any) return true;
    return slot < last.size() && group < last[slot].size() && last[slot][group].first >= 0;
  }
};

}  // namespace antq::analytics
