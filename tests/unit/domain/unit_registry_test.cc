#include "domain/unit_registry.h"

#include <gtest/gtest.h>

namespace antq {
namespace {

Date D(const char* text) { return *Date::Parse(text); }

// A small tree that changes on 2025-07-01: province P1 with district D1 holding communes C1..C3;
// from 2025-07-01 the district is gone, C1+C2 merge into N1 (reusing code C1), C3 moves under
// the province and is renamed, and C4 splits into S1 and S2.
class UnitRegistryTest : public ::testing::Test {
 protected:
  static UnitDeclaration Unit(std::string code, UnitLevel level, std::string type, std::string name,
                              std::string parent, const char* from, const char* to) {
    UnitDeclaration d;
    d.where = "test:" + code;
    d.code = std::move(code);
    d.level = level;
    d.type = std::move(type);
    d.name = std::move(name);
    d.parent_code = std::move(parent);
    d.valid = {*from ? D(from) : Date::Min(), *to ? D(to) : Date::Max()};
    return d;
  }

  static LineageDeclaration Lineage(LineageKind kind, std::vector<std::string> from,
                                    std::vector<LineageTarget> to) {
    LineageDeclaration l;
    l.where = "test:lineage";
    l.date = D("2025-07-01");
    l.kind = kind;
    l.from_codes = std::move(from);
    l.to = std::move(to);
    return l;
  }

  UnitDeclarations Tree() {
    UnitDeclarations d;
    d.units = {
        Unit("VN", UnitLevel::kCountry, "", "Việt Nam", "", "", ""),
        Unit("P1", UnitLevel::kProvince, "Tỉnh", "Một", "VN", "", ""),
        Unit("D1", UnitLevel::kDistrict, "Huyện", "Đắk Hà", "P1", "", "2025-06-30"),
        Unit("C1", UnitLevel::kCommune, "Xã", "Ngọc Bay", "D1", "", "2025-06-30"),
        Unit("C2", UnitLevel::kCommune, "Xã", "Vinh Quang", "D1", "", "2025-06-30"),
        Unit("C3", UnitLevel::kCommune, "Xã", "Rơ Kơi", "D1", "", "2025-06-30"),
        Unit("C4", UnitLevel::kCommune, "Thị trấn", "Đăk Tô", "D1", "", "2025-06-30"),
        Unit("C1", UnitLevel::kCommune, "Xã", "Ngọk Bay", "P1", "2025-07-01", ""),
        Unit("C3", UnitLevel::kCommune, "Xã", "Rờ Kơi", "P1", "2025-07-01", ""),
        Unit("S1", UnitLevel::kCommune, "Xã", "Tây", "P1", "2025-07-01", ""),
        Unit("S2", UnitLevel::kCommune, "Phường", "Đông", "P1", "2025-07-01", ""),
    };
    d.lineage = {
        Lineage(LineageKind::kMerge, {"C1", "C2"}, {{"C1", 1}}),
        Lineage(LineageKind::kMove, {"C3"}, {{"C3", 1}}),
        Lineage(LineageKind::kSplit, {"C4"}, {{"S1", 0.3}, {"S2", 0.7}}),
    };
    return d;
  }

  std::vector<std::string> Codes(const std::vector<const UnitVersion*>& units) {
    std::vector<std::string> out;
    for (const UnitVersion* v : units) out.push_back(v->code);
    return out;
  }

  UnitRegistry registry_;
};

TEST_F(UnitRegistryTest, HierarchyAsOfDatesOnBothSidesOfTheReorganisation) {
  auto changes = registry_.Apply(Tree());
  ASSERT_TRUE(changes) << changes.error().ToString();
  EXPECT_EQ(changes->versions.size(), 11u);
  EXPECT_EQ(changes->events.size(), 3u);

  const UnitVersion* p1 = registry_.Find("P1", D("2022-01-01"));
  ASSERT_NE(p1, nullptr);
  // Before: the district and its communes, in Vietnamese order (Đ after D, N, R, V order).
  EXPECT_EQ(Codes(registry_.Descendants(p1->unit_id, D("2025-06-30"))),
            (std::vector<std::string>{"D1", "C4", "C1", "C3", "C2"}));
  EXPECT_EQ(Codes(registry_.Descendants(p1->unit_id, D("2025-06-30"), UnitLevel::kCommune)),
            (std::vector<std::string>{"C4", "C1", "C3", "C2"}));
  // After: no district; communes hang under the province.
  EXPECT_EQ(Codes(registry_.Descendants(p1->unit_id, D("2025-07-01"))),
            (std::vector<std::string>{"S2", "C1", "C3", "S1"}));
  EXPECT_EQ(registry_.Find("D1", D("2025-07-01")), nullptr);
  EXPECT_EQ(registry_.Find("C1", D("2025-06-30"))->name, "Ngọc Bay");
  EXPECT_EQ(registry_.Find("C1", D("2025-07-01"))->name, "Ngọk Bay");
}

TEST_F(UnitRegistryTest, IdentityFollowsLineage) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  const Date before = D("2025-06-30");
  const Date after = D("2025-07-01");
  // A merge forms a new unit even when it reuses a predecessor's code.
  EXPECT_NE(registry_.Find("C1", before)->unit_id, registry_.Find("C1", after)->unit_id);
  // A move (with a spelling change) keeps the unit.
  EXPECT_EQ(registry_.Find("C3", before)->unit_id, registry_.Find("C3", after)->unit_id);
  EXPECT_EQ(registry_.VersionsOfUnit(registry_.Find("C3", after)->unit_id).size(), 2u);
  // Split weights are kept on the links.
  const auto events = registry_.EventsFrom(registry_.Find("C4", before)->unit_id);
  ASSERT_EQ(events.size(), 1u);
  ASSERT_EQ(events[0]->links.size(), 2u);
  EXPECT_DOUBLE_EQ(events[0]->links[0].weight + events[0]->links[1].weight, 1.0);
  // The merge has two arrows into the new C1.
  const auto into = registry_.EventsInto(registry_.Find("C1", after)->unit_id);
  ASSERT_EQ(into.size(), 1u);
  EXPECT_EQ(into[0]->links.size(), 2u);
}

TEST_F(UnitRegistryTest, ContiguousVersionsOfOneCodeWithoutLineageKeepTheUnit) {
  UnitDeclarations d = Tree();
  d.units.push_back(Unit("P2", UnitLevel::kProvince, "Tỉnh", "Cũ", "VN", "", "2019-12-31"));
  d.units.push_back(Unit("P2", UnitLevel::kProvince, "Tỉnh", "Mới", "VN", "2020-01-01", ""));
  ASSERT_TRUE(registry_.Apply(d));
  EXPECT_EQ(registry_.Find("P2", D("2019-12-31"))->unit_id,
            registry_.Find("P2", D("2020-01-01"))->unit_id);
}

TEST_F(UnitRegistryTest, ReapplyingChangesNothing) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  auto again = registry_.Apply(Tree());
  ASSERT_TRUE(again) << again.error().ToString();
  EXPECT_TRUE(again->empty());
  EXPECT_EQ(again->unchanged, 14u);
  EXPECT_EQ(registry_.versions().size(), 11u);
}

TEST_F(UnitRegistryTest, ResolveNamesTheSuccessor) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  auto r = registry_.Resolve("C2", D("2025-07-01"));
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().message(),
            "unit C2 (Xã Vinh Quang) did not exist on 2025-07-01: it existed until 2025-06-30; "
            "its successor is C1 Xã Ngọk Bay (from 2025-07-01)");
  auto split = registry_.Resolve("C4", D("2026-01-01"));
  ASSERT_FALSE(split);
  EXPECT_NE(split.error().message().find("successors are S1 Xã Tây"), std::string::npos)
      << split.error().message();
  auto unknown = registry_.Resolve("ZZ", D("2026-01-01"));
  ASSERT_FALSE(unknown);
  EXPECT_EQ(unknown.error().code(), ErrorCode::kNotFound);
  auto early = registry_.Resolve("S1", D("2024-01-01"));
  ASSERT_FALSE(early);
  EXPECT_NE(early.error().message().find("exists from 2025-07-01"), std::string::npos);
}

TEST_F(UnitRegistryTest, RejectsAParentThatDoesNotExist) {
  UnitDeclarations d = Tree();
  d.units.push_back(Unit("C9", UnitLevel::kCommune, "Xã", "Lạc", "D9", "", ""));
  auto r = registry_.Apply(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "test:C9: parent");
  EXPECT_TRUE(registry_.versions().empty()) << "a failed apply must change nothing";
}

TEST_F(UnitRegistryTest, RejectsAParentThatEndsBeforeTheChild) {
  UnitDeclarations d = Tree();
  d.units.push_back(Unit("C9", UnitLevel::kCommune, "Xã", "Lạc", "D1", "2020-01-01", ""));
  auto r = registry_.Apply(d);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("does not exist for the whole of"), std::string::npos);
}

TEST_F(UnitRegistryTest, RejectsOverlappingVersionsOfOneCode) {
  UnitDeclarations d = Tree();
  d.units.push_back(
      Unit("C2", UnitLevel::kCommune, "Xã", "Khác", "D1", "2020-01-01", "2021-01-01"));
  auto r = registry_.Apply(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().code(), ErrorCode::kConflict);
  EXPECT_NE(r.error().message().find("must not overlap"), std::string::npos);
}

TEST_F(UnitRegistryTest, RejectsBadLineage) {
  {
    UnitDeclarations d = Tree();
    d.lineage[2].to = {{"S1", 0.3}, {"S2", 0.6}};
    auto r = UnitRegistry().Apply(d);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("add up to 0.9"), std::string::npos) << r.error().message();
  }
  {
    UnitDeclarations d = Tree();
    d.lineage[0].from_codes = {"C1", "C9"};
    auto r = UnitRegistry().Apply(d);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().where(), "test:lineage: from");
  }
  {
    UnitDeclarations d = Tree();
    d.lineage[0].kind = LineageKind::kSplit;
    auto r = UnitRegistry().Apply(d);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().where(), "test:lineage: kind");
  }
  {
    // A source that does not end the day before the change.
    UnitDeclarations d = Tree();
    d.lineage.push_back(Lineage(LineageKind::kMerge, {"P1"}, {{"S1", 1}}));
    auto r = UnitRegistry().Apply(d);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().message().find("must end it on 2025-06-30"), std::string::npos);
  }
}

TEST_F(UnitRegistryTest, AMergeDeclaredApartFromTheVersionItFormsIsRejected) {
  // Without the merge, the new C1 continues the old C1 (same code, contiguous); a merge declared
  // later would link the unit to itself.
  UnitDeclarations units = Tree();
  units.lineage.clear();
  ASSERT_TRUE(registry_.Apply(units));
  UnitDeclarations merge;
  merge.lineage = {Lineage(LineageKind::kMerge, {"C1", "C2"}, {{"C1", 1}})};
  auto r = registry_.Apply(merge);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("already continues source"), std::string::npos)
      << r.error().message();
}

TEST_F(UnitRegistryTest, OnlyACountryMayBeARoot) {
  UnitDeclarations d;
  d.units = {Unit("P1", UnitLevel::kProvince, "Tỉnh", "Một", "", "", "")};
  auto r = registry_.Apply(d);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "test:P1: parent");
}

TEST_F(UnitRegistryTest, SearchIsAccentInsensitiveAndDated) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  EXPECT_EQ(Codes(registry_.Search("ngoc bay")), (std::vector<std::string>{"C1", "C1"}));
  EXPECT_EQ(Codes(registry_.Search("NGỌK BAY", D("2025-07-01"))), (std::vector<std::string>{"C1"}));
  EXPECT_EQ(Codes(registry_.Search("ro koi", D("2022-01-01"))), (std::vector<std::string>{"C3"}));
  EXPECT_TRUE(registry_.Search("zzz").empty());
}

TEST_F(UnitRegistryTest, GroupsHaveDatedMembers) {
  UnitDeclarations d = Tree();
  d.groups = {{"test:g", "border", "Xã biên giới", "Border communes"}};
  d.memberships = {{"test:m1", "border", "C3", {Date::Min(), Date::Max()}},
                   {"test:m2", "border", "S1", {D("2025-07-01"), Date::Max()}}};
  auto changes = registry_.Apply(d);
  ASSERT_TRUE(changes) << changes.error().ToString();
  const UnitGroup* g = registry_.FindGroup("border");
  ASSERT_NE(g, nullptr);
  EXPECT_EQ(Codes(registry_.GroupMembers(*g, D("2022-01-01"))), (std::vector<std::string>{"C3"}));
  EXPECT_EQ(Codes(registry_.GroupMembers(*g, D("2025-07-01"))),
            (std::vector<std::string>{"C3", "S1"}));
  // A membership for a group that does not exist is an error naming its line.
  UnitDeclarations bad;
  bad.memberships = {{"test:m9", "nope", "C3", {Date::Min(), Date::Max()}}};
  auto r = registry_.Apply(bad);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "test:m9: group");
}

TEST_F(UnitRegistryTest, AncestorsNearestFirst) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  const UnitVersion* c2 = registry_.Find("C2", D("2020-01-01"));
  EXPECT_EQ(Codes(registry_.Ancestors(c2->unit_id, D("2020-01-01"))),
            (std::vector<std::string>{"D1", "P1", "VN"}));
}

TEST_F(UnitRegistryTest, FromPartsRebuildsTheSameIndexes) {
  ASSERT_TRUE(registry_.Apply(Tree()));
  UnitRegistry copy =
      UnitRegistry::FromParts(registry_.versions(), registry_.events(), registry_.groups());
  const UnitVersion* p1 = copy.Find("P1", D("2025-07-01"));
  ASSERT_NE(p1, nullptr);
  EXPECT_EQ(Codes(copy.Descendants(p1->unit_id, D("2025-07-01"))),
            (std::vector<std::string>{"S2", "C1", "C3", "S1"}));
  // New ids continue after the loaded ones.
  UnitDeclarations more;
  more.units = {Unit("S3", UnitLevel::kCommune, "Xã", "Ba", "P1", "2025-07-01", "")};
  auto changes = copy.Apply(more);
  ASSERT_TRUE(changes);
  EXPECT_GT(changes->versions[0].id, registry_.versions().back().id);
}

}  // namespace
}  // namespace antq
