#include "analytics/query.h"

#include <algorithm>
#include <string_view>

#include "expr/parser.h"

namespace antq::analytics {

namespace {

// The codes that the measures' references of one kind name, each once.
std::vector<std::string> CodesRead(const Query& query, expr::RefKind kind, std::string_view mark) {
  std::vector<std::string> codes;
  for (const std::string& measure : query.measures) {
    if (measure.find(mark) == std::string::npos) continue;
    auto tree = expr::Parse(measure);
    if (!tree) continue;
    for (const expr::Reference& r : expr::References(**tree)) {
      if (r.kind == kind && std::find(codes.begin(), codes.end(), r.code) == codes.end()) {
        codes.push_back(r.code);
      }
    }
  }
  return codes;
}

}  // namespace

std::vector<std::string> EvaluationSetsRead(const Query& query) {
  return CodesRead(query, expr::RefKind::kEvaluation, "E{");
}

std::vector<std::string> ReportingSetsRead(const Query& query) {
  return CodesRead(query, expr::RefKind::kReporting, "R{");
}

std::string ReferenceKey(const expr::Reference& ref) {
  std::string code = ref.option.empty() ? ref.code : ref.code + "." + ref.option;
  switch (ref.kind) {
    case expr::RefKind::kElement:
      return code;
    case expr::RefKind::kEvaluation:
      return "E{" + code + "}";
    case expr::RefKind::kConstant:
      return "C{" + code + "}";
    case expr::RefKind::kUnitGroup:
      return "OUG{" + code + "}";
    case expr::RefKind::kReporting:
      return "R{" + code + "}";
  }
  return code;
}

}  // namespace antq::analytics
