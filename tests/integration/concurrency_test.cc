// Several writer processes on one SQLite database, the way several officers' CLI runs, cron jobs
// and a server share it: every write must wait its turn and succeed, and what is stored must be
// exactly what was acknowledged.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "integration/run_antq.h"

namespace {

namespace fs = std::filesystem;

using antq::testing::RunAntq;
using antq::testing::RunCommand;
using Result = antq::testing::RunResult;

constexpr int kWriters = 8;
constexpr int kWritesEach = 50;

class ConcurrencyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("antq-concurrency-" + std::to_string(::getpid()));
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    Result init = RunAntq(dir_, "init");
    ASSERT_EQ(init.exit_code, 0) << init.err;
    // Marked as holding the sample, as the database of issue 23 did: opening it then reads a row
    // (the mark), the read that once kept a snapshot open and made writers fail at once.
    Sql("INSERT INTO meta(key, value) VALUES ('sample', 'kon-tum')");
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string Sql(const std::string& query) {
    Result r = RunCommand(dir_, "sqlite3 antq.db \"" + query + "\"");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    return r.out;
  }

  fs::path dir_;
};

TEST_F(ConcurrencyTest, EightWriterProcessesAllSucceedAndStoreExactlyWhatWasAcknowledged) {
  Result communes =
      RunAntq(dir_, "units list --under 62 --at 2023-03-01 --level commune --format csv");
  ASSERT_EQ(communes.exit_code, 0) << communes.err;
  std::vector<std::string> codes;
  std::istringstream lines(communes.out);
  std::string line;
  std::getline(lines, line);  // header
  while (codes.size() < kWriters && std::getline(lines, line)) {
    codes.push_back(line.substr(0, line.find(',')));
  }
  ASSERT_EQ(codes.size(), static_cast<size_t>(kWriters));

  // Writer w sets its commune's figure to 1, 2, …, 50, one antq process per write, and notes
  // each write the process acknowledged (exit 0) and each that failed.
  {
    std::ofstream script(dir_ / "writers.sh");
    script << "antq='" << ANTQ_BINARY << "'\n"
           << "write() {\n"
           << "  for i in $(seq 1 " << kWritesEach << "); do\n"
           << "    if \"$antq\" --db sqlite:antq.db --user writer$1 values set --unit $2 "
              "--data-set commune-monthly --period 202303 tips.received=$i >/dev/null "
              "2>>errors.$1; then echo $i >> acks.$1; else echo $i >> failures; fi\n"
           << "  done\n"
           << "}\n";
    for (int w = 0; w < kWriters; ++w) script << "write " << w << " " << codes[w] << " &\n";
    script << "wait\n";
  }
  Result run = RunCommand(dir_, "bash writers.sh");
  ASSERT_EQ(run.exit_code, 0) << run.err;

  EXPECT_FALSE(fs::exists(dir_ / "failures")) << antq::testing::Slurp(dir_ / "failures");
  for (int w = 0; w < kWriters; ++w) {
    const std::string errors = antq::testing::Slurp(dir_ / ("errors." + std::to_string(w)));
    EXPECT_EQ(errors, "") << "writer " << w;
    const std::string acks = antq::testing::Slurp(dir_ / ("acks." + std::to_string(w)));
    ASSERT_EQ(std::count(acks.begin(), acks.end(), '\n'), kWritesEach) << "writer " << w;
    // The stored figure is the last one the writer was told was saved.
    EXPECT_EQ(Sql("SELECT v.number FROM data_values v JOIN unit_versions u ON u.unit_id = "
                  "v.unit_id WHERE u.code = '" +
                  codes[w] +
                  "' AND u.valid_to IS NOT NULL AND v.element = 'tips.received' AND "
                  "v.period = '202303'"),
              std::to_string(kWritesEach) + ".0\n")
        << "writer " << w;
    // One audit row per acknowledged write, and no other.
    EXPECT_EQ(Sql("SELECT count(*) FROM audit_log WHERE action = 'value.set' AND user_name = "
                  "'writer" +
                  std::to_string(w) + "'"),
              std::to_string(kWritesEach) + "\n");
  }
  EXPECT_EQ(Sql("SELECT count(*) FROM audit_log WHERE action LIKE 'value.%'"),
            std::to_string(kWriters * kWritesEach) + "\n");
  EXPECT_EQ(Sql("PRAGMA integrity_check"), "ok\n");
  Result check = RunAntq(dir_, "check");
  EXPECT_EQ(check.exit_code, 0) << check.out << check.err;
}

}  // namespace
