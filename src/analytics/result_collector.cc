#include "analytics/result_collector.h"

#include <algorithm>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "common/text.h"

namespace antq::analytics {

// The order of rows, kept apart from the rows themselves: a friend of the engine for its names'
// Vietnamese ranks.
class RowOrder {
 public:
  RowOrder(const Engine& engine, const UnitPlacement& placement)
      : e_(engine), placement_(placement) {}

  // The unit version that names a row unit: as of the query's date, else its last version.
  const UnitVersion* VersionOf(UnitId unit, Date day) const {
    if (unit == 0) return nullptr;
    if (const UnitVersion* v = e_.units_.VersionOf(unit, day)) return v;
    const auto all = e_.units_.VersionsOfUnit(unit);
    return all.empty() ? nullptr : all.back();
  }

  // Sorts slots by unit name (Vietnamese order). Names the engine ranked at start-up sort by
  // rank; a version it does not know (the registry changed under it) makes the query collate
  // the names itself.
  void Sort(std::vector<size_t>& slots, const std::vector<const UnitVersion*>& versions) const {
    const auto& all_versions = e_.units_.versions();
    auto rank_index = [&](const UnitVersion* v) -> size_t {
      if (all_versions.empty() || v < all_versions.data()) return SIZE_MAX;
      const auto i = static_cast<size_t>(v - all_versions.data());
      return i < e_.name_rank_.size() ? i : SIZE_MAX;
    };
    bool all_ranked = true;
    for (size_t s : slots) {
      if (placement_.slot_unit(s) && versions[s] && rank_index(versions[s]) == SIZE_MAX) {
        all_ranked = false;
      }
    }
    std::vector<std::string> keys(all_ranked ? 0 : versions.size());
    std::vector<uint32_t> ranks(versions.size(), 0);
    for (size_t s : slots) {
      const UnitVersion* v = placement_.slot_unit(s) ? versions[s] : nullptr;
      if (all_ranked) {
        // Unit 0 (the area, or "none") sorts first, as an empty name would.
        ranks[s] = v ? e_.name_rank_[rank_index(v)] + 1 : 0;
      } else {
        keys[s] = VietnameseSortKey(v ? v->name : "");
      }
    }
    std::stable_sort(slots.begin(), slots.end(), [&](size_t a, size_t b) {
      if (all_ranked) {
        if (ranks[a] != ranks[b]) return ranks[a] < ranks[b];
      } else if (keys[a] != keys[b]) {
        return keys[a] < keys[b];
      }
      return placement_.slot_unit(a) < placement_.slot_unit(b);
    });
  }

 private:
  const Engine& e_;
  const UnitPlacement& placement_;
};

QueryResult CollectRows(const Engine& engine, const Query& q, const MeasurePlan& plan,
                        const UnitPlacement& placement, const PeriodGrouping& periods,
                        const Accumulator& cells) {
  const size_t n_bases = plan.bases().size();
  const size_t n_slots = placement.slot_count();
  const size_t n_groups = periods.codes().size();
  // The (slot, group) pairs that hold anything, in any base.
  std::vector<std::vector<bool>> used(n_slots);
  size_t row_count = 0;
  for (size_t s = 0; s < n_slots; ++s) {
    for (size_t g = 0; g < n_groups; ++g) {
      for (size_t b = 0; b < n_bases; ++b) {
        if (!cells.Holds(b, s, g)) continue;
        if (used[s].empty()) used[s].resize(n_groups);
        used[s][g] = true;
        ++row_count;
        break;
      }
    }
  }
  RowOrder order(engine, placement);
  const Date day = q.as_of ? *q.as_of : periods.range().end;
  std::vector<size_t> slot_order;
  std::vector<const UnitVersion*> slot_versions(n_slots);
  const UnitVersion* root = order.VersionOf(placement.root(), day);
  for (size_t s = 0; s < n_slots; ++s) {
    if (used[s].empty()) continue;
    slot_order.push_back(s);
    const UnitId unit = placement.slot_unit(s);
    slot_versions[s] =
        unit ? order.VersionOf(unit, day) : (q.by_level || q.by_group ? nullptr : root);
  }
  // Unit groups keep the registry's order, after the units in none.
  if (!q.by_group) order.Sort(slot_order, slot_versions);
  // Periods in time order (2023W9 before 2023W13).
  std::vector<size_t> group_order(n_groups);
  std::vector<std::optional<Period>> group_periods(n_groups);
  for (size_t g = 0; g < n_groups; ++g) {
    group_order[g] = g;
    if (auto p = Period::Parse(periods.codes()[g])) group_periods[g] = *p;
  }
  std::stable_sort(group_order.begin(), group_order.end(), [&](size_t a, size_t b) {
    if (group_periods[a] && group_periods[b]) return *group_periods[a] < *group_periods[b];
    return periods.codes()[a] < periods.codes()[b];
  });
  QueryResult result;
  result.measures = q.measures;
  std::vector<std::string> labels(n_groups);
  for (size_t g = 0; g < n_groups; ++g) labels[g] = periods.Label(g);
  // Each slot's rows have a known place in the result, so a large result (a commune × month
  // grid of the country) is filled on two cores.
  std::vector<size_t> first_row(slot_order.size() + 1, 0);
  for (size_t i = 0; i < slot_order.size(); ++i) {
    const auto& u = used[slot_order[i]];
    first_row[i + 1] = first_row[i] + static_cast<size_t>(std::count(u.begin(), u.end(), true));
  }
  result.rows.resize(row_count);
  auto fill = [&](size_t from, size_t to) {
    std::vector<std::optional<double>> base_values(n_bases);
    for (size_t i = from; i < to; ++i) {
      const size_t s = slot_order[i];
      const UnitVersion* v = slot_versions[s];
      std::string code = v ? v->code : "";
      std::string name = v ? v->FullName() : "(không thuộc / none)";
      if (q.by_group) {
        const UnitGroup* group = placement.slot_group(s);
        code = group ? group->code : "";
        name = group ? group->name_vi : "(không thuộc nhóm nào / in no group)";
      }
      size_t r = first_row[i];
      for (size_t g : group_order) {
        if (g >= used[s].size() || !used[s][g]) continue;
        Row& row = result.rows[r++];
        row.unit_code = code;
        row.unit_name = name;
        row.period = labels[g];
        for (size_t b = 0; b < n_bases; ++b) base_values[b] = cells.CellValue(b, s, g);
        plan.Evaluate(base_values, row.values);
      }
    }
  };
  constexpr size_t kParallelRows = 20000;
  if (row_count < kParallelRows) {
    fill(0, slot_order.size());
    return result;
  }
  // Split where half the rows are.
  const size_t half = static_cast<size_t>(
      std::lower_bound(first_row.begin(), first_row.end(), row_count / 2) - first_row.begin());
  std::thread helper([&] { fill(std::min(half, slot_order.size()), slot_order.size()); });
  fill(0, std::min(half, slot_order.size()));
  helper.join();
  return result;
}

}  // namespace antq::analytics
