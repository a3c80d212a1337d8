#include "domain/unit_registry.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <set>

#include "common/text.h"

namespace antq {
namespace {

std::string Describe(const UnitVersion& v) { return fmt::format("{} {}", v.code, v.FullName()); }

std::string DescribeStart(Date d) {
  return d == Date::Min() ? std::string("the start of its validity") : d.ToString();
}

std::string SortKeyOf(const UnitVersion& v) {
  std::string key = VietnameseSortKey(v.name);
  key.push_back('\0');
  key += VietnameseSortKey(v.type);
  return key;
}

}  // namespace

UnitRegistry UnitRegistry::FromParts(std::vector<UnitVersion> versions,
                                     std::vector<LineageEvent> events,
                                     std::vector<UnitGroup> groups) {
  UnitRegistry r;
  r.versions_ = std::move(versions);
  r.events_ = std::move(events);
  r.groups_ = std::move(groups);
  r.search_keys_.reserve(r.versions_.size());
  r.sort_keys_.reserve(r.versions_.size());
  for (size_t i = 0; i < r.versions_.size(); ++i) r.Index(i);
  for (size_t i = 0; i < r.events_.size(); ++i) r.IndexEvent(i);
  for (const UnitGroup& g : r.groups_) r.next_group_id_ = std::max(r.next_group_id_, g.id + 1);
  return r;
}

void UnitRegistry::Index(size_t i) {
  const UnitVersion& v = versions_[i];
  if (search_keys_.size() <= i) search_keys_.resize(i + 1);
  if (sort_keys_.size() <= i) sort_keys_.resize(i + 1);
  search_keys_[i] = SearchKey(v.FullName());
  sort_keys_[i] = SortKeyOf(v);
  by_code_[v.code].push_back(i);
  by_unit_[v.unit_id].push_back(i);
  if (v.parent_id != 0) by_parent_[v.parent_id].push_back(i);
  next_version_id_ = std::max(next_version_id_, v.id + 1);
  next_unit_id_ = std::max(next_unit_id_, v.unit_id + 1);
}

void UnitRegistry::IndexEvent(size_t i) {
  const LineageEvent& e = events_[i];
  std::set<UnitId> from;
  std::set<UnitId> to;
  for (const LineageLink& l : e.links) {
    from.insert(l.from);
    to.insert(l.to);
  }
  for (UnitId u : from) events_from_[u].push_back(i);
  for (UnitId u : to) events_into_[u].push_back(i);
  next_event_id_ = std::max(next_event_id_, e.id + 1);
}

const UnitVersion* UnitRegistry::Find(std::string_view code, Date at) const {
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return nullptr;
  for (size_t i : it->second) {
    if (versions_[i].valid.Contains(at)) return &versions_[i];
  }
  return nullptr;
}

Result<const UnitVersion*> UnitRegistry::Resolve(std::string_view code, Date at) const {
  if (const UnitVersion* v = Find(code, at)) return v;
  const auto all = VersionsOfCode(code);
  if (all.empty()) {
    return Fail(ErrorCode::kNotFound, fmt::format("no unit has code '{}'", code));
  }
  // The version nearest before `at`, and what it became.
  const UnitVersion* before = nullptr;
  const UnitVersion* after = nullptr;
  for (const UnitVersion* v : all) {
    if (v->valid.end < at && (!before || v->valid.end > before->valid.end)) before = v;
    if (v->valid.start > at && (!after || v->valid.start < after->valid.start)) after = v;
  }
  std::string message = fmt::format("unit {} did not exist on {}", code, at.ToString());
  if (before) {
    message = fmt::format("unit {} ({}) did not exist on {}: it existed until {}", code,
                          before->FullName(), at.ToString(), before->valid.end.ToString());
    std::vector<std::string> successors;
    for (const LineageEvent* e : EventsFrom(before->unit_id)) {
      for (const LineageLink& l : e->links) {
        if (l.from != before->unit_id) continue;
        if (const UnitVersion* t = VersionOf(l.to, e->date)) {
          successors.push_back(fmt::format("{} (from {})", Describe(*t), e->date.ToString()));
        }
      }
    }
    if (successors.size() == 1) {
      message += "; its successor is " + successors.front();
    } else if (!successors.empty()) {
      message += "; its successors are " + fmt::format("{}", fmt::join(successors, ", "));
    }
  } else if (after) {
    message = fmt::format("unit {} ({}) did not exist on {}: it exists from {}", code,
                          after->FullName(), at.ToString(), after->valid.start.ToString());
  }
  return Fail(ErrorCode::kNotFound, message);
}

const UnitVersion* UnitRegistry::VersionOf(UnitId unit, Date at) const {
  auto it = by_unit_.find(unit);
  if (it == by_unit_.end()) return nullptr;
  for (size_t i : it->second) {
    if (versions_[i].valid.Contains(at)) return &versions_[i];
  }
  return nullptr;
}

std::vector<const UnitVersion*> UnitRegistry::VersionsOfCode(std::string_view code) const {
  std::vector<const UnitVersion*> out;
  auto it = by_code_.find(std::string(code));
  if (it == by_code_.end()) return out;
  for (size_t i : it->second) out.push_back(&versions_[i]);
  std::sort(out.begin(), out.end(),
            [](auto* a, auto* b) { return a->valid.start < b->valid.start; });
  return out;
}

std::vector<const UnitVersion*> UnitRegistry::VersionsOfUnit(UnitId unit) const {
  std::vector<const UnitVersion*> out;
  auto it = by_unit_.find(unit);
  if (it == by_unit_.end()) return out;
  for (size_t i : it->second) out.push_back(&versions_[i]);
  std::sort(out.begin(), out.end(),
            [](auto* a, auto* b) { return a->valid.start < b->valid.start; });
  return out;
}

std::vector<const UnitVersion*> UnitRegistry::Descendants(UnitId root, Date at,
                                                          std::optional<UnitLevel> level) const {
  std::vector<const UnitVersion*> out;
  // Explicit stack of child lists, so deep trees do not recurse.
  std::vector<std::pair<std::vector<size_t>, size_t>> stack;
  auto children_of = [&](UnitId parent) {
    std::vector<size_t> kids;
    auto it = by_parent_.find(parent);
    if (it == by_parent_.end()) return kids;
    for (size_t i : it->second) {
      if (versions_[i].valid.Contains(at)) kids.push_back(i);
    }
    std::sort(kids.begin(), kids.end(),
              [&](size_t a, size_t b) { return sort_keys_[a] < sort_keys_[b]; });
    return kids;
  };
  stack.emplace_back(children_of(root), 0);
  while (!stack.empty()) {
    auto& [kids, pos] = stack.back();
    if (pos == kids.size()) {
      stack.pop_back();
      continue;
    }
    const UnitVersion& v = versions_[kids[pos++]];
    if (!level || v.level == *level) out.push_back(&v);
    if (!level || LevelRank(v.level) < LevelRank(*level)) {
      stack.emplace_back(children_of(v.unit_id), 0);
    }
  }
  return out;
}

std::vector<std::pair<UnitId, DateRange>> UnitRegistry::SubtreeEver(UnitId root) const {
  std::vector<std::pair<UnitId, DateRange>> out;
  const auto root_versions = VersionsOfUnit(root);
  if (root_versions.empty()) return out;
  out.push_back({root, {root_versions.front()->valid.start, root_versions.back()->valid.end}});
  for (size_t i = 0; i < out.size(); ++i) {
    const auto [unit, when] = out[i];
    auto it = by_parent_.find(unit);
    if (it == by_parent_.end()) continue;
    for (size_t v : it->second) {
      const DateRange& valid = versions_[v].valid;
      const DateRange both{std::max(valid.start, when.start), std::min(valid.end, when.end)};
      if (both.start <= both.end) out.push_back({versions_[v].unit_id, both});
    }
  }
  return out;
}

std::vector<const UnitVersion*> UnitRegistry::Ancestors(UnitId unit, Date at) const {
  std::vector<const UnitVersion*> out;
  const UnitVersion* v = VersionOf(unit, at);
  while (v && v->parent_id != 0) {
    v = VersionOf(v->parent_id, at);
    if (v) out.push_back(v);
  }
  return out;
}

std::vector<const UnitVersion*> UnitRegistry::Search(std::string_view query,
                                                     std::optional<Date> at) const {
  const std::string q = SearchKey(query);
  std::vector<size_t> hits;
  for (size_t i = 0; i < versions_.size(); ++i) {
    if (at && !versions_[i].valid.Contains(*at)) continue;
    if (SearchKeyMatches(search_keys_[i], q)) hits.push_back(i);
  }
  std::sort(hits.begin(), hits.end(), [&](size_t a, size_t b) {
    if (sort_keys_[a] != sort_keys_[b]) return sort_keys_[a] < sort_keys_[b];
    return versions_[a].valid.start < versions_[b].valid.start;
  });
  std::vector<const UnitVersion*> out;
  out.reserve(hits.size());
  for (size_t i : hits) out.push_back(&versions_[i]);
  return out;
}

std::vector<const LineageEvent*> UnitRegistry::EventsFrom(UnitId unit) const {
  std::vector<const LineageEvent*> out;
  if (auto it = events_from_.find(unit); it != events_from_.end()) {
    for (size_t i : it->second) out.push_back(&events_[i]);
  }
  return out;
}

std::vector<const LineageEvent*> UnitRegistry::EventsInto(UnitId unit) const {
  std::vector<const LineageEvent*> out;
  if (auto it = events_into_.find(unit); it != events_into_.end()) {
    for (size_t i : it->second) out.push_back(&events_[i]);
  }
  return out;
}

const UnitGroup* UnitRegistry::FindGroup(std::string_view code) const {
  for (const UnitGroup& g : groups_) {
    if (g.code == code) return &g;
  }
  return nullptr;
}

std::vector<const UnitVersion*> UnitRegistry::GroupMembers(const UnitGroup& group, Date at) const {
  std::vector<const UnitVersion*> out;
  for (const UnitGroupMember& m : group.members) {
    if (!m.valid.Contains(at)) continue;
    if (const UnitVersion* v = VersionOf(m.unit_id, at)) out.push_back(v);
  }
  return out;
}

bool UnitRegistry::CoversRange(UnitId unit, const DateRange& range) const {
  auto versions = VersionsOfUnit(unit);
  Date cursor = range.start;
  for (const UnitVersion* v : versions) {
    if (v->valid.end < cursor) continue;
    if (v->valid.start > cursor) return false;
    if (v->valid.end >= range.end) return true;
    cursor = v->valid.end.AddDays(1);
  }
  return false;
}

Result<UnitChanges> UnitRegistry::Apply(const UnitDeclarations& decl) {
  UnitRegistry next = *this;
  UnitChanges changes;
  if (auto s = next.ApplyInPlace(decl, changes); !s) return Fail(s.error());
  *this = std::move(next);
  return changes;
}

Status UnitRegistry::ApplyInPlace(const UnitDeclarations& decl, UnitChanges& changes) {
  // Parents before children and earlier versions before later ones, whatever the file order.
  std::vector<const UnitDeclaration*> order;
  for (const UnitDeclaration& d : decl.units) order.push_back(&d);
  std::stable_sort(order.begin(), order.end(), [](auto* a, auto* b) {
    if (LevelRank(a->level) != LevelRank(b->level))
      return LevelRank(a->level) < LevelRank(b->level);
    return a->valid.start < b->valid.start;
  });
  // Lineage by (date, target code), to decide the identity of each new version.
  LineageTargets targets;
  for (const LineageDeclaration& l : decl.lineage) {
    for (const LineageTarget& t : l.to) targets[{l.date.days(), t.code}].push_back(&l);
  }
  for (const UnitDeclaration* d : order) {
    if (auto s = AddUnitDeclaration(*d, targets, changes); !s) return s;
  }
  for (const LineageDeclaration& d : decl.lineage) {
    if (auto s = AddLineageDeclaration(d, changes); !s) return s;
  }
  return AddGroupDeclarations(decl, changes);
}

Status UnitRegistry::AddUnitDeclaration(const UnitDeclaration& d, const LineageTargets& targets,
                                        UnitChanges& changes) {
  if (d.valid.end < d.valid.start) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("valid_to {} is before valid_from {}", d.valid.end.ToString(),
                            d.valid.start.ToString()),
                d.where + ": valid_to");
  }
  // The parent, as of the first day of this version, must exist for the version's whole life.
  const UnitVersion* parent = nullptr;
  if (d.parent_code.empty()) {
    if (d.level != UnitLevel::kCountry) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unit {} ({}) has no parent; only a country may be a root", d.code,
                              UnitLevelName(d.level)),
                  d.where + ": parent");
    }
  } else {
    parent = Find(d.parent_code, d.valid.start);
    if (!parent) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("parent unit {} does not exist on {}", d.parent_code,
                              DescribeStart(d.valid.start)),
                  d.where + ": parent");
    }
    if (LevelRank(parent->level) >= LevelRank(d.level)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("parent {} is a {}, which cannot contain a {}", Describe(*parent),
                              UnitLevelName(parent->level), UnitLevelName(d.level)),
                  d.where + ": parent");
    }
    if (!CoversRange(parent->unit_id, d.valid)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("parent {} does not exist for the whole of {}", Describe(*parent),
                              d.valid.ToString()),
                  d.where + ": parent");
    }
  }

  for (const UnitVersion* v : VersionsOfCode(d.code)) {
    const UnitVersion* vp = v->parent_id ? VersionOf(v->parent_id, v->valid.start) : nullptr;
    const std::string vparent = vp ? vp->code : std::string();
    if (v->valid == d.valid && v->level == d.level && v->type == d.type && v->name == d.name &&
        vparent == d.parent_code) {
      ++changes.unchanged;
      return Ok();
    }
    if (v->valid.Overlaps(d.valid)) {
      return Fail(ErrorCode::kConflict,
                  fmt::format("code {} already has a version valid {} ({}); versions of one code "
                              "must not overlap",
                              d.code, v->valid.ToString(), v->FullName()),
                  d.where + ": valid_from");
    }
  }

  // Identity: a rename or move keeps the unit; so does a new version of the same code that starts
  // the day after the previous one ends, unless that day a merge or split formed a new unit.
  UnitId unit_id = 0;
  bool formed_by_merge_or_split = false;
  if (auto it = targets.find({d.valid.start.days(), d.code}); it != targets.end()) {
    for (const LineageDeclaration* l : it->second) {
      if (l->kind == LineageKind::kRename || l->kind == LineageKind::kMove) {
        if (l->from_codes.size() == 1) {
          if (const UnitVersion* src = Find(l->from_codes[0], l->date.AddDays(-1))) {
            unit_id = src->unit_id;
          }
        }
      } else {
        formed_by_merge_or_split = true;
      }
    }
  }
  if (unit_id == 0 && !formed_by_merge_or_split && d.valid.start != Date::Min()) {
    if (const UnitVersion* prev = Find(d.code, d.valid.start.AddDays(-1))) unit_id = prev->unit_id;
  }
  if (unit_id == 0) unit_id = next_unit_id_;

  UnitVersion v;
  v.id = next_version_id_;
  v.unit_id = unit_id;
  v.code = d.code;
  v.level = d.level;
  v.type = d.type;
  v.name = d.name;
  v.parent_id = parent ? parent->unit_id : 0;
  v.valid = d.valid;
  versions_.push_back(v);
  Index(versions_.size() - 1);
  changes.versions.push_back(std::move(v));
  return Ok();
}

Status UnitRegistry::AddLineageDeclaration(const LineageDeclaration& d, UnitChanges& changes) {
  const Date before = d.date.AddDays(-1);
  std::vector<const UnitVersion*> from;
  for (const std::string& code : d.from_codes) {
    const UnitVersion* v = Find(code, before);
    if (!v) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("source unit {} does not exist on {}, the day before the change",
                              code, before.ToString()),
                  d.where + ": from");
    }
    if (v->valid.end != before) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("source unit {} is valid {}, but a {} on {} must end it on {}",
                              Describe(*v), v->valid.ToString(), LineageKindName(d.kind),
                              d.date.ToString(), before.ToString()),
                  d.where + ": from");
    }
    from.push_back(v);
  }
  std::vector<const UnitVersion*> to;
  double weight_sum = 0;
  for (const LineageTarget& t : d.to) {
    const UnitVersion* v = Find(t.code, d.date);
    if (!v || v->valid.start != d.date) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("target unit {} has no version starting on {}", t.code, d.date.ToString()),
          d.where + ": to");
    }
    if (!(t.weight > 0 && t.weight <= 1)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("weight {} of {} must be in (0, 1]", t.weight, t.code),
                  d.where + ": to");
    }
    weight_sum += t.weight;
    to.push_back(v);
  }
  const auto shape_error = [&](std::string_view rule) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("a {} needs {}; this one has {} source(s) and {} target(s)",
                            LineageKindName(d.kind), rule, from.size(), to.size()),
                d.where + ": kind");
  };
  if (d.kind == LineageKind::kMerge || d.kind == LineageKind::kSplit) {
    for (const UnitVersion* t : to) {
      for (const UnitVersion* f : from) {
        if (t->unit_id == f->unit_id) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("target {} already continues source {}; declare the {} in the "
                                  "same file as the version it forms",
                                  Describe(*t), Describe(*f), LineageKindName(d.kind)),
                      d.where + ": to");
        }
      }
    }
  }
  switch (d.kind) {
    case LineageKind::kMerge:
      if (from.empty() || to.size() != 1) return shape_error("one or more sources and one target");
      break;
    case LineageKind::kSplit:
      if (from.size() != 1 || to.size() < 2)
        return shape_error("one source and two or more targets");
      if (std::abs(weight_sum - 1.0) > 1e-6) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("split weights add up to {:.6g}, not 1", weight_sum),
                    d.where + ": to");
      }
      break;
    case LineageKind::kRename:
    case LineageKind::kMove:
      if (from.size() != 1 || to.size() != 1) return shape_error("one source and one target");
      if (from[0]->unit_id != to[0]->unit_id) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("{} of {} into {}: the target is already another unit",
                                LineageKindName(d.kind), Describe(*from[0]), Describe(*to[0])),
                    d.where + ": to");
      }
      break;
  }

  LineageEvent e;
  e.date = d.date;
  e.kind = d.kind;
  e.source = d.source;
  for (const UnitVersion* f : from) {
    for (size_t i = 0; i < to.size(); ++i) {
      e.links.push_back(
          {f->unit_id, to[i]->unit_id, d.kind == LineageKind::kSplit ? d.to[i].weight : 1.0});
    }
  }
  // Already known? Same date, kind and arrows.
  auto same_links = [](const LineageEvent& a, const LineageEvent& b) {
    if (a.links.size() != b.links.size()) return false;
    for (size_t i = 0; i < a.links.size(); ++i) {
      if (a.links[i].from != b.links[i].from || a.links[i].to != b.links[i].to ||
          std::abs(a.links[i].weight - b.links[i].weight) > 1e-9) {
        return false;
      }
    }
    return true;
  };
  for (const LineageEvent* existing : EventsInto(to.front()->unit_id)) {
    if (existing->date == e.date && existing->kind == e.kind && same_links(*existing, e)) {
      ++changes.unchanged;
      return Ok();
    }
  }
  e.id = next_event_id_;
  events_.push_back(e);
  IndexEvent(events_.size() - 1);
  changes.events.push_back(std::move(e));
  return Ok();
}

Status UnitRegistry::AddGroupDeclarations(const UnitDeclarations& decl, UnitChanges& changes) {
  std::vector<size_t> new_group_index;  // index into groups_ of groups created here
  for (const GroupDeclaration& g : decl.groups) {
    if (const UnitGroup* existing = FindGroup(g.code)) {
      if (existing->name_vi != g.name_vi || existing->name_en != g.name_en) {
        return Fail(ErrorCode::kConflict,
                    fmt::format("group {} already exists as '{}'", g.code, existing->name_vi),
                    g.where + ": name");
      }
      ++changes.unchanged;
      continue;
    }
    groups_.push_back({next_group_id_++, g.code, g.name_vi, g.name_en, {}});
    new_group_index.push_back(groups_.size() - 1);
  }
  for (const MembershipDeclaration& m : decl.memberships) {
    UnitGroup* group = nullptr;
    for (UnitGroup& g : groups_) {
      if (g.code == m.group_code) group = &g;
    }
    if (!group) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("no group has code '{}'", m.group_code),
                  m.where + ": group");
    }
    const UnitVersion* unit = nullptr;
    if (m.valid.start == Date::Min()) {
      auto versions = VersionsOfCode(m.unit_code);
      if (!versions.empty()) unit = versions.front();
    } else {
      unit = Find(m.unit_code, m.valid.start);
    }
    if (!unit) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("unit {} does not exist on {}", m.unit_code, DescribeStart(m.valid.start)),
          m.where + ": unit");
    }
    const UnitGroupMember member{unit->unit_id, m.valid};
    bool known = false;
    for (const UnitGroupMember& existing : group->members) {
      known = known || (existing.unit_id == member.unit_id && existing.valid == member.valid);
    }
    if (known) {
      ++changes.unchanged;
      continue;
    }
    group->members.push_back(member);
    const bool group_is_new = std::any_of(new_group_index.begin(), new_group_index.end(),
                                          [&](size_t i) { return &groups_[i] == group; });
    if (!group_is_new) changes.memberships.push_back({group->id, member});
  }
  for (size_t i : new_group_index) changes.groups.push_back(groups_[i]);
  return Ok();
}

}  // namespace antq
