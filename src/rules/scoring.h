#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/scoring_sheet.h"
#include "domain/unit_registry.h"

namespace antq::rules {

// One item of a unit's sheet: the points the unit gave itself and those the reviewing level gave.
struct ItemScore {
  const ScoringItem* item = nullptr;
  std::optional<double> self;
  std::optional<double> review;
};

// A unit's rating: both totals, the class each earns, and notes on anything that makes the
// rating doubtful (an item scored above its maximum, an item not scored).
struct UnitRating {
  const UnitVersion* unit = nullptr;
  std::vector<ItemScore> items;
  std::optional<double> self_total;
  std::optional<double> review_total;
  const RatingClass* self_class = nullptr;
  const RatingClass* review_class = nullptr;
  std::vector<std::string> notes_vi;
  std::vector<std::string> notes_en;

  // The class that stands: the reviewer's when the sheet was reviewed, the unit's own before.
  const RatingClass* rated_class() const { return review_total ? review_class : self_class; }
};

struct Rating {
  const ScoringSheet* sheet = nullptr;
  int year = 0;
  Date day;
  std::vector<UnitRating> units;

  // How many units stand in `class_code`.
  size_t CountOf(const std::string& class_code) const;
};

// Rates every unit `sheet` concerns under `area` for assessment `year`, on the units of that
// year, from the item scores in `engine`. An item scored above its maximum counts as its
// maximum, with a note.
Result<Rating> RateUnits(const analytics::Engine& engine, const UnitRegistry& units,
                         const Catalog& catalog, const ScoringSheet& sheet, const std::string& area,
                         int year);

}  // namespace antq::rules
