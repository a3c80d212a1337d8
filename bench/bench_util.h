#pragma once

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "app/access.h"

namespace antq::bench {

// The benchmarks act as the local operator, like the command line.
inline Actor Admin(std::string user = "bench") { return Actor::LocalOperator(std::move(user)); }

// A well-spread 64-bit hash (splitmix64's finaliser): deterministic pseudo-random data.
inline uint64_t MixBits(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Wall time of `fn` in seconds: the median of `runs` runs after one warm-up run.
inline double MedianSeconds(int runs, const std::function<void()>& fn) {
  fn();
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    fn();
    t.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(t.begin(), t.end());
  return t[t.size() / 2];
}

inline double SecondsOf(const std::function<void()>& fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Resident set size of this process in bytes.
inline long ResidentBytes() {
  long pages = 0;
  long resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * sysconf(_SC_PAGESIZE);
}

// Bytes of heap in use (allocated and not freed), whatever the process's resident size: what a
// data structure holds, without memory that was freed but not yet given back to the system.
inline size_t HeapInUseBytes() {
  const struct mallinfo2 m = mallinfo2();
  return m.uordblks + m.hblkhd;
}

// Gives freed heap memory back to the system, so that the resident size means memory in use.
inline void ReleaseFreedMemory() { malloc_trim(0); }

// Writes a benchmark's figures as DESIGN.md §5 asks: {"size", "systems", "notes"}.
inline void WriteReport(const std::filesystem::path& path, const std::string& size,
                        const nlohmann::json& systems, const std::string& notes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path)
      << nlohmann::json{{"size", size}, {"systems", systems}, {"notes", notes}}.dump(2) << "\n";
}

struct Run {
  double seconds = 0;
  long peak_rss = 0;  // bytes
  int exit_code = 0;
};

// Runs `argv` as a child process: its wall time and peak resident memory (getrusage).
inline Run RunChild(const std::vector<std::string>& args, const std::filesystem::path& out_file) {
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

}  // namespace antq::bench
