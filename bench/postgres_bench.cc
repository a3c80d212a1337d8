// PostgreSQL as the server database, at national scale: the synthetic nation's store (about 35
// million values for SIZE=full) loaded into PostgreSQL through ANTQ (`antq migrate`, which
// writes with COPY and then reads every table back to check it), and in the same run the same
// data_values rows loaded with psql's \copy into an equivalent table; then the analytics
// engine's cold start from PostgreSQL (wall time and peak resident memory of a process that
// opens the database and loads the engine, as `antq serve` does at start-up).
//
// Usage, under a PostgreSQL started for the run (make bench NAME=postgres does this through
// scripts/with_postgres.sh): antq_postgres_bench [small|full] [OUT.json]. Writes
// systems.antq.{load_s, cold_start_s, rss_bytes, db_bytes} and systems.psql.load_s.
#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/analytics_use_cases.h"
#include "app/workspace.h"
#include "bench/bench_util.h"
#include "bench/national_store.h"

namespace antq::bench {
namespace {

// Runs a psql command on `url`; exits the benchmark when it fails.
void Psql(const std::string& url, const std::string& sql) {
  const std::string command = fmt::format(
      "PGOPTIONS='--client-min-messages=warning' psql '{}' -q -v ON_ERROR_STOP=1 -c \"{}\"", url,
      sql);
  if (std::system(command.c_str()) != 0) {
    std::cerr << "psql failed: " << sql << "\n";
    std::exit(1);
  }
}

std::string DatabaseUrl(const std::string& server, const std::string& name) {
  return server.substr(0, server.rfind('/') + 1) + name;
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/postgres.json";
  const char* server_env = std::getenv("ANTQ_TEST_POSTGRES");
  if (!server_env) {
    std::cerr << "antq_postgres_bench: run it under scripts/with_postgres.sh (make bench "
                 "NAME=postgres)\n";
    return 2;
  }
  const std::string server = server_env;
  const fs::path cache = out_json.parent_path();
  fs::create_directories(cache);
  const fs::path antq = fs::path(argv[0]).parent_path() / "antq";

  Nation n = MakeNation(ProvincesFor(size));
  const size_t values = CountValues(n);
  const fs::path store_path = cache / fmt::format("analytics-{}.antq.db", size);
  {
    auto store = AntqStore(n, store_path, values);
    // A store built by an older ANTQ is brought to the current schema first.
    auto tx = store->Begin();
    (void)store->Migrate();
    (void)(*tx)->Commit();
  }
  std::cout << fmt::format("{} values of {} communes, {} elements\n", values, n.communes,
                           kElements);

  // ANTQ: the whole store into an empty PostgreSQL database.
  Psql(server, "CREATE DATABASE antq_bench");
  const std::string antq_url = DatabaseUrl(server, "antq_bench");
  const Run load = RunChild(
      {antq.string(), "migrate", "--from", "sqlite:" + store_path.string(), "--to", antq_url},
      cache / "postgres-migrate.out");
  if (load.exit_code != 0) {
    std::cerr << "antq migrate failed; see " << (cache / "postgres-migrate.out").string() << "\n";
    return 1;
  }

  // psql \copy: the same data_values rows, as CSV, into a table of the same shape and key.
  const fs::path csv = cache / fmt::format("postgres-{}.csv", size);
  const std::string dump = fmt::format(
      "sqlite3 -csv '{}' 'SELECT unit_id, element, option, period, data_set, number, text, "
      "stored_by, updated_at, comment FROM data_values' > '{}'",
      store_path.string(), csv.string());
  if (std::system(dump.c_str()) != 0) return 1;
  Psql(server, "CREATE DATABASE antq_bench_psql");
  const std::string psql_url = DatabaseUrl(server, "antq_bench_psql");
  Psql(psql_url,
       "CREATE TABLE data_values (unit_id BIGINT NOT NULL, element TEXT COLLATE \\\"C\\\" NOT "
       "NULL, option TEXT COLLATE \\\"C\\\" NOT NULL, period TEXT COLLATE \\\"C\\\" NOT NULL, "
       "data_set TEXT COLLATE \\\"C\\\" NOT NULL, number DOUBLE PRECISION, text TEXT, stored_by "
       "TEXT NOT NULL, updated_at TEXT NOT NULL, comment TEXT NOT NULL, PRIMARY KEY (unit_id, "
       "element, option, period))");
  const Run copy =
      RunChild({"psql", psql_url, "-q", "-v", "ON_ERROR_STOP=1", "-c",
                fmt::format("\\copy data_values FROM '{}' WITH (FORMAT csv)", csv.string())},
               cache / "postgres-psql.out");
  fs::remove(csv);
  if (copy.exit_code != 0) {
    std::cerr << "psql \\copy failed; see " << (cache / "postgres-psql.out").string() << "\n";
    return 1;
  }

  // The database's size on disk, for the operations guide's sizing.
  const std::string size_query =
      fmt::format("psql '{}' -At -c \"SELECT pg_database_size('antq_bench')\" > '{}'", antq_url,
                  (cache / "postgres-size.out").string());
  int64_t db_bytes = 0;
  if (std::system(size_query.c_str()) == 0) {
    std::ifstream(cache / "postgres-size.out") >> db_bytes;
  }

  // The engine's cold start from PostgreSQL, in a child of its own so that its peak memory is
  // its own.
  ReleaseFreedMemory();
  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = ::fork();
  if (pid == 0) {
    auto ws = Workspace::Open(antq_url, OpenMode::kMustExist);
    if (!ws) ::_exit(1);
    auto engine = EnsureAnalytics(*ws);
    ::_exit(engine ? 0 : 1);
  }
  int status = 0;
  struct rusage usage = {};
  ::wait4(pid, &status, 0, &usage);
  const double cold_start =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const long rss = usage.ru_maxrss * 1024L;
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    std::cerr << "the engine did not load from PostgreSQL\n";
    return 1;
  }

  std::cout << fmt::format("{:<44}{:>10}{:>12}\n", "", "seconds", "values/s");
  std::cout << fmt::format("{:<44}{:>10.2f}{:>12.0f}\n", "ANTQ load (antq migrate: COPY + check)",
                           load.seconds, values / load.seconds);
  std::cout << fmt::format("{:<44}{:>10.2f}{:>12.0f}\n", "psql \\copy of data_values", copy.seconds,
                           values / copy.seconds);
  std::cout << fmt::format("ANTQ load / psql \\copy: {:.2f} (aim: 1.5 or less)\n",
                           load.seconds / copy.seconds);
  std::cout << fmt::format(
      "engine cold start from PostgreSQL: {:.2f} s, peak memory {} MB (aim: "
      "under 15 s)\n",
      cold_start, rss / (1024 * 1024));
  nlohmann::json out;
  out["benchmark"] = "postgres";
  out["size"] = size;
  out["values"] = values;
  out["systems"]["antq"] = {{"load_s", load.seconds},
                            {"cold_start_s", cold_start},
                            {"rss_bytes", rss},
                            {"db_bytes", db_bytes}};
  out["systems"]["psql"] = {{"load_s", copy.seconds}};
  std::ofstream(out_json) << out.dump(2) << "\n";
  return 0;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
