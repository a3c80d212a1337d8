// Analytics benchmark (issue 4): a deterministic national-scale dataset of monthly values,
// loaded into ANTQ's engine and into SQLite (with indexes), then five queries, median of 3 warm
// runs each, with the answers cross-checked. DuckDB, the third system of the issue, is not wired
// in yet. Usage: antq_analytics_bench [small|full] [OUT.json]
//   Q1 total of one element per province per year (all years)
//   Q2 one province: 10 elements × its districts × quarters of two years
//   Q3 per commune, the months of 2022 with a value above 0 of one element; then per district
//      the communes with at least 10 such months
//   Q4 all 40 values of one commune for one month
//   Q5 every element by province by month for the whole country
#include <fmt/format.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>

#include "analytics/engine.h"
#include "bench/bench_util.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kElements = 40;
constexpr int kFirstYear = 2015;
constexpr int kMonths = 120;

uint64_t Mix(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// The value of element `e` for commune `c` in month `m`, or -1 when missing (30 %).
int ValueOf(int c, int e, int m) {
  const uint64_t h = Mix((static_cast<uint64_t>(c) << 20) ^ (static_cast<uint64_t>(e) << 8) ^
                         static_cast<uint64_t>(m));
  if (h % 10 < 3) return -1;
  return static_cast<int>((h >> 8) % 100);
}

std::string Element(int e) { return fmt::format("e{:02d}", e); }
std::string Month(int m) { return fmt::format("{}{:02d}", kFirstYear + m / 12, m % 12 + 1); }

struct Nation {
  UnitRegistry units;
  Catalog catalog;
  int communes = 0;
  std::vector<int> district_of;  // commune -> district number
  std::vector<int> province_of;  // district -> province number
};

Nation MakeNation(int provinces) {
  Nation n;
  UnitDeclarations d;
  const DateRange always{Date::Min(), Date::Max()};
  d.units.push_back({"b", "VN", UnitLevel::kCountry, "", "Việt Nam", "", always});
  int district = 0;
  for (int p = 0; p < provinces; ++p) {
    d.units.push_back({"b", fmt::format("P{}", p), UnitLevel::kProvince, "Tỉnh",
                       fmt::format("Tỉnh {}", p), "VN", always});
    for (int k = 0; k < 11 + (p % 5 == 0 ? 1 : 0); ++k, ++district) {
      d.units.push_back({"b", fmt::format("D{}", district), UnitLevel::kDistrict, "Huyện",
                         fmt::format("Huyện {}", district), fmt::format("P{}", p), always});
      n.province_of.push_back(p);
      for (int c = 0; c < 15; ++c) {
        d.units.push_back({"b", fmt::format("C{}", n.communes), UnitLevel::kCommune, "Xã",
                           fmt::format("Xã {}", n.communes), fmt::format("D{}", district), always});
        n.district_of.push_back(district);
        ++n.communes;
      }
    }
  }
  (void)n.units.Apply(d);
  DataSet ds;
  ds.code = "monthly";
  ds.period_type = PeriodType::kMonthly;
  ds.calendar = "gregorian";
  for (int e = 0; e < kElements; ++e) {
    DataElement el;
    el.code = Element(e);
    el.name_vi = el.name_en = el.code;
    (void)n.catalog.AddElement(el, "bench");
    ds.elements.push_back(el.code);
  }
  (void)n.catalog.AddDataSet(ds, "bench");
  return n;
}

double Total(const analytics::QueryResult& r) {
  double t = 0;
  for (const auto& row : r.rows) {
    for (const auto& v : row.values) t += v.value_or(0);
  }
  return t;
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/analytics.json";
  const int provinces = size == "small" ? 2 : 63;
  Nation n = MakeNation(provinces);
  std::map<int, UnitId> commune_id;
  for (int c = 0; c < n.communes; ++c) {
    commune_id[c] = n.units.Find(fmt::format("C{}", c), *Date::Parse("2020-01-01"))->unit_id;
  }

  // ANTQ: the engine, fed value by value as the app feeds it.
  analytics::Engine engine(n.units, n.catalog);
  const long rss_before = ResidentBytes();
  size_t values = 0;
  const double antq_load = SecondsOf([&] {
    DataValue v;
    v.data_set = "monthly";
    for (int c = 0; c < n.communes; ++c) {
      v.unit_id = commune_id[c];
      for (int e = 0; e < kElements; ++e) {
        v.element = Element(e);
        for (int m = 0; m < kMonths; ++m) {
          const int x = ValueOf(c, e, m);
          if (x < 0) continue;
          v.period = Month(m);
          v.value.number = x;
          engine.PutValue(v);
          ++values;
        }
      }
    }
  });
  const double bytes_per_value = double(ResidentBytes() - rss_before) / double(values);

  // SQLite with indexes.
  const fs::path dir =
      fs::temp_directory_path() / fmt::format("antq-analytics-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto db = sqlite::Database::Open((dir / "peer.db").string(), true);
  const double sqlite_load = SecondsOf([&] {
    (void)db->Exec(
        "CREATE TABLE v(commune INTEGER, element INTEGER, month INTEGER, value REAL);"
        "CREATE TABLE c(commune INTEGER PRIMARY KEY, district INTEGER, province INTEGER);"
        "BEGIN");
    auto cs = db->Prepare("INSERT INTO c VALUES (?,?,?)");
    for (int c = 0; c < n.communes; ++c) {
      (void)cs->Bind(1, int64_t{c})
          .Bind(2, int64_t{n.district_of[c]})
          .Bind(3, int64_t{n.province_of[n.district_of[c]]})
          .Run();
    }
    auto vs = db->Prepare("INSERT INTO v VALUES (?,?,?,?)");
    for (int c = 0; c < n.communes; ++c) {
      for (int e = 0; e < kElements; ++e) {
        for (int m = 0; m < kMonths; ++m) {
          const int x = ValueOf(c, e, m);
          if (x < 0) continue;
          (void)vs->Bind(1, int64_t{c})
              .Bind(2, int64_t{e})
              .Bind(3, int64_t{m})
              .Bind(4, double(x))
              .Run();
        }
      }
    }
    (void)db->Exec(
        "COMMIT; CREATE INDEX v_em ON v(element, month); CREATE INDEX v_cm ON v(commune, month)");
  });

  struct Case {
    std::string name;
    analytics::Query query;
    std::string sql;  // the same question in SQL; its last column is added up to cross-check
  };
  auto q = [&](std::vector<std::string> measures, std::string under, std::optional<UnitLevel> level,
               std::optional<PeriodType> by, std::string from, std::string to) {
    analytics::Query x;
    x.measures = std::move(measures);
    x.under = std::move(under);
    x.by_level = level;
    x.by_period = by;
    x.from = *Period::Parse(from);
    x.to = *Period::Parse(to);
    return x;
  };
  std::vector<std::string> ten;
  std::vector<std::string> all;
  for (int e = 0; e < kElements; ++e) {
    all.push_back(Element(e));
    if (e < 10) ten.push_back(Element(e));
  }
  const std::string first = std::to_string(kFirstYear);
  const std::string last = std::to_string(kFirstYear + kMonths / 12 - 1);
  std::vector<Case> cases = {
      {"Q1", q({"e00"}, "VN", UnitLevel::kProvince, PeriodType::kYearly, first, last),
       "SELECT c.province, v.month / 12, sum(value) FROM v JOIN c USING (commune) WHERE "
       "element = 0 GROUP BY 1, 2"},
      {"Q2", q(ten, "P1", UnitLevel::kDistrict, PeriodType::kQuarterly, "2021", "2022"),
       "SELECT v.element, c.district, v.month / 3, sum(value) FROM v JOIN c USING (commune) WHERE "
       "c.province = 1 AND element < 10 AND month BETWEEN 72 AND 95 GROUP BY 1, 2, 3"},
      {"Q4", q(all, "C7", std::nullopt, std::nullopt, "202203", "202203"),
       "SELECT element, value FROM v WHERE commune = 7 AND month = 86"},
      {"Q5", q(all, "VN", UnitLevel::kProvince, PeriodType::kMonthly, Month(0), Month(kMonths - 1)),
       "SELECT v.element, c.province, v.month, sum(value) FROM v JOIN c USING (commune) "
       "GROUP BY 1, 2, 3"},
  };
  nlohmann::json antq_times;
  nlohmann::json sqlite_times;
  bool agree = true;
  std::cout << fmt::format("analytics bench ({}): {} communes, {} elements, {} months, {} values\n",
                           size, n.communes, kElements, kMonths, values);
  std::cout << fmt::format("{:<6} {:>12} {:>12} {:>12}\n", "", "antq", "sqlite", "sqlite/antq");
  for (Case& c : cases) {
    double antq_total = 0;
    const double a = MedianSeconds(3, [&] { antq_total = Total(*engine.Run(c.query)); });
    double sql_total = 0;
    const double s = MedianSeconds(3, [&] {
      auto st = db->Prepare(c.sql);
      sql_total = 0;
      while (*st->Step()) sql_total += st->LastReal();
    });
    agree = agree && std::abs(antq_total - sql_total) < 1e-6 * std::max(1.0, sql_total);
    antq_times[c.name] = a;
    sqlite_times[c.name] = s;
    std::cout << fmt::format("{:<6} {:>10.2f}ms {:>10.2f}ms {:>11.1f}x   total {} / {}\n", c.name,
                             a * 1e3, s * 1e3, s / a, antq_total, sql_total);
  }
  // Q3: months of 2022 with e00 > 0 per commune, then communes with >= 10 such months per
  // district. ANTQ answers the commune × month grid; the counting is done here.
  int antq_q3 = 0;
  const double a3 = MedianSeconds(3, [&] {
    auto r =
        engine.Run(q({"e00"}, "VN", UnitLevel::kCommune, PeriodType::kMonthly, "202201", "202212"));
    std::map<std::string, int> months;
    for (const auto& row : r->rows) {
      if (row.values[0].value_or(0) > 0) ++months[row.unit_code];
    }
    antq_q3 = 0;
    for (const auto& [unit, count] : months) antq_q3 += count >= 10 ? 1 : 0;
  });
  int sql_q3 = 0;
  const double s3 = MedianSeconds(3, [&] {
    auto st = db->Prepare(
        "SELECT count(*) FROM (SELECT commune FROM v WHERE element = 0 AND month BETWEEN 84 AND 95 "
        "AND value > 0 GROUP BY commune HAVING count(*) >= 10)");
    (void)st->Step();
    sql_q3 = static_cast<int>(st->Int(0));
  });
  agree = agree && antq_q3 == sql_q3;
  antq_times["Q3"] = a3;
  sqlite_times["Q3"] = s3;
  std::cout << fmt::format("{:<6} {:>10.2f}ms {:>10.2f}ms {:>11.1f}x   communes {} / {}\n", "Q3",
                           a3 * 1e3, s3 * 1e3, s3 / a3, antq_q3, sql_q3);
  std::cout << fmt::format(
      "load: antq {:.2f}s ({:.1f} bytes per value resident), sqlite {:.2f}s; answers agree: {}\n",
      antq_load, bytes_per_value, sqlite_load, agree ? "yes" : "NO");
  antq_times["load"] = antq_load;
  antq_times["bytes_per_value"] = bytes_per_value;
  sqlite_times["load"] = sqlite_load;
  WriteReport(out_json, size, {{"antq", antq_times}, {"sqlite", sqlite_times}},
              fmt::format("{} values; DuckDB not measured yet; agree: {}", values, agree));
  fs::remove_all(dir);
  return agree ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
