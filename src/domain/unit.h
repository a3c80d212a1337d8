#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"

namespace antq {

// Levels of the administrative tree. Districts exist only until 2025-06-30.
enum class UnitLevel { kCountry, kProvince, kDistrict, kCommune, kResidential };

std::string_view UnitLevelName(UnitLevel level);  // "country", "province", …
Result<UnitLevel> ParseUnitLevel(std::string_view name);
inline int LevelRank(UnitLevel level) { return static_cast<int>(level); }

// The internal, stable identity of a unit. GSO codes are reused over time (23425 was Xã Đắk Hà
// until 2025-06-30 and is Xã Tu Mơ Rông after), so a unit is found by (code, date) and known by
// its UnitId.
using UnitId = int64_t;

// One state of a unit: what it was called, where it sat and when. A unit that is renamed or moved
// keeps its UnitId and gets a new version; a merge or split creates new units.
struct UnitVersion {
  int64_t id = 0;
  UnitId unit_id = 0;
  std::string code;
  UnitLevel level = UnitLevel::kCommune;
  std::string type;  // "Xã", "Phường", "Thị trấn", "Huyện", "Thành phố", "Tỉnh", "Quốc gia"
  std::string name;      // without the type: "Đắk Hà"
  UnitId parent_id = 0;  // 0 for the root
  DateRange valid{Date::Min(), Date::Max()};

  std::string FullName() const { return type.empty() ? name : type + " " + name; }
};

enum class LineageKind { kMerge, kSplit, kRename, kMove };

std::string_view LineageKindName(LineageKind kind);
Result<LineageKind> ParseLineageKind(std::string_view name);

// One arrow of a lineage event. `weight` is the share of the source that went to the target: 1 for
// merges, renames and moves; the split weights of one source add up to 1.
struct LineageLink {
  UnitId from = 0;
  UnitId to = 0;
  double weight = 1.0;
};

// A change of the tree on `date` (the first day of the new state), with the document behind it.
struct LineageEvent {
  int64_t id = 0;
  Date date;
  LineageKind kind = LineageKind::kMerge;
  std::vector<LineageLink> links;
  std::string source;
};

// A named set of units (border communes, key areas), with dated memberships.
struct UnitGroupMember {
  UnitId unit_id = 0;
  DateRange valid{Date::Min(), Date::Max()};
};

struct UnitGroup {
  int64_t id = 0;
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::vector<UnitGroupMember> members;
};

}  // namespace antq
