#include "domain/scoring_sheet.h"

#include <algorithm>

namespace antq {

double ScoringSheet::max_total() const {
  double total = 0;
  for (const ScoringItem& item : items) total += item.max_points;
  return total;
}

const RatingClass* ScoringSheet::ClassFor(double points) const {
  for (const RatingClass& c : classes) {
    if (points >= c.min_points) return &c;
  }
  return nullptr;
}

bool ScoringSheet::Concerns(const UnitVersion& unit) const {
  if (unit.level != level) return false;
  return unit_types.empty() ||
         std::find(unit_types.begin(), unit_types.end(), unit.type) != unit_types.end();
}

}  // namespace antq
