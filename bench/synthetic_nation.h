#pragma once

#include <fmt/format.h>

#include <vector>

#include "domain/unit_registry.h"

namespace antq::bench {

// A deterministic country shaped like Việt Nam before 2025: `provinces` provinces of 11 or 12
// districts, each of 15 communes (63 provinces give about 10,600 communes). Units are coded
// VN, P<n>, D<n>, C<n> and exist for all time.
struct SyntheticNation {
  UnitRegistry units;
  UnitChanges changes;  // what a store must save to hold the same units
  int communes = 0;
  std::vector<int> district_of;  // commune -> district number
  std::vector<int> province_of;  // district -> province number
};

inline SyntheticNation MakeSyntheticNation(int provinces) {
  SyntheticNation n;
  UnitDeclarations d;
  const DateRange always{Date::Min(), Date::Max()};
  d.units.push_back({"b", "VN", UnitLevel::kCountry, "", "Việt Nam", "", always});
  int district = 0;
  for (int p = 0; p < provinces; ++p) {
    d.units.push_back({"b", fmt::format("P{}", p), UnitLevel::kProvince, "Tỉnh",
                       fmt::format("Tỉnh {}", p), "VN", always});
    for (int k = 0; k < 11 + (p % 5 == 0 ? 1 : 0); ++k, ++district) {
      d.units.push_back({"b", fmt::format("D{}", district), UnitLevel::kDistrict, "Huyện",
                         fmt::format("Huyện {}", district), fmt::format("P{}", p), always});
      n.province_of.push_back(p);
      for (int c = 0; c < 15; ++c) {
        d.units.push_back({"b", fmt::format("C{}", n.communes), UnitLevel::kCommune, "Xã",
                           fmt::format("Xã {}", n.communes), fmt::format("D{}", district), always});
        n.district_of.push_back(district);
        ++n.communes;
      }
    }
  }
  n.changes = *n.units.Apply(d);
  return n;
}

}  // namespace antq::bench
