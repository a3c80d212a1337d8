#include "domain/unit.h"

#include <fmt/format.h>

namespace antq {

std::string_view UnitLevelName(UnitLevel level) {
  switch (level) {
    case UnitLevel::kCountry:
      return "country";
    case UnitLevel::kProvince:
      return "province";
    case UnitLevel::kDistrict:
      return "district";
    case UnitLevel::kCommune:
      return "commune";
    case UnitLevel::kResidential:
      return "residential";
  }
  return "?";
}

Result<UnitLevel> ParseUnitLevel(std::string_view name) {
  for (UnitLevel l : {UnitLevel::kCountry, UnitLevel::kProvince, UnitLevel::kDistrict,
                      UnitLevel::kCommune, UnitLevel::kResidential}) {
    if (name == UnitLevelName(l)) return l;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown level '{}'; use country, province, district, commune or "
                          "residential",
                          name),
              "level");
}

std::string_view LineageKindName(LineageKind kind) {
  switch (kind) {
    case LineageKind::kMerge:
      return "merge";
    case LineageKind::kSplit:
      return "split";
    case LineageKind::kRename:
      return "rename";
    case LineageKind::kMove:
      return "move";
  }
  return "?";
}

Result<LineageKind> ParseLineageKind(std::string_view name) {
  for (LineageKind k :
       {LineageKind::kMerge, LineageKind::kSplit, LineageKind::kRename, LineageKind::kMove}) {
    if (name == LineageKindName(k)) return k;
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown lineage kind '{}'; use merge, split, rename or move", name),
              "kind");
}

}  // namespace antq
