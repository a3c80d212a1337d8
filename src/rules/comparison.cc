#include "rules/comparison.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/text.h"
#include "common/vietnamese_format.h"
#include "domain/values.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::rules {

std::string MeasureKey(const expr::Reference& ref) {
  return ref.option.empty() ? ref.code : ref.code + "." + ref.option;
}

Status CheckSides(const Catalog& catalog, std::string_view left, std::string_view right,
                  const std::string& what, const ElementCheck& check) {
  for (const auto& [side, text] : {std::pair{"left", left}, std::pair{"right", right}}) {
    const std::string where = fmt::format("{}: {}", what, side);
    auto tree = expr::Parse(text);
    if (!tree) return Fail(ErrorCode::kInvalidArgument, tree.error().message(), where);
    for (const expr::Reference& r : expr::References(**tree)) {
      if (r.kind != expr::RefKind::kElement) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("column {}: only #{{element}} references are allowed", r.position),
                    where);
      }
      auto measure = catalog.FindMeasure(MeasureKey(r));
      if (!measure) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("column {}: unknown element '{}'", r.position, MeasureKey(r)),
                    where);
      }
      if (check) {
        if (auto refused = check(*measure->first)) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("column {}: {}", r.position, *refused), where);
        }
      }
    }
  }
  return Ok();
}

Result<Comparison> Comparison::Parse(std::string_view left, CompareOp op, std::string_view right) {
  Comparison c;
  auto l = expr::Parse(left);
  if (!l) return Fail(l.error().At("left"));
  auto r = expr::Parse(right);
  if (!r) return Fail(r.error().At("right"));
  c.left_ = std::move(*l);
  c.right_ = std::move(*r);
  c.op_ = op;
  for (const expr::Node* tree : {c.left_.get(), c.right_.get()}) {
    for (const expr::Reference& ref : expr::References(*tree)) {
      std::string key = MeasureKey(ref);
      if (std::find(c.keys_.begin(), c.keys_.end(), key) == c.keys_.end()) {
        c.keys_.push_back(std::move(key));
      }
    }
  }
  return c;
}

Comparison::Outcome Comparison::Evaluate(const ValueOf& value_of, bool missing_as_zero) const {
  Outcome o;
  o.values.reserve(keys_.size());
  for (const std::string& key : keys_) {
    o.values.emplace_back(key, value_of(key));
    if (!o.values.back().second) ++o.missing;
  }
  auto resolve = [&](const expr::Reference& ref) -> std::optional<double> {
    const std::string key = MeasureKey(ref);
    for (const auto& [k, v] : o.values) {
      if (k == key) return v ? v : (missing_as_zero ? std::optional<double>(0) : std::nullopt);
    }
    return std::nullopt;
  };
  o.left = expr::AsNumber(expr::Evaluate(*left_, resolve));
  o.right = expr::AsNumber(expr::Evaluate(*right_, resolve));
  o.holds = o.left && o.right && Compare(*o.left, op_, *o.right);
  return o;
}

std::string Comparison::ShowFailure(const Outcome& o, const std::string& unit, bool vi) const {
  auto side = [&](const std::optional<double>& v) {
    const std::string n = v ? ShowNumber(*v, vi) : "?";
    return unit.empty() ? n : n + " " + unit;
  };
  return fmt::format("{} {} {}", side(o.left), CompareOpText(Negated(op_)), side(o.right));
}

}  // namespace antq::rules
