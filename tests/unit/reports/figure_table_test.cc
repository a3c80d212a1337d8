// The figure table both report definitions share: figures read by measure code (a measure the
// query did not ask for fails, naming it), the query behind each figure, and the annex table
// with its totals row in the report's number format.
#include "reports/figure_table.h"

#include <gtest/gtest.h>

#include "interop/template_toml.h"
#include "reports/report_builder.h"

namespace antq::reports {
namespace {

Period P(const char* code) { return *Period::Parse(code); }

analytics::Row RowOf(std::string code, std::string name,
                     std::vector<std::optional<double>> values) {
  return {std::move(code), std::move(name), "2022", std::move(values)};
}

analytics::Query QueryOf(std::vector<std::string> measures) {
  FigureScope scope;
  scope.under = "62";
  scope.from = P("2019");
  scope.to = P("2022");
  return scope.QueryOf(std::move(measures), UnitLevel::kDistrict);
}

TEST(MeasureColumnTest, FindsTheColumnOfAMeasureByItsCode) {
  const std::vector<std::string> measures = {"propaganda.sessions", "handin.items",
                                             "models.active"};
  EXPECT_EQ(*MeasureColumn(measures, "propaganda.sessions"), 0u);
  EXPECT_EQ(*MeasureColumn(measures, "models.active"), 2u);
}

TEST(MeasureColumnTest, AMissingMeasureFailsNamingItAndTheMeasuresAskedFor) {
  auto missing = MeasureColumn({"propaganda.sessions", "handin.items"}, "tips.received");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().code(), ErrorCode::kInternal);
  EXPECT_EQ(missing.error().where(), "tips.received");
  EXPECT_NE(missing.error().message().find("'tips.received'"), std::string::npos)
      << missing.error().message();
  EXPECT_NE(missing.error().message().find("propaganda.sessions, handin.items"), std::string::npos)
      << missing.error().message();
  // A prefix of a measure is not the measure.
  EXPECT_FALSE(MeasureColumn({"handin.items.sung"}, "handin.items"));
  EXPECT_FALSE(MeasureColumn({}, "handin.items"));
}

TEST(FigureTableTest, FiguresAreReadByMeasureWhateverTheOrderOfTheQuery) {
  const FigureTable one(QueryOf({"a", "b"}), {RowOf("601", "Huyện X", {1, 2})});
  const FigureTable other(QueryOf({"b", "a"}), {RowOf("601", "Huyện X", {2, 1})});
  for (const FigureTable* t : {&one, &other}) {
    EXPECT_EQ(**t->Value(t->rows().front(), "a"), 1);
    EXPECT_EQ(**t->Value(t->rows().front(), "b"), 2);
    EXPECT_EQ(**t->Total("a"), 1);
  }
}

TEST(FigureTableTest, EveryReadOfAMeasureNotAskedForFailsEvenWithNoRows) {
  const FigureTable some(QueryOf({"a", "b"}), {RowOf("601", "Huyện X", {1, 2})});
  const FigureTable none(QueryOf({"a", "b"}), {});
  for (const FigureTable* t : {&some, &none}) {
    auto total = t->Total("c");
    ASSERT_FALSE(total);
    EXPECT_EQ(total.error().where(), "c");
    EXPECT_FALSE(t->Sum("c"));
  }
  EXPECT_FALSE(some.Value(some.rows().front(), "c"));
  // Nothing recorded is no figure, not an error.
  ASSERT_TRUE(none.Total("a"));
  EXPECT_FALSE(none.Total("a")->has_value());
  EXPECT_EQ(*none.Sum("a"), 0);
}

TEST(FigureTableTest, SumsDownTheRowsCountingNothingRecordedAsZero) {
  const FigureTable t(QueryOf({"a", "b"}),
                      {RowOf("601", "Huyện X", {1, std::nullopt}),
                       RowOf("602", "Huyện Y", {2.5, 4}), RowOf("", "", {std::nullopt, 1})});
  EXPECT_EQ(*t.Sum("a"), 3.5);
  EXPECT_EQ(*t.Sum("b"), 5);
}

TEST(FigureTableTest, EachFigureIsTracedToTheQueryOfItsMeasureAndUnit) {
  const FigureTable t(QueryOf({"a", "b"}), {});
  EXPECT_EQ(QueryCommand(t.query()),
            "antq query --measure \"a,b\" --under 62 --period 2019..2022 --calendar gregorian "
            "--by district");
  EXPECT_EQ(QueryCommand(t.FigureQuery("b")),
            "antq query --measure \"b\" --under 62 --period 2019..2022 --calendar gregorian");
  EXPECT_EQ(QueryCommand(t.FigureQuery("a", "601")),
            "antq query --measure \"a\" --under 601 --period 2019..2022 --calendar gregorian");
  FigureScope quarter;
  quarter.under = "610";
  quarter.from = quarter.to = P("2023Q1");
  quarter.calendar = "decree09";
  EXPECT_EQ(PeriodArgument(quarter.QueryOf({"a"})), "2023Q1");
}

// A province with two districts of one commune each, and two elements reported yearly.
TEST(FigureTableTest, RunAsksTheEngineForTheMeasuresByUnit) {
  UnitRegistry units;
  UnitDeclarations d;
  const struct {
    const char* code;
    UnitLevel level;
    const char* type;
    const char* parent;
  } tree[] = {
      {"VN", UnitLevel::kCountry, "", ""},          {"62", UnitLevel::kProvince, "Tỉnh", "VN"},
      {"601", UnitLevel::kDistrict, "Huyện", "62"}, {"602", UnitLevel::kDistrict, "Huyện", "62"},
      {"C1", UnitLevel::kCommune, "Xã", "601"},     {"C2", UnitLevel::kCommune, "Xã", "602"}};
  for (const auto& u : tree) {
    d.units.push_back({"t",
                       u.code,
                       u.level,
                       u.type,
                       std::string(u.type) + " " + u.code,
                       u.parent,
                       {Date::Min(), Date::Max()}});
  }
  auto applied = units.Apply(d);
  ASSERT_TRUE(applied) << applied.error().ToString();
  Catalog catalog;
  DataElement element;
  for (const char* code : {"a", "b"}) {
    element.code = code;
    ASSERT_TRUE(catalog.AddElement(element, "t"));
  }
  DataSet ds;
  ds.code = "yearly";
  ds.period_type = PeriodType::kYearly;
  ds.calendar = "gregorian";
  ds.elements = {"a", "b"};
  ASSERT_TRUE(catalog.AddDataSet(ds, "t"));
  analytics::Engine engine(units, catalog);
  const std::pair<const char*, double> figures[] = {{"a", 1}, {"b", 10}};
  for (const char* commune : {"C1", "C2"}) {
    for (const auto& [code, value] : figures) {
      DataValue v;
      v.unit_id = units.Find(commune, *Date::Parse("2022-06-30"))->unit_id;
      v.element = code;
      v.period = "2022";
      v.data_set = "yearly";
      v.value.number = value + (std::string(commune) == "C2" ? 1 : 0);
      engine.PutValue(v);
    }
  }
  FigureScope scope;
  scope.under = "62";
  scope.from = scope.to = P("2022");
  auto by_district = FigureTable::Run(engine, scope.QueryOf({"b", "a"}, UnitLevel::kDistrict));
  ASSERT_TRUE(by_district) << by_district.error().ToString();
  ASSERT_EQ(by_district->rows().size(), 2u);
  const analytics::Row& x = by_district->rows()[0];
  EXPECT_EQ(x.unit_code, "601");
  EXPECT_EQ(**by_district->Value(x, "a"), 1);
  EXPECT_EQ(**by_district->Value(x, "b"), 10);
  EXPECT_EQ(*by_district->Sum("a"), 3);
  auto area = FigureTable::Run(engine, scope.QueryOf({"a", "b"}));
  ASSERT_TRUE(area) << area.error().ToString();
  EXPECT_EQ(**area->Total("b"), 21);
  // The engine's errors come back as they are.
  EXPECT_FALSE(FigureTable::Run(engine, scope.QueryOf({"unknown"})));
}

// The shared table builder of ReportBuilder, opened for the test.
class TableBuilder : public ReportBuilder {
 public:
  TableBuilder(const analytics::Engine& engine, const UnitRegistry& units, const Catalog& catalog,
               const Templates& templates)
      : ReportBuilder(engine, units, catalog, templates, Language::kVietnamese) {}
  using ReportBuilder::AnnexByUnit;
  using ReportBuilder::SetFigures;
  using ReportBuilder::TotalsRow;
  const Report& report() const { return report_; }
  const Templates::Args& args() const { return args_; }
};

Templates TableTemplates() {
  auto texts = ReadTemplateToml(R"(
[annex]
columns = ["TT", "Đơn vị", "Buổi", "Người", "Ghi chú"]
unassigned = "Đơn vị sau sắp xếp"
[table]
total = "Tổng cộng"
[label]
sessions = "Buổi tuyên truyền"
people = "Lượt người"
)",
                                "t.toml");
  EXPECT_TRUE(texts) << texts.error().ToString();
  return Templates(texts ? *texts : TemplateTexts{}, "t.toml");
}

std::string TextOf(const documents::Cell& c) {
  std::string text;
  for (const documents::Paragraph& p : c.paragraphs) {
    for (const documents::Run& r : p.runs) text += r.text;
  }
  return text;
}

class TableBuilderTest : public ::testing::Test {
 protected:
  UnitRegistry units_;
  Catalog catalog_;
  analytics::Engine engine_{units_, catalog_};
  Templates templates_ = TableTemplates();
  TableBuilder builder_{engine_, units_, catalog_, templates_};
};

TEST_F(TableBuilderTest, TheAnnexHasAHeaderARowPerUnitAndVietnameseNumbers) {
  const FigureTable t(QueryOf({"sessions", "people"}),
                      {RowOf("601", "Huyện X", {2337, 1.5}), RowOf("602", "Huyện Y", {12, {}}),
                       RowOf("", "", {1, 2})});
  auto table = builder_.AnnexByUnit(t, 1);
  ASSERT_TRUE(table) << table.error().ToString();
  ASSERT_EQ(table->rows.size(), 4u);
  std::vector<std::string> header;
  for (const documents::Cell& c : table->rows[0]) header.push_back(TextOf(c));
  EXPECT_EQ(header, (std::vector<std::string>{"TT", "Đơn vị", "Buổi", "Người", "Ghi chú"}));
  const auto& x = table->rows[1];
  ASSERT_EQ(x.size(), 4u);  // the caller adds the extra column
  EXPECT_EQ(TextOf(x[0]), "1");
  EXPECT_EQ(TextOf(x[1]), "Huyện X");
  EXPECT_EQ(TextOf(x[2]), "2.337");
  ASSERT_TRUE(x[2].number);
  EXPECT_EQ(*x[2].number, 2337);
  EXPECT_EQ(TextOf(x[3]), "1,5");
  EXPECT_EQ(x[2].note,
            "antq query --measure \"sessions\" --under 601 --period 2019..2022 --calendar "
            "gregorian");
  EXPECT_EQ(TextOf(table->rows[2][3]), "-");
  EXPECT_FALSE(table->rows[2][3].number);
  // Figures on no unit of the level: no number in the first column, no unit query.
  EXPECT_EQ(TextOf(table->rows[3][0]), "");
  EXPECT_EQ(TextOf(table->rows[3][1]), "Đơn vị sau sắp xếp");
  EXPECT_EQ(table->rows[3][2].note, "");
}

TEST_F(TableBuilderTest, TheColumnsFollowTheQuerysMeasures) {
  const FigureTable one(QueryOf({"sessions", "people"}), {RowOf("601", "Huyện X", {5, 7})});
  const FigureTable other(QueryOf({"people", "sessions"}), {RowOf("601", "Huyện X", {7, 5})});
  auto a = builder_.AnnexByUnit(one, 1);
  auto b = builder_.AnnexByUnit(other, 1);
  ASSERT_TRUE(a && b);
  EXPECT_EQ(TextOf(a->rows[1][2]), "5");
  EXPECT_EQ(TextOf(b->rows[1][2]), "7");
  EXPECT_NE(b->rows[1][2].note.find("--measure \"people\""), std::string::npos);
  EXPECT_NE(a->rows[1][3].note.find("--measure \"people\""), std::string::npos);
}

TEST_F(TableBuilderTest, TheTotalsRowAddsEachMeasureDownTheRows) {
  const FigureTable t(QueryOf({"sessions", "people"}),
                      {RowOf("601", "Huyện X", {2337, 1.5}), RowOf("602", "Huyện Y", {12, {}}),
                       RowOf("", "", {1, 2})});
  auto row = builder_.TotalsRow(t);
  ASSERT_TRUE(row) << row.error().ToString();
  ASSERT_EQ(row->size(), 3u);
  EXPECT_EQ(TextOf((*row)[0]), "Tổng cộng");
  EXPECT_EQ((*row)[0].column_span, 2);
  EXPECT_EQ(TextOf((*row)[1]), "2.350");
  EXPECT_EQ(TextOf((*row)[2]), "3,5");
  EXPECT_TRUE((*row)[1].total_of_above);
  ASSERT_TRUE((*row)[2].number);
  EXPECT_EQ(*(*row)[2].number, 3.5);
  EXPECT_EQ((*row)[1].note,
            "antq query --measure \"sessions\" --under 62 --period 2019..2022 --calendar "
            "gregorian");
}

TEST_F(TableBuilderTest, NamedFiguresAreSetFromTheTotalsByMeasure) {
  FigureScope scope;
  scope.under = "62";
  scope.from = scope.to = P("2022");
  const FigureTable totals(scope.QueryOf({"b", "a"}), {RowOf("62", "Tỉnh", {7, 2337})});
  auto recorded = builder_.SetFigures({{"sessions", "a"}, {"people", "b"}}, totals);
  ASSERT_TRUE(recorded) << recorded.error().ToString();
  EXPECT_TRUE(*recorded);
  EXPECT_EQ(builder_.args().at("sessions"), "2.337");
  EXPECT_EQ(builder_.args().at("people"), "7");
  ASSERT_EQ(builder_.report().figures.size(), 2u);
  EXPECT_EQ(builder_.report().figures[0].label, "Buổi tuyên truyền");
  EXPECT_EQ(builder_.report().figures[0].query,
            "antq query --measure \"a\" --under 62 --period 2022 --calendar gregorian");
  // A figure whose measure the totals did not ask for stops the report.
  auto missing = builder_.SetFigures({{"sessions", "c"}}, totals);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().where(), "c");
}

TEST_F(TableBuilderTest, NothingRecordedSetsZeroAndSaysSo) {
  FigureScope scope;
  scope.under = "62";
  scope.from = scope.to = P("2022");
  const FigureTable totals(scope.QueryOf({"a"}), {});
  auto recorded = builder_.SetFigures({{"sessions", "a"}}, totals);
  ASSERT_TRUE(recorded) << recorded.error().ToString();
  EXPECT_FALSE(*recorded);
  EXPECT_EQ(builder_.args().at("sessions"), "0");
}

}  // namespace
}  // namespace antq::reports
