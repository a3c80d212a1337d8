#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit_registry.h"

namespace antq::rules {

// What a yearly assessment (criteria or scoring) reads: the units of one level under an area on
// the last day of the assessment year, as the data set's calendar counts it, and the yearly
// values of some measures for each, from one engine query. Assessments are made on the units of
// their year and never carried through lineage: a ratio cannot be carried across a merge.
struct AssessmentData {
  Date day;
  const UnitVersion* root = nullptr;
  std::vector<const UnitVersion*> units;  // every unit of the level under root on `day`
  std::vector<std::string> measures;

  // The value of `measures[index]` for a unit, or nullopt.
  std::optional<double> Value(const UnitVersion& unit, size_t index) const;
  std::optional<double> Value(const UnitVersion& unit, const std::string& key) const;

  std::map<std::string, std::vector<std::optional<double>>> by_unit;  // unit code -> values
};

Result<AssessmentData> ReadAssessment(const analytics::Engine& engine, const UnitRegistry& units,
                                      const Catalog& catalog, const std::string& data_set,
                                      UnitLevel level, const std::string& area, int year,
                                      const std::vector<std::string>& measures);

}  // namespace antq::rules
