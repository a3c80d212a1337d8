#pragma once

// The national dataset shared by the analytics and HTTP benchmarks: the synthetic country of
// synthetic_nation.h with 40 integer elements reported monthly for ten years (about 35 million
// values for 63 provinces), and its ANTQ SQLite store, built once per size and kept.

#include <fmt/format.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>

#include "bench/bench_util.h"
#include "bench/synthetic_nation.h"
#include "domain/catalog.h"
#include "storage/sqlite/sqlite_store.h"

namespace antq::bench {

namespace fs = std::filesystem;

constexpr int kElements = 40;
constexpr int kFirstYear = 2015;
constexpr int kMonths = 120;

// The value of element `e` for commune `c` in month `m`, or -1 when missing (30 %).
inline int ValueOf(int c, int e, int m) {
  const uint64_t h = MixBits((static_cast<uint64_t>(c) << 20) ^ (static_cast<uint64_t>(e) << 8) ^
                             static_cast<uint64_t>(m));
  if (h % 10 < 3) return -1;
  return static_cast<int>((h >> 8) % 100);
}

inline std::string Element(int e) { return fmt::format("e{:02d}", e); }
inline std::string Month(int m) { return fmt::format("{}{:02d}", kFirstYear + m / 12, m % 12 + 1); }

struct Nation : SyntheticNation {
  Catalog catalog;
};

inline Nation MakeNation(int provinces) {
  Nation n;
  static_cast<SyntheticNation&>(n) = MakeSyntheticNation(provinces);
  DataSet ds;
  ds.code = "monthly";
  ds.period_type = PeriodType::kMonthly;
  ds.calendar = "gregorian";
  for (int e = 0; e < kElements; ++e) {
    DataElement el;
    el.code = Element(e);
    el.name_vi = el.name_en = el.code;
    el.value_type = ValueType::kInteger;
    (void)n.catalog.AddElement(el, "bench");
    ds.elements.push_back(el.code);
  }
  (void)n.catalog.AddDataSet(ds, "bench");
  return n;
}

// How many values the dataset holds (the cells ValueOf does not leave missing).
inline size_t CountValues(const Nation& n) {
  size_t values = 0;
  for (int c = 0; c < n.communes; ++c) {
    for (int e = 0; e < kElements; ++e) {
      for (int m = 0; m < kMonths; ++m) values += ValueOf(c, e, m) >= 0 ? 1 : 0;
    }
  }
  return values;
}

// Provinces for a benchmark size: "small" is two, "full" the 63 of before 2025.
inline int ProvincesFor(const std::string& size) { return size == "small" ? 2 : 63; }

// The ANTQ store of the dataset, built once per size and kept in build/bench (building it takes
// minutes; the benchmark measures loading it).
inline std::unique_ptr<sqlite::SqliteStore> AntqStore(const Nation& n, const fs::path& path,
                                                      size_t values) {
  if (fs::exists(path)) {
    auto store = sqlite::SqliteStore::Open(path.string(), OpenMode::kMustExist);
    if (store && (*store)->Summary() &&
        (*store)->Summary()->data_values == static_cast<int64_t>(values)) {
      // A store kept from before the commit counter gets it (a no-op otherwise).
      (void)(*store)->Migrate();
      return std::move(*store);
    }
    fs::remove(path);
  }
  std::cout << "building the ANTQ store " << path.string() << " (once)…" << std::endl;
  auto store = sqlite::SqliteStore::Open(path.string(), OpenMode::kCreateIfMissing);
  auto tx = (*store)->Begin();
  (void)(*store)->Migrate();
  (void)(*store)->SaveUnitChanges(n.changes);
  (void)(*store)->SaveCatalog(1, n.catalog);
  DataValue v;
  v.data_set = "monthly";
  v.stored_by = "bench";
  v.updated_at = "2026-01-01T00:00:00Z";
  for (int c = 0; c < n.communes; ++c) {
    v.unit_id = n.units.Find(fmt::format("C{}", c), *Date::Parse("2020-01-01"))->unit_id;
    for (int e = 0; e < kElements; ++e) {
      v.element = Element(e);
      for (int m = 0; m < kMonths; ++m) {
        const int x = ValueOf(c, e, m);
        if (x < 0) continue;
        v.period = Month(m);
        v.value.number = x;
        if (auto s = (*store)->PutValue(v); !s) {
          std::cerr << s.error().ToString() << "\n";
          std::exit(1);
        }
      }
    }
  }
  (void)(*tx)->Commit();
  return std::move(*store);
}

}  // namespace antq::bench
