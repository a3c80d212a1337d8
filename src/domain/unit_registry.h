#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/unit.h"

namespace antq {

// Units, lineage and groups as declared in a units file, before they are resolved against what is
// already known. `where` is the file and line, used in every error about the declaration.
struct UnitDeclaration {
  std::string where;
  std::string code;
  UnitLevel level = UnitLevel::kCommune;
  std::string type;
  std::string name;
  std::string parent_code;  // empty for the root
  DateRange valid{Date::Min(), Date::Max()};
};

struct LineageTarget {
  std::string code;
  double weight = 1.0;
};

struct LineageDeclaration {
  std::string where;
  Date date;
  LineageKind kind = LineageKind::kMerge;
  std::vector<std::string> from_codes;  // as of the day before `date`
  std::vector<LineageTarget> to;        // as of `date`
  std::string source;
};

struct GroupDeclaration {
  std::string where;
  std::string code;
  std::string name_vi;
  std::string name_en;
};

struct MembershipDeclaration {
  std::string where;
  std::string group_code;
  std::string unit_code;  // resolved as of the start of `valid` (or the unit's only version)
  DateRange valid{Date::Min(), Date::Max()};
};

struct UnitDeclarations {
  std::vector<UnitDeclaration> units;
  std::vector<LineageDeclaration> lineage;
  std::vector<GroupDeclaration> groups;
  std::vector<MembershipDeclaration> memberships;
};

// What applying declarations added; the store persists exactly this.
struct UnitChanges {
  std::vector<UnitVersion> versions;
  std::vector<LineageEvent> events;
  std::vector<UnitGroup> groups;  // new groups, with their new members
  struct Membership {
    int64_t group_id;
    UnitGroupMember member;
  };
  std::vector<Membership> memberships;  // new members of groups that already existed
  size_t unchanged = 0;                 // declarations that were already known

  bool empty() const {
    return versions.empty() && events.empty() && groups.empty() && memberships.empty();
  }
};

// The whole administrative tree over time, in memory: every version of every unit, the lineage
// between them and the unit groups. Answers "the tree as of date D" and "what became of unit X".
// Not thread-safe for writes; const methods may be called from many threads.
class UnitRegistry {
 public:
  UnitRegistry() = default;

  // Builds a registry from stored parts (already validated when they were imported).
  static UnitRegistry FromParts(std::vector<UnitVersion> versions, std::vector<LineageEvent> events,
                                std::vector<UnitGroup> groups);

  // Validates `decl` against what is known and adds what is new, all or nothing. Re-applying the
  // same declarations adds nothing and counts them as unchanged. Errors name the declaration's
  // file and line: a parent that does not exist for the whole life of the child, versions of one
  // code that overlap, lineage that refers to units that did not exist on its date, split weights
  // that do not add up to 1.
  Result<UnitChanges> Apply(const UnitDeclarations& decl);

  // The version of the unit with `code` valid on `at`, or nullptr.
  const UnitVersion* Find(std::string_view code, Date at) const;
  // Like Find, but the error explains what the code was and when, and names successors:
  // "unit 62 (Tỉnh Kon Tum) did not exist on 2025-07-01: it existed until 2025-06-30; its
  // successor is 51 Tỉnh Quảng Ngãi".
  Result<const UnitVersion*> Resolve(std::string_view code, Date at) const;

  const UnitVersion* VersionOf(UnitId unit, Date at) const;
  std::vector<const UnitVersion*> VersionsOfCode(std::string_view code) const;
  std::vector<const UnitVersion*> VersionsOfUnit(UnitId unit) const;

  // The units under `root` on `at`, depth first; siblings in Vietnamese alphabetical order of
  // their names without the type ("Xã", "Phường"). `level` keeps only that level.
  std::vector<const UnitVersion*> Descendants(UnitId root, Date at,
                                              std::optional<UnitLevel> level = {}) const;
  // Every unit that was ever below `root` (and `root` itself), with the days on which it was:
  // the data of an area across time ("everything recorded under Kon Tum") is the data of these
  // units on these days. A commune that moved to another province on 2025-07-01 belongs to the
  // old province's area only until 2025-06-30. A unit may appear more than once.
  std::vector<std::pair<UnitId, DateRange>> SubtreeEver(UnitId root) const;
  // Parent, grandparent, … of `unit` on `at`, nearest first.
  std::vector<const UnitVersion*> Ancestors(UnitId unit, Date at) const;
  // Units whose name (with or without type) matches `query` accent-insensitively, at the start
  // of a word. With `at`, only versions valid on that day; without, every version ever.
  std::vector<const UnitVersion*> Search(std::string_view query, std::optional<Date> at = {}) const;

  // Lineage events in which `unit` is a source (what it became) or a target (what formed it).
  std::vector<const LineageEvent*> EventsFrom(UnitId unit) const;
  std::vector<const LineageEvent*> EventsInto(UnitId unit) const;

  const UnitGroup* FindGroup(std::string_view code) const;
  // Members of `group` on `at`.
  std::vector<const UnitVersion*> GroupMembers(const UnitGroup& group, Date at) const;

  const std::vector<UnitVersion>& versions() const { return versions_; }
  const std::vector<LineageEvent>& events() const { return events_; }
  const std::vector<UnitGroup>& groups() const { return groups_; }
  size_t unit_count() const { return by_unit_.size(); }

 private:
  using LineageTargets =
      std::map<std::pair<int64_t, std::string>, std::vector<const LineageDeclaration*>>;
  Status ApplyInPlace(const UnitDeclarations& decl, UnitChanges& changes);
  Status AddUnitDeclaration(const UnitDeclaration& d, const LineageTargets& targets,
                            UnitChanges& changes);
  Status AddLineageDeclaration(const LineageDeclaration& d, UnitChanges& changes);
  Status AddGroupDeclarations(const UnitDeclarations& decl, UnitChanges& changes);
  void Index(size_t version_index);
  void IndexEvent(size_t event_index);
  bool CoversRange(UnitId unit, const DateRange& range) const;

  std::vector<UnitVersion> versions_;
  std::vector<std::string> search_keys_;  // SearchKey of FullName, parallel to versions_
  std::vector<std::string> sort_keys_;    // collation key of name then type, parallel
  std::vector<LineageEvent> events_;
  std::vector<UnitGroup> groups_;
  std::unordered_map<std::string, std::vector<size_t>> by_code_;
  std::unordered_map<UnitId, std::vector<size_t>> by_unit_;
  std::unordered_map<UnitId, std::vector<size_t>> by_parent_;
  std::unordered_map<UnitId, std::vector<size_t>> events_from_;
  std::unordered_map<UnitId, std::vector<size_t>> events_into_;
  int64_t next_version_id_ = 1;
  UnitId next_unit_id_ = 1;
  int64_t next_event_id_ = 1;
  int64_t next_group_id_ = 1;
};

}  // namespace antq
