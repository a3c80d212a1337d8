// Analytics benchmark (issue 4): a deterministic national-scale dataset of monthly values, loaded
// into ANTQ's engine (from an ANTQ SQLite store, by the same code as the server's start-up), into
// SQLite (with indexes) and into DuckDB (npm @duckdb/node-api on 2 threads, bench/duckdb/run.mjs),
// then five queries, median of 3 warm runs each, with the answers cross-checked between the three.
// Usage: antq_analytics_bench [small|full] [OUT.json]
// Then the engine's cold start: a new process (this program with --cold-start) that opens the
// store and loads the engine from the snapshot the first load left beside it, as `antq serve`
// does when it starts again.
//   Q1 total of one element per province per year (all years)
//   Q2 one province: 10 elements × its districts × quarters of two years
//   Q3 per commune, the months of 2022 with a value above 0 of one element; then per district
//      the communes with at least 10 such months
//   Q4 all 40 values of one commune for one month
//   Q5 every element by province by month for the whole country
#include <fmt/format.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "analytics/engine.h"
#include "app/analytics_use_cases.h"
#include "app/engine_loader.h"
#include "app/workspace.h"
#include "bench/bench_util.h"
#include "bench/national_store.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::bench {
namespace {

double Total(const analytics::QueryResult& r) {
  double t = 0;
  for (const auto& row : r.rows) {
    for (const auto& v : row.values) t += v.value_or(0);
  }
  return t;
}

// The dataset as CSV for DuckDB, written once per size.
void WriteCsv(const Nation& n, const fs::path& values_csv, const fs::path& communes_csv) {
  if (!fs::exists(values_csv)) {
    const fs::path tmp = values_csv.string() + ".tmp";
    std::ofstream out(tmp);
    out << "commune,element,month,value\n";
    for (int c = 0; c < n.communes; ++c) {
      for (int e = 0; e < kElements; ++e) {
        for (int m = 0; m < kMonths; ++m) {
          const int x = ValueOf(c, e, m);
          if (x >= 0) out << c << ',' << e << ',' << m << ',' << x << '\n';
        }
      }
    }
    out.close();
    fs::rename(tmp, values_csv);
  }
  std::ofstream out(communes_csv);
  out << "commune,district,province\n";
  for (int c = 0; c < n.communes; ++c) {
    out << c << ',' << n.district_of[c] << ',' << n.province_of[n.district_of[c]] << '\n';
  }
}

// Runs the DuckDB peer on `spec`; its JSON answer, or null when Node or the package is missing.
nlohmann::json RunDuckDb(const fs::path& spec) {
  if (!fs::exists("bench/duckdb/node_modules/@duckdb/node-api")) {
    std::cout << "DuckDB: not measured: run `npm ci --prefix bench/duckdb` (make bench does)\n";
    return nullptr;
  }
  const std::string command = "node bench/duckdb/run.mjs " + spec.string();
  std::string out;
  if (FILE* p = ::popen(command.c_str(), "r")) {
    char buffer[4096];
    size_t got = 0;
    while ((got = std::fread(buffer, 1, sizeof buffer, p)) > 0) out.append(buffer, got);
    if (::pclose(p) != 0) {
      std::cout << "DuckDB: the peer failed (see its message above)\n";
      return nullptr;
    }
  }
  return nlohmann::json::parse(out, nullptr, false);
}

// The child of the cold-start measurement: opens the store, loads the engine (from its snapshot,
// if it is usable) and prints "VALUES FROM_SNAPSHOT SECONDS".
int ColdStart(const std::string& store_path) {
  size_t values = 0;
  bool from_snapshot = false;
  const double load = SecondsOf([&] {
    auto ws = Workspace::Open("sqlite:" + store_path, OpenMode::kMustExist);
    if (!ws) return;
    auto loaded = LoadEngine(*ws);
    if (!loaded) return;
    values = loaded->engine->value_count();
    from_snapshot = loaded->from_snapshot;
  });
  std::cout << values << ' ' << (from_snapshot ? 1 : 0) << ' ' << load << std::endl;
  return values > 0 ? 0 : 1;
}

struct ColdStartRun {
  double seconds = 0;  // from fork to exit, as seen by the parent
  double inside = 0;   // the child's own open and load
  size_t values = 0;
  bool from_snapshot = false;
};

// Runs this program again with --cold-start in a new process and times it whole.
std::optional<ColdStartRun> RunColdStart(const fs::path& store_path) {
  int out[2];
  if (::pipe(out) != 0) return std::nullopt;
  ColdStartRun run;
  std::string text;
  run.seconds = SecondsOf([&] {
    const pid_t pid = ::fork();
    if (pid == 0) {
      ::dup2(out[1], STDOUT_FILENO);
      ::close(out[0]);
      ::close(out[1]);
      const std::string path = store_path.string();
      ::execl("/proc/self/exe", "antq_analytics_bench", "--cold-start", path.c_str(), nullptr);
      ::_exit(127);
    }
    ::close(out[1]);
    char buffer[256];
    ssize_t got = 0;
    while ((got = ::read(out[0], buffer, sizeof buffer)) > 0) text.append(buffer, size_t(got));
    ::close(out[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
  });
  std::istringstream in(text);
  int from_snapshot = 0;
  if (!(in >> run.values >> from_snapshot >> run.inside)) return std::nullopt;
  run.from_snapshot = from_snapshot == 1;
  return run;
}

int Main(int argc, char** argv) {
  if (argc > 2 && std::string(argv[1]) == "--cold-start") return ColdStart(argv[2]);
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/analytics.json";
  const fs::path cache = out_json.parent_path();
  fs::create_directories(cache);
  Nation n = MakeNation(ProvincesFor(size));
  const size_t values = CountValues(n);

  // ANTQ: open the store and load the engine from it, as the server does at start-up.
  const fs::path store_path = cache / fmt::format("analytics-{}.antq.db", size);
  AntqStore(n, store_path, values).reset();
  ReleaseFreedMemory();
  long rss_before = 0;
  size_t heap_before = 0;
  std::optional<Workspace> ws;
  analytics::Engine* engine_ptr = nullptr;
  const double antq_load = SecondsOf([&] {
    ws.emplace(std::move(*Workspace::Open("sqlite:" + store_path.string(), OpenMode::kMustExist)));
    rss_before = ResidentBytes();
    heap_before = HeapInUseBytes();
    // The load from the database itself: no snapshot is read or written here.
    ws->set_engine_snapshot_path({});
    engine_ptr = *EnsureAnalytics(*ws);
  });
  ReleaseFreedMemory();
  analytics::Engine& engine = *engine_ptr;
  const double heap_per_value =
      double(HeapInUseBytes() - heap_before) / double(engine.value_count());
  const double rss_per_value = double(ResidentBytes() - rss_before) / double(engine.value_count());
  if (engine.value_count() != values) {
    std::cerr << "the engine loaded " << engine.value_count() << " values, not " << values << "\n";
    return 1;
  }
  // The snapshot of what was just loaded, where the server would keep it (beside the store),
  // then a cold start from it in a new process, as a restarted server does.
  const fs::path snapshot_path = EngineSnapshotPath(
      "sqlite:" + store_path.string(), ws->store().Describe(), std::getenv("ANTQ_CACHE_DIR"));
  if (snapshot_path.empty()) {
    std::cerr << "ANTQ_CACHE_DIR=off: no engine snapshot to start from\n";
    return 1;
  }
  ws->set_engine_snapshot_path(snapshot_path);
  double snapshot_write = 0;
  {
    auto stamp = ReadEngineStamp(*ws);
    if (!stamp || !*stamp) {
      std::cerr << "the store has no commit stamp\n";
      return 1;
    }
    snapshot_write = SecondsOf([&] {
      if (auto s = SaveEngineSnapshot(*ws, engine, **stamp); !s) {
        std::cerr << s.error().ToString() << "\n";
        std::exit(1);
      }
    });
  }
  const double snapshot_bytes_per_value =
      double(fs::file_size(snapshot_path)) / double(engine.value_count());
  std::vector<double> cold_runs;
  ColdStartRun cold;
  for (int i = 0; i < 3; ++i) {
    auto run = RunColdStart(store_path);
    if (!run || !run->from_snapshot || run->values != values) {
      std::cerr << "the cold start did not load the " << values << " values from the snapshot\n";
      return 1;
    }
    cold_runs.push_back(run->seconds);
    cold = *run;
  }
  std::sort(cold_runs.begin(), cold_runs.end());
  const double cold_start = cold_runs[1];

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
    std::optional<analytics::Query> query;  // none: Q3, answered below
    std::string sql;                        // SQLite; its last column is added up to cross-check
    std::string duck_sql;                   // the same in DuckDB's dialect
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
  const std::string q3_sql =
      "SELECT count(*) FROM (SELECT commune FROM v WHERE element = 0 AND month BETWEEN 84 AND 95 "
      "AND value > 0 GROUP BY commune HAVING count(*) >= 10)";
  std::vector<Case> cases = {
      {"Q1", q({"e00"}, "VN", UnitLevel::kProvince, PeriodType::kYearly, first, last),
       "SELECT c.province, v.month / 12, sum(value) FROM v JOIN c USING (commune) WHERE "
       "element = 0 GROUP BY 1, 2",
       "SELECT c.province, v.month // 12, sum(value) FROM v JOIN c USING (commune) WHERE "
       "element = 0 GROUP BY 1, 2"},
      {"Q2", q(ten, "P1", UnitLevel::kDistrict, PeriodType::kQuarterly, "2021", "2022"),
       "SELECT v.element, c.district, v.month / 3, sum(value) FROM v JOIN c USING (commune) WHERE "
       "c.province = 1 AND element < 10 AND month BETWEEN 72 AND 95 GROUP BY 1, 2, 3",
       "SELECT v.element, c.district, v.month // 3, sum(value) FROM v JOIN c USING (commune) "
       "WHERE c.province = 1 AND element < 10 AND month BETWEEN 72 AND 95 GROUP BY 1, 2, 3"},
      {"Q3", std::nullopt, q3_sql, q3_sql},
      {"Q4", q(all, "C7", std::nullopt, std::nullopt, "202203", "202203"),
       "SELECT element, value FROM v WHERE commune = 7 AND month = 86",
       "SELECT element, value FROM v WHERE commune = 7 AND month = 86"},
      {"Q5", q(all, "VN", UnitLevel::kProvince, PeriodType::kMonthly, Month(0), Month(kMonths - 1)),
       "SELECT v.element, c.province, v.month, sum(value) FROM v JOIN c USING (commune) "
       "GROUP BY 1, 2, 3",
       "SELECT v.element, c.province, v.month, sum(value) FROM v JOIN c USING (commune) "
       "GROUP BY 1, 2, 3"},
  };

  // DuckDB, in its own process.
  const fs::path values_csv = cache / fmt::format("analytics-{}-values.csv", size);
  const fs::path communes_csv = cache / fmt::format("analytics-{}-communes.csv", size);
  WriteCsv(n, values_csv, communes_csv);
  nlohmann::json spec = {
      {"threads", 2},
      {"runs", 3},
      {"database", (dir / "peer.duckdb").string()},
      {"load",
       {fmt::format("CREATE TABLE v AS SELECT * FROM read_csv('{}', header=true, "
                    "columns={{'commune':'INTEGER','element':'INTEGER','month':'INTEGER',"
                    "'value':'DOUBLE'}})",
                    fs::absolute(values_csv).string()),
        fmt::format("CREATE TABLE c AS SELECT * FROM read_csv('{}', header=true, "
                    "columns={{'commune':'INTEGER','district':'INTEGER','province':'INTEGER'}})",
                    fs::absolute(communes_csv).string())}},
      {"queries", nlohmann::json::array()}};
  for (const Case& c : cases) spec["queries"].push_back({{"name", c.name}, {"sql", c.duck_sql}});
  std::ofstream(dir / "duckdb.json") << spec.dump(2);
  const nlohmann::json duck = RunDuckDb(dir / "duckdb.json");
  const bool have_duck = duck.is_object() && duck.contains("queries");

  nlohmann::json antq_times, sqlite_times, duck_times;
  bool agree = true;
  std::cout << fmt::format("analytics bench ({}): {} communes, {} elements, {} months, {} values\n",
                           size, n.communes, kElements, kMonths, values);
  std::cout << fmt::format("{:<4} {:>11} {:>11} {:>11} {:>12} {:>12}   {}\n", "", "antq", "duckdb",
                           "sqlite", "duckdb/antq", "sqlite/antq", "answer antq/duckdb/sqlite");
  for (Case& c : cases) {
    double antq_total = 0;
    double a = 0;
    if (c.query) {
      a = MedianSeconds(3, [&] { antq_total = Total(*engine.Run(*c.query)); });
    } else {
      // Q3: ANTQ answers the commune × month grid of 2022; the counting is done here.
      a = MedianSeconds(3, [&] {
        auto r = engine.Run(
            q({"e00"}, "VN", UnitLevel::kCommune, PeriodType::kMonthly, "202201", "202212"));
        // Rows come unit by unit: count each unit's months above 0 as they pass.
        antq_total = 0;
        int months = 0;
        const std::string* unit = nullptr;
        for (const auto& row : r->rows) {
          if (!unit || row.unit_code != *unit) {
            antq_total += months >= 10 ? 1 : 0;
            months = 0;
            unit = &row.unit_code;
          }
          if (row.values[0].value_or(0) > 0) ++months;
        }
        antq_total += months >= 10 ? 1 : 0;
      });
    }
    double sql_total = 0;
    const double s = MedianSeconds(3, [&] {
      auto st = db->Prepare(c.sql);
      sql_total = 0;
      while (*st->Step()) sql_total += st->LastReal();
    });
    const double d = have_duck ? duck["queries"][c.name]["seconds"].get<double>() : 0;
    const double duck_total = have_duck ? duck["queries"][c.name]["total"].get<double>() : 0;
    auto same = [](double x, double y) { return std::abs(x - y) < 1e-6 * std::max(1.0, y); };
    agree = agree && same(antq_total, sql_total) && (!have_duck || same(duck_total, sql_total));
    antq_times[c.name] = a;
    sqlite_times[c.name] = s;
    if (have_duck) duck_times[c.name] = d;
    std::cout << fmt::format(
        "{:<4} {:>9.2f}ms {:>9.2f}ms {:>9.2f}ms {:>11.1f}x {:>11.1f}x   {} / {} / {}\n", c.name,
        a * 1e3, d * 1e3, s * 1e3, have_duck ? d / a : 0.0, s / a, antq_total,
        have_duck ? fmt::format("{}", duck_total) : "-", sql_total);
  }
  // Incremental updates: values written one by one into the loaded engine (half replace a
  // value, half fill a missing one), then a query that must see the last of them.
  constexpr int kUpdates = 2000;
  DataValue update;
  update.data_set = "monthly";
  int seen_commune = 0, seen_month = 0;
  double seen_value = 0;
  const double update_seconds = SecondsOf([&] {
    for (int i = 0; i < kUpdates; ++i) {
      const auto h = MixBits(static_cast<uint64_t>(i) + 77);
      seen_commune = static_cast<int>(h % static_cast<uint64_t>(n.communes));
      seen_month = static_cast<int>((h >> 20) % kMonths);
      update.unit_id =
          n.units.Find(fmt::format("C{}", seen_commune), *Date::Parse("2020-01-01"))->unit_id;
      update.element = Element(static_cast<int>((h >> 40) % kElements));
      update.period = Month(seen_month);
      update.value.number = seen_value = 1000.0 + i;
      engine.PutValue(update);
    }
  });
  // Building the value (the unit lookup, the strings) is counted too: the engine's part is less.
  const double update_us = update_seconds / kUpdates * 1e6;
  auto check = engine.Run(q({update.element}, fmt::format("C{}", seen_commune), std::nullopt,
                            std::nullopt, Month(seen_month), Month(seen_month)));
  const bool update_seen =
      check && check->rows.size() == 1 && check->rows[0].values[0] == seen_value;
  agree = agree && update_seen;
  std::cout << fmt::format(
      "update: {:.1f} µs per value written into the engine; the next query "
      "sees it: {}\n",
      update_us, update_seen ? "yes" : "NO");
  antq_times["update_us"] = update_us;
  std::cout << fmt::format(
      "load: antq {:.2f}s from its SQLite store ({:.1f} bytes per value held by the engine, "
      "{:.1f} resident), duckdb {}, sqlite {:.1f}s\nanswers agree: {}\n",
      antq_load, heap_per_value, rss_per_value,
      have_duck ? fmt::format("{:.2f}s ({:.1f} bytes per value on disk)",
                              duck["load_seconds"].get<double>(),
                              duck["file_bytes"].get<double>() / double(values))
                : "-",
      sqlite_load, agree ? "yes" : "NO");
  std::cout << fmt::format(
      "cold start: antq {:.2f}s (aim: under 3 s) in a new process from its engine snapshot "
      "(median of 3; {:.2f}s of it opening the store and loading; snapshot {:.1f} bytes per "
      "value, written in {:.2f}s)\n",
      cold_start, cold.inside, snapshot_bytes_per_value, snapshot_write);
  antq_times["load"] = antq_load;
  antq_times["cold_start"] = cold_start;
  antq_times["snapshot_write"] = snapshot_write;
  antq_times["snapshot_bytes_per_value"] = snapshot_bytes_per_value;
  antq_times["bytes_per_value"] = heap_per_value;
  antq_times["resident_bytes_per_value"] = rss_per_value;
  sqlite_times["load"] = sqlite_load;
  nlohmann::json systems = {{"antq", antq_times}, {"sqlite", sqlite_times}};
  if (have_duck) {
    duck_times["load"] = duck["load_seconds"];
    duck_times["bytes_per_value_on_disk"] = duck["file_bytes"].get<double>() / double(values);
    systems["duckdb"] = duck_times;
  }
  WriteReport(out_json, size, systems,
              fmt::format("{} values; DuckDB {}; agree: {}", values,
                          have_duck ? duck.value("duckdb_version", "?") : "not measured", agree));
  fs::remove_all(dir);
  return agree ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
