#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "domain/catalog.h"
#include "rules/validation.h"

namespace antq::rules {

// What each validation rule and each criteria version reads, worked out once per catalogue: a
// save then finds the checks its figures can change without parsing an expression again.
class RuleIndex {
 public:
  RuleIndex() = default;
  // Rules and criteria that do not parse are left out; the catalogue's load checks
  // (CheckValidationRules, Catalog::Validate) reject those before a catalogue is used.
  static RuleIndex Build(const Catalog& catalog);

  // The rules of `data_set` that read one of `elements`; all its rules when `elements` is empty.
  ReportValidator ValidatorFor(std::string_view data_set,
                               const std::vector<std::string>& elements = {}) const;

  // Whether the criteria `set` applies in `year` read one of `elements`, as a figure or as
  // evidence.
  bool CriteriaRead(const Catalog& catalog, const CriteriaSet& set, int year,
                    const std::vector<std::string>& elements) const;

 private:
  std::map<std::string, ReportValidator, std::less<>> validators_;
  // Element codes each criteria version reads.
  std::map<const CriteriaVersion*, std::set<std::string, std::less<>>> criteria_reads_;
};

}  // namespace antq::rules
