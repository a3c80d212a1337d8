#include "analytics/unit_placement.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

namespace antq::analytics {

Result<UnitPlacement> UnitPlacement::Make(const UnitRegistry& units, const UnitTimelines& timelines,
                                          const Query& query, DateRange range) {
  UnitPlacement placement(units, timelines, query);
  if (auto s = placement.ResolveArea(range); !s) return Fail(s.error());
  if (auto s = placement.ResolveGroups(); !s) return Fail(s.error());
  placement.NumberSlots();
  return placement;
}

Status UnitPlacement::ResolveArea(DateRange range) {
  const Query& q = *query_;
  if (q.as_of) {
    auto root = units_->Resolve(q.under, *q.as_of);
    if (!root) {
      return Fail(
          ErrorCode::kNotFound,
          fmt::format("{} (the as-of date {})", root.error().message(), q.as_of->ToString()),
          "under");
    }
    root_ = (*root)->unit_id;
    if (q.by_level && LevelRank(*q.by_level) < LevelRank((*root)->level)) {
      return LevelAboveArea(**root);
    }
    return Ok();
  }
  const UnitVersion* root = units_->Find(q.under, range.end);
  if (!root) {
    const auto versions = units_->VersionsOfCode(q.under);
    if (versions.empty()) return Fail(units_->Resolve(q.under, range.end).error().At("under"));
    root = versions.front();
    for (const UnitVersion* v : versions) {
      if (v->valid.start <= range.end) root = v;
    }
  }
  root_ = root->unit_id;
  if (q.by_level && LevelRank(*q.by_level) < LevelRank(root->level)) return LevelAboveArea(*root);
  std::unordered_set<UnitId> seen;
  for (const auto& [unit, when] : units_->SubtreeEver(root_)) {
    if (seen.insert(unit).second) area_units_.push_back(unit);
  }
  return Ok();
}

Status UnitPlacement::LevelAboveArea(const UnitVersion& root) const {
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("the area {} {} is a {}; group it by a level below it, not by {}", root.code,
                  root.FullName(), UnitLevelName(root.level), UnitLevelName(*query_->by_level)),
      "by");
}

Status UnitPlacement::ResolveGroups() {
  const Query& q = *query_;
  if (q.by_group && q.by_level) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("group rows by a unit level ({}) or by unit group, not both",
                            UnitLevelName(*q.by_level)),
                "by");
  }
  if (!q.group.empty()) {
    filter_ = units_->FindGroup(q.group);
    if (!filter_) {
      std::string known;
      for (const UnitGroup& g : units_->groups()) known += (known.empty() ? "" : ", ") + g.code;
      return Fail(ErrorCode::kNotFound,
                  fmt::format("no unit group '{}'; known: {}", q.group,
                              known.empty() ? "none (antq units groups)" : known),
                  "group");
    }
    for (const UnitGroupMember& m : filter_->members) {
      memberships_[m.unit_id].push_back({kFilter, m.valid});
    }
  }
  if (q.by_group) {
    slot_groups_ = {nullptr};
    for (const UnitGroup& g : units_->groups()) {
      const int slot = static_cast<int>(slot_groups_.size());
      slot_groups_.push_back(&g);
      for (const UnitGroupMember& m : g.members) memberships_[m.unit_id].push_back({slot, m.valid});
    }
  }
  return Ok();
}

void UnitPlacement::NarrowToMemberships(const UnitTimelines::Stretch& s, Date day, Date& lo,
                                        Date& hi) const {
  auto consider = [&](Date d) {
    if (d <= day) {
      lo = std::max(lo, d);
    } else {
      hi = std::min(hi, d);
    }
  };
  for (UnitId u : s.at_level) {
    if (u == 0) continue;
    auto it = memberships_.find(u);
    if (it == memberships_.end()) continue;
    for (const Membership& m : it->second) {
      consider(m.valid.start);
      consider(m.valid.end.AddDays(1));
    }
  }
}

void UnitPlacement::NumberSlots() {
  // Without a level every figure goes to slot 0 (SlotOf never looks further), so a point query
  // does not pay for numbering every unit of the country.
  slot_of_unit_ = {0};
  slot_units_ = {0};
  if (query_->by_group) {
    slot_units_.assign(slot_groups_.size(), 0);
    return;
  }
  if (!query_->by_level) return;
  UnitId max_id = 0;
  for (const UnitVersion& v : units_->versions()) max_id = std::max(max_id, v.unit_id);
  slot_of_unit_.assign(static_cast<size_t>(max_id) + 1, -1);
  slot_of_unit_[0] = 0;
  for (const UnitVersion& v : units_->versions()) {
    auto& slot = slot_of_unit_[static_cast<size_t>(v.unit_id)];
    if (v.level != *query_->by_level || slot >= 0) continue;
    slot = static_cast<int>(slot_units_.size());
    slot_units_.push_back(v.unit_id);
  }
}

int UnitPlacement::SlotOf(const UnitTimelines::Stretch& s) const {
  const UnitId row = query_->by_level ? s.At(*query_->by_level) : 0;
  return std::max(0, slot_of_unit_[static_cast<size_t>(row)]);
}

std::vector<std::pair<UnitId, double>> UnitPlacement::Remap(UnitId unit, Date day) const {
  const Date as_of = *query_->as_of;
  if (units_->VersionOf(unit, as_of)) return {{unit, 1.0}};
  std::vector<std::pair<UnitId, double>> out;
  // The first change after `day` that took this unit's place.
  const LineageEvent* next = nullptr;
  for (const LineageEvent* ev : units_->EventsFrom(unit)) {
    if (ev->date > day && ev->date <= as_of && (!next || ev->date < next->date)) next = ev;
  }
  if (!next) return out;
  for (const LineageLink& l : next->links) {
    if (l.from != unit) continue;
    for (const auto& [successor, share] : Remap(l.to, next->date)) {
      out.emplace_back(successor, share * l.weight);
    }
  }
  return out;
}

DateRange UnitPlacement::LineageStretchOf(UnitId unit, Date day) const {
  DateRange stretch{Date::Min(), Date::Max()};
  // A change "on d" means Place may answer differently from d on: the unit appears or ends, or
  // a lineage event from it is no longer ahead of the figure.
  auto consider = [&](Date d) {
    if (d <= day) {
      stretch.start = std::max(stretch.start, d);
    } else {
      stretch.end = std::min(stretch.end, d);
    }
  };
  for (const UnitVersion* v : units_->VersionsOfUnit(unit)) {
    consider(v->valid.start);
    consider(v->valid.end.AddDays(1));
  }
  for (const LineageEvent* ev : units_->EventsFrom(unit)) consider(ev->date);
  return stretch;
}

const UnitPlacement::UnitPlace& UnitPlacement::PlaceOf(PlaceCache& cache, UnitId unit,
                                                       Date day) const {
  const auto u = static_cast<size_t>(unit);
  if (cache.size() <= u) cache.resize(u + 1);
  UnitPlace& p = cache[u];
  if (p.lo <= day && day < p.hi) return p;
  if (!query_->as_of) {
    // At the time: the unit's stretch of unchanged hierarchy that holds `day` says it all.
    p.lo = Date::Min();
    p.hi = Date::Max();
    p.exists = false;
    p.to.clear();
    for (const UnitTimelines::Stretch& s : timelines_->Of(unit)) {
      if (s.end < day) {
        p.lo = s.end.AddDays(1);
        continue;
      }
      if (day < s.start) {
        p.hi = s.start;
        break;
      }
      p.lo = s.start;
      p.hi = s.end.AddDays(1);
      p.exists = true;
      if (!s.Under(root_)) break;
      if (UsesGroups()) NarrowToMemberships(s, day, p.lo, p.hi);
      AddToRows(s, day, 1.0, [&](int slot, double share) { p.to.push_back({slot, share}); });
      break;
    }
    return p;
  }
  const DateRange stretch = LineageStretchOf(unit, day);
  p.lo = stretch.start;
  p.hi = stretch.end;
  p.exists = units_->VersionOf(unit, day) != nullptr;
  p.to.clear();
  Place(unit, day, [&](int slot, double share) { p.to.push_back({slot, share}); });
  return p;
}

}  // namespace antq::analytics
