// The rule index with the shipped catalogue: a save finds the validation rules and the criteria
// its elements feed, and nothing else.
#include "rules/rule_index.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/catalog_use_cases.h"

namespace antq::rules {
namespace {

class RuleIndexTest : public ::testing::Test {
 protected:
  RuleIndexTest()
      : catalog_(*ReadCatalogFolder(std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog")),
        index_(RuleIndex::Build(catalog_)) {}

  Catalog catalog_;
  RuleIndex index_;
};

TEST_F(RuleIndexTest, ASaveFindsOnlyTheRulesThatReadItsElements) {
  const ReportValidator all = index_.ValidatorFor("commune-monthly");
  EXPECT_FALSE(all.empty());
  const ReportValidator tips = index_.ValidatorFor("commune-monthly", {"tips.valuable"});
  ASSERT_FALSE(tips.empty());
  // The one rule on tips reads both of its figures.
  const std::vector<std::string> keys = tips.keys();
  EXPECT_EQ(keys, (std::vector<std::string>{"tips.valuable", "tips.received"}));
  EXPECT_TRUE(index_.ValidatorFor("commune-monthly", {"online.posts"}).empty());
  EXPECT_TRUE(index_.ValidatorFor("no-such-data-set").empty());
  // An element with options is read through its options' keys.
  EXPECT_FALSE(index_.ValidatorFor("atantt-commune", {"atantt.registered"}).empty());
}

TEST_F(RuleIndexTest, CriteriaReadTheirFiguresAndEvidenceInTheYearsTheyApply) {
  const CriteriaSet* commune = catalog_.FindCriteriaSet("atantt-commune");
  const CriteriaSet* ntm = catalog_.FindCriteriaSet("ntm-19.2");
  ASSERT_TRUE(commune && ntm);
  EXPECT_TRUE(index_.CriteriaRead(catalog_, *commune, 2022, {"atantt.recognised"}));
  EXPECT_TRUE(index_.CriteriaRead(catalog_, *commune, 2022, {"atantt.resolution_ref"}));
  EXPECT_FALSE(index_.CriteriaRead(catalog_, *commune, 2022, {"tips.received"}));
  // NTM 19.2 reads the commune standard from 2022 (same_as) but its own petitions count in 2021.
  EXPECT_TRUE(index_.CriteriaRead(catalog_, *ntm, 2022, {"atantt.disciplined_officers"}));
  EXPECT_FALSE(index_.CriteriaRead(catalog_, *ntm, 2021, {"atantt.disciplined_officers"}));
  EXPECT_TRUE(index_.CriteriaRead(catalog_, *ntm, 2021, {"ntm.petitions_prolonged"}));
  EXPECT_FALSE(index_.CriteriaRead(catalog_, *commune, 2015, {"atantt.recognised"}));
}

}  // namespace
}  // namespace antq::rules
