// Validation rules with the shipped catalogue: a violation with its values and sentence, each
// missing-value strategy, and the catalogue check that names the rule and the position.
#include "rules/validation.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include "app/catalog_use_cases.h"
#include "interop/catalog_toml.h"

namespace antq::rules {
namespace {

class ValidationTest : public ::testing::Test {
 protected:
  ValidationTest()
      : catalog_(*ReadCatalogFolder(std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog")) {}

  // The rule codes a report breaks.
  std::vector<std::string> Broken(const std::string& data_set,
                                  const std::map<std::string, double>& report) {
    auto validator = ReportValidator::For(catalog_, data_set);
    EXPECT_TRUE(validator);
    std::vector<std::string> codes;
    for (const Violation& v : validator->Check([&](const std::string& key) {
           auto it = report.find(key);
           return it == report.end() ? std::nullopt : std::optional<double>(it->second);
         })) {
      codes.push_back(v.rule->code);
    }
    return codes;
  }

  // Adds one rule to a copy of the catalogue and checks it.
  Status WithRule(const std::string& left, const std::string& missing = "skip_if_all_missing") {
    Catalog c = catalog_;
    const std::string toml = R"([[validation_rule]]
code = "extra"
name_vi = "x"
name_en = "x"
data_set = "commune-monthly"
left = ")" + left + R"("
op = "<="
right = "#{tips.received}"
missing = ")" + missing + R"("
)";
    auto read = ReadCatalogToml(toml, "extra.toml", c);
    if (!read) return read;
    extended_ = c;
    return CheckValidationRules(c);
  }

  Catalog catalog_;
  Catalog extended_;
};

TEST_F(ValidationTest, AViolationCarriesTheRuleTheValuesAndASentence) {
  auto validator = ReportValidator::For(catalog_, "commune-monthly");
  ASSERT_TRUE(validator);
  const std::map<std::string, double> report = {{"tips.received", 5}, {"tips.valuable", 7}};
  auto violations = validator->Check([&](const std::string& key) -> std::optional<double> {
    auto it = report.find(key);
    if (it == report.end()) return std::nullopt;
    return it->second;
  });
  ASSERT_EQ(violations.size(), 1u);
  const Violation& v = violations[0];
  EXPECT_EQ(v.rule->code, "tips.valuable_le_received");
  EXPECT_EQ(v.rule->importance, Importance::kError);
  EXPECT_EQ(*v.outcome.left, 7);
  EXPECT_EQ(*v.outcome.right, 5);
  EXPECT_EQ(v.message_vi, "Số tin có giá trị không vượt quá số tin nhận được: 7 > 5");
  EXPECT_EQ(v.message_en, "Tips of value are at most the tips received: 7 > 5");
  EXPECT_TRUE(HasErrors(violations));
  // Equal is fine.
  EXPECT_TRUE(Broken("commune-monthly", {{"tips.received", 5}, {"tips.valuable", 5}}).empty());
}

TEST_F(ValidationTest, WarningsDoNotCountAsErrors) {
  auto broken =
      Broken("commune-monthly", {{"security.cases_received", 2}, {"security.cases_reconciled", 3}});
  ASSERT_EQ(broken, std::vector<std::string>{"security.reconciled_le_received"});
  auto validator = ReportValidator::For(catalog_, "commune-monthly");
  auto v = validator->Check([](const std::string& key) -> std::optional<double> {
    if (key == "security.cases_received") return 2;
    if (key == "security.cases_reconciled") return 3;
    return std::nullopt;
  });
  EXPECT_FALSE(HasErrors(v));
}

TEST_F(ValidationTest, AnElementWithOptionsIsTheSumOfThemAndOptionsCanBeNamed) {
  // Recognised 10 + 5 = 15 against registered 12 + 2 = 14: both the total rule and the
  // residential-area rule (10 > 8) are broken.
  auto broken = Broken("atantt-commune", {{"atantt.recognised", 15},
                                          {"atantt.recognised.khu_dan_cu", 10},
                                          {"atantt.registered", 14},
                                          {"atantt.registered.khu_dan_cu", 8},
                                          {"atantt.total", 30}});
  EXPECT_EQ(broken, (std::vector<std::string>{"atantt.recognised_le_registered",
                                              "atantt.residential_recognised_le_registered"}));
}

TEST_F(ValidationTest, MissingValueStrategies) {
  auto broken_with = [&](const std::string& missing, const std::map<std::string, double>& r) {
    EXPECT_TRUE(WithRule("#{tips.valuable}", missing));
    auto validator = ReportValidator::For(extended_, "commune-monthly");
    std::vector<std::string> codes;
    for (const Violation& v : validator->Check([&](const std::string& key) {
           auto it = r.find(key);
           return it == r.end() ? std::nullopt : std::optional<double>(it->second);
         })) {
      if (v.rule->code == "extra") codes.push_back(missing);
    }
    return codes.size();
  };
  const std::map<std::string, double> none;
  const std::map<std::string, double> only_valuable = {{"tips.valuable", 4}};
  // Skip if all missing (the default): nothing reported, nothing checked; one value reported,
  // the other counts as 0 and 4 > 0 breaks it.
  EXPECT_EQ(broken_with("skip_if_all_missing", none), 0u);
  EXPECT_EQ(broken_with("skip_if_all_missing", only_valuable), 1u);
  // Skip if any missing: a report with a gap is not checked.
  EXPECT_EQ(broken_with("skip_if_any_missing", only_valuable), 0u);
  // Never skip: checked with the gaps as 0 (0 <= 0 holds; 4 > 0 does not).
  EXPECT_EQ(broken_with("never_skip", none), 0u);
  EXPECT_EQ(broken_with("never_skip", only_valuable), 1u);
}

TEST_F(ValidationTest, ARuleThatDoesNotParseOrNamesAnUnknownElementIsRefusedWithItsPosition) {
  EXPECT_TRUE(WithRule("#{tips.valuable}"));
  auto syntax = WithRule("#{tips.valuable} *");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().where().find("validation rule extra (extra.toml:1): left"),
            std::string::npos)
      << syntax.error().ToString();
  EXPECT_NE(syntax.error().message().find("column"), std::string::npos)
      << syntax.error().ToString();
  auto unknown = WithRule("#{tips.nothing}");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("column 1: unknown element 'tips.nothing'"),
            std::string::npos)
      << unknown.error().ToString();
  // A rule reads its own report only.
  auto elsewhere = WithRule("#{atantt.total}");
  ASSERT_FALSE(elsewhere);
  EXPECT_NE(elsewhere.error().message().find("not reported in data set commune-monthly"),
            std::string::npos)
      << elsewhere.error().ToString();
  // A misspelt strategy is refused when the file is read.
  auto strategy = WithRule("#{tips.valuable}", "sometimes");
  ASSERT_FALSE(strategy);
  EXPECT_NE(strategy.error().where().find("extra.toml"), std::string::npos);
}

}  // namespace
}  // namespace antq::rules
