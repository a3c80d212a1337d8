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

// Runs `antq --db sqlite:DB ARGS` in `dir` through the shell (so ARGS may quote and substitute).
inline RunResult RunAntq(const std::filesystem::path& dir, const std::string& args,
                         const std::string& db = "antq.db") {
  const std::filesystem::path out = dir / "out.txt";
  const std::filesystem::path err = dir / "err.txt";
  const std::string cmd = "cd '" + dir.string() + "' && '" + ANTQ_BINARY + "' --db sqlite:" + db +
                          " " + args + " >'" + out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(cmd.c_str());
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, Slurp(out), Slurp(err)};
}

}  // namespace antq::testing
