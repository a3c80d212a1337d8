#include "analytics/measure_plan.h"

#include <fmt/format.h>

#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::analytics {

Result<MeasurePlan> MeasurePlan::Build(const Catalog& catalog, const Query& query) {
  if (query.measures.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: at least one measure", "measure");
  MeasurePlan plan(catalog);
  for (const std::string& m : query.measures) {
    if (auto s = plan.Add(m, query); !s) return Fail(s.error());
  }
  return plan;
}

int MeasurePlan::AddBase(BaseMeasure base) {
  for (size_t i = 0; i < bases_.size(); ++i) {
    const BaseMeasure& b = bases_[i];
    if (b.kind == base.kind && b.element == base.element && b.option == base.option &&
        b.verdict_set == base.verdict_set && b.verdict_met == base.verdict_met) {
      return static_cast<int>(i);
    }
  }
  bases_.push_back(std::move(base));
  return static_cast<int>(bases_.size() - 1);
}

int MeasurePlan::BaseOf(const std::string& text) {
  auto measure = catalog_->FindMeasure(text);
  if (!measure) return -1;
  BaseMeasure b;
  b.def = measure->first;
  b.kind = b.def->source ? BaseMeasure::Kind::kEvent : BaseMeasure::Kind::kValue;
  b.element = b.def->code;
  b.option = measure->second;
  return AddBase(std::move(b));
}

Status MeasurePlan::Add(const std::string& text, const Query& query) {
  Measure m;
  m.base = BaseOf(text);
  if (m.base >= 0) {
    measures_.push_back(std::move(m));
    return Ok();
  }
  if (text.find_first_of("#{}()+-*/") == std::string::npos) {
    return Fail(ErrorCode::kNotFound, fmt::format("unknown measure '{}'", text), "measure");
  }
  auto tree = expr::Parse(text);
  if (!tree) {
    return Fail(ErrorCode::kInvalidArgument, fmt::format("'{}': {}", text, tree.error().message()),
                "measure");
  }
  for (const expr::Reference& r : expr::References(**tree)) {
    if (r.kind == expr::RefKind::kEvaluation) {
      if (query.as_of) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("'{}': column {}: results of criteria stay on the units of their "
                                "assessment year and are never carried into later units; drop "
                                "as_of",
                                text, r.position),
                    "measure");
      }
      BaseMeasure b;
      b.kind = BaseMeasure::Kind::kVerdict;
      b.verdict_set = r.code;
      b.verdict_met = r.option == "MET";
      m.refs[ReferenceKey(r)] = AddBase(std::move(b));
      continue;
    }
    if (r.kind != expr::RefKind::kElement) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}': column {}: only #{{element}} and E{{criteria.METRIC}} "
                              "references can be queried yet",
                              text, r.position),
                  "measure");
    }
    const std::string key = ReferenceKey(r);
    const int base = BaseOf(key);
    if (base < 0) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("'{}': column {}: unknown element '{}'", text, r.position, key),
                  "measure");
    }
    m.refs[key] = base;
  }
  m.expression = std::move(*tree);
  measures_.push_back(std::move(m));
  return Ok();
}

void MeasurePlan::Evaluate(const std::vector<std::optional<double>>& base_values,
                           std::vector<std::optional<double>>& out) const {
  out.clear();
  out.reserve(measures_.size());
  for (const Measure& m : measures_) {
    if (m.base >= 0) {
      out.push_back(base_values[static_cast<size_t>(m.base)]);
      continue;
    }
    const expr::Value value = expr::Evaluate(*m.expression, [&](const expr::Reference& r) {
      return base_values[static_cast<size_t>(m.refs.at(ReferenceKey(r)))];
    });
    out.push_back(expr::AsNumber(value));
  }
}

}  // namespace antq::analytics
