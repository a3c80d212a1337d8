#include "interop/vietnamese_number.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>

namespace antq {
namespace {

using Status = VietnameseNumber::Status;

// The digits of an accepted number, or "ambiguous: …" / "invalid: …" with the reason.
std::string Parse(std::string_view text, NumberKind kind = NumberKind::kDecimal) {
  const VietnameseNumber n = ParseVietnameseNumber(text, kind);
  switch (n.status) {
    case Status::kOk:
      EXPECT_TRUE(n.reason.empty()) << n.reason;
      return n.digits;
    case Status::kAmbiguous:
      EXPECT_TRUE(n.digits.empty());
      return "ambiguous: " + n.reason;
    case Status::kInvalid:
      EXPECT_TRUE(n.digits.empty());
      return "invalid: " + n.reason;
  }
  return "?";
}

Status StatusOf(std::string_view text, NumberKind kind = NumberKind::kDecimal) {
  return ParseVietnameseNumber(text, kind).status;
}

TEST(VietnameseNumberTest, ReadsVietnameseGroupingAndDecimals) {
  EXPECT_EQ(Parse("1.234"), "1234");
  EXPECT_EQ(Parse("1.234", NumberKind::kWhole), "1234");
  EXPECT_EQ(Parse("1.234.567"), "1234567");
  EXPECT_EQ(Parse("15,5"), "15.5");
  EXPECT_EQ(Parse("1.234,5"), "1234.5");
  EXPECT_EQ(Parse("1.234.567,25"), "1234567.25");
  EXPECT_EQ(Parse("-3", NumberKind::kWhole), "-3");
  EXPECT_EQ(Parse("+3", NumberKind::kWhole), "3");
  EXPECT_EQ(Parse("  42 ", NumberKind::kWhole), "42");
  EXPECT_EQ(Parse("527800", NumberKind::kWhole), "527800");
  EXPECT_EQ(Parse("0"), "0");
  EXPECT_EQ(Parse("12,34"), "12.34");
  EXPECT_EQ(Parse("1234,5"), "1234.5");
}

TEST(VietnameseNumberTest, SpacesGroupThousands) {
  EXPECT_EQ(Parse("1 234"), "1234");
  EXPECT_EQ(Parse("1\u00A0234\u00A0567"), "1234567");
  EXPECT_EQ(Parse("1\u202F234,5"), "1234.5");
  EXPECT_EQ(Parse("\u00A0 42\u202F", NumberKind::kWhole), "42");
  EXPECT_EQ(StatusOf("1 23"), Status::kInvalid);
  EXPECT_EQ(StatusOf("1  234"), Status::kInvalid);
  EXPECT_EQ(StatusOf("- 3"), Status::kInvalid);
}

TEST(VietnameseNumberTest, CanonicalDigits) {
  EXPECT_EQ(Parse("007", NumberKind::kWhole), "7");
  EXPECT_EQ(Parse("00,50"), "0.5");
  EXPECT_EQ(Parse("15,50"), "15.5");
  EXPECT_EQ(Parse("1,0", NumberKind::kWhole), "1");
  EXPECT_EQ(Parse("-0"), "0");
  EXPECT_EQ(Parse("-0,000"), "0");
  EXPECT_EQ(Parse("-1.000,010"), "-1000.01");
  // A fraction without its zero is Vietnamese: "," can only be a decimal mark there.
  EXPECT_EQ(Parse(",5"), "0.5");
  EXPECT_EQ(Parse("-,25"), "-0.25");
}

TEST(VietnameseNumberTest, DecimalsInAWholeColumnAreNumbersNotAmbiguities) {
  // The caller's type check refuses them; they are not English.
  EXPECT_EQ(Parse("15,5", NumberKind::kWhole), "15.5");
  EXPECT_EQ(Parse("1,23", NumberKind::kWhole), "1.23");
  EXPECT_EQ(Parse("1,2345", NumberKind::kWhole), "1.2345");
  // "0,123" cannot be English grouping (no group starts with 0).
  EXPECT_EQ(Parse("0,123", NumberKind::kWhole), "0.123");
}

TEST(VietnameseNumberTest, CommaWithThreeDigitsIsAmbiguousOnlyForWholeNumbers) {
  EXPECT_EQ(Parse("1,234"), "1.234");
  EXPECT_EQ(Parse("-12,345"), "-12.345");
  EXPECT_EQ(Parse("1 234,567"), "1234.567");
  const VietnameseNumber count = ParseVietnameseNumber("1,234", NumberKind::kWhole);
  EXPECT_EQ(count.status, Status::kAmbiguous);
  EXPECT_TRUE(count.digits.empty());
  EXPECT_NE(count.reason.find("'1,234'"), std::string::npos) << count.reason;
  EXPECT_NE(count.reason.find("1.234"), std::string::npos) << count.reason;
  EXPECT_NE(count.reason.find("1234"), std::string::npos) << count.reason;
  EXPECT_EQ(StatusOf("1 234,567", NumberKind::kWhole), Status::kAmbiguous);
  EXPECT_EQ(StatusOf("-12,345", NumberKind::kWhole), Status::kAmbiguous);
}

TEST(VietnameseNumberTest, EnglishLookingNumbersAreAmbiguous) {
  for (const char* text : {"1.5", "12.34", "1.2345", "0.5", ".5", "0.500", "-2.75", "1,234,567",
                           "1,234.5", "12 345.6", "1234.567"}) {
    for (const NumberKind kind : {NumberKind::kWhole, NumberKind::kDecimal}) {
      const VietnameseNumber n = ParseVietnameseNumber(text, kind);
      EXPECT_EQ(n.status, Status::kAmbiguous) << text << ": " << n.digits << n.reason;
      EXPECT_TRUE(n.digits.empty());
      EXPECT_NE(n.reason.find(std::string("'") + text + "'"), std::string::npos) << n.reason;
    }
  }
  EXPECT_NE(Parse("1.5").find("English number (1.5)"), std::string::npos) << Parse("1.5");
  EXPECT_NE(Parse("1,234,567").find("(1234567)"), std::string::npos);
}

TEST(VietnameseNumberTest, RejectsWhatIsNotANumberWithAReason) {
  struct Case {
    const char* text;
    const char* why;
  };
  const Case cases[] = {
      {"", "no digits"},
      {"   ", "no digits"},
      {"-", "no digits"},
      {"1e5", "exponent"},
      {"1,5E3", "exponent"},
      {"abc", "only digits"},
      {"12 người", "only digits"},
      {"1..2", "two separators in a row"},
      {"1,,2", "two separators in a row"},
      {"1.,2", "two separators in a row"},
      {"1.23.4", "three digits"},
      {"1.234.56", "three digits"},
      {"1.2345.678", "three digits"},
      {"--3", "two signs"},
      {"+-3", "two signs"},
      {"3-", "only allowed at the start"},
      {"1,2,3", "more than one"},
      {"1,2.345", "only digits may follow"},
      {"12.", "ends with a separator"},
      {"12,", "ends with a separator"},
      {"1\t2", "control character"},
      {"1\u00852", "control character"},
      {"1\x7F", "control character"},
      {"\xFF", "only digits"},
      {"0.123.456", "not starting with 0"},
      {"1234.567.890", "one to three digits"},
  };
  for (const Case& c : cases) {
    const std::string got = Parse(c.text);
    EXPECT_EQ(got.rfind("invalid: ", 0), 0u) << c.text << " -> " << got;
    EXPECT_NE(got.find(c.why), std::string::npos) << c.text << " -> " << got;
  }
  // A NUL inside the text is a control character.
  const std::string nul("1\0002", 3);
  EXPECT_NE(Parse(nul).find("control character"), std::string::npos) << Parse(nul);
  // The reason quotes the text, escaping what a terminal would act on.
  EXPECT_NE(Parse("1\t2").find("'1\\x092'"), std::string::npos) << Parse("1\t2");
}

TEST(VietnameseNumberTest, LongInputIsRefusedQuickly) {
  const std::string forty(40, '9');
  EXPECT_EQ(Parse(forty), forty);
  EXPECT_EQ(Parse(" " + forty + " "), forty);
  const std::string got = Parse(forty + "9");
  EXPECT_NE(got.find("invalid: "), std::string::npos);
  EXPECT_NE(got.find("too long"), std::string::npos) << got;

  const std::string huge(1 << 20, '7');
  const auto start = std::chrono::steady_clock::now();
  const VietnameseNumber n = ParseVietnameseNumber(huge, NumberKind::kWhole);
  const auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(n.status, Status::kInvalid);
  EXPECT_NE(n.reason.find("too long"), std::string::npos);
  EXPECT_LT(n.reason.size(), 200u) << "the reason quotes a bounded prefix";
  EXPECT_LT(std::chrono::duration_cast<std::chrono::milliseconds>(elapsed).count(), 200);
  EXPECT_EQ(StatusOf(std::string(1 << 20, ' ')), Status::kInvalid);
}

TEST(VietnameseNumberTest, CanonicalDigitsReadBackInVietnamese) {
  for (const char* text : {"1.234.567,25", "0,5", "-3", "1,234", "15,50", "007", "-,25"}) {
    const VietnameseNumber n = ParseVietnameseNumber(text, NumberKind::kDecimal);
    ASSERT_EQ(n.status, Status::kOk) << text;
    std::string vietnamese = n.digits;
    for (char& c : vietnamese) {
      if (c == '.') c = ',';
    }
    const VietnameseNumber again = ParseVietnameseNumber(vietnamese, NumberKind::kDecimal);
    EXPECT_EQ(again.status, Status::kOk) << vietnamese;
    EXPECT_EQ(again.digits, n.digits) << text;
  }
}

}  // namespace
}  // namespace antq
