#include "analytics/measure_plan.h"

#include <fmt/format.h>

#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::analytics {

Result<MeasurePlan> MeasurePlan::Build(const Catalog& catalog, const UnitRegistry& units,
                                       const Query& query) {
  if (query.measures.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: at least one measure", "measure");
  MeasurePlan plan(catalog, units);
  for (const std::string& m : query.measures) {
    if (auto s = plan.Add(m, query); !s) return Fail(s.error());
  }
  return plan;
}

int MeasurePlan::AddBase(BaseMeasure base) {
  for (size_t i = 0; i < bases_.size(); ++i) {
    const BaseMeasure& b = bases_[i];
    if (b.kind == base.kind && b.element == base.element && b.option == base.option &&
        b.verdict_set == base.verdict_set && b.verdict_met == base.verdict_met &&
        b.code == base.code && b.reports == base.reports) {
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
    auto operand = OperandOf(text, r, query);
    if (!operand) return Fail(operand.error());
    m.refs[ReferenceKey(r)] = *operand;
  }
  m.expression = std::move(*tree);
  measures_.push_back(std::move(m));
  return Ok();
}

Result<MeasurePlan::Operand> MeasurePlan::OperandOf(const std::string& text,
                                                    const expr::Reference& r, const Query& query) {
  Operand operand;
  switch (r.kind) {
    case expr::RefKind::kConstant: {
      const Constant* c = catalog_->FindConstant(r.code);
      if (!c) {
        return Fail(ErrorCode::kNotFound,
                    fmt::format("'{}': column {}: no constant '{}' in the catalogue", text,
                                r.position, r.code),
                    "measure");
      }
      operand.constant = c->value;
      return operand;
    }
    case expr::RefKind::kUnitGroup: {
      if (!units_->FindGroup(r.code)) {
        return Fail(ErrorCode::kNotFound,
                    fmt::format("'{}': column {}: no unit group '{}' (antq units groups)", text,
                                r.position, r.code),
                    "measure");
      }
      BaseMeasure b;
      b.kind = BaseMeasure::Kind::kGroupCount;
      b.code = r.code;
      operand.base = AddBase(std::move(b));
      return operand;
    }
    case expr::RefKind::kReporting: {
      if (!catalog_->FindDataSet(r.code)) {
        return Fail(ErrorCode::kNotFound,
                    fmt::format("'{}': column {}: no data set '{}'", text, r.position, r.code),
                    "measure");
      }
      auto reports = [&](BaseMeasure::Reports which) {
        BaseMeasure b;
        b.kind = BaseMeasure::Kind::kReports;
        b.code = r.code;
        b.reports = which;
        return AddBase(std::move(b));
      };
      using R = BaseMeasure::Reports;
      const std::string& metric = r.option;
      if (metric == "EXPECTED_REPORTS") {
        operand.base = reports(R::kExpected);
      } else if (metric == "ACTUAL_REPORTS") {
        operand.base = reports(R::kActual);
      } else if (metric == "ACTUAL_REPORTS_ON_TIME") {
        operand.base = reports(R::kOnTime);
      } else if (metric == "REPORTING_RATE") {
        operand.base = reports(R::kActual);
        operand.per = reports(R::kExpected);
      } else {  // REPORTING_RATE_ON_TIME; the parser admits no other metric
        operand.base = reports(R::kOnTime);
        operand.per = reports(R::kExpected);
      }
      return operand;
    }
    case expr::RefKind::kEvaluation: {
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
      operand.base = AddBase(std::move(b));
      return operand;
    }
    case expr::RefKind::kElement:
      break;
  }
  const std::string key = ReferenceKey(r);
  operand.base = BaseOf(key);
  if (operand.base < 0) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("'{}': column {}: unknown element '{}'", text, r.position, key),
                "measure");
  }
  return operand;
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
    const expr::Value value =
        expr::Evaluate(*m.expression, [&](const expr::Reference& r) -> std::optional<double> {
          const Operand& o = m.refs.at(ReferenceKey(r));
          if (o.constant) return o.constant;
          const auto& v = base_values[static_cast<size_t>(o.base)];
          if (o.per < 0) return v;
          const auto& per = base_values[static_cast<size_t>(o.per)];
          if (!per || *per == 0) return std::nullopt;
          return 100.0 * v.value_or(0) / *per;
        });
    out.push_back(expr::AsNumber(value));
  }
}

}  // namespace antq::analytics
