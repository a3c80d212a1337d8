#include "expr/evaluator.h"

#include <cmath>

namespace antq::expr {

std::optional<double> AsNumber(const Value& v) {
  if (const double* d = std::get_if<double>(&v)) return *d;
  if (const bool* b = std::get_if<bool>(&v)) return *b ? 1.0 : 0.0;
  return std::nullopt;
}

namespace {

std::optional<bool> AsBool(const Value& v) {
  if (const bool* b = std::get_if<bool>(&v)) return *b;
  if (const double* d = std::get_if<double>(&v)) return *d != 0;
  return std::nullopt;
}

Value Number(double d) {
  if (!std::isfinite(d)) return std::monostate();
  return d;
}

Value Compare(Op op, const Value& l, const Value& r) {
  if (IsNull(l) || IsNull(r)) return std::monostate();
  const auto* ls = std::get_if<std::string>(&l);
  const auto* rs = std::get_if<std::string>(&r);
  int c = 0;
  if (ls && rs) {
    c = ls->compare(*rs);
  } else if (!ls && !rs) {
    const double a = *AsNumber(l);
    const double b = *AsNumber(r);
    c = a < b ? -1 : a > b ? 1 : 0;
  } else {
    return op == Op::kNe;  // a string and a number are never equal
  }
  switch (op) {
    case Op::kLt:
      return c < 0;
    case Op::kGt:
      return c > 0;
    case Op::kLe:
      return c <= 0;
    case Op::kGe:
      return c >= 0;
    case Op::kEq:
      return c == 0;
    default:
      return c != 0;
  }
}

class Evaluator {
 public:
  explicit Evaluator(const RefResolver& resolve) : resolve_(resolve) {}

  Value Eval(const Node& n) {
    switch (n.kind) {
      case Node::Kind::kNumber:
        return n.number;
      case Node::Kind::kString:
        return n.text;
      case Node::Kind::kBool:
        return n.boolean;
      case Node::Kind::kNull:
        return std::monostate();
      case Node::Kind::kRef: {
        auto v = resolve_(n.ref);
        if (!v) return std::monostate();
        return *v;
      }
      case Node::Kind::kUnary:
        return Unary(n);
      case Node::Kind::kBinary:
        return Binary(n);
      case Node::Kind::kCall:
        return Call(n);
    }
    return std::monostate();
  }

 private:
  Value Unary(const Node& n) {
    const Value v = Eval(*n.children[0]);
    if (n.op == Op::kNot) {
      auto b = AsBool(v);
      if (!b) return std::monostate();
      return !*b;
    }
    auto d = AsNumber(v);
    if (!d) return std::monostate();
    return n.op == Op::kNeg ? -*d : *d;
  }

  Value Binary(const Node& n) {
    if (n.op == Op::kAnd || n.op == Op::kOr) {
      const auto l = AsBool(Eval(*n.children[0]));
      // Short-circuit when the left side decides.
      if (l && n.op == Op::kAnd && !*l) return false;
      if (l && n.op == Op::kOr && *l) return true;
      const auto r = AsBool(Eval(*n.children[1]));
      if (!l || !r) return std::monostate();
      return n.op == Op::kAnd ? (*l && *r) : (*l || *r);
    }
    const Value l = Eval(*n.children[0]);
    const Value r = Eval(*n.children[1]);
    switch (n.op) {
      case Op::kLt:
      case Op::kGt:
      case Op::kLe:
      case Op::kGe:
      case Op::kEq:
      case Op::kNe:
        return Compare(n.op, l, r);
      default:
        break;
    }
    const auto a = AsNumber(l);
    const auto b = AsNumber(r);
    if (!a || !b) return std::monostate();
    switch (n.op) {
      case Op::kAdd:
        return Number(*a + *b);
      case Op::kSub:
        return Number(*a - *b);
      case Op::kMul:
        return Number(*a * *b);
      case Op::kDiv:
        return *b == 0 ? Value(std::monostate()) : Number(*a / *b);
      case Op::kMod:
        return *b == 0 ? Value(std::monostate()) : Number(std::fmod(*a, *b));
      case Op::kPow:
        return Number(std::pow(*a, *b));
      default:
        return std::monostate();
    }
  }

  Value Call(const Node& n) {
    const std::string& f = n.text;
    if (f == "if") {
      const auto cond = AsBool(Eval(*n.children[0]));
      return Eval(*n.children[cond && *cond ? 1 : 2]);
    }
    if (f == "isNull") return IsNull(Eval(*n.children[0]));
    if (f == "isNotNull") return !IsNull(Eval(*n.children[0]));
    if (f == "firstNonNull") {
      for (const auto& child : n.children) {
        Value v = Eval(*child);
        if (!IsNull(v)) return v;
      }
      return std::monostate();
    }
    // greatest / least over the non-null numbers.
    std::optional<double> best;
    for (const auto& child : n.children) {
      const auto v = AsNumber(Eval(*child));
      if (!v) continue;
      if (!best || (f == "greatest" ? *v > *best : *v < *best)) best = v;
    }
    if (!best) return std::monostate();
    return *best;
  }

  const RefResolver& resolve_;
};

}  // namespace

Value Evaluate(const Node& root, const RefResolver& resolve) {
  return Evaluator(resolve).Eval(root);
}

}  // namespace antq::expr
