// Import benchmark: a dataValueSets file of the synthetic nation's monthly figures (1 million
// values for "small", 10 million for "full") written as DHIS2 JSON and CSV; parsing alone (in
// this process), the whole import by the `antq import` command into a fresh SQLite database
// (its wall time and peak resident memory, measured by the kernel), and in the same run the same
// CSV loaded by the sqlite3 shell's .import into an equivalent table. Writes
// build/bench/import.json: systems.antq.{parse_json, parse_csv, import_json, import_csv} and
// systems.sqlite.import_csv in values per second, with the peak memory of each import.
// Usage: antq_import_bench [small|full] [OUT.json]
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

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The nation's values in DHIS2's form, month by month, until there are `count`.
std::vector<DataValueEntry> Values(const Nation& n, size_t count) {
  std::vector<DataValueEntry> out;
  out.reserve(count);
  for (int m = 0; m < kMonths && out.size() < count; ++m) {
    for (int c = 0; c < n.communes && out.size() < count; ++c) {
      for (int e = 0; e < kElements && out.size() < count; ++e) {
        const int x = ValueOf(c, e, m);
        if (x < 0) continue;
        DataValueEntry v;
        v.data_element = Element(e);
        v.period = Month(m);
        v.org_unit = fmt::format("C{}", c);
        v.value = std::to_string(x);
        v.index = out.size();
        out.push_back(std::move(v));
      }
    }
  }
  return out;
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

struct Run {
  double seconds = 0;
  long peak_rss = 0;  // bytes
  int exit_code = 0;
};

// Runs `argv` as a child process: its wall time and peak resident memory (getrusage).
Run RunChild(const std::vector<std::string>& args, const fs::path& out_file) {
  Run r;
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int fd = ::open(out_file.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  struct rusage usage = {};
  ::wait4(pid, &status, 0, &usage);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  r.peak_rss = usage.ru_maxrss * 1024;
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128;
  return r;
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/import.json";
  const size_t count = size == "small" ? 1000000 : 10000000;
  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-import-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const fs::path antq = fs::path(argv[0]).parent_path() / "antq";

  Nation n = MakeNation(size == "small" ? 4 : 63);
  std::vector<DataValueEntry> values = Values(n, count);
  std::cout << fmt::format("{} values of {} communes, {} elements\n", values.size(), n.communes,
                           kElements);
  {
    std::ofstream json(dir / "values.json", std::ios::binary);
    WriteDataValueSetJson(values, json);
    std::ofstream csv(dir / "values.csv", std::ios::binary);
    WriteDataValueSetCsv(values, csv);
  }
  values.clear();
  values.shrink_to_fit();
  const double per_value = static_cast<double>(count);

  // 1. Parsing alone.
  std::string json_text = ReadAll(dir / "values.json");
  std::string csv_text = ReadAll(dir / "values.csv");
  size_t parsed = 0;
  const double parse_json =
      SecondsOf([&] { parsed = ReadDataValueSetJson(json_text, "values.json")->values.size(); });
  const double parse_csv =
      SecondsOf([&] { parsed += ReadDataValueSetCsv(csv_text, "values.csv")->values.size(); });
  if (parsed != 2 * count) {
    std::cerr << "import bench: the readers gave " << parsed << " values\n";
    return 1;
  }
  // A forked child starts with the parent's resident pages counted as its own: give the texts
  // back first, so that the children's peak memory is their own.
  std::string().swap(json_text);
  std::string().swap(csv_text);
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
  const Run import_json = import("json");
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

  const double rate_json = per_value / import_json.seconds;
  const double rate_csv = per_value / import_csv.seconds;
  const double rate_plain = per_value / sqlite_csv.seconds;
  std::cout << fmt::format("{:<34} {:>14} {:>10} {:>12}\n", "", "values/s", "seconds",
                           "peak memory");
  auto line = [](const std::string& what, double rate, double seconds, long rss) {
    std::cout << fmt::format("{:<34} {:>14.0f} {:>10.2f} {:>12}\n", what, rate, seconds,
                             rss > 0 ? fmt::format("{} MB", rss >> 20) : "");
  };
  line("ANTQ parse JSON (simdjson)", per_value / parse_json, parse_json, 0);
  line("ANTQ parse CSV", per_value / parse_csv, parse_csv, 0);
  line("ANTQ import JSON (antq import)", rate_json, import_json.seconds, import_json.peak_rss);
  line("ANTQ import CSV (antq import)", rate_csv, import_csv.seconds, import_csv.peak_rss);
  line("sqlite3 .import CSV", rate_plain, sqlite_csv.seconds, sqlite_csv.peak_rss);
  std::cout << fmt::format("ANTQ CSV import / sqlite3 .import: {:.2f} (aim: 0.5 or more)\n",
                           rate_csv / rate_plain);

  nlohmann::json systems = {
      {"antq",
       {{"parse_json", per_value / parse_json},
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
