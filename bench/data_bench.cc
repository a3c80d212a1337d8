// Data benchmark: loading the Kon Tum sample; single-value writes through the use case against
// plain SQLite upserts of one row in the same run, interleaved (each its own transaction, both
// in WAL with synchronous = FULL as ANTQ runs, and the peer also with NORMAL, to show what durable
// commits cost); and a 1,000,000-row event CSV imported in one transaction with the analytics
// engine loaded. Prints a table with each aim and writes build/bench/data.json.
// Usage: antq_data_bench [small|full] [OUT.json]
#include <fmt/format.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/analytics_use_cases.h"
#include "app/events_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "bench/bench_util.h"
#include "sample/kon_tum_sample.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

double ThreadCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_nsec) * 1e-9;
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/data.json";
  const int upserts = size == "small" ? 10000 : 100000;
  const int csv_rows = size == "small" ? 100000 : 1000000;
  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-data-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  auto data_dir = FindDataDir("");
  if (!data_dir) {
    std::cerr << data_dir.error().ToString() << "\n";
    return 1;
  }

  // 1. The whole sample.
  const std::string sample_db = "sqlite:" + (dir / "sample.db").string();
  double sample_s = 0;
  size_t sample_values = 0;
  size_t sample_events = 0;
  {
    if (!InitDatabase(sample_db, *data_dir)) return 1;
    auto ws = Workspace::Open(sample_db, OpenMode::kMustExist);
    sample_s = SecondsOf([&] {
      auto r = LoadKonTumSample(*ws, nullptr);
      sample_values = r->values;
      sample_events = r->events;
    });
  }

  // 2. Single-value upserts, each its own transaction, against plain inserts.
  const std::string db = "sqlite:" + (dir / "upserts.db").string();
  if (!InitDatabase(db, *data_dir)) return 1;
  auto ws = Workspace::Open(db, OpenMode::kMustExist);
  auto communes = ListUnits(*ws, Admin(), {"62", *Date::Parse("2022-12-31"), UnitLevel::kCommune});
  const std::vector<std::string> elements = {"tips.received",
                                             "tips.valuable",
                                             "online.posts",
                                             "prestige.mobilisations",
                                             "documents.issued",
                                             "crime.social_order_cases",
                                             "crime.cases_cleared",
                                             "crime.suspects",
                                             "education.released",
                                             "security.cases_received",
                                             "security.cases_reconciled",
                                             "security.teams_anninh",
                                             "security.teams_tuquan"};
  struct Key {
    std::string unit;
    std::string period;
    std::string element;
  };
  std::vector<Key> keys;
  for (Period p = *Period::Parse("201901"); keys.size() < static_cast<size_t>(upserts);
       p = p.Next()) {
    for (const UnitVersion* u : *communes) {
      for (const std::string& e : elements) {
        if (keys.size() < static_cast<size_t>(upserts)) keys.push_back({u->code, p.Code(), e});
      }
    }
  }
  const Date today = Date::Today();
  bool ok = true;
  // The peer: a plain SQLite upsert of one row, each its own transaction, in a database opened
  // exactly as ANTQ opens its own (sqlite::Database::Open: WAL, synchronous = FULL, the same
  // cache size and busy timeout), so like is compared with like. A second peer file runs with
  // synchronous = NORMAL, which can lose the last commits in an operating-system crash: the
  // difference is what durability costs per write. The three are interleaved key by key, so a
  // disk whose flushes slow down or speed up during the run (the machine is shared) weighs on
  // all of them alike.
  auto open_peer = [&](const std::string& file, const char* synchronous) {
    auto plain = sqlite::Database::Open((dir / file).string(), true);
    if (!plain) {
      std::cerr << plain.error().ToString() << "\n";
      std::exit(1);
    }
    (void)plain->Exec(synchronous);
    (void)plain->Exec(
        "CREATE TABLE v(unit TEXT NOT NULL, element TEXT NOT NULL, period TEXT NOT NULL, "
        "value REAL, PRIMARY KEY (unit, element, period)) STRICT, WITHOUT ROWID");
    return std::move(*plain);
  };
  sqlite::Database plain_full = open_peer("plain.db", "PRAGMA synchronous = FULL");
  sqlite::Database plain_normal = open_peer("plain-normal.db", "PRAGMA synchronous = NORMAL");
  const char* kUpsert =
      "INSERT INTO v VALUES (?,?,?,?) ON CONFLICT(unit, element, period) DO UPDATE SET "
      "value = excluded.value";
  auto st_full = plain_full.Prepare(kUpsert);
  auto st_normal = plain_normal.Prepare(kUpsert);
  if (!st_full || !st_normal) return 1;
  // Wall time, and the processor time of this thread (user and system: SQLite's work and the
  // kernel's for its writes), which a slow or busy disk does not blur.
  struct Times {
    std::vector<double> wall;
    double cpu = 0;
  };
  auto timed = [](Times& t, const std::function<void()>& fn) {
    const double cpu_before = ThreadCpuSeconds();
    t.wall.push_back(SecondsOf(fn));
    t.cpu += ThreadCpuSeconds() - cpu_before;
  };
  auto plain_upsert = [&](Times& t, sqlite::Database& db, sqlite::Statement& st, const Key& k,
                          int i) {
    timed(t, [&] {
      ok = ok && db.Exec("BEGIN IMMEDIATE");
      ok = ok &&
           st.Bind(1, k.unit).Bind(2, k.element).Bind(3, k.period).Bind(4, double(i % 50)).Run();
      ok = ok && db.Exec("COMMIT");
    });
  };
  Times use_case_times;
  Times plain_times;
  Times plain_normal_times;
  for (size_t i = 0; i < keys.size(); ++i) {
    const Key& k = keys[i];
    timed(use_case_times, [&] {
      auto r = SetValues(*ws, Admin("bench"), {k.unit, "commune-monthly", k.period},
                         {{k.element, "", std::to_string(i % 50), ""}}, today);
      ok = ok && r.has_value();
    });
    plain_upsert(plain_times, plain_full, *st_full, k, static_cast<int>(i));
    plain_upsert(plain_normal_times, plain_normal, *st_normal, k, static_cast<int>(i));
  }
  auto mean = [](const std::vector<double>& t) {
    double sum = 0;
    for (double x : t) sum += x;
    return t.empty() ? 0.0 : sum / static_cast<double>(t.size());
  };
  auto median = [](std::vector<double> t) {
    if (t.empty()) return 0.0;
    std::nth_element(t.begin(), t.begin() + static_cast<long>(t.size() / 2), t.end());
    return t[t.size() / 2];
  };
  const double per_upsert = mean(use_case_times.wall);
  const double per_plain = mean(plain_times.wall);
  const double per_plain_normal = mean(plain_normal_times.wall);
  const double median_ratio = median(use_case_times.wall) / median(plain_times.wall);
  const double cpu_upsert = use_case_times.cpu / static_cast<double>(keys.size());
  const double cpu_plain = plain_times.cpu / static_cast<double>(keys.size());

  // 3. A large CSV of propaganda sessions, imported in one transaction.
  const fs::path csv = dir / "events.csv";
  {
    std::ofstream f(csv);
    f << "ngày,xã,số người tham gia,địa điểm,hình thức\n";
    for (int i = 0; i < csv_rows; ++i) {
      const UnitVersion* u = (*communes)[static_cast<size_t>(i) % communes->size()];
      f << fmt::format("20{}-{:02d}-{:02d},{},{},Thôn {},meeting\n", 19 + i % 4, 1 + i % 12,
                       1 + i % 28, u->code, 20 + i % 400, i);
    }
  }
  // Reading and checking alone (a dry run), then the import, end to end: read, check, store,
  // audit, and feed the analytics engine, loaded first as a server has it.
  const double check_s = SecondsOf([&] {
    (void)ImportEventsCsv(*ws, Admin("bench"), csv, "propaganda", {false, true}, today);
  });
  ok = ok && EnsureAnalytics(*ws).has_value();
  Result<CsvImportReport> imported = Fail(ErrorCode::kInternal, "not run");
  const double import_s = SecondsOf(
      [&] { imported = ImportEventsCsv(*ws, Admin("bench"), csv, "propaganda", {}, today); });
  ok = ok && imported && imported->added == static_cast<size_t>(csv_rows);

  constexpr double kUpsertAim = 1.5;
  constexpr double kRowsAim = 250000;
  const double ratio = per_upsert / per_plain;
  const double rows_per_second = csv_rows / import_s;
  std::cout << fmt::format("data bench ({})\n", size);
  std::cout << fmt::format("  Kon Tum sample: {} values and {} events in {:.2f} s\n", sample_values,
                           sample_events, sample_s);
  std::cout << fmt::format(
      "  {} single-value writes, each its own transaction, interleaved; both databases in WAL "
      "with synchronous = FULL:\n"
      "    use case (validation, value and audit row): {:.1f} µs each; plain SQLite upsert: {:.1f} "
      "µs each\n"
      "    use case / SQLite = {:.2f}x (aim: at most {:.1f}x) {}; medians: {:.2f}x\n"
      "    processor time (user + system) per write: use case {:.1f} µs, SQLite {:.1f} µs; "
      "{:.2f}x\n",
      keys.size(), per_upsert * 1e6, per_plain * 1e6, ratio, kUpsertAim,
      ratio <= kUpsertAim ? "met" : "NOT MET", median_ratio, cpu_upsert * 1e6, cpu_plain * 1e6,
      cpu_upsert / cpu_plain);
  std::cout << fmt::format(
      "  durability: a plain SQLite upsert costs {:.1f} µs with synchronous = FULL (ANTQ's "
      "setting) and {:.1f} µs with NORMAL; FULL / NORMAL = {:.2f}x\n",
      per_plain * 1e6, per_plain_normal * 1e6, per_plain / per_plain_normal);
  std::cout << fmt::format(
      "  {}-row event CSV import (propaganda register), end to end with the engine loaded: "
      "{:.2f} s, {:.0f} rows/s (aim: above {:.0f}) {}; reading and checking alone: {:.2f} s\n",
      csv_rows, import_s, rows_per_second, kRowsAim, rows_per_second > kRowsAim ? "met" : "NOT MET",
      check_s);
  if (!ok) std::cout << "  ERROR: some writes failed\n";
  WriteReport(out_json, size,
              {{"antq",
                {{"sample_load", sample_s},
                 {"upsert_each", per_upsert},
                 {"upsert_cpu_each", cpu_upsert},
                 {"csv_import", import_s},
                 {"csv_rows_per_second", rows_per_second}}},
               {"sqlite",
                {{"upsert_each", per_plain},
                 {"upsert_cpu_each", cpu_plain},
                 {"upsert_each_synchronous_normal", per_plain_normal}}}},
              fmt::format("{} upserts, interleaved with the peer's, both WAL + synchronous = FULL; "
                          "ratio use case/sqlite {:.2f} (aim {:.1f}); {} CSV rows, {:.0f} rows/s "
                          "(aim {:.0f})",
                          keys.size(), ratio, kUpsertAim, csv_rows, rows_per_second, kRowsAim));
  fs::remove_all(dir);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
