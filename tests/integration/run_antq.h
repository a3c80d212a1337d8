#pragma once

// Runs the real antq binary in a folder, the way a user would, and captures what it prints.
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace antq::testing {

struct RunResult {
  int exit_code;
  std::string out;
  std::string err;
};

inline std::string Slurp(const std::filesystem::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// Runs a shell command in `dir` and captures what it prints.
inline RunResult RunCommand(const std::filesystem::path& dir, const std::string& command) {
  const std::filesystem::path out = dir / "out.txt";
  const std::filesystem::path err = dir / "err.txt";
  const std::string cmd = "cd '" + dir.string() + "' && " + command + " >'" + out.string() +
                          "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

// The --db argument for `db`: a URL as it is, a file name as sqlite:FILE.
inline std::string DatabaseArgument(const std::string& db) {
  return db.find("://") != std::string::npos ? "'" + db + "'" : "sqlite:" + db;
}

// The PostgreSQL server the tests run against (scripts/with_postgres.sh), or "".
inline std::string TestPostgresServer() {
  const char* url = std::getenv("ANTQ_TEST_POSTGRES");
  return url ? std::string(url) : std::string();
}

// A suite's database: the file `file` in the test's folder, or, when the tests run against
// PostgreSQL, a new database `name` on that server (its URL).
inline std::string SuiteDatabase(const std::string& file, const std::string& name) {
  const std::string server = TestPostgresServer();
  if (server.empty()) return file;
  const std::string command = "PGOPTIONS='--client-min-messages=warning' psql '" + server +
                              "' -q -v ON_ERROR_STOP=1 -c 'DROP DATABASE IF " + "EXISTS \"" + name +
                              "\"' -c 'CREATE DATABASE \"" + name + "\"'";
  if (std::system(command.c_str()) != 0) return server;  // the tests then fail on a used database
  return server.substr(0, server.rfind('/') + 1) + name;
}

// Runs `antq --db DB ARGS` in `dir` through the shell (so ARGS may quote and substitute); DB is
// a SQLite file in `dir` or a database URL.
inline RunResult RunAntq(const std::filesystem::path& dir, const std::string& args,
                         const std::string& db = "antq.db") {
  const std::filesystem::path out = dir / "out.txt";
  const std::filesystem::path err = dir / "err.txt";
  const std::string cmd = "cd '" + dir.string() + "' && '" + ANTQ_BINARY + "' --db " +
                          DatabaseArgument(db) + " " + args + " >'" + out.string() + "' 2>'" +
                          err.string() + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

}  // namespace antq::testing
