// Import benchmark: a dataValueSets file of the synthetic nation's monthly figures (1 million
// values for "small", 10 million for "full") written as DHIS2 JSON and CSV; parsing alone (in
// this process), the whole import by the `antq import` command into a fresh SQLite database
// (its wall time and peak resident memory, measured by the kernel), and in the same run the same
// CSV loaded by the sqlite3 shell's .import into an equivalent table. Writes
// build/bench/import.json: systems.antq.{parse_json, parse_csv, import_json, import_csv} and
// systems.sqlite.import_csv in values per second, with the peak memory of each import.
// Usage: antq_import_bench [small|full|national] [OUT.json]; "national" imports every value of
// the synthetic nation (about 35.6 million), to check the import's memory bound.
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "bench/bench_util.h"
#include "bench/national_store.h"
#include "interop/data_value_set.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {  // (a child's log)
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The nation's values, month by month until there are `count`, written as DHIS2 exports them
// (JSON and CSV), straight to the files: tens of millions of values never sit in memory.
void WriteValues(const Nation& n, size_t count, const fs::path& json_path,
                 const fs::path& csv_path) {
  std::ofstream json;  // (no JSON file when `json_path` is empty)
  if (!json_path.empty()) json.open(json_path, std::ios::binary);
  std::ofstream csv(csv_path, std::ios::binary);
  json << "{\"dataValues\":[";
  csv << "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,"
         "comment,followup\n";
  size_t written = 0;
  std::string json_chunk;
  std::string csv_chunk;
  for (int m = 0; m < kMonths && written < count; ++m) {
    for (int c = 0; c < n.communes && written < count; ++c) {
      for (int e = 0; e < kElements && written < count; ++e) {
        const int x = ValueOf(c, e, m);
        if (x < 0) continue;
        const std::string element = Element(e);
        const std::string month = Month(m);
        fmt::format_to(std::back_inserter(json_chunk),
                       "{}\n{{\"dataElement\":\"{}\",\"period\":\"{}\",\"orgUnit\":\"C{}\","
                       "\"categoryOptionCombo\":\"\",\"attributeOptionCombo\":\"\",\"value\":"
                       "\"{}\",\"storedBy\":\"bench\",\"followup\":false}}",
                       written ? "," : "", element, month, c, x);
        fmt::format_to(std::back_inserter(csv_chunk), "{},{},C{},,,{},bench,,,false\n", element,
                       month, c, x);
        ++written;
      }
      if (json_chunk.size() > (1 << 20)) {
        json << json_chunk;
        csv << csv_chunk;
        json_chunk.clear();
        csv_chunk.clear();
      }
    }
  }
  json << json_chunk << "\n]}\n";
  csv << csv_chunk;
}

// A database holding the nation's units and catalogue and no values.
void EmptyStore(const Nation& n, const fs::path& path) {
  fs::remove(path);
  auto store = sqlite::SqliteStore::Open(path.string(), OpenMode::kCreateIfMissing);
  auto tx = (*store)->Begin();
  (void)(*store)->Migrate();
  (void)(*store)->SaveUnitChanges(n.changes);
  (void)(*store)->SaveCatalog(1, n.catalog);
  (void)(*tx)->Commit();
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/import.json";
  // "national": every value of the 63-province nation (about 35.6 million), for the memory bound.
  Nation n = MakeNation(size == "small" ? 4 : 63);
  const size_t count = size == "small" ? 1000000 : size == "national" ? CountValues(n) : 10000000;
  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-import-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path antq = fs::path(argv[0]).parent_path() / "antq";

  // The national size checks the memory bound on the CSV import alone (a JSON import of 35
  // million values would add a quarter of an hour).
  const bool with_json = size != "national";
  std::cout << fmt::format("{} values of {} communes, {} elements\n", count, n.communes, kElements)
            << std::flush;
  WriteValues(n, count, with_json ? dir / "values.json" : fs::path(), dir / "values.csv");
  const double per_value = static_cast<double>(count);

  // 1. Parsing alone: the streaming readers the import uses, over the files.
  size_t parsed = 0;
  auto parse = [&](const std::string& name, bool json) {
    std::ifstream in(dir / name, std::ios::binary);
    auto count = [&](DataValueEntry&) {
      ++parsed;
      return Status(Ok());
    };
    auto read = json ? ReadDataValueSetJson(in, name, count) : ReadDataValueSetCsv(in, name, count);
    if (!read) {
      std::cerr << "import bench: " << read.error().ToString() << "\n";
      std::exit(1);
    }
  };
  const double parse_json = with_json ? SecondsOf([&] { parse("values.json", true); }) : 0;
  const double parse_csv = SecondsOf([&] { parse("values.csv", false); });
  if (parsed != (with_json ? 2 : 1) * count) {
    std::cerr << "import bench: the readers gave " << parsed << " values\n";
    return 1;
  }
  ReleaseFreedMemory();

  // 2. The whole import, by the command, into a fresh database each.
  auto import = [&](const std::string& format) {
    const fs::path db = dir / ("import-" + format + ".db");
    EmptyStore(n, db);
    Run r = RunChild({antq.string(), "import", (dir / ("values." + format)).string(), "--db",
                      "sqlite:" + db.string(), "--user", "bench"},
                     dir / ("import-" + format + ".log"));
    if (r.exit_code != 0) {
      std::cerr << "import bench: antq import failed:\n"
                << ReadAll(dir / ("import-" + format + ".log"));
      std::exit(1);
    }
    return r;
  };
  const Run import_json = with_json ? import("json") : Run{};
  const Run import_csv = import("csv");

  // 3. The peer: the same CSV into an equivalent table by the sqlite3 shell.
  const fs::path plain = dir / "plain.db";
  {
    std::ofstream script(dir / "plain.sql");
    script << "CREATE TABLE data_values(dataelement TEXT NOT NULL, period TEXT NOT NULL, "
              "orgunit TEXT NOT NULL, catoptcombo TEXT NOT NULL, attroptcombo TEXT NOT NULL, "
              "value TEXT, storedby TEXT, lastupdated TEXT, comment TEXT, followup TEXT, "
              "PRIMARY KEY (orgunit, dataelement, catoptcombo, period)) WITHOUT ROWID;\n"
              ".mode csv\n"
           << ".import --skip 1 " << (dir / "values.csv").string() << " data_values\n";
  }
  const Run sqlite_csv = RunChild(
      {"sh", "-c", fmt::format("sqlite3 {} < {}", plain.string(), (dir / "plain.sql").string())},
      dir / "plain.log");
  if (sqlite_csv.exit_code != 0) {
    std::cerr << "import bench: sqlite3 failed:\n" << ReadAll(dir / "plain.log");
    return 1;
  }

  const double rate_json = with_json ? per_value / import_json.seconds : 0;
  const double rate_csv = per_value / import_csv.seconds;
  const double rate_plain = per_value / sqlite_csv.seconds;
  std::cout << fmt::format("{:<34} {:>14} {:>10} {:>12}\n", "", "values/s", "seconds",
                           "peak memory");
  auto line = [](const std::string& what, double rate, double seconds, long rss) {
    std::cout << fmt::format("{:<34} {:>14.0f} {:>10.2f} {:>12}\n", what, rate, seconds,
                             rss > 0 ? fmt::format("{} MB", rss >> 20) : "");
  };
  const double parse_json_rate = with_json ? per_value / parse_json : 0;
  if (with_json) line("ANTQ parse JSON (simdjson)", parse_json_rate, parse_json, 0);
  line("ANTQ parse CSV", per_value / parse_csv, parse_csv, 0);
  if (with_json) {
    line("ANTQ import JSON (antq import)", rate_json, import_json.seconds, import_json.peak_rss);
  }
  line("ANTQ import CSV (antq import)", rate_csv, import_csv.seconds, import_csv.peak_rss);
  line("sqlite3 .import CSV", rate_plain, sqlite_csv.seconds, sqlite_csv.peak_rss);
  std::cout << fmt::format("ANTQ CSV import / sqlite3 .import: {:.2f} (aim: 0.5 or more)\n",
                           rate_csv / rate_plain);

  nlohmann::json systems = {
      {"antq",
       {{"parse_json", parse_json_rate},
        {"parse_csv", per_value / parse_csv},
        {"import_json", rate_json},
        {"import_csv", rate_csv},
        {"import_json_peak_rss_bytes", import_json.peak_rss},
        {"import_csv_peak_rss_bytes", import_csv.peak_rss}}},
      {"sqlite", {{"import_csv", rate_plain}, {"import_csv_peak_rss_bytes", sqlite_csv.peak_rss}}}};
  WriteReport(out_json, size, systems,
              fmt::format("{} values; rates in values per second; imports run as child processes "
                          "(antq import, sqlite3 shell), peak memory from getrusage",
                          count));
  fs::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
