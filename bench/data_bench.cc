// Data benchmark: loading the Kon Tum sample; single-value upserts through the use case against
// plain SQLite inserts in the same run (each its own transaction, with synchronous = FULL as ANTQ
// runs and with NORMAL, to show what durable commits cost); and a 1,000,000-row event CSV
// imported in one transaction. Prints a table and writes build/bench/data.json.
// Usage: antq_data_bench [small|full] [OUT.json]
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/events_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "bench/bench_util.h"
#include "sample/kon_tum_sample.h"
#include "storage/sqlite/sqlite_db.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

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
  const double use_case_s = SecondsOf([&] {
    int i = 0;
    for (const Key& k : keys) {
      auto r = SetValues(*ws, Admin("bench"), {k.unit, "commune-monthly", k.period},
                         {{k.element, "", std::to_string(i++ % 50), ""}}, today);
      ok = ok && r.has_value();
    }
  });
  // Plain SQLite inserts, each its own transaction, with ANTQ's settings (synchronous = FULL:
  // each commit waits for the disk) and with synchronous = NORMAL, which can lose the last
  // commits in an operating-system crash: the difference is what durability costs per write.
  auto plain_inserts = [&](const std::string& file, const char* synchronous) {
    auto plain = sqlite::Database::Open((dir / file).string(), true);
    (void)plain->Exec(synchronous);
    (void)plain->Exec(
        "CREATE TABLE v(unit TEXT NOT NULL, element TEXT NOT NULL, period TEXT NOT NULL, "
        "value REAL, PRIMARY KEY (unit, element, period)) STRICT, WITHOUT ROWID");
    return SecondsOf([&] {
      auto st = plain->Prepare("INSERT INTO v VALUES (?,?,?,?)");
      int i = 0;
      for (const Key& k : keys) {
        (void)plain->Exec("BEGIN IMMEDIATE");
        (void)st->Bind(1, k.unit)
            .Bind(2, k.element)
            .Bind(3, k.period)
            .Bind(4, double(i++ % 50))
            .Run();
        (void)plain->Exec("COMMIT");
      }
    });
  };
  const double plain_s = plain_inserts("plain.db", "PRAGMA synchronous = FULL");
  const double plain_normal_s = plain_inserts("plain-normal.db", "PRAGMA synchronous = NORMAL");

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
  const double check_s = SecondsOf([&] {
    (void)ImportEventsCsv(*ws, Admin("bench"), csv, "propaganda", {false, true}, today);
  });
  Result<CsvImportReport> imported = Fail(ErrorCode::kInternal, "not run");
  const double import_s = SecondsOf(
      [&] { imported = ImportEventsCsv(*ws, Admin("bench"), csv, "propaganda", {}, today); });
  ok = ok && imported && imported->added == static_cast<size_t>(csv_rows);

  const double per_upsert = use_case_s / keys.size();
  const double per_plain = plain_s / keys.size();
  const double per_plain_normal = plain_normal_s / keys.size();
  std::cout << fmt::format("data bench ({})\n", size);
  std::cout << fmt::format("  Kon Tum sample: {} values and {} events in {:.2f} s\n", sample_values,
                           sample_events, sample_s);
  std::cout << fmt::format(
      "  {} single-value upserts: use case {:.1f} µs each, plain SQLite insert {:.1f} µs each; "
      "use case / SQLite = {:.2f}x\n",
      keys.size(), per_upsert * 1e6, per_plain * 1e6, per_upsert / per_plain);
  std::cout << fmt::format(
      "  durability: a plain SQLite commit costs {:.1f} µs with synchronous = FULL (ANTQ's "
      "setting) and {:.1f} µs with NORMAL; FULL / NORMAL = {:.2f}x\n",
      per_plain * 1e6, per_plain_normal * 1e6, per_plain / per_plain_normal);
  std::cout << fmt::format(
      "  {}-row event CSV import: {:.2f} s, {:.0f} rows/s (reading and checking alone: {:.2f} s)\n",
      csv_rows, import_s, csv_rows / import_s, check_s);
  if (!ok) std::cout << "  ERROR: some writes failed\n";
  WriteReport(
      out_json, size,
      {{"antq",
        {{"sample_load", sample_s},
         {"upsert_each", per_upsert},
         {"csv_import", import_s},
         {"csv_rows_per_second", csv_rows / import_s}}},
       {"sqlite",
        {{"insert_each", per_plain}, {"insert_each_synchronous_normal", per_plain_normal}}}},
      fmt::format("{} upserts, {} CSV rows; ratio use case/sqlite {:.2f}", keys.size(), csv_rows,
                  per_upsert / per_plain));
  fs::remove_all(dir);
  return ok ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
