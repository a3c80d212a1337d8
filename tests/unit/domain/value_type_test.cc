#include "domain/value_type.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <random>
#include <string>

namespace antq {
namespace {

const ValueSpec kCount{ValueType::kIntegerZeroOrPositive};
const ValueSpec kInteger{ValueType::kInteger};
const ValueSpec kNumber{ValueType::kNumber};

std::string MessageOf(const ValueSpec& spec, std::string_view text) {
  auto v = ParseValue(spec, text);
  return v ? std::string("accepted") : v.error().message();
}

// --- The integer grammar -------------------------------------------------------------------

TEST(ValueTypeTest, Int64ReadsBackEveryEdgeExactly) {
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  constexpr int64_t kMax = std::numeric_limits<int64_t>::max();
  for (int64_t v : {kMin, kMin + 1, int64_t{-1}, int64_t{0}, int64_t{1}, kMax - 1, kMax,
                    int64_t{9007199254740993}, int64_t{-9007199254740993}}) {
    auto r = ParseInt64(std::to_string(v));
    ASSERT_TRUE(r) << v << ": " << r.error().message();
    EXPECT_EQ(*r, v);
  }
  EXPECT_EQ(*ParseInt64("  +42 "), 42);
  EXPECT_EQ(*ParseInt64("007"), 7);
  EXPECT_EQ(*ParseInt64("-0"), 0);
}

// Property: every int64, written in decimal, reads back as itself. Values are drawn with a random
// number of significant bits so that small and huge magnitudes are both common.
TEST(ValueTypeTest, PropertyEveryInt64RoundTrips) {
  std::mt19937_64 rng(20261206);
  for (int i = 0; i < 200000; ++i) {
    const int bits = static_cast<int>(rng() % 64);
    auto v = static_cast<int64_t>(rng() >> (63 - bits));
    if (rng() % 2) v = -v;
    if (i % 1000 == 0) v = static_cast<int64_t>(rng());  // the full 64-bit pattern
    auto r = ParseInt64(std::to_string(v));
    ASSERT_TRUE(r) << v;
    ASSERT_EQ(*r, v);
  }
}

TEST(ValueTypeTest, Int64RefusesWhatIsNotPlainDigits) {
  for (const char* bad : {"",
                          " ",
                          "-",
                          "+",
                          "--1",
                          "+-1",
                          "1e3",
                          "1E3",
                          "1.0",
                          "1,000",
                          "1.000",
                          "1 000",
                          "0x10",
                          "12a",
                          "nan",
                          "inf",
                          "9223372036854775808",
                          "-9223372036854775809",
                          "99999999999999999999",
                          "\xD9\xA1\xD9\xA2" /* Arabic-Indic 12 */,
                          "\xEF\xBC\x91" /* fullwidth 1 */,
                          "1\xC2\xA0"
                          "000"}) {
    EXPECT_FALSE(ParseInt64(bad)) << bad;
  }
}

// A reference recogniser of the integer grammar, written independently of the parser: spaces,
// an optional sign, one or more digits, spaces.
bool LooksLikeInteger(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  const size_t digits = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == digits) return false;
  while (i < s.size() && s[i] == ' ') ++i;
  return i == s.size();
}

bool LooksLikeDecimal(const std::string& s) {
  size_t i = 0;
  while (i < s.size() && s[i] == ' ') ++i;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
  size_t start = i;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
  if (i == start) return false;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    start = ++i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    if (i == start) return false;
  }
  while (i < s.size() && s[i] == ' ') ++i;
  return i == s.size();
}

// Property: strings outside each grammar are refused, strings inside are accepted (or, for
// integers, refused only as too large). The alphabet is heavy in the characters that make
// numbers go wrong: signs, marks, exponents, spaces.
TEST(ValueTypeTest, PropertyStringsOutsideTheGrammarsAreRefused) {
  const std::string alphabet = "0123456789+-.,eE x_\t";
  std::mt19937_64 rng(7);
  int accepted_integers = 0;
  int accepted_decimals = 0;
  for (int i = 0; i < 200000; ++i) {
    std::string s;
    const size_t length = rng() % 8;
    for (size_t k = 0; k < length; ++k) s.push_back(alphabet[rng() % alphabet.size()]);
    const bool has_tab = s.find('\t') != std::string::npos;
    auto integer = ParseInt64(s);
    if (!LooksLikeInteger(s) && !has_tab) {
      ASSERT_FALSE(integer) << "'" << s << "' was read as " << *integer;
    } else if (!has_tab) {
      ASSERT_TRUE(integer) << "'" << s << "'";
      ++accepted_integers;
    }
    auto decimal = ParseDecimal(s);
    if (!LooksLikeDecimal(s) && !has_tab) {
      ASSERT_FALSE(decimal) << "'" << s << "' was read as " << *decimal;
    } else if (!has_tab) {
      ASSERT_TRUE(decimal) << "'" << s << "'";
      ++accepted_decimals;
    }
    // Whatever the type, nothing outside the grammar becomes a stored number.
    auto count = ParseValue(kCount, s);
    if (count) {
      EXPECT_TRUE(LooksLikeInteger(std::string(s)) || has_tab) << s;
      EXPECT_GE(*count->number, 0);
    }
  }
  // The generator reaches both sides of the grammar.
  EXPECT_GT(accepted_integers, 1000);
  EXPECT_GT(accepted_decimals, 1000);
}

// Property: a number written by FormatDecimal reads back as the same double, in plain notation.
TEST(ValueTypeTest, PropertyNumbersRoundTripInPlainNotation) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> mantissa(-1, 1);
  for (int i = 0; i < 100000; ++i) {
    const double v = mantissa(rng) * std::pow(10.0, static_cast<double>(rng() % 30) - 15);
    if (std::abs(v) > kNumberLimit) continue;
    const std::string text = FormatDecimal(v);
    ASSERT_EQ(text.find_first_of("eE"), std::string::npos) << text;
    auto back = ParseValue(kNumber, text);
    ASSERT_TRUE(back) << text << ": " << back.error().message();
    ASSERT_EQ(*back->number, v) << text;
  }
}

// --- Each type ------------------------------------------------------------------------------

TEST(ValueTypeTest, CountsTakeDigitsWithinTheirRange) {
  EXPECT_EQ(*ParseValue(kCount, " 12 ")->number, 12);
  EXPECT_EQ(*ParseValue(kCount, "0")->number, 0);
  EXPECT_EQ(*ParseValue(kCount, "2147483647")->number, 2147483647.0);
  EXPECT_EQ(ParseValue(kCount, "2147483647")->ToString(), "2147483647");
  // The rows of issue 23.
  EXPECT_EQ(MessageOf(kCount, "99999999999999999999"),
            "'99999999999999999999' is out of range; write a whole number from 0 to 2147483647, "
            "digits only");
  EXPECT_EQ(MessageOf(kCount, "1e3"),
            "'1e3' is not a whole number (an exponent is not allowed); write a whole number from "
            "0 to 2147483647, digits only");
  EXPECT_EQ(MessageOf(kCount, "-3"),
            "'-3' is negative; write a whole number from 0 to 2147483647, digits only");
  EXPECT_NE(MessageOf(kCount, "2147483648").find("out of range"), std::string::npos);
  EXPECT_NE(MessageOf(kCount, "1.234").find("decimal mark or a thousands separator"),
            std::string::npos);
  EXPECT_NE(MessageOf(kCount, "7.0").find("not a whole number"), std::string::npos);
  EXPECT_NE(MessageOf(kCount, "1 000").find("spaces inside"), std::string::npos);
  EXPECT_NE(MessageOf(kCount, "").find("no value"), std::string::npos);
}

TEST(ValueTypeTest, IntegerKindsHaveTheirOwnLowerBounds) {
  EXPECT_EQ(*ParseValue(kInteger, "-2147483648")->number, -2147483648.0);
  EXPECT_FALSE(ParseValue(kInteger, "-2147483649"));
  const ValueSpec positive{ValueType::kIntegerPositive};
  EXPECT_FALSE(ParseValue(positive, "0"));
  EXPECT_EQ(*ParseValue(positive, "1")->number, 1);
  const ValueSpec bounded{ValueType::kIntegerZeroOrPositive, std::nullopt, 4.0, std::nullopt};
  EXPECT_EQ(MessageOf(bounded, "5"),
            "'5' is out of range; write a whole number from 0 to 4, digits only");
}

TEST(ValueTypeTest, NumbersArePlainDecimals) {
  EXPECT_EQ(*ParseValue(kNumber, "12,5")->number, 12.5);
  EXPECT_EQ(*ParseValue(kNumber, "-0.25")->number, -0.25);
  EXPECT_EQ(ParseValue(kNumber, "4,5")->ToString(), "4.5");
  EXPECT_EQ(ParseValue(kNumber, "-0")->ToString(), "0");
  for (const char* bad : {"1e3", "NaN", "nan", "inf", "-Infinity", "1.234,5", "1,234.5", ".5", "5.",
                          "0x1p3", "1'000", "1000000000000000"}) {
    EXPECT_FALSE(ParseValue(kNumber, bad)) << bad;
  }
  EXPECT_NE(MessageOf(kNumber, "1e3").find("'1e3' is not a number (an exponent"),
            std::string::npos);
  const ValueSpec percentage{ValueType::kPercentage};
  EXPECT_EQ(*ParseValue(percentage, "82,4")->number, 82.4);
  EXPECT_FALSE(ParseValue(percentage, "100.5"));
  EXPECT_FALSE(ParseValue(percentage, "-1"));
}

TEST(ValueTypeTest, BooleansInVietnameseAndEnglish) {
  const ValueSpec boolean{ValueType::kBoolean};
  for (const char* yes : {"1", "true", "yes", "có", "Có", "đạt", "ĐẠT", "x", " có "}) {
    EXPECT_EQ(*ParseValue(boolean, yes)->number, 1) << yes;
  }
  for (const char* no : {"0", "false", "no", "không", "chưa đạt"}) {
    EXPECT_EQ(*ParseValue(boolean, no)->number, 0) << no;
  }
  EXPECT_FALSE(ParseValue(boolean, "maybe"));
}

TEST(ValueTypeTest, TextIsBoundedNfcWithoutControlCharacters) {
  const ValueSpec text{ValueType::kText};
  EXPECT_EQ(ParseValue(text, "  Thôn 3 ")->text, "Thôn 3");
  // NFD in, NFC stored.
  EXPECT_EQ(ParseValue(text, "Vi\x65\xcc\xa3\xcc\x82t")->text, "Việt");
  EXPECT_EQ(ParseValue(text, "a\tb\r\nc")->text, "a\tb\nc");
  const std::string nul = std::string("Thôn") + '\0' + "3";
  EXPECT_EQ(MessageOf(text, nul),
            "character 5 is a control character (U+0000), which text cannot hold: "
            "'Thôn\\x003'");
  EXPECT_FALSE(ParseValue(text, "a\x1b[31mred"));
  EXPECT_FALSE(ParseValue(text, "a\rb"));
  EXPECT_FALSE(ParseValue(text, "\xC2\x85"));  // NEL, a C1 control
  EXPECT_FALSE(ParseValue(text, std::string("\xC3\x28")));
  EXPECT_TRUE(ParseValue(text, std::string(4000, 'a')));
  const std::string huge(20 * 1024 * 1024, 'a');
  const std::string message = MessageOf(text, huge);
  EXPECT_NE(message.find("is too long: 20971520 characters, at most 4000"), std::string::npos);
  EXPECT_LT(message.size(), 200u);  // the message does not carry the field
  EXPECT_TRUE(ParseValue(ValueSpec{ValueType::kLongText}, std::string(50000, 'a')));
  EXPECT_FALSE(ParseValue(ValueSpec{ValueType::kLongText}, std::string(50001, 'a')));
  // 4000 characters, not bytes: Vietnamese letters take two or three bytes each.
  std::string vietnamese;
  for (int i = 0; i < 4000; ++i) vietnamese += "ệ";
  EXPECT_TRUE(ParseValue(text, vietnamese));
}

TEST(ValueTypeTest, DatesAreRealDaysInRange) {
  const ValueSpec date{ValueType::kDate};
  EXPECT_EQ(ParseValue(date, "2023-03-15")->text, "2023-03-15");
  for (const char* bad : {"2023-02-29", "15/03/2023", "2023-3-15", "1899-12-31", "2101-01-01"}) {
    EXPECT_FALSE(ParseValue(date, bad)) << bad;
  }
}

TEST(ValueTypeTest, FormatsDecimalsWithoutExponents) {
  EXPECT_EQ(FormatDecimal(12), "12");
  EXPECT_EQ(FormatDecimal(12.5), "12.5");
  EXPECT_EQ(FormatDecimal(0.1), "0.1");
  EXPECT_EQ(FormatDecimal(1e-7), "0.0000001");
  EXPECT_EQ(FormatDecimal(123456789012345.0), "123456789012345");
  EXPECT_EQ(FormatDecimal(-2147483648.0), "-2147483648");
}

TEST(ValueTypeTest, ChecksStoredValues) {
  EXPECT_TRUE(CheckValue(kCount, TypedValue{12.0, ""}));
  EXPECT_FALSE(CheckValue(kCount, TypedValue{-5.0, ""}));
  EXPECT_FALSE(CheckValue(kCount, TypedValue{1.5, ""}));
  EXPECT_FALSE(CheckValue(kCount, TypedValue{1e20, ""}));
  EXPECT_FALSE(CheckValue(kCount, TypedValue{std::nullopt, "abc"}));
  EXPECT_FALSE(CheckValue(kNumber, TypedValue{std::nan(""), ""}));
  const ValueSpec text{ValueType::kText};
  EXPECT_TRUE(CheckValue(text, TypedValue{std::nullopt, "Thôn 3"}));
  EXPECT_FALSE(CheckValue(text, TypedValue{std::nullopt, std::string("a\0b", 3)}));
  EXPECT_FALSE(CheckValue(text, TypedValue{std::nullopt, "Vi\x65\xcc\xa3\xcc\x82t"}));
  EXPECT_FALSE(CheckValue(text, TypedValue{3.0, ""}));
  EXPECT_FALSE(CheckValue(ValueSpec{ValueType::kDate}, TypedValue{std::nullopt, "2023-02-30"}));
  auto wrong = CheckValue(kCount, TypedValue{-5.0, ""});
  EXPECT_EQ(wrong.error().message(),
            "-5 is out of range; a value of type integer_zero_or_positive must be a whole number "
            "from 0 to 2147483647, digits only");
}

TEST(ValueTypeTest, SpecBoundsMustFitTheType) {
  EXPECT_TRUE((ValueSpec{ValueType::kNumber, 0.0, 20.0, std::nullopt}.Validate()));
  EXPECT_FALSE((ValueSpec{ValueType::kNumber, 30.0, 20.0, std::nullopt}.Validate()));
  EXPECT_FALSE(
      (ValueSpec{ValueType::kIntegerZeroOrPositive, -1.0, std::nullopt, std::nullopt}.Validate()));
  EXPECT_FALSE((ValueSpec{ValueType::kInteger, 0.5, std::nullopt, std::nullopt}.Validate()));
  EXPECT_FALSE((ValueSpec{ValueType::kText, 1.0, std::nullopt, std::nullopt}.Validate()));
  EXPECT_FALSE((ValueSpec{ValueType::kNumber, std::nullopt, std::nullopt, 10}.Validate()));
  EXPECT_FALSE((ValueSpec{ValueType::kText, std::nullopt, std::nullopt, 5000}.Validate()));
  EXPECT_TRUE((ValueSpec{ValueType::kText, std::nullopt, std::nullopt, 200}.Validate()));
}

TEST(ValueTypeTest, TypeNamesAreDhis2s) {
  for (const char* name : {"integer", "integer_positive", "integer_zero_or_positive", "number",
                           "percentage", "boolean", "text", "long_text", "date"}) {
    auto t = ParseValueType(name);
    ASSERT_TRUE(t) << name;
    EXPECT_EQ(ValueTypeName(*t), name);
  }
  EXPECT_FALSE(ParseValueType("int"));
}

}  // namespace
}  // namespace antq
