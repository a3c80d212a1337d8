// The movement's rating on the shipped commune scoring sheet: self and review totals side by
// side, the class bands at their edges, items above their maximum, and sheets only partly scored.
#include "rules/scoring.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "app/catalog_use_cases.h"

namespace antq::rules {
namespace {

class ScoringTest : public ::testing::Test {
 protected:
  ScoringTest()
      : units_(MakeUnits()),
        catalog_(*ReadCatalogFolder(std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog")),
        engine_(units_, catalog_) {}

  static UnitRegistry MakeUnits() {
    UnitRegistry units;
    UnitDeclarations d;
    const DateRange always{Date::Min(), Date::Max()};
    d.units.push_back({"t", "VN", UnitLevel::kCountry, "", "Việt Nam", "", always});
    d.units.push_back({"t", "P", UnitLevel::kProvince, "Tỉnh", "Một", "VN", always});
    for (const char* code : {"A", "B", "C", "E"}) {
      d.units.push_back({"t", code, UnitLevel::kCommune, "Xã", code, "P", always});
    }
    EXPECT_TRUE(units.Apply(d));
    return units;
  }

  // Scores every item of the sheet so that they add up to `total` (shares of each maximum).
  void Score(const std::string& code, const std::string& who, double total) {
    const ScoringSheet& sheet = *catalog_.FindScoringSheet("classification-commune");
    const double share = total / sheet.max_total();
    for (const ScoringItem& item : sheet.items)
      Put(code, item.element, who, item.max_points * share);
  }

  void Put(const std::string& code, const std::string& element, const std::string& who,
           double points) {
    DataValue v;
    v.unit_id = units_.VersionsOfCode(code).front()->unit_id;
    v.element = element;
    v.option = who;
    v.period = "2023";
    v.data_set = "classification";
    v.value.number = points;
    engine_.PutValue(v);
  }

  static const UnitRating& Of(const Rating& r, const std::string& code) {
    for (const UnitRating& u : r.units) {
      if (u.unit->code == code) return u;
    }
    throw std::runtime_error("no rating for " + code);
  }

  Rating Rate() {
    auto r = RateUnits(engine_, units_, catalog_,
                       *catalog_.FindScoringSheet("classification-commune"), "P", 2023);
    EXPECT_TRUE(r) << r.error().ToString();
    return std::move(*r);
  }

  UnitRegistry units_;
  Catalog catalog_;
  analytics::Engine engine_;
};

TEST_F(ScoringTest, TheReviewDecidesTheClassAndBothTotalsAreKept) {
  Score("A", "self", 92);
  Score("A", "review", 88);
  Rating r = Rate();
  const UnitRating& a = Of(r, "A");
  EXPECT_NEAR(*a.self_total, 92, 1e-9);
  EXPECT_NEAR(*a.review_total, 88, 1e-9);
  EXPECT_EQ(a.self_class->code, "xuat_sac");
  EXPECT_EQ(a.review_class->code, "kha");
  EXPECT_EQ(a.rated_class()->code, "kha");
  EXPECT_TRUE(a.notes_vi.empty());
  // Not reviewed yet: the unit's own score stands.
  Score("B", "self", 75);
  const Rating again = Rate();
  const UnitRating& b = Of(again, "B");
  EXPECT_FALSE(b.review_total);
  EXPECT_EQ(b.rated_class()->code, "kha");
}

TEST_F(ScoringTest, BandsIncludeTheirLowerEdge) {
  Score("A", "review", 90);
  Score("B", "review", 89.9);
  Score("C", "review", 50);
  Score("E", "review", 49.9);
  Rating r = Rate();
  EXPECT_EQ(Of(r, "A").rated_class()->code, "xuat_sac");
  EXPECT_EQ(Of(r, "B").rated_class()->code, "kha");
  EXPECT_EQ(Of(r, "C").rated_class()->code, "trung_binh");
  EXPECT_EQ(Of(r, "E").rated_class()->code, "yeu");
  EXPECT_EQ(r.CountOf("kha"), 1u);
  EXPECT_EQ(r.CountOf("yeu"), 1u);
}

TEST_F(ScoringTest, AnItemAboveItsMaximumCountsAsItsMaximumWithANote) {
  Score("A", "self", 80);
  Put("A", "score.forces", "self", 14);  // the item is worth 10
  const Rating r = Rate();
  const UnitRating& a = Of(r, "A");
  // 80 less the forces item's 8, plus 10.
  EXPECT_NEAR(*a.self_total, 82, 1e-9);
  ASSERT_EQ(a.notes_en.size(), 1u);
  EXPECT_NE(a.notes_en[0].find("self score 14 above its maximum 10"), std::string::npos)
      << a.notes_en[0];
}

TEST_F(ScoringTest, APartlyScoredSheetSaysHowManyItemsWereScored) {
  Put("A", "score.models", "self", 18);
  Put("A", "score.crime", "self", 20);
  const Rating r = Rate();
  const UnitRating& a = Of(r, "A");
  EXPECT_NEAR(*a.self_total, 38, 1e-9);
  ASSERT_EQ(a.notes_en.size(), 1u);
  EXPECT_EQ(a.notes_en[0], "self-assessed 2 of 6 items");
  // A unit with no scores has no totals and no class.
  const UnitRating& e = Of(r, "E");
  EXPECT_FALSE(e.self_total);
  EXPECT_EQ(e.rated_class(), nullptr);
}

TEST_F(ScoringTest, TheCatalogueRefusesBandsOutOfOrderAndItemsWithoutBothScores) {
  Catalog c = catalog_;
  ScoringSheet sheet = *c.FindScoringSheet("classification-commune");
  sheet.code = "bad";
  std::swap(sheet.classes[0], sheet.classes[1]);
  ASSERT_TRUE(c.AddScoringSheet(sheet, "bad.toml:1"));
  auto order = c.Validate();
  ASSERT_FALSE(order);
  EXPECT_NE(order.error().message().find("must need fewer points"), std::string::npos);
  Catalog d = catalog_;
  ScoringSheet other = *d.FindScoringSheet("classification-commune");
  other.code = "bad";
  other.items[0].element = "tips.received";
  ASSERT_TRUE(d.AddScoringSheet(other, "bad.toml:1"));
  auto items = d.Validate();
  ASSERT_FALSE(items);
  EXPECT_NE(items.error().where().find("item leadership"), std::string::npos)
      << items.error().ToString();
}

}  // namespace
}  // namespace antq::rules
