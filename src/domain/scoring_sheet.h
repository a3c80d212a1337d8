#pragma once

#include <string>
#include <vector>

#include "domain/unit.h"

namespace antq {

// The two scores every item of a sheet carries, as options of the item's element: the unit's
// own (self) and the reviewing level's (review), kept side by side.
inline constexpr std::string_view kSelfScore = "self";
inline constexpr std::string_view kReviewScore = "review";

// One line of a scoring sheet: what is scored, the most points it can earn, and the element
// (with the options self and review) holding the points given.
struct ScoringItem {
  std::string code;
  std::string name_vi;
  std::string name_en;
  double max_points = 0;
  std::string element;
};

// A class of the movement's rating and the least total it takes.
struct RatingClass {
  std::string code;  // an option of the class element: "xuat_sac"
  std::string name_vi;
  std::string name_en;
  double min_points = 0;
};

// A points sheet that rates the movement in a unit (QĐ 510/QĐ-BCA-V05 and each province's
// re-issue of it), apart from the pass/fail ATANTT recognition. The items and the class bands
// are configuration: the official bands were not confirmed, and provinces change both.
struct ScoringSheet {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string basis;
  UnitLevel level = UnitLevel::kCommune;
  std::vector<std::string> unit_types;  // empty: every unit of the level
  std::string data_set;                 // where the item elements are reported
  std::vector<ScoringItem> items;
  std::vector<RatingClass> classes;  // highest band first
  std::string where;

  double max_total() const;
  // The class a total earns, or nullptr when it is below every band.
  const RatingClass* ClassFor(double points) const;
  bool Concerns(const UnitVersion& unit) const;
};

}  // namespace antq
