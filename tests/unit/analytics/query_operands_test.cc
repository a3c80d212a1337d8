// The operands of the indicator language beyond elements (C{}, OUG{}, R{}) and unit groups as a
// query filter and a row dimension, on a small world whose border group changes on 2025-07-01.
#include <gtest/gtest.h>

#include <string>

#include "analytics/engine.h"

namespace antq::analytics {
namespace {

Date D(const char* t) { return *Date::Parse(t); }
Period P(const char* code) { return *Period::Parse(code); }

// VN > T (province) > H1, H2 (districts until 2025-06-30) > A, B under H1, C under H2; on
// 2025-07-01 A and B merge into N, C becomes M, both under T. The border group holds A until
// 2025-06-30 and N from 2025-07-01; the key-area group holds C for 2023 only.
struct Small {
  UnitRegistry units;
  Catalog catalog;

  Small() {
    UnitDeclarations d;
    const DateRange always{Date::Min(), Date::Max()};
    const DateRange before{Date::Min(), D("2025-06-30")};
    const DateRange after{D("2025-07-01"), Date::Max()};
    d.units = {{"t", "VN", UnitLevel::kCountry, "", "Nước", "", always},
               {"t", "T", UnitLevel::kProvince, "Tỉnh", "T", "VN", always},
               {"t", "H1", UnitLevel::kDistrict, "Huyện", "Một", "T", before},
               {"t", "H2", UnitLevel::kDistrict, "Huyện", "Hai", "T", before},
               {"t", "A", UnitLevel::kCommune, "Xã", "An", "H1", before},
               {"t", "B", UnitLevel::kCommune, "Xã", "Bình", "H1", before},
               {"t", "C", UnitLevel::kCommune, "Xã", "Cường", "H2", before},
               {"t", "N", UnitLevel::kCommune, "Xã", "Nam", "T", after},
               {"t", "M", UnitLevel::kCommune, "Xã", "Minh", "T", after}};
    d.lineage = {{"t", D("2025-07-01"), LineageKind::kMerge, {"A", "B"}, {{"N", 1}}, ""},
                 {"t", D("2025-07-01"), LineageKind::kMerge, {"C"}, {{"M", 1}}, ""}};
    d.groups = {{"t", "border", "Xã biên giới", "Border communes"},
                {"t", "key-area", "Địa bàn trọng điểm", "Key areas"},
                {"t", "ethnic-mountain", "Xã vùng DTTS và miền núi", "Ethnic-minority"}};
    d.memberships = {{"t", "border", "A", {Date::Min(), D("2025-06-30")}},
                     {"t", "border", "N", {D("2025-07-01"), Date::Max()}},
                     {"t", "key-area", "C", {D("2023-01-01"), D("2023-12-31")}}};
    auto applied = units.Apply(d);
    EXPECT_TRUE(applied) << applied.error().ToString();
    Register reg;
    reg.code = "propaganda";
    reg.level = UnitLevel::kCommune;
    EXPECT_TRUE(catalog.AddRegister(reg, "t"));
    DataElement sessions;
    sessions.code = "propaganda.sessions";
    sessions.source = ElementSource{"propaganda", SourceFunction::kCount, ""};
    EXPECT_TRUE(catalog.AddElement(sessions, "t"));
    DataSet ds;
    ds.code = "commune-monthly";
    ds.period_type = PeriodType::kMonthly;
    ds.calendar = "gregorian";
    EXPECT_TRUE(catalog.AddDataSet(ds, "t"));
    EXPECT_TRUE(catalog.AddConstant({"per-100k", "Cơ số", "Per 100,000", "", 100000}, "t"));
  }
  UnitId Id(const char* code, const char* day) const { return units.Find(code, D(day))->unit_id; }
};

// One propaganda session per (unit, day).
void Sessions(Engine& engine, const Small& w,
              std::initializer_list<std::pair<const char*, const char*>> at) {
  static int64_t id = 0;
  for (const auto& [code, day] : at) {
    Event e;
    e.id = ++id;
    e.register_code = "propaganda";
    e.unit_id = w.Id(code, day);
    e.date = D(day);
    engine.PutEvent(e);
  }
}

Query Ask(std::vector<std::string> measures, const char* under, const char* from, const char* to) {
  Query q;
  q.measures = std::move(measures);
  q.under = under;
  q.from = P(from);
  q.to = P(to);
  return q;
}

std::map<std::string, std::optional<double>> Column(const QueryResult& r, size_t measure = 0) {
  std::map<std::string, std::optional<double>> out;
  for (const Row& row : r.rows) out[row.unit_code + "@" + row.period] = row.values[measure];
  return out;
}

TEST(QueryOperandsTest, AGroupFiltersFiguresByMembershipOnTheirDayAcrossTheReform) {
  Small w;
  Engine engine(w.units, w.catalog);
  Sessions(engine, w,
           {{"A", "2024-03-01"},
            {"A", "2024-04-01"},
            {"B", "2024-03-01"},
            {"C", "2024-03-01"},
            {"N", "2025-08-01"},
            {"M", "2025-08-01"}});
  Query q = Ask({"propaganda.sessions"}, "T", "2024", "2025");
  q.by_period = PeriodType::kYearly;
  q.group = "border";
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  // 2024: A's two (B and C are not border communes); 2025: N's one, after N joined the group.
  EXPECT_EQ(Column(*r),
            (std::map<std::string, std::optional<double>>{{"T@2024", 2}, {"T@2025", 1}}));
  // As of 2025-07-01, every figure is carried to the new units and tested there: A's and B's
  // go to N, a member, and C's to M, which is not.
  q.as_of = D("2025-07-01");
  r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Column(*r),
            (std::map<std::string, std::optional<double>>{{"T@2024", 3}, {"T@2025", 1}}));
  // A group no unit of the area belongs to: no rows; an unknown group: an error naming it.
  q.as_of.reset();
  q.group = "ethnic-mountain";
  r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->rows.empty());
  q.group = "coast";
  r = engine.Run(q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "group");
  EXPECT_NE(r.error().message().find("border"), std::string::npos) << r.error().message();
}

TEST(QueryOperandsTest, ByGroupGivesARowPerGroupAndOneForUnitsInNone) {
  Small w;
  Engine engine(w.units, w.catalog);
  Sessions(engine, w,
           {{"A", "2023-03-01"}, {"B", "2023-03-01"}, {"C", "2023-05-01"}, {"C", "2024-05-01"}});
  Query q = Ask({"propaganda.sessions"}, "T", "2023", "2024");
  q.by_group = true;
  q.by_period = PeriodType::kYearly;
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  // C is a key area in 2023 only; B is in no group; the none row has an empty code.
  EXPECT_EQ(Column(*r), (std::map<std::string, std::optional<double>>{
                            {"border@2023", 1}, {"key-area@2023", 1}, {"@2023", 1}, {"@2024", 1}}));
  ASSERT_FALSE(r->rows.empty());
  EXPECT_EQ(r->rows.front().unit_name, "(không thuộc nhóm nào / in no group)");
  // Units and groups are one dimension: both at once is refused.
  q.by_level = UnitLevel::kDistrict;
  r = engine.Run(q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "by");
}

TEST(QueryOperandsTest, OugCountsTheGroupsMembersInEachRowOnThePeriodsLastDay) {
  Small w;
  Engine engine(w.units, w.catalog);
  Query q = Ask({"OUG{border}", "OUG{key-area}"}, "T", "2023", "2025");
  q.by_period = PeriodType::kYearly;
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  // The border group has one member at the end of each year (A, then N); the key-area group
  // one at the end of 2023 only.
  EXPECT_EQ(Column(*r, 0), (std::map<std::string, std::optional<double>>{
                               {"T@2023", 1}, {"T@2024", 1}, {"T@2025", 1}}));
  EXPECT_EQ(Column(*r, 1), (std::map<std::string, std::optional<double>>{
                               {"T@2023", 1}, {"T@2024", std::nullopt}, {"T@2025", std::nullopt}}));
  // By district in 2023: A counts in H1, C in H2.
  q = Ask({"OUG{border}", "OUG{key-area}"}, "T", "2023", "2023");
  q.by_level = UnitLevel::kDistrict;
  r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_EQ(Column(*r, 0), (std::map<std::string, std::optional<double>>{
                               {"H1@2023", 1}, {"H2@2023", std::nullopt}}));
  EXPECT_EQ(Column(*r, 1), (std::map<std::string, std::optional<double>>{{"H1@2023", std::nullopt},
                                                                         {"H2@2023", 1}}));
  q.measures = {"OUG{nowhere}"};
  r = engine.Run(q);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("no unit group 'nowhere'"), std::string::npos)
      << r.error().message();
}

TEST(QueryOperandsTest, ConstantsComeFromTheCatalogue) {
  Small w;
  Engine engine(w.units, w.catalog);
  Sessions(engine, w, {{"A", "2024-03-01"}, {"B", "2024-03-01"}});
  Query q = Ask({"#{propaganda.sessions} * C{per-100k} / 4"}, "T", "2024", "2024");
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].values[0], 50000);
  // A constant alone has no row to stand on: no figure, no row.
  q.measures = {"C{per-100k}"};
  r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  EXPECT_TRUE(r->rows.empty());
  q.measures = {"#{propaganda.sessions} * C{missing}"};
  r = engine.Run(q);
  ASSERT_FALSE(r);
  EXPECT_EQ(r.error().where(), "measure");
  EXPECT_NE(r.error().message().find("no constant 'missing'"), std::string::npos)
      << r.error().message();
}

TEST(QueryOperandsTest, ReportingMetricsFollowDhis2) {
  Small w;
  Engine engine(w.units, w.catalog);
  Query q = Ask({"R{commune-monthly.EXPECTED_REPORTS}", "R{commune-monthly.ACTUAL_REPORTS}",
                 "R{commune-monthly.ACTUAL_REPORTS_ON_TIME}", "R{commune-monthly.REPORTING_RATE}",
                 "R{commune-monthly.REPORTING_RATE_ON_TIME}"},
                "T", "2024", "2024");
  q.by_level = UnitLevel::kDistrict;
  // H1 owed 4 reports (A, B × Jan, Feb): 3 came, 2 on time. H2 owed 2: none came.
  auto& reports = q.reports["commune-monthly"];
  const UnitId a = w.Id("A", "2024-01-31");
  const UnitId b = w.Id("B", "2024-01-31");
  const UnitId c = w.Id("C", "2024-01-31");
  reports = {{a, D("2024-01-31"), true, true},   {a, D("2024-02-29"), true, false},
             {b, D("2024-01-31"), true, true},   {b, D("2024-02-29"), false, false},
             {c, D("2024-01-31"), false, false}, {c, D("2024-02-29"), false, false},
             {c, D("2023-12-31"), true, true}};  // outside the range
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  std::map<std::string, std::vector<std::optional<double>>> by_unit;
  for (const Row& row : r->rows) by_unit[row.unit_code] = row.values;
  EXPECT_EQ(by_unit["H1"], (std::vector<std::optional<double>>{4, 3, 2, 75, 50}));
  EXPECT_EQ(by_unit["H2"], (std::vector<std::optional<double>>{2, 0, 0, 0, 0}));
  q.measures = {"R{weekly-nothing.REPORTING_RATE}"};
  r = engine.Run(q);
  ASSERT_FALSE(r);
  EXPECT_NE(r.error().message().find("no data set 'weekly-nothing'"), std::string::npos)
      << r.error().message();
}

// A result of more rows than one core fills (a commune × month grid) comes in the same order and
// with the same figures as a small one: rows by unit name, then month.
TEST(QueryOperandsTest, ALargeGridIsFilledInOrderOnTwoCores) {
  UnitDeclarations d;
  const DateRange always{Date::Min(), Date::Max()};
  d.units = {{"t", "VN", UnitLevel::kCountry, "", "Nước", "", always},
             {"t", "T", UnitLevel::kProvince, "Tỉnh", "T", "VN", always}};
  constexpr int kCommunes = 1800;  // × 12 months: above the two-core threshold
  // Codes and months with leading zeros, so that they sort as they are numbered.
  auto code_of = [](int i) {
    const std::string n = std::to_string(i);
    return "X" + std::string(4 - n.size(), '0') + n;
  };
  auto month_of = [](int month) {
    return std::string(month < 10 ? "20230" : "2023") + std::to_string(month);
  };
  for (int i = 0; i < kCommunes; ++i) {
    d.units.push_back({"t", code_of(i), UnitLevel::kCommune, "Xã", code_of(i), "T", always});
  }
  UnitRegistry units;
  ASSERT_TRUE(units.Apply(d));
  Catalog catalog;
  DataElement tips;
  tips.code = "tips.received";
  ASSERT_TRUE(catalog.AddElement(tips, "t"));
  DataSet ds;
  ds.code = "monthly";
  ds.period_type = PeriodType::kMonthly;
  ds.calendar = "gregorian";
  ds.elements = {"tips.received"};
  ASSERT_TRUE(catalog.AddDataSet(ds, "t"));
  Engine engine(units, catalog);
  for (int i = 0; i < kCommunes; ++i) {
    for (int month = 1; month <= 12; ++month) {
      DataValue v;
      v.unit_id = units.Find(code_of(i), D("2023-01-01"))->unit_id;
      v.element = "tips.received";
      v.period = month_of(month);
      v.data_set = "monthly";
      v.value.number = i * 100 + month;
      engine.PutValue(v);
    }
  }
  Query q = Ask({"tips.received", "#{tips.received} * 2"}, "T", "2023", "2023");
  q.by_level = UnitLevel::kCommune;
  q.by_period = PeriodType::kMonthly;
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), static_cast<size_t>(kCommunes * 12));
  for (size_t k = 0; k < r->rows.size(); ++k) {
    const Row& row = r->rows[k];
    const int i = static_cast<int>(k / 12);
    const int month = static_cast<int>(k % 12) + 1;
    ASSERT_EQ(row.unit_code, code_of(i)) << k;
    ASSERT_EQ(row.unit_name, "Xã " + code_of(i)) << k;
    ASSERT_EQ(row.period, month_of(month)) << k;
    ASSERT_EQ(row.values[0], i * 100 + month) << k;
    ASSERT_EQ(row.values[1], 2 * (i * 100 + month)) << k;
  }
}

}  // namespace
}  // namespace antq::analytics
