#include "analytics/query.h"

#include <algorithm>

#include "expr/parser.h"

namespace antq::analytics {

std::vector<std::string> EvaluationSetsRead(const Query& query) {
  std::vector<std::string> sets;
  for (const std::string& measure : query.measures) {
    if (measure.find("E{") == std::string::npos) continue;
    auto tree = expr::Parse(measure);
    if (!tree) continue;
    for (const expr::Reference& r : expr::References(**tree)) {
      if (r.kind == expr::RefKind::kEvaluation &&
          std::find(sets.begin(), sets.end(), r.code) == sets.end()) {
        sets.push_back(r.code);
      }
    }
  }
  return sets;
}

std::string ReferenceKey(const expr::Reference& ref) {
  if (ref.kind == expr::RefKind::kEvaluation) return "E{" + ref.code + "." + ref.option + "}";
  return ref.option.empty() ? ref.code : ref.code + "." + ref.option;
}

}  // namespace antq::analytics
