// The analytics engine against a brute-force computation over the raw figures, on random
// hierarchies that merge and split, and its errors.
#include "analytics/engine.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <functional>
#include <map>
#include <random>

namespace antq::analytics {
namespace {

Date D(const char* t) { return *Date::Parse(t); }

// A random tree: a country, 2 provinces, 2–3 districts each, 2–4 communes each, valid until
// 2025-06-30; on 2025-07-01 districts end and communes are merged in pairs (or kept, or split
// 40/60) under the provinces.
struct World {
  UnitRegistry units;
  Catalog catalog;
  std::vector<std::string> old_communes;
  std::vector<std::string> new_communes;
};

World MakeWorld(std::mt19937& rng) {
  World w;
  UnitDeclarations d;
  const DateRange before{Date::Min(), D("2025-06-30")};
  const DateRange after{D("2025-07-01"), Date::Max()};
  d.units.push_back({"w", "VN", UnitLevel::kCountry, "", "Nước", "", {Date::Min(), Date::Max()}});
  int n = 0;
  int m = 0;
  for (int p = 0; p < 2; ++p) {
    const std::string pc = "P" + std::to_string(p);
    d.units.push_back(
        {"w", pc, UnitLevel::kProvince, "Tỉnh", "Tỉnh " + pc, "VN", {Date::Min(), Date::Max()}});
    std::vector<std::string> pending;
    for (int k = 0, nd = 2 + static_cast<int>(rng() % 2); k < nd; ++k) {
      const std::string dc = pc + "D" + std::to_string(k);
      d.units.push_back({"w", dc, UnitLevel::kDistrict, "Huyện", "Huyện " + dc, pc, before});
      for (int c = 0, nc = 2 + static_cast<int>(rng() % 3); c < nc; ++c) {
        const std::string cc = "C" + std::to_string(n++);
        if (k == 0 && c == 0) {
          // The first commune of each province moves to P0's second district on 2023-01-01: the
          // same unit under another parent (for P1's, in another province), so its figures
          // change district, and area, mid-life.
          d.units.push_back(
              {"w", cc, UnitLevel::kCommune, "Xã", "Xã " + cc, dc, {Date::Min(), D("2022-12-31")}});
          d.units.push_back({"w",
                             cc,
                             UnitLevel::kCommune,
                             "Xã",
                             "Xã " + cc,
                             "P0D1",
                             {D("2023-01-01"), D("2025-06-30")}});
        } else {
          d.units.push_back({"w", cc, UnitLevel::kCommune, "Xã", "Xã " + cc, dc, before});
        }
        w.old_communes.push_back(cc);
        pending.push_back(cc);
      }
    }
    // The new communes of this province.
    size_t i = 0;
    while (i < pending.size()) {
      const int shape = static_cast<int>(rng() % 3);
      if (shape == 0 && i + 1 < pending.size()) {  // merge two
        const std::string nc = "N" + std::to_string(m++);
        d.units.push_back({"w", nc, UnitLevel::kCommune, "Xã", "Xã " + nc, pc, after});
        d.lineage.push_back({"w",
                             D("2025-07-01"),
                             LineageKind::kMerge,
                             {pending[i], pending[i + 1]},
                             {{nc, 1}},
                             ""});
        w.new_communes.push_back(nc);
        i += 2;
      } else if (shape == 1) {  // split in two
        const std::string a = "N" + std::to_string(m++);
        const std::string b = "N" + std::to_string(m++);
        d.units.push_back({"w", a, UnitLevel::kCommune, "Xã", "Xã " + a, pc, after});
        d.units.push_back({"w", b, UnitLevel::kCommune, "Xã", "Xã " + b, pc, after});
        d.lineage.push_back(
            {"w", D("2025-07-01"), LineageKind::kSplit, {pending[i]}, {{a, 0.4}, {b, 0.6}}, ""});
        w.new_communes.push_back(a);
        w.new_communes.push_back(b);
        i += 1;
      } else {  // merge one into a new unit of its own
        const std::string nc = "N" + std::to_string(m++);
        d.units.push_back({"w", nc, UnitLevel::kCommune, "Xã", "Xã " + nc, pc, after});
        d.lineage.push_back(
            {"w", D("2025-07-01"), LineageKind::kMerge, {pending[i]}, {{nc, 1}}, ""});
        w.new_communes.push_back(nc);
        i += 1;
      }
    }
  }
  auto applied = w.units.Apply(d);
  EXPECT_TRUE(applied) << applied.error().ToString();
  // A catalogue: a register with a count and a sum, and a reported monthly element.
  Register reg;
  reg.code = "propaganda";
  reg.level = UnitLevel::kCommune;
  RegisterField participants;
  participants.code = "participants";
  participants.type = FieldType::kInteger;
  reg.fields.push_back(participants);
  EXPECT_TRUE(w.catalog.AddRegister(reg, "t"));
  DataElement sessions;
  sessions.code = "propaganda.sessions";
  sessions.source = ElementSource{"propaganda", SourceFunction::kCount, ""};
  EXPECT_TRUE(w.catalog.AddElement(sessions, "t"));
  DataElement people = sessions;
  people.code = "propaganda.participants";
  people.source = ElementSource{"propaganda", SourceFunction::kSum, "participants"};
  EXPECT_TRUE(w.catalog.AddElement(people, "t"));
  DataElement tips;
  tips.code = "tips.received";
  EXPECT_TRUE(w.catalog.AddElement(tips, "t"));
  tips.code = "tips.valuable";
  EXPECT_TRUE(w.catalog.AddElement(tips, "t"));
  DataSet ds;
  ds.code = "monthly";
  ds.period_type = PeriodType::kMonthly;
  ds.calendar = "decree09";
  ds.elements = {"tips.received", "tips.valuable"};
  EXPECT_TRUE(w.catalog.AddDataSet(ds, "t"));
  return w;
}

struct Fact {
  UnitId unit;
  Date date;
  double value;
  bool is_event;
};

// Independent of the engine: the share of unit `u` (on day `d`) that each unit of `as_of`
// received, by replaying lineage events in date order.
std::map<UnitId, double> Shares(const UnitRegistry& units, UnitId u, Date d, Date as_of) {
  std::map<UnitId, double> w = {{u, 1.0}};
  std::vector<const LineageEvent*> events;
  for (const LineageEvent& e : units.events()) {
    if (e.date > d && e.date <= as_of) events.push_back(&e);
  }
  std::sort(events.begin(), events.end(), [](auto* a, auto* b) { return a->date < b->date; });
  for (const LineageEvent* e : events) {
    std::map<UnitId, double> next = w;
    for (const LineageLink& l : e->links) next.erase(l.from);
    for (const LineageLink& l : e->links) {
      if (auto it = w.find(l.from); it != w.end()) next[l.to] += it->second * l.weight;
    }
    w = next;
  }
  std::map<UnitId, double> out;
  for (const auto& [unit, share] : w) {
    if (units.VersionOf(unit, as_of)) out[unit] = share;
  }
  return out;
}

UnitId AncestorAt(const UnitRegistry& units, UnitId u, Date day, UnitLevel level) {
  const UnitVersion* v = units.VersionOf(u, day);
  if (v && v->level == level) return u;
  for (const UnitVersion* a : units.Ancestors(u, day)) {
    if (a->level == level) return a->unit_id;
  }
  return 0;
}

bool Below(const UnitRegistry& units, UnitId u, Date day, UnitId root) {
  if (u == root) return true;
  for (const UnitVersion* a : units.Ancestors(u, day)) {
    if (a->unit_id == root) return true;
  }
  return false;
}

TEST(EngineTest, RandomWorldsAgreeWithBruteForce) {
  std::mt19937 rng(2019);
  for (int world_no = 0; world_no < 12; ++world_no) {
    World w = MakeWorld(rng);
    Engine engine(w.units, w.catalog);
    std::vector<Fact> facts;
    int64_t next_id = 1;
    // Events on old communes (2021–2025-06) and new ones (2025-07..2026), values monthly.
    for (int i = 0; i < 300; ++i) {
      const bool old_side = rng() % 3 != 0;
      const auto& pool = old_side ? w.old_communes : w.new_communes;
      const std::string code = pool[rng() % pool.size()];
      const Date day =
          old_side ? D("2021-01-01").AddDays(rng() % 1641) : D("2025-07-01").AddDays(rng() % 500);
      const UnitVersion* v = w.units.Find(code, day);
      ASSERT_NE(v, nullptr);
      Event e;
      e.id = next_id++;
      e.register_code = "propaganda";
      e.unit_id = v->unit_id;
      e.date = day;
      const int people = 10 + static_cast<int>(rng() % 90);
      e.fields["participants"] = people;
      engine.PutEvent(e);
      facts.push_back({v->unit_id, day, static_cast<double>(people), true});
    }
    // Delete a few again: deleted events must not count.
    for (int64_t id = 1; id <= 5; ++id) {
      Event gone;
      gone.id = id;
      gone.deleted = true;
      engine.PutEvent(gone);
      facts[static_cast<size_t>(id - 1)].value = -1;  // marks the fact as gone
    }
    ASSERT_EQ(engine.event_count(), 295u);

    for (int qn = 0; qn < 20; ++qn) {
      Query q;
      q.measures = {"propaganda.sessions", "propaganda.participants"};
      const bool as_of = rng() % 2 == 0;
      const int from_year = 2021 + static_cast<int>(rng() % 5);
      const int to_year = std::min(2026, from_year + static_cast<int>(rng() % 3));
      q.from = *Period::Parse(std::to_string(from_year));
      q.to = *Period::Parse(std::to_string(to_year));
      q.calendar = rng() % 2 ? "gregorian" : "decree09";
      const Calendar& cal = **Calendar::Find(q.calendar);
      const DateRange range{cal.Window(q.from)->start, cal.Window(q.to)->end};
      const std::string province = rng() % 2 ? "P0" : "P1";
      q.under = province;
      if (as_of) q.as_of = D("2025-07-01").AddDays(rng() % 400);
      if (rng() % 2) q.by_level = as_of ? UnitLevel::kCommune : UnitLevel::kDistrict;
      if (rng() % 2) q.by_period = PeriodType::kYearly;
      auto result = engine.Run(q);
      ASSERT_TRUE(result) << result.error().ToString();

      // Brute force.
      const UnitId root = w.units.VersionsOfCode(province).front()->unit_id;
      std::map<std::pair<std::string, std::string>, std::pair<double, double>> expected;
      for (const Fact& f : facts) {
        if (f.value < 0 || !range.Contains(f.date)) continue;
        const std::string period =
            q.by_period ? cal.PeriodOf(f.date, PeriodType::kYearly)->Code() : "";
        std::map<UnitId, double> places;
        if (as_of) {
          for (const auto& [unit, share] : Shares(w.units, f.unit, f.date, *q.as_of)) {
            if (!Below(w.units, unit, *q.as_of, root)) continue;
            places[q.by_level ? AncestorAt(w.units, unit, *q.as_of, *q.by_level) : 0] += share;
          }
        } else if (Below(w.units, f.unit, f.date, root)) {
          places[q.by_level ? AncestorAt(w.units, f.unit, f.date, *q.by_level) : 0] += 1;
        }
        for (const auto& [unit, share] : places) {
          std::string code;
          if (unit) {
            const Date at = as_of ? *q.as_of : f.date;
            code = w.units.VersionOf(unit, at)->code;
          } else if (!q.by_level) {
            code = province;
          }
          auto& cell = expected[{code, period}];
          cell.first += share;
          cell.second += share * f.value;
        }
      }
      std::map<std::pair<std::string, std::string>, std::pair<double, double>> got;
      for (const Row& r : result->rows) {
        const std::string period = q.by_period ? r.period : "";
        got[{r.unit_code, period}] = {r.values[0].value_or(0), r.values[1].value_or(0)};
      }
      ASSERT_EQ(got.size(), expected.size()) << "world " << world_no << " query " << qn;
      for (const auto& [key, cell] : expected) {
        ASSERT_TRUE(got.contains(key)) << key.first << " " << key.second;
        EXPECT_NEAR(got[key].first, cell.first, 1e-9) << key.first << " " << key.second;
        EXPECT_NEAR(got[key].second, cell.second, 1e-9) << key.first << " " << key.second;
      }
    }
  }
}

// Reported monthly values (under the decree-09 calendar of their data set) on old and new
// communes, some loaded in bulk, some written one by one, some replaced or erased; every query's
// answer equals a brute-force placement of each value at the end of its period's window.
TEST(EngineTest, RandomValuesAgreeWithBruteForce) {
  std::mt19937 rng(2025);
  const Calendar& decree09 = **Calendar::Find("decree09");
  for (int world_no = 0; world_no < 8; ++world_no) {
    World w = MakeWorld(rng);
    Engine engine(w.units, w.catalog);
    // (element, unit, month code) -> value; the truth the engine must reproduce. Two elements,
    // so that one query reads each unit's figures more than once, from different first months.
    const std::vector<std::string> elements = {"tips.received", "tips.valuable"};
    std::map<std::tuple<std::string, UnitId, std::string>, double> truth;
    {
      Engine::BulkLoader loader(engine);
      for (bool old_side : {true, false}) {
        const auto& pool = old_side ? w.old_communes : w.new_communes;
        for (const std::string& code : pool) {
          const UnitVersion* v = w.units.Find(code, old_side ? D("2024-01-01") : D("2026-01-01"));
          Period p = *Period::Parse(old_side ? "202101" : "202507");
          const Period end = *Period::Parse(old_side ? "202506" : "202606");
          for (; !(end < p); p = p.Next()) {
            for (const std::string& element : elements) {
              if (rng() % 4 == 0) continue;
              // Values a float cannot hold exactly must come back exactly.
              const double value = rng() % 5 == 0 ? 0.1 * (rng() % 100) : double(rng() % 50);
              truth[{element, v->unit_id, p.Code()}] = value;
              if (rng() % 2) {
                loader.Add(v->unit_id, element, "", "monthly", p.Code(), value);
              } else {
                DataValue d;
                d.unit_id = v->unit_id;
                d.element = element;
                d.period = p.Code();
                d.data_set = "monthly";
                d.value.number = value;
                engine.PutValue(d);
              }
            }
          }
        }
      }
    }
    // Replace and erase some.
    for (auto it = truth.begin(); it != truth.end();) {
      const int fate = static_cast<int>(rng() % 10);
      if (fate == 0) {
        engine.EraseValue(std::get<1>(it->first), std::get<0>(it->first), "",
                          std::get<2>(it->first));
        it = truth.erase(it);
        continue;
      }
      if (fate == 1) {
        DataValue d;
        d.unit_id = std::get<1>(it->first);
        d.element = std::get<0>(it->first);
        d.period = std::get<2>(it->first);
        d.data_set = "monthly";
        d.value.number = it->second = 1e9 + 0.5;
        engine.PutValue(d);
      }
      ++it;
    }
    ASSERT_EQ(engine.value_count(), truth.size());

    for (int qn = 0; qn < 20; ++qn) {
      Query q;
      q.measures = elements;
      const bool as_of = rng() % 2 == 0;
      const int from_year = 2021 + static_cast<int>(rng() % 5);
      const int to_year = std::min(2026, from_year + static_cast<int>(rng() % 3));
      q.from = *Period::Parse(std::to_string(from_year));
      q.to = *Period::Parse(std::to_string(to_year));
      const std::string province = rng() % 2 ? "P0" : "P1";
      q.under = province;
      if (as_of) q.as_of = D("2025-07-01").AddDays(rng() % 400);
      if (rng() % 2) q.by_level = as_of ? UnitLevel::kCommune : UnitLevel::kDistrict;
      if (rng() % 2) q.by_period = rng() % 2 ? PeriodType::kYearly : PeriodType::kQuarterly;
      auto result = engine.Run(q);
      ASSERT_TRUE(result) << result.error().ToString();

      const UnitId root = w.units.VersionsOfCode(province).front()->unit_id;
      std::map<std::tuple<std::string, std::string, size_t>, double> expected;
      for (const auto& [key, value] : truth) {
        const auto& [element, unit, month] = key;
        const size_t measure = element == elements[0] ? 0 : 1;
        const Period p = *Period::Parse(month);
        if (p.year() < from_year || p.year() > to_year) continue;
        const DateRange window = *decree09.Window(p);
        const Date day = w.units.VersionOf(unit, window.end) ? window.end : window.start;
        std::string period;
        if (q.by_period == PeriodType::kYearly) period = std::to_string(p.year());
        if (q.by_period == PeriodType::kQuarterly)
          period = fmt::format("{}Q{}", p.year(), (p.index() - 1) / 3 + 1);
        std::map<UnitId, double> places;
        if (as_of) {
          for (const auto& [successor, share] : Shares(w.units, unit, day, *q.as_of)) {
            if (!Below(w.units, successor, *q.as_of, root)) continue;
            places[q.by_level ? AncestorAt(w.units, successor, *q.as_of, *q.by_level) : 0] += share;
          }
        } else if (Below(w.units, unit, day, root)) {
          places[q.by_level ? AncestorAt(w.units, unit, day, *q.by_level) : 0] += 1;
        }
        for (const auto& [group, share] : places) {
          std::string code;
          if (group) {
            code = w.units.VersionOf(group, as_of ? *q.as_of : day)->code;
          } else if (!q.by_level) {
            code = province;
          }
          expected[{code, period, measure}] += share * value;
        }
      }
      std::map<std::tuple<std::string, std::string, size_t>, double> got;
      for (const Row& r : result->rows) {
        for (size_t m = 0; m < 2; ++m) {
          if (r.values[m]) got[{r.unit_code, q.by_period ? r.period : "", m}] = *r.values[m];
        }
      }
      ASSERT_EQ(got.size(), expected.size()) << "world " << world_no << " query " << qn;
      for (const auto& [key, total] : expected) {
        ASSERT_TRUE(got.contains(key)) << std::get<0>(key) << " " << std::get<1>(key);
        EXPECT_NEAR(got[key], total, 1e-9 * std::max(1.0, std::abs(total)))
            << std::get<0>(key) << " " << std::get<1>(key) << " measure " << std::get<2>(key);
      }
    }
  }
}

TEST(EngineTest, ValuesRollUpToCoarserPeriodsAndUpdatesAreSeenAtOnce) {
  std::mt19937 rng(7);
  World w = MakeWorld(rng);
  Engine engine(w.units, w.catalog);
  const UnitVersion* c0 = w.units.Find(w.old_communes[0], D("2023-01-01"));
  for (int month = 1; month <= 12; ++month) {
    DataValue v;
    v.unit_id = c0->unit_id;
    v.element = "tips.received";
    v.period = fmt::format("2023{:02d}", month);
    v.data_set = "monthly";
    v.value.number = month;
    engine.PutValue(v);
  }
  Query q;
  q.measures = {"tips.received", "#{tips.received} / 12"};
  q.under = "P0";
  q.from = q.to = *Period::Parse("2023");
  q.by_period = PeriodType::kQuarterly;
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 4u);
  EXPECT_EQ(r->rows[0].period, "2023Q1");
  EXPECT_EQ(*r->rows[0].values[0], 1 + 2 + 3);
  EXPECT_DOUBLE_EQ(*r->rows[3].values[1], (10 + 11 + 12) / 12.0);
  // An update is visible in the next query.
  DataValue change;
  change.unit_id = c0->unit_id;
  change.element = "tips.received";
  change.period = "202301";
  change.data_set = "monthly";
  change.value.number = 100;
  engine.PutValue(change);
  EXPECT_EQ(*engine.Run(q)->rows[0].values[0], 100 + 2 + 3);
  engine.EraseValue(c0->unit_id, "tips.received", "", "202302");
  EXPECT_EQ(*engine.Run(q)->rows[0].values[0], 100 + 3);
  EXPECT_EQ(engine.value_count(), 11u);
}

TEST(EngineTest, LastTakesTheLatestReportedPeriodOfTheRow) {
  std::mt19937 rng(11);
  World w = MakeWorld(rng);
  DataElement stock;
  stock.code = "security.cameras";
  stock.aggregation = Aggregation::kLast;
  ASSERT_TRUE(w.catalog.AddElement(stock, "t"));
  Engine engine(w.units, w.catalog);
  // The communes are numbered province by province, so C0, C1 and N0 are all in P0.
  auto put = [&](const std::string& code, Date on, const char* period, double v) {
    DataValue d;
    d.unit_id = w.units.Find(code, on)->unit_id;
    d.element = "security.cameras";
    d.period = period;
    d.data_set = "monthly";
    d.value.number = v;
    engine.PutValue(d);
  };
  // Two old communes report until June 2025, a new one from July: a stock, not a flow.
  put(w.old_communes[0], D("2025-05-01"), "202505", 3);
  put(w.old_communes[0], D("2025-06-01"), "202506", 4);
  put(w.old_communes[1], D("2025-06-01"), "202506", 5);
  put(w.new_communes[0], D("2025-12-01"), "202512", 20);
  Query q;
  q.measures = {"security.cameras"};
  q.under = "P0";
  q.from = q.to = *Period::Parse("2025");
  q.as_of = D("2026-01-01");
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  // Only December counts: the June stocks of the merged communes are not added on top.
  EXPECT_EQ(*r->rows[0].values[0], 20);
  q.from = q.to = *Period::Parse("2025Q2");
  q.by_period = PeriodType::kMonthly;
  q.as_of.reset();
  auto monthly = engine.Run(q);
  ASSERT_TRUE(monthly);
  ASSERT_EQ(monthly->rows.size(), 2u);
  EXPECT_EQ(monthly->rows[0].period, "202505");
  EXPECT_EQ(*monthly->rows[1].values[0], 9);
}

TEST(EngineTest, GroupingsThatCannotHoldAreRefused) {
  std::mt19937 rng(5);
  World w = MakeWorld(rng);
  Engine engine(w.units, w.catalog);
  DataValue d;
  d.unit_id = w.units.Find(w.old_communes[0], D("2023-01-01"))->unit_id;
  d.element = "tips.received";
  d.period = "202303";
  d.data_set = "monthly";
  d.value.number = 4;
  engine.PutValue(d);
  Query q;
  q.measures = {"tips.received"};
  q.under = "P0";
  q.from = q.to = *Period::Parse("2023");
  q.by_period = PeriodType::kWeekly;
  auto weeks = engine.Run(q);
  ASSERT_FALSE(weeks);
  EXPECT_NE(weeks.error().message().find("cannot be split into weekly periods"), std::string::npos);
  q.by_period.reset();
  q.under = "P0D0";
  q.by_level = UnitLevel::kProvince;
  auto above = engine.Run(q);
  ASSERT_FALSE(above);
  EXPECT_EQ(above.error().where(), "by");
  // Events can go to weeks, in time order.
  for (const char* day : {"2023-03-01", "2023-01-05"}) {
    Event e;
    e.id = day[9];
    e.register_code = "propaganda";
    e.unit_id = d.unit_id;
    e.date = D(day);
    e.fields["participants"] = 1;
    engine.PutEvent(e);
  }
  Query weekly;
  weekly.measures = {"propaganda.sessions"};
  weekly.under = "P0";
  weekly.from = weekly.to = *Period::Parse("2023");
  weekly.by_period = PeriodType::kWeekly;
  auto r = engine.Run(weekly);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_EQ(r->rows[0].period, "2023W1");
  EXPECT_EQ(r->rows[1].period, "2023W9");
}

// Verdicts count on the units of their assessment day: the old districts for 2022, the
// province directly for 2025 (no districts), never merged into the new communes.
TEST(EngineTest, VerdictsCountOnTheUnitsOfTheirAssessmentDay) {
  std::mt19937 rng(7);
  World w = MakeWorld(rng);
  Engine engine(w.units, w.catalog);
  Query q;
  q.measures = {"E{atantt-commune.MET}", "E{atantt-commune.ASSESSED}",
                "E{atantt-commune.MET} / E{atantt-commune.ASSESSED} * 100"};
  q.under = "P0";
  q.by_level = UnitLevel::kDistrict;
  q.from = *Period::Parse("2022");
  q.to = *Period::Parse("2022");
  // Every old commune of P0 on 2022-11-15 is assessed; every second one meets the set.
  std::map<std::string, std::pair<int, int>> expected;  // district -> (met, assessed)
  auto& verdicts = q.verdicts["atantt-commune"];
  const Date day = D("2022-11-15");
  int i = 0;
  for (const std::string& code : w.old_communes) {
    const UnitVersion* v = w.units.Find(code, day);
    const bool met = i++ % 2 == 0;
    verdicts.push_back({v->unit_id, day, met});
    const std::vector<const UnitVersion*> above = w.units.Ancestors(v->unit_id, day);
    ASSERT_GE(above.size(), 2u);
    const UnitVersion* district = above[0];
    if (above[1]->code != "P0") continue;
    expected[district->code].first += met ? 1 : 0;
    expected[district->code].second += 1;
  }
  // A verdict of another year is outside the range.
  verdicts.push_back(
      {w.units.Find(w.old_communes[0], D("2021-11-15"))->unit_id, D("2021-11-15"), true});
  auto r = engine.Run(q);
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), expected.size());
  for (const Row& row : r->rows) {
    const auto [met, assessed] = expected.at(row.unit_code);
    EXPECT_EQ(row.values[0], met) << row.unit_code;
    EXPECT_EQ(row.values[1], assessed) << row.unit_code;
    EXPECT_DOUBLE_EQ(*row.values[2], 100.0 * met / assessed) << row.unit_code;
  }
}

TEST(EngineTest, ErrorsNameThePart) {
  std::mt19937 rng(3);
  World w = MakeWorld(rng);
  Engine engine(w.units, w.catalog);
  Query base;
  base.measures = {"propaganda.sessions"};
  base.under = "P0";
  base.from = *Period::Parse("2022");
  base.to = *Period::Parse("2023");
  struct Case {
    std::function<void(Query&)> change;
    std::string where;
    std::string message;
  };
  const std::vector<Case> cases = {
      {[](Query& q) { q.measures = {"nothing"}; }, "measure", "unknown measure 'nothing'"},
      {[](Query& q) { q.measures = {"#{propaganda.sessions} / (1 +"}; }, "measure", "column"},
      {[](Query& q) { q.measures = {"#{nothing} / 2"}; }, "measure", "unknown element 'nothing'"},
      {[](Query& q) { q.to = *Period::Parse("2021"); }, "period", "ends before it starts"},
      {[](Query& q) { q.to = *Period::Parse("2023Q1"); }, "period", "mixes yearly and quarterly"},
      {[](Query& q) {
         q.under = "P0D0";
         q.as_of = D("2025-07-01");
       },
       "under", "did not exist on 2025-07-01"},
      {[](Query& q) { q.under = "ZZ"; }, "under", "no unit has code"},
      {[](Query& q) { q.calendar = "lunar"; }, "calendar", "unknown calendar"},
      {[](Query& q) {
         q.measures = {"E{ntm-19.2.MET}"};
         q.under = "P0";
         q.as_of = D("2025-07-01");
       },
       "measure", "never carried into later units"},
  };
  for (const Case& c : cases) {
    Query q = base;
    c.change(q);
    auto r = engine.Run(q);
    ASSERT_FALSE(r) << c.message;
    EXPECT_EQ(r.error().where(), c.where) << r.error().ToString();
    EXPECT_NE(r.error().message().find(c.message), std::string::npos) << r.error().ToString();
  }
}

}  // namespace
}  // namespace antq::analytics
