// Criteria sets evaluated on a small world with the shipped catalogue: each clause of Thông tư
// 124 Art. 5, the worked example of clause 4, missing values, the NTM 19.2 versions by year, the
// assessment calendar, units on both sides of 2025-07-01, and the catalogue check.
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <functional>

#include "app/catalog_use_cases.h"
#include "interop/catalog_toml.h"
#include "rules/criteria_evaluator.h"

namespace antq::rules {
namespace {

Date D(const char* t) { return *Date::Parse(t); }

// A province with one district until 2025-06-30 holding a xã and a phường, merged into one new
// xã under the province from 2025-07-01.
UnitRegistry MakeUnits() {
  UnitRegistry units;
  UnitDeclarations d;
  const DateRange always{Date::Min(), Date::Max()};
  const DateRange before{Date::Min(), D("2025-06-30")};
  const DateRange after{D("2025-07-01"), Date::Max()};
  d.units.push_back({"t", "VN", UnitLevel::kCountry, "", "Việt Nam", "", always});
  d.units.push_back({"t", "P", UnitLevel::kProvince, "Tỉnh", "Một", "VN", always});
  d.units.push_back({"t", "D", UnitLevel::kDistrict, "Huyện", "Hai", "P", before});
  d.units.push_back({"t", "X", UnitLevel::kCommune, "Xã", "Ba", "D", before});
  d.units.push_back({"t", "W", UnitLevel::kCommune, "Phường", "Bốn", "D", before});
  d.units.push_back({"t", "N", UnitLevel::kCommune, "Xã", "Năm", "P", after});
  d.lineage.push_back({"t", D("2025-07-01"), LineageKind::kMerge, {"X", "W"}, {{"N", 1}}, ""});
  // A village of each commune, for the residential-area standard.
  d.units.push_back({"t", "R1", UnitLevel::kResidential, "Thôn", "Một", "X", before});
  // Another province whose commune is renamed on 2022-11-16, the first day of the TT 124 year
  // 2023: the year 2022 is judged on the old name, 2023 on the new one.
  d.units.push_back({"t", "Q", UnitLevel::kProvince, "Tỉnh", "Sáu", "VN", always});
  d.units.push_back(
      {"t", "E", UnitLevel::kCommune, "Xã", "Bảy", "Q", {Date::Min(), D("2022-11-15")}});
  d.units.push_back(
      {"t", "F", UnitLevel::kCommune, "Xã", "Tám", "Q", {D("2022-11-16"), Date::Max()}});
  d.lineage.push_back({"t", D("2022-11-16"), LineageKind::kRename, {"E"}, {{"F", 1}}, ""});
  EXPECT_TRUE(units.Apply(d));
  return units;
}

// What a commune reports for clause by clause; the default meets every one.
struct Report {
  double resolution = 1, plan = 1, models = 2, art4 = 1, disciplined = 0;
  double total = 25, registered = 25, recognised = 20;
};

class CriteriaTest : public ::testing::Test {
 protected:
  CriteriaTest()
      : units_(MakeUnits()),
        catalog_(*ReadCatalogFolder(std::filesystem::path(ANTQ_SOURCE_DATA_DIR) / "catalog")),
        engine_(units_, catalog_) {}

  void Put(const std::string& code, int year, const std::string& element, const std::string& option,
           double value, const std::string& data_set) {
    DataValue v;
    v.unit_id = units_.VersionsOfCode(code).front()->unit_id;
    v.element = element;
    v.option = option;
    v.period = std::to_string(year);
    v.data_set = data_set;
    v.value.number = value;
    engine_.PutValue(v);
  }

  void Atantt(const std::string& code, int year, const Report& r) {
    const std::string ds = "atantt-commune";
    Put(code, year, "atantt.q1_resolution", "", r.resolution, ds);
    Put(code, year, "atantt.q1_plan", "", r.plan, ds);
    Put(code, year, "atantt.models_working", "", r.models, ds);
    Put(code, year, "atantt.art4_clauses_met", "", r.art4, ds);
    Put(code, year, "atantt.disciplined_officers", "", r.disciplined, ds);
    // Residential areas only, so the ratios are theirs.
    Put(code, year, "atantt.total", "khu_dan_cu", r.total, ds);
    Put(code, year, "atantt.registered", "khu_dan_cu", r.registered, ds);
    Put(code, year, "atantt.recognised", "khu_dan_cu", r.recognised, ds);
  }

  Evaluation Evaluate(const std::string& set, const std::string& area, int year) {
    auto ev =
        EvaluateCriteria(engine_, units_, catalog_, *catalog_.FindCriteriaSet(set), area, year);
    EXPECT_TRUE(ev) << ev.error().ToString();
    return std::move(*ev);
  }

  static const UnitVerdict& Of(const Evaluation& ev, const std::string& code) {
    for (const UnitVerdict& u : ev.units) {
      if (u.unit->code == code) return u;
    }
    throw std::runtime_error("no verdict for " + code);
  }

  // The codes of the criteria that failed (or lacked data).
  static std::vector<std::string> Failed(const UnitVerdict& u) {
    std::vector<std::string> out;
    for (const CriterionOutcome& o : u.outcomes) {
      if (o.state == CriterionOutcome::State::kFailed ||
          o.state == CriterionOutcome::State::kMissing)
        out.push_back(o.criterion->code);
    }
    return out;
  }

  UnitRegistry units_;
  Catalog catalog_;
  analytics::Engine engine_;
};

TEST_F(CriteriaTest, SixteenOfTwentyFiveRecognisedFailsClauseFourEighteenPasses) {
  Report r;
  r.recognised = 16;
  Atantt("X", 2022, r);
  Evaluation ev = Evaluate("atantt-commune", "P", 2022);
  const UnitVerdict& x = Of(ev, "X");
  EXPECT_FALSE(x.met);
  ASSERT_EQ(Failed(x), std::vector<std::string>{"k4.recognised"});
  for (const CriterionOutcome& o : x.outcomes) {
    if (o.criterion->code != "k4.recognised") continue;
    EXPECT_NE(o.reason_vi.find("64 % < 70 %"), std::string::npos) << o.reason_vi;
    EXPECT_NE(o.reason_en.find("64 % < 70 %"), std::string::npos) << o.reason_en;
    EXPECT_EQ(*o.left, 64);
  }
  r.recognised = 18;
  Atantt("X", 2022, r);
  EXPECT_TRUE(Of(Evaluate("atantt-commune", "P", 2022), "X").met);
}

TEST_F(CriteriaTest, EachClauseFailsOnItsOwn) {
  struct Case {
    std::function<void(Report&)> change;
    std::string failed;
    std::string shown;
  };
  const std::vector<Case> cases = {
      {[](Report& r) { r.resolution = 0; }, "k1.resolution", "0 ≠ 1"},
      {[](Report& r) { r.plan = 0; }, "k1.plan", "0 ≠ 1"},
      {[](Report& r) { r.models = 0; }, "k1.models", "0 mô hình < 1 mô hình"},
      {[](Report& r) { r.art4 = 0; }, "k2.art4", "0 ≠ 1"},
      {[](Report& r) { r.disciplined = 2; }, "k3.discipline", "2 người ≠ 0 người"},
      {[](Report& r) { r.registered = 24; }, "k4.registered", "96 % < 100 %"},
      {[](Report& r) { r.recognised = 17; }, "k4.recognised", "68 % < 70 %"},
  };
  for (const Case& c : cases) {
    Report r;
    c.change(r);
    Atantt("X", 2023, r);
    const UnitVerdict x = Of(Evaluate("atantt-commune", "P", 2023), "X");
    EXPECT_FALSE(x.met) << c.failed;
    EXPECT_EQ(Failed(x), std::vector<std::string>{c.failed});
    for (const CriterionOutcome& o : x.outcomes) {
      if (o.criterion->code == c.failed) {
        EXPECT_NE(o.reason_vi.find(c.shown), std::string::npos) << o.reason_vi;
      }
    }
  }
}

TEST_F(CriteriaTest, MissingValuesFailUnlessTheCriterionSkipsThem) {
  Report r;
  Atantt("X", 2022, r);
  // The phường reported nothing: every criterion lacks data, and says which.
  Evaluation ev = Evaluate("atantt-commune", "P", 2022);
  const UnitVerdict& w = Of(ev, "W");
  EXPECT_FALSE(w.met);
  EXPECT_EQ(Failed(w).size(), 7u);
  EXPECT_NE(w.outcomes[0].reason_vi.find("chưa có số liệu (atantt.q1_resolution)"),
            std::string::npos)
      << w.outcomes[0].reason_vi;
  EXPECT_EQ(ev.met_count(), 1u);
  // With "skip", a criterion without data is left out of the verdict.
  CriteriaSet& set = const_cast<CriteriaSet&>(*catalog_.FindCriteriaSet("atantt-commune"));
  for (Criterion& c : set.versions[0].criteria) c.missing = MissingValues::kSkip;
  Put("W", 2022, "atantt.q1_resolution", "", 1, "atantt-commune");
  const UnitVerdict w2 = Of(Evaluate("atantt-commune", "P", 2022), "W");
  EXPECT_TRUE(w2.met);
  EXPECT_EQ(w2.outcomes[0].state, CriterionOutcome::State::kMet);
  EXPECT_EQ(w2.outcomes[1].state, CriterionOutcome::State::kSkipped);
}

TEST_F(CriteriaTest, Ntm192FollowsTheTextInForceForTheYearAndConcernsXaOnly) {
  // 2021: QĐ 1980 wording; no serious crime, no prolonged petitions.
  Put("X", 2021, "ntm.petitions_prolonged", "", 0, "ntm-commune");
  Put("X", 2021, "ntm.serious_crimes", "", 1, "ntm-commune");
  Evaluation y2021 = Evaluate("ntm-19.2", "P", 2021);
  ASSERT_EQ(y2021.units.size(), 1u);  // the phường is not concerned
  EXPECT_EQ(Failed(Of(y2021, "X")), std::vector<std::string>{"no_serious_crime"});
  EXPECT_NE(y2021.basis.find("1980"), std::string::npos);
  // 2022: the commune's ATANTT standard (CV 3371).
  Report r;
  r.recognised = 16;
  Atantt("X", 2022, r);
  Evaluation y2022 = Evaluate("ntm-19.2", "P", 2022);
  EXPECT_EQ(y2022.criteria_from->code, "atantt-commune");
  EXPECT_NE(y2022.basis.find("3371"), std::string::npos);
  EXPECT_EQ(Failed(Of(y2022, "X")), std::vector<std::string>{"k4.recognised"});
  // 2024: Hướng dẫn 04's checklist.
  Report ok;
  Atantt("X", 2024, ok);
  Put("X", 2024, "ntm.art4_3_ae_clear", "", 0, "ntm-commune");
  Put("X", 2024, "ntm.petitions_prolonged", "", 0, "ntm-commune");
  Evaluation y2024 = Evaluate("ntm-19.2", "P", 2024);
  EXPECT_EQ(Failed(Of(y2024, "X")), std::vector<std::string>{"art4_3_ae"});
}

TEST_F(CriteriaTest, TheAssessmentYearEndsOnItsCalendarsLastDayAndTakesThatDaysUnits) {
  // Thông tư 124: the commune year 2022 runs 2021-11-16 .. 2022-11-15.
  Evaluation ev = Evaluate("atantt-commune", "P", 2022);
  EXPECT_EQ(ev.day, D("2022-11-15"));
  // 2024 is judged on the old communes, 2025 on the new one: results are never carried across.
  Evaluation y2024 = Evaluate("atantt-commune", "P", 2024);
  ASSERT_EQ(y2024.units.size(), 2u);
  Evaluation y2025 = Evaluate("atantt-commune", "P", 2025);
  ASSERT_EQ(y2025.units.size(), 1u);
  EXPECT_EQ(y2025.units[0].unit->code, "N");
  // An area that no longer existed on the year's last day is refused with its successor named.
  auto gone = EvaluateCriteria(engine_, units_, catalog_,
                               *catalog_.FindCriteriaSet("atantt-commune"), "D", 2025);
  ASSERT_FALSE(gone);
  EXPECT_EQ(gone.error().where(), "under");
}

TEST_F(CriteriaTest, ACriterionThatDoesNotParseOrNamesAnUnknownElementIsRefused) {
  auto with = [&](const std::string& left) {
    Catalog c = catalog_;
    const std::string toml = R"([[criteria_set]]
code = "extra"
name_vi = "x"
name_en = "x"
level = "commune"
data_set = "atantt-commune"
[[criteria_set.version]]
from_year = 2022
basis = "b"
[[criteria_set.version.criterion]]
code = "bad"
name_vi = "x"
name_en = "x"
left = ")" + left + R"("
op = ">="
right = "1"
)";
    auto read = ReadCatalogToml(toml, "extra.toml", c);
    EXPECT_TRUE(read) << read.error().ToString();
    return CheckCriteria(c);
  };
  EXPECT_TRUE(with("#{atantt.models_working}"));
  auto syntax = with("#{atantt.models_working} +");
  ASSERT_FALSE(syntax);
  EXPECT_NE(syntax.error().where().find("criterion bad (extra.toml:10"), std::string::npos)
      << syntax.error().ToString();
  EXPECT_NE(syntax.error().message().find("column"), std::string::npos);
  auto unknown = with("#{atantt.nothing}");
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().message().find("column 1: unknown element 'atantt.nothing'"),
            std::string::npos)
      << unknown.error().ToString();
}

TEST_F(CriteriaTest, CalendarBoundariesDecideWhichUnitsAYearIsJudgedOn) {
  Report r;
  Atantt("E", 2022, r);
  Atantt("F", 2023, r);
  Evaluation y2022 = Evaluate("atantt-commune", "Q", 2022);
  ASSERT_EQ(y2022.units.size(), 1u);
  EXPECT_EQ(y2022.units[0].unit->code, "E");
  EXPECT_TRUE(y2022.units[0].met);
  Evaluation y2023 = Evaluate("atantt-commune", "Q", 2023);
  ASSERT_EQ(y2023.units.size(), 1u);
  EXPECT_EQ(y2023.units[0].unit->code, "F");
  EXPECT_TRUE(y2023.units[0].met);
}

TEST_F(CriteriaTest, ResidentialAreasMeetEveryClauseOfArticle4WithTheirEvidence) {
  const std::string ds = "atantt-residential";
  auto report = [&](double registered, double resolution, double policy, double incident,
                    double crime) {
    Put("R1", 2023, "households.total", "", 120, ds);
    Put("R1", 2023, "households.registered", "", registered, ds);
    Put("R1", 2023, "atantt.ra_resolution", "", resolution, ds);
    Put("R1", 2023, "atantt.ra_policy_implemented", "", policy, ds);
    Put("R1", 2023, "atantt.ra_no_incident", "", incident, ds);
    Put("R1", 2023, "atantt.ra_crime_curbed", "", crime, ds);
  };
  auto evaluate = [&](const EvidenceOf& evidence = {}) {
    auto ev =
        EvaluateCriteria(engine_, units_, catalog_, *catalog_.FindCriteriaSet("atantt-residential"),
                         "X", 2023, evidence);
    EXPECT_TRUE(ev) << ev.error().ToString();
    return std::move(*ev);
  };
  report(120, 1, 1, 1, 1);
  Evaluation ok = evaluate();
  ASSERT_EQ(ok.units.size(), 1u);
  EXPECT_TRUE(ok.units[0].met);
  // The residential year ends on 31/10 (Art. 8) and the commune recognises (Art. 10).
  EXPECT_EQ(ok.day, D("2023-10-31"));
  ASSERT_NE(ok.recogniser, nullptr);
  EXPECT_EQ(ok.recogniser->by_vi, "Chủ tịch Ủy ban nhân dân cấp xã");
  struct Case {
    std::array<double, 5> values;
    std::string failed;
    std::string shown;
  };
  const std::vector<Case> cases = {
      {{119, 1, 1, 1, 1}, "k1.households", "99,2 % < 100 %"},
      {{120, 0, 1, 1, 1}, "k1.resolution", "không có (0 ≠ 1)"},
      {{120, 1, 0, 1, 1}, "k2.policy", "chưa đầy đủ (0 ≠ 1)"},
      {{120, 1, 1, 0, 1}, "k3.no_incident", "có xảy ra (0 ≠ 1)"},
      {{120, 1, 1, 1, 0}, "k4.crime_curbed", "chưa kiềm chế (0 ≠ 1)"},
  };
  for (const Case& c : cases) {
    report(c.values[0], c.values[1], c.values[2], c.values[3], c.values[4]);
    const UnitVerdict v = evaluate().units.at(0);
    EXPECT_FALSE(v.met) << c.failed;
    EXPECT_EQ(Failed(v), std::vector<std::string>{c.failed});
    for (const CriterionOutcome& o : v.outcomes) {
      if (o.criterion->code == c.failed) {
        EXPECT_NE(o.reason_vi.find(c.shown), std::string::npos) << o.reason_vi;
      }
    }
  }
  // Each confirmed clause shows the paper behind it.
  report(120, 1, 1, 1, 1);
  Evaluation with_evidence = evaluate([](const UnitVersion& unit, const std::string& element) {
    return element == "atantt.ra_incident_evidence" ? "Biên bản họp thôn " + unit.code
                                                    : std::string();
  });
  for (const CriterionOutcome& o : with_evidence.units.at(0).outcomes) {
    EXPECT_EQ(o.evidence, o.criterion->code == "k3.no_incident" ? "Biên bản họp thôn R1" : "");
  }
}

TEST_F(CriteriaTest, TheRecogniserChangesWithTheReorganisation) {
  Evaluation y2024 = Evaluate("atantt-commune", "P", 2024);
  ASSERT_NE(y2024.recogniser, nullptr);
  EXPECT_EQ(y2024.recogniser->by_vi, "Chủ tịch Ủy ban nhân dân cấp huyện");
  Evaluation y2025 = Evaluate("atantt-commune", "P", 2025);
  ASSERT_NE(y2025.recogniser, nullptr);
  EXPECT_NE(y2025.recogniser->by_vi.find("Ủy ban nhân dân tỉnh"), std::string::npos);
}

TEST_F(CriteriaTest, CountsByLevelStayOnTheUnitsOfTheAssessmentYear) {
  Report ok;
  Report bad;
  bad.models = 0;
  Atantt("X", 2024, ok);
  Atantt("W", 2024, bad);
  Atantt("N", 2025, ok);
  Evaluation y2024 = Evaluate("atantt-commune", "P", 2024);
  auto by_district = CountByLevel(y2024, units_, UnitLevel::kDistrict);
  ASSERT_EQ(by_district.size(), 1u);
  EXPECT_EQ(by_district[0].group->code, "D");
  EXPECT_EQ(by_district[0].met, 1u);
  EXPECT_EQ(by_district[0].total, 2u);
  // 2025: no district any more; the province counts its new commune only (1/1), never 2/3.
  Evaluation y2025 = Evaluate("atantt-commune", "P", 2025);
  EXPECT_TRUE(CountByLevel(y2025, units_, UnitLevel::kDistrict).empty());
  auto by_province = CountByLevel(y2025, units_, UnitLevel::kProvince);
  ASSERT_EQ(by_province.size(), 1u);
  EXPECT_EQ(by_province[0].met, 1u);
  EXPECT_EQ(by_province[0].total, 1u);
}

}  // namespace
}  // namespace antq::rules
