// antq backup on a database that is being written to, on SQLite and (under
// scripts/with_postgres.sh) on PostgreSQL: the backup, restored into a new database, holds every
// write acknowledged before the backup began, and its chain verifies.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <thread>

#include "integration/run_antq.h"

namespace {

namespace fs = std::filesystem;
using antq::testing::RunAntq;
using antq::testing::RunCommand;

// The acknowledged writes so far: period → value, from the writer's log.
std::map<std::string, std::string> Acknowledged(const fs::path& log) {
  std::map<std::string, std::string> out;
  std::ifstream in(log);
  std::string period, value;
  while (in >> period >> value) out[period] = value;
  return out;
}

TEST(BackupTest, ABackupTakenWhileWritingHoldsEveryWriteAcknowledgedBeforeIt) {
  const fs::path dir = fs::temp_directory_path() / ("antq-backup-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db = antq::testing::SuiteDatabase("antq.db", "antq_backup_source");
  const std::string restored = antq::testing::SuiteDatabase("restored.db", "antq_backup_restored");
  auto init = RunAntq(dir, "init", db);
  ASSERT_EQ(init.exit_code, 0) << init.err;
  // The sample, so that the backup takes long enough for the writer to go on during it.
  auto sample = RunAntq(dir, "sample load", db);
  ASSERT_EQ(sample.exit_code, 0) << sample.err;

  // The writer sets a figure for month after month, one antq process per write, and logs each
  // write the process acknowledged (exit 0), until told to stop.
  {
    std::ofstream script(dir / "writer.sh");
    script << "i=0\n"
           << "while [ ! -f stop ]; do\n"
           << "  i=$((i+1)); y=$((2023 + (i-1)/12)); m=$(( (i-1)%12 + 1 ))\n"
           << "  p=$(printf '%d%02d' $y $m)\n"
           << "  if '" << ANTQ_BINARY << "' --db " << antq::testing::DatabaseArgument(db)
           << " values set --unit 23317 --data-set commune-monthly --period $p "
              "tips.received=$i >/dev/null 2>>writer.err; then echo \"$p $i\" >> acks; fi\n"
           << "done\n";
  }
  std::thread writer([&] { RunCommand(dir, "bash writer.sh"); });
  // Some writes are acknowledged before the backup starts, and the writer goes on during it.
  for (int i = 0; i < 600 && Acknowledged(dir / "acks").size() < 5; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const auto before = Acknowledged(dir / "acks");
  auto backup = RunAntq(dir, "backup --out backup.db", db);
  const auto after = Acknowledged(dir / "acks");
  std::ofstream(dir / "stop").put('\n');
  writer.join();
  ASSERT_EQ(backup.exit_code, 0) << backup.err;
  ASSERT_GE(before.size(), 5u) << antq::testing::Slurp(dir / "writer.err");
  EXPECT_GT(after.size(), before.size()) << "the writer kept writing while the backup ran";

  auto restore = RunAntq(dir, "restore backup.db", restored);
  ASSERT_EQ(restore.exit_code, 0) << restore.err;
  EXPECT_NE(restore.out.find("audit chain intact"), std::string::npos) << restore.out;
  auto verify = RunAntq(dir, "audit verify", restored);
  EXPECT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  auto exported =
      RunAntq(dir, "export --under 23317 --period 2023..2040 --out restored.json", restored);
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  // The export writes one value per line: the restored tips.received by period.
  std::map<std::string, std::string> stored;
  std::ifstream in(dir / "restored.json");
  for (std::string line; std::getline(in, line);) {
    if (line.find("\"dataElement\":\"tips.received\"") == std::string::npos) continue;
    auto field = [&](const std::string& name) {
      const size_t at = line.find("\"" + name + "\":\"");
      if (at == std::string::npos) return std::string();
      const size_t start = at + name.size() + 4;
      return line.substr(start, line.find('"', start) - start);
    };
    stored[field("period")] = field("value");
  }
  for (const auto& [period, value] : before) {
    EXPECT_EQ(stored[period], value) << "the write of " << value << " for " << period
                                     << " was acknowledged before the backup began";
  }
  fs::remove_all(dir);
}

}  // namespace
