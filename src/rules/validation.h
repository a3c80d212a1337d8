#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/catalog.h"
#include "domain/validation_rule.h"
#include "rules/comparison.h"

namespace antq::rules {

// Checks every validation rule of `catalog`: both sides parse and read only elements reported
// in the rule's own data set, so a report can be checked from its own figures. Errors name the
// rule, its file:line, the side and the column. Run when a catalogue is loaded.
Status CheckValidationRules(const Catalog& catalog);

// A rule a report breaks, with the values it used and a sentence in each language:
// "Số tin có giá trị không vượt quá số tin nhận được: 7 > 5".
struct Violation {
  const ValidationRule* rule = nullptr;
  Comparison::Outcome outcome;
  std::string message_vi;
  std::string message_en;
};

// The rules of one data set, parsed once to check many reports.
class ReportValidator {
 public:
  // Fails only when a rule does not parse, which CheckValidationRules prevents. With `touching`,
  // only the rules that read one of those elements: what a save of them can change.
  static Result<ReportValidator> For(const Catalog& catalog, std::string_view data_set,
                                     const std::vector<std::string>& touching = {});

  // Of these rules, those that read one of `elements`: what a save of them can change.
  ReportValidator Reading(const std::vector<std::string>& elements) const;

  bool empty() const { return rules_.empty(); }
  // The measures the rules read, each once.
  std::vector<std::string> keys() const;
  // The rules `value_of` (a report's figures, by measure key) breaks, in rule-code order.
  std::vector<Violation> Check(const Comparison::ValueOf& value_of) const;

 private:
  std::vector<std::pair<const ValidationRule*, Comparison>> rules_;
};

// Whether any violation is of an error-level rule (which blocks submission).
bool HasErrors(const std::vector<Violation>& violations);

}  // namespace antq::rules
