#include "rules/validation.h"

#include <fmt/format.h>

#include <algorithm>

namespace antq::rules {

Status CheckValidationRules(const Catalog& catalog) {
  for (const auto& [code, rule] : catalog.validation_rules()) {
    const DataSet* home = catalog.FindDataSet(rule.data_set);
    const std::string what = fmt::format("validation rule {} ({})", code, rule.where);
    if (!home) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown data set '{}'", rule.data_set),
                  what);
    }
    auto in_data_set = [&](const DataElement& e) -> std::optional<std::string> {
      if (catalog.DataSetOf(e.code) == home) return std::nullopt;
      return fmt::format("element '{}' is not reported in data set {}", e.code, home->code);
    };
    if (auto s = CheckSides(catalog, rule.left, rule.right, what, in_data_set); !s) return s;
  }
  return Ok();
}

Result<ReportValidator> ReportValidator::For(const Catalog& catalog, std::string_view data_set,
                                             const std::vector<std::string>& touching) {
  ReportValidator v;
  for (const ValidationRule* rule : catalog.RulesOf(data_set)) {
    auto comparison = Comparison::Parse(rule->left, rule->op, rule->right);
    if (!comparison) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("validation rule {} does not parse: {}", rule->code,
                              comparison.error().message()),
                  rule->where);
    }
    v.rules_.emplace_back(rule, std::move(*comparison));
  }
  return touching.empty() ? v : v.Reading(touching);
}

ReportValidator ReportValidator::Reading(const std::vector<std::string>& elements) const {
  // A key reads an element when it is the element or one of its options ("e.option").
  auto reads = [&](const Comparison& c) {
    for (const std::string& key : c.keys()) {
      for (const std::string& e : elements) {
        if (key == e ||
            (key.size() > e.size() && key.compare(0, e.size(), e) == 0 && key[e.size()] == '.')) {
          return true;
        }
      }
    }
    return false;
  };
  ReportValidator v;
  for (const auto& rule : rules_) {
    if (reads(rule.second)) v.rules_.push_back(rule);
  }
  return v;
}

std::vector<std::string> ReportValidator::keys() const {
  std::vector<std::string> out;
  for (const auto& [rule, comparison] : rules_) {
    for (const std::string& key : comparison.keys()) {
      if (std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
    }
  }
  return out;
}

std::vector<Violation> ReportValidator::Check(const Comparison::ValueOf& value_of) const {
  std::vector<Violation> out;
  for (const auto& [rule, comparison] : rules_) {
    // Peek at the gaps first: the strategy decides whether the rule is checked at all.
    const Comparison::Outcome as_reported = comparison.Evaluate(value_of, false);
    const size_t keys = comparison.keys().size();
    if (as_reported.missing > 0) {
      if (rule->missing == MissingStrategy::kSkipIfAnyMissing) continue;
      if (rule->missing == MissingStrategy::kSkipIfAllMissing && as_reported.missing == keys) {
        continue;
      }
    }
    Comparison::Outcome outcome =
        as_reported.missing > 0 ? comparison.Evaluate(value_of, true) : as_reported;
    if (outcome.holds || !outcome.left || !outcome.right) continue;  // held, or not computable
    Violation v;
    v.rule = rule;
    v.message_vi = fmt::format("{}: {}", rule->name_vi, comparison.ShowFailure(outcome, "", true));
    v.message_en = fmt::format("{}: {}", rule->name_en, comparison.ShowFailure(outcome, "", false));
    v.outcome = std::move(outcome);
    out.push_back(std::move(v));
  }
  return out;
}

bool HasErrors(const std::vector<Violation>& violations) {
  for (const Violation& v : violations) {
    if (v.rule->importance == Importance::kError) return true;
  }
  return false;
}

}  // namespace antq::rules
