#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>

#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::expr {
namespace {

// Values of references for the tests: elements by "code" or "code.option", constants, groups.
std::optional<double> Lookup(const Reference& r) {
  static const std::map<std::string, double> kValues = {{"#propaganda.sessions", 12},
                                                        {"#propaganda.participants", 480},
                                                        {"#handin.items.sung", 3},
                                                        {"#tips.received", 10},
                                                        {"#tips.valuable", 7},
                                                        {"Cpi", 3.14159},
                                                        {"OUGborder", 13},
                                                        {"Rcommune-monthly.REPORTING_RATE", 95.5},
                                                        {"Entm-19.2.MET", 70},
                                                        {"Entm-19.2.ASSESSED", 85}};
  std::string key;
  switch (r.kind) {
    case RefKind::kElement:
      key = "#" + r.code + (r.option.empty() ? "" : "." + r.option);
      break;
    case RefKind::kConstant:
      key = "C" + r.code;
      break;
    case RefKind::kUnitGroup:
      key = "OUG" + r.code;
      break;
    case RefKind::kReporting:
      key = "R" + r.code + "." + r.option;
      break;
    case RefKind::kEvaluation:
      key = "E" + r.code + "." + r.option;
      break;
  }
  auto it = kValues.find(key);
  if (it == kValues.end()) return std::nullopt;
  return it->second;
}

Value Eval(const std::string& text) {
  auto tree = Parse(text);
  EXPECT_TRUE(tree) << text << ": " << tree.error().ToString();
  if (!tree) return std::monostate();
  return Evaluate(**tree, Lookup);
}

double Num(const std::string& text) {
  const auto v = AsNumber(Eval(text));
  EXPECT_TRUE(v) << text << " is null";
  return v.value_or(NAN);
}

TEST(ExprTest, ArithmeticAndPrecedence) {
  EXPECT_DOUBLE_EQ(Num("1 + 2 * 3"), 7);
  EXPECT_DOUBLE_EQ(Num("(1 + 2) * 3"), 9);
  EXPECT_DOUBLE_EQ(Num("10 - 4 - 3"), 3);
  EXPECT_DOUBLE_EQ(Num("2 ^ 3 ^ 2"), 512);
  EXPECT_DOUBLE_EQ(Num("-2 ^ 2"), -4);
  EXPECT_DOUBLE_EQ(Num("7 % 4"), 3);
  EXPECT_DOUBLE_EQ(Num(".5 + 1e3"), 1000.5);
  EXPECT_DOUBLE_EQ(Num("- -3"), 3);
}

TEST(ExprTest, References) {
  EXPECT_DOUBLE_EQ(Num("#{propaganda.participants} / #{propaganda.sessions}"), 40);
  EXPECT_DOUBLE_EQ(Num("#{handin.items.sung} * 2"), 6);
  EXPECT_DOUBLE_EQ(Num("C{pi}"), 3.14159);
  EXPECT_DOUBLE_EQ(Num("OUG{border}"), 13);
  EXPECT_DOUBLE_EQ(Num("R{commune-monthly.REPORTING_RATE}"), 95.5);
  EXPECT_NEAR(Num("E{ntm-19.2.MET} / E{ntm-19.2.ASSESSED} * 100"), 82.35, 0.01);
  auto tree = Parse("#{tips.valuable} / #{tips.received} * 100 + C{pi} + OUG{border}");
  ASSERT_TRUE(tree);
  const auto refs = References(**tree);
  ASSERT_EQ(refs.size(), 4u);
  EXPECT_EQ(refs[0].code, "tips.valuable");
  EXPECT_EQ(refs[0].position, 1);
  EXPECT_EQ(refs[1].code, "tips.received");
  EXPECT_EQ(refs[2].kind, RefKind::kConstant);
  EXPECT_EQ(refs[3].kind, RefKind::kUnitGroup);
}

TEST(ExprTest, MissingValuesFollowDhis2) {
  EXPECT_TRUE(IsNull(Eval("#{nothing} + 1")));
  EXPECT_DOUBLE_EQ(Num("firstNonNull(#{nothing}, 0) + 1"), 1);
  EXPECT_TRUE(std::get<bool>(Eval("isNull(#{nothing})")));
  EXPECT_TRUE(std::get<bool>(Eval("isNotNull(#{tips.received})")));
  EXPECT_TRUE(IsNull(Eval("1 / 0")));
  EXPECT_TRUE(IsNull(Eval("#{nothing} > 1")));
  EXPECT_DOUBLE_EQ(Num("greatest(1, #{nothing}, 5, 3)"), 5);
  EXPECT_DOUBLE_EQ(Num("least(4, 2, #{nothing})"), 2);
  EXPECT_TRUE(IsNull(Eval("greatest(#{nothing})")));
}

TEST(ExprTest, LogicAndComparisons) {
  EXPECT_TRUE(std::get<bool>(Eval("#{tips.valuable} <= #{tips.received}")));
  EXPECT_FALSE(std::get<bool>(Eval("#{tips.valuable} > #{tips.received}")));
  EXPECT_TRUE(std::get<bool>(Eval("1 < 2 && 2 < 3")));
  EXPECT_TRUE(std::get<bool>(Eval("1 > 2 || 2 < 3")));
  EXPECT_TRUE(std::get<bool>(Eval("not (1 > 2) and true")));
  EXPECT_TRUE(std::get<bool>(Eval("!false")));
  EXPECT_TRUE(std::get<bool>(Eval("'a' != 'b'")));
  EXPECT_TRUE(std::get<bool>(Eval("3 == 3.0")));
  EXPECT_FALSE(std::get<bool>(Eval("false && #{nothing} > 1"))) << "short-circuit";
  EXPECT_DOUBLE_EQ(Num("if(#{tips.received} > 5, 1, 2)"), 1);
  EXPECT_DOUBLE_EQ(Num("if(#{nothing} > 5, 1, 2)"), 2);
  EXPECT_DOUBLE_EQ(Num("true + true"), 2);
}

TEST(ExprTest, ErrorsCarryThePosition) {
  struct Case {
    const char* text;
    const char* message;
  };
  const Case cases[] = {
      {"", "column 1: the expression is empty"},
      {"1 +", "column 4: the expression ends too early"},
      {"(1 + 2", "column 7: expected ')'"},
      {"1 + 2)", "column 6: unexpected ')'"},
      {"#{propaganda.sessions", "column 3: missing '}'"},
      {"#{} + 1", "column 3: empty reference"},
      {"#{a b}", "column 3: 'a b' is not a code"},
      {"foo(1)", "column 1: unknown name 'foo'"},
      {"if(1, 2)", "column 1: if takes 3 argument(s), not 2"},
      {"R{ds.RATE}", "column 3: unknown reporting metric 'RATE'"},
      {"R{ds}", "column 3: write R{dataset.REPORTING_RATE}"},
      {"E{ntm-19.2.RATE}", "column 3: unknown evaluation metric 'RATE'; write MET or ASSESSED"},
      {"E{ntm}", "column 3: write E{criteria-set.MET}"},
      {"1 = 2", "column 3: unexpected '='"},
      {"'open", "column 1: the string is never closed"},
      {"1.2.3", "column 1: '1.2.3' is not a number"},
      {"isNull 1", "column 8: expected '(' after isNull"},
      {"greatest(1 2)", "column 12: expected ',' or ')'"},
  };
  for (const Case& c : cases) {
    auto tree = Parse(c.text);
    ASSERT_FALSE(tree) << c.text;
    EXPECT_EQ(tree.error().message(), c.message) << c.text;
    EXPECT_EQ(tree.error().where(), "expression");
  }
}

TEST(ExprTest, DeepNestingIsRefusedNotACrash) {
  std::string deep(100000, '(');
  auto tree = Parse(deep + "1");
  ASSERT_FALSE(tree);
  EXPECT_NE(tree.error().message().find("nested too deeply"), std::string::npos);
  auto minus = Parse(std::string(100000, '-') + "1");
  ASSERT_FALSE(minus);
}

// Property: random well-formed arithmetic over literals evaluates to what a direct computation
// gives, so the parser's precedence and associativity match the usual rules.
struct Gen {
  std::mt19937 rng{44};
  std::pair<std::string, double> Make(int depth) {
    if (depth == 0 || rng() % 3 == 0) {
      const double v = static_cast<double>(rng() % 9 + 1);
      return {std::to_string(static_cast<int>(v)), v};
    }
    auto [ltext, lval] = Make(depth - 1);
    auto [rtext, rval] = Make(depth - 1);
    switch (rng() % 4) {
      case 0:
        return {"(" + ltext + " + " + rtext + ")", lval + rval};
      case 1:
        return {"(" + ltext + " - " + rtext + ")", lval - rval};
      case 2:
        return {"(" + ltext + " * " + rtext + ")", lval * rval};
      default:
        return {"-" + ltext, -lval};
    }
  }
};

TEST(ExprTest, RandomArithmeticMatchesDirectComputation) {
  Gen gen;
  for (int i = 0; i < 2000; ++i) {
    auto [text, expected] = gen.Make(5);
    // Remove the outer parentheses of a binary expression to exercise precedence too.
    EXPECT_DOUBLE_EQ(Num(text), expected) << text;
  }
}

TEST(ExprTest, RandomBytesNeverCrash) {
  std::mt19937 rng(9745);
  const std::string alphabet = "#{}()CROUG.0123456789+-*/%^<>=!&|,'\" abcfilntsxyz";
  for (int i = 0; i < 20000; ++i) {
    std::string s;
    for (size_t k = 0, n = rng() % 24; k < n; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    auto tree = Parse(s);
    if (tree) {
      (void)Evaluate(**tree, Lookup);
    } else {
      EXPECT_EQ(tree.error().message().rfind("column ", 0), 0u) << s;
    }
  }
}

}  // namespace
}  // namespace antq::expr
