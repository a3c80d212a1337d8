#pragma once

#include <malloc.h>
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

}  // namespace antq::bench
