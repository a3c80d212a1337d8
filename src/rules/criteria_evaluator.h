#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "analytics/engine.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/criteria.h"
#include "domain/unit_registry.h"

namespace antq::rules {

// Checks every criterion of every criteria set in `catalog`: both sides parse and refer only to
// known elements (or element.option). Errors name the set, the criterion, its file:line and the
// column ("criteria set atantt-commune, criterion k4.recognised (criteria.toml:40): left:
// column 12: expected ')'"). Run when a catalogue is loaded.
Status CheckCriteria(const Catalog& catalog);

// One criterion's outcome for one unit, with the values it used and, when it is not met, the
// reason in Vietnamese and English ("Khoản 4: ... 64 % < 70 %").
struct CriterionOutcome {
  enum class State { kMet, kFailed, kMissing, kSkipped };
  const Criterion* criterion = nullptr;
  State state = State::kMet;
  std::optional<double> left;
  std::optional<double> right;
  std::vector<std::pair<std::string, std::optional<double>>> values;  // each reference's value
  std::string reason_vi;
  std::string reason_en;
  std::string evidence;  // the text of the criterion's evidence element, if any
};

// A unit's verdict: met when every criterion that was not skipped is met.
struct UnitVerdict {
  const UnitVersion* unit = nullptr;
  bool met = false;
  std::vector<CriterionOutcome> outcomes;
};

struct Evaluation {
  const CriteriaSet* set = nullptr;
  // The set whose criteria applied (another one when the year's version is `same_as` it).
  const CriteriaSet* criteria_from = nullptr;
  const CriteriaVersion* version = nullptr;
  // The text the set rests on for the year (the set's own version, even when it reuses another
  // set's criteria).
  std::string basis;
  int year = 0;
  Date day;  // the units are those of this day: the last of the assessment year
  const Recogniser* recogniser = nullptr;  // who recognises on `day`, if the catalogue says
  std::vector<UnitVerdict> units;

  size_t met_count() const;
};

// The text a unit reported for an evidence element in the assessment year ("" if none).
using EvidenceOf = std::function<std::string(const UnitVersion& unit, const std::string& element)>;

// "x/y met" per unit of `level` above the evaluated units, as they stood on the evaluation
// day (the districts of 2022 for 2022, the provinces of 2026 for 2026), in Vietnamese order.
struct GroupCount {
  const UnitVersion* group = nullptr;
  size_t met = 0;
  size_t total = 0;
};
std::vector<GroupCount> CountByLevel(const Evaluation& evaluation, const UnitRegistry& units,
                                     UnitLevel level);

// Evaluates `set` for assessment `year` on every unit it concerns under `area` (a unit code, as
// it was on the last day of the assessment year under the set's data-set calendar), reading the
// values from `engine`. Results are on the units of that year, never carried through lineage.
Result<Evaluation> EvaluateCriteria(const analytics::Engine& engine, const UnitRegistry& units,
                                    const Catalog& catalog, const CriteriaSet& set,
                                    const std::string& area, int year,
                                    const EvidenceOf& evidence = {});

// The criteria that apply to `set` in `year` (following one same_as): the set they come from and
// the version, or nulls.
std::pair<const CriteriaSet*, const CriteriaVersion*> CriteriaFor(const Catalog& catalog,
                                                                  const CriteriaSet& set, int year);

}  // namespace antq::rules
