#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <unordered_map>
#include <utility>
#include <vector>

#include "analytics/query.h"
#include "analytics/unit_timeline.h"
#include "common/result.h"
#include "domain/unit_registry.h"

namespace antq::analytics {

// Where a unit's figures go in a query: the query's area is resolved once, its row units (the
// units of the --by level, or the area alone) are numbered as slots, and a figure of a unit on a
// day is placed in the slot of its row unit at the time, or, as of a later date, carried through
// lineage to the units of that date (a merge adds up, a split divides by its weights). Slot 0 is
// the area itself, or "none of the row units". With --group, only units of the group count;
// with --by group, the row "units" are the registry's unit groups.
class UnitPlacement {
 public:
  struct Placed {
    int slot;
    double share;
  };
  // The slots a figure goes to: nearly always one or two, kept inline (a national query looks
  // this up for ten thousand units, and one allocation each would cost more than the scan).
  class PlaceList {
   public:
    void clear() {
      size_ = 0;
      more_.clear();
    }
    void push_back(Placed p) {
      if (size_ < few_.size()) {
        few_[size_] = p;
      } else {
        more_.push_back(p);
      }
      ++size_;
    }
    size_t size() const { return size_; }
    const Placed& operator[](size_t i) const {
      return i < few_.size() ? few_[i] : more_[i - few_.size()];
    }

   private:
    std::array<Placed, 2> few_{};
    std::vector<Placed> more_;
    size_t size_ = 0;
  };
  // Where a unit's figures go for days in [lo, hi): worked out once per unit and stretch of
  // time in which neither the unit, its ancestors, the area nor its lineage changed.
  struct UnitPlace {
    Date lo = Date::Max();
    Date hi = Date::Min();
    bool exists = false;
    PlaceList to;
  };
  using PlaceCache = std::vector<UnitPlace>;  // indexed by unit id; one per thread

  // Resolves the area: on the as-of date, or the version that stood at the range's end (or
  // last before it). Fails when the area is unknown or the --by level is above it.
  static Result<UnitPlacement> Make(const UnitRegistry& units, const UnitTimelines& timelines,
                                    const Query& query, DateRange range);

  // Calls add(slot, share) for each slot a figure of `unit` on `day` goes to.
  template <typename F>
  void Place(UnitId unit, Date day, F add) const {
    if (!query_->as_of) {
      const UnitTimelines::Stretch* s = timelines_->At(unit, day);
      if (s && s->Under(root_)) AddToRows(*s, day, 1.0, add);
      return;
    }
    for (const auto& [successor, share] : Remap(unit, day)) {
      const UnitTimelines::Stretch* s = timelines_->At(successor, *query_->as_of);
      if (s && s->Under(root_)) AddToRows(*s, *query_->as_of, share, add);
    }
  }
  // Place, cached over the stretch of days that share the answer.
  const UnitPlace& PlaceOf(PlaceCache& cache, UnitId unit, Date day) const;

  UnitId root() const { return root_; }
  // Every unit ever under the area, once (not as of a date); empty with an as-of date.
  const std::vector<UnitId>& area_units() const { return area_units_; }
  size_t slot_count() const { return slot_units_.size(); }
  UnitId slot_unit(size_t slot) const { return slot_units_[slot]; }
  // With --by group: the group of a slot (nullptr for slot 0, the units in no group).
  const UnitGroup* slot_group(size_t slot) const {
    return slot < slot_groups_.size() ? slot_groups_[slot] : nullptr;
  }

 private:
  UnitPlacement(const UnitRegistry& units, const UnitTimelines& timelines, const Query& query)
      : units_(&units), timelines_(&timelines), query_(&query) {}
  Status ResolveArea(DateRange range);
  Status LevelAboveArea(const UnitVersion& root) const;
  void NumberSlots();
  // The slot a figure goes to from a unit's stretch: its ancestor of the --by level, or the area.
  int SlotOf(const UnitTimelines::Stretch& s) const;
  std::vector<std::pair<UnitId, double>> Remap(UnitId unit, Date day) const;
  // As of a date: the days around `day` on which Place(unit, ·) answers the same: [start, end),
  // end exclusive. (At the time, the unit's timeline stretch says it.)
  DateRange LineageStretchOf(UnitId unit, Date day) const;

  // A unit's membership of a group that matters to the query: the --group filter (kFilter) or
  // a row group (its slot).
  static constexpr int kFilter = -1;
  struct Membership {
    int group;
    DateRange valid;
  };
  Status ResolveGroups();
  bool UsesGroups() const { return filter_ || query_->by_group; }
  // Calls add(slot, share) for the rows a figure of a unit in stretch `s` goes to on `day`: the
  // --by level's unit, or each group the unit (or a unit above it) belongs to that day.
  template <typename F>
  void AddToRows(const UnitTimelines::Stretch& s, Date day, double share, F add) const {
    if (!UsesGroups()) {
      add(SlotOf(s), share);
      return;
    }
    bool in_filter = !filter_;
    std::array<int, 8> rows{};
    size_t n_rows = 0;
    for (UnitId u : s.at_level) {
      if (u == 0) continue;
      auto it = memberships_.find(u);
      if (it == memberships_.end()) continue;
      for (const Membership& m : it->second) {
        if (!m.valid.Contains(day)) continue;
        if (m.group == kFilter) {
          in_filter = true;
        } else if (std::find(rows.begin(), rows.begin() + n_rows, m.group) ==
                       rows.begin() + n_rows &&
                   n_rows < rows.size()) {
          rows[n_rows++] = m.group;
        }
      }
    }
    if (!in_filter) return;
    if (!query_->by_group) {
      add(SlotOf(s), share);
      return;
    }
    if (n_rows == 0) add(0, share);
    for (size_t i = 0; i < n_rows; ++i) add(rows[i], share);
  }
  // Narrows [lo, hi) around `day` to the days on which the memberships of the units of `s` stay
  // as they are.
  void NarrowToMemberships(const UnitTimelines::Stretch& s, Date day, Date& lo, Date& hi) const;

  const UnitRegistry* units_;
  const UnitTimelines* timelines_;
  const Query* query_;
  UnitId root_ = 0;
  std::vector<UnitId> area_units_;
  std::vector<int> slot_of_unit_;  // unit id -> slot (-1: not a row unit)
  std::vector<UnitId> slot_units_;
  const UnitGroup* filter_ = nullptr;
  std::vector<const UnitGroup*> slot_groups_;
  std::unordered_map<UnitId, std::vector<Membership>> memberships_;
};

}  // namespace antq::analytics
