#include "rules/assessment.h"

#include <algorithm>

#include "domain/calendar.h"

namespace antq::rules {

std::optional<double> AssessmentData::Value(const UnitVersion& unit, size_t index) const {
  auto it = by_unit.find(unit.code);
  if (it == by_unit.end() || index >= it->second.size()) return std::nullopt;
  return it->second[index];
}

std::optional<double> AssessmentData::Value(const UnitVersion& unit, const std::string& key) const {
  auto it = std::find(measures.begin(), measures.end(), key);
  if (it == measures.end()) return std::nullopt;
  return Value(unit, static_cast<size_t>(it - measures.begin()));
}

Result<AssessmentData> ReadAssessment(const analytics::Engine& engine, const UnitRegistry& units,
                                      const Catalog& catalog, const std::string& data_set,
                                      UnitLevel level, const std::string& area, int year,
                                      const std::vector<std::string>& measures) {
  AssessmentData data;
  data.measures = measures;
  const DataSet* ds = catalog.FindDataSet(data_set);
  const std::string calendar = ds ? ds->calendar : "gregorian";
  auto cal = Calendar::Find(calendar);
  if (!cal) return Fail(cal.error());
  auto window = (*cal)->Window(*Period::Make(PeriodType::kYearly, year, 1));
  if (!window) return Fail(window.error().At("period"));
  data.day = window->end;
  auto root = units.Resolve(area, data.day);
  if (!root) return Fail(root.error().At("under"));
  data.root = *root;
  // An area of the assessed level is that one unit.
  data.units = data.root->level == level ? std::vector<const UnitVersion*>{data.root}
                                         : units.Descendants(data.root->unit_id, data.day, level);
  if (!measures.empty()) {
    analytics::Query q;
    q.measures = measures;
    q.under = data.root->code;
    q.by_level = level;
    q.from = q.to = *Period::Make(PeriodType::kYearly, year, 1);
    q.calendar = calendar;
    auto result = engine.Run(q);
    if (!result) return Fail(result.error());
    for (analytics::Row& row : result->rows) data.by_unit[row.unit_code] = std::move(row.values);
  }
  return data;
}

}  // namespace antq::rules
