#include "rules/rule_index.h"

#include "rules/criteria_evaluator.h"

namespace antq::rules {

RuleIndex RuleIndex::Build(const Catalog& catalog) {
  RuleIndex index;
  for (const auto& [code, data_set] : catalog.data_sets()) {
    auto validator = ReportValidator::For(catalog, code);
    if (validator && !validator->empty()) index.validators_.emplace(code, std::move(*validator));
  }
  for (const auto& [code, set] : catalog.criteria_sets()) {
    for (const CriteriaVersion& version : set.versions) {
      auto& reads = index.criteria_reads_[&version];
      for (const Criterion& c : version.criteria) {
        if (!c.evidence.empty()) reads.insert(c.evidence);
        auto comparison = Comparison::Parse(c.left, c.op, c.right);
        if (!comparison) continue;
        for (const std::string& key : comparison->keys()) {
          if (auto measure = catalog.FindMeasure(key)) reads.insert(measure->first->code);
        }
      }
    }
  }
  return index;
}

ReportValidator RuleIndex::ValidatorFor(std::string_view data_set,
                                        const std::vector<std::string>& elements) const {
  auto it = validators_.find(data_set);
  if (it == validators_.end()) return ReportValidator();
  return elements.empty() ? it->second : it->second.Reading(elements);
}

bool RuleIndex::CriteriaRead(const Catalog& catalog, const CriteriaSet& set, int year,
                             const std::vector<std::string>& elements) const {
  const auto [from, version] = CriteriaFor(catalog, set, year);
  if (!version) return false;
  auto it = criteria_reads_.find(version);
  if (it == criteria_reads_.end()) return false;
  for (const std::string& e : elements) {
    if (it->second.contains(e)) return true;
  }
  return false;
}

}  // namespace antq::rules
