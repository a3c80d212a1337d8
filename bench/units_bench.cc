// Units benchmark: a synthetic national hierarchy before and after the 2025 reorganisation,
// loaded into ANTQ and into plain SQLite, then the two questions users ask most: the units under
// a province on a date, and an accent-insensitive name search. Prints a table and writes
// build/bench/units.json. Usage: antq_units_bench [small|full] [OUT.json]
#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "app/units_use_cases.h"
#include "bench/bench_util.h"
#include "common/text.h"
#include "storage/sqlite/sqlite_store.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

const char* kSyllables[] = {
    "Đắk",   "Hà",   "Ngọc", "Kon",   "Tum",   "Plông", "Rẫy",    "Sa",   "Thầy", "Ia",   "Chim",
    "Bờ",    "Y",    "Xốp",  "Mường", "Hoong", "Tân",   "Phú",    "Bình", "Hòa",  "An",   "Lộc",
    "Thạnh", "Đông", "Tây",  "Nam",   "Bắc",   "Quảng", "Trường", "Sơn",  "Lâm",  "Thủy", "Vĩnh",
    "Long",  "Cẩm",  "Mỹ",   "Lợi",   "Ea",    "Krông", "Bông",   "Măng", "Đen",  "Tơ",   "Kan"};

struct Sizes {
  int provinces;
  int districts_per_province;
  int residential_per_commune;
  int new_provinces;
};

std::string Name(std::mt19937& rng) {
  const int n = 2 + static_cast<int>(rng() % 2);
  std::string s;
  for (int i = 0; i < n; ++i) {
    if (i) s += ' ';
    s += kSyllables[rng() % std::size(kSyllables)];
  }
  return s;
}

// The national tree: 2019 versions, the 2025 successors, and the lineage between them.
UnitDeclarations MakeNation(const Sizes& size, size_t& communes_before, size_t& communes_after) {
  std::mt19937 rng(2025);
  UnitDeclarations d;
  const Date end = *Date::Parse("2025-06-30");
  const Date start = *Date::Parse("2025-07-01");
  auto unit = [&](std::string code, UnitLevel level, std::string type, std::string name,
                  std::string parent, Date from, Date to) {
    d.units.push_back({"bench",
                       std::move(code),
                       level,
                       std::move(type),
                       std::move(name),
                       std::move(parent),
                       {from, to}});
  };
  unit("VN", UnitLevel::kCountry, "", "Việt Nam", "", Date::Min(), Date::Max());
  for (int np = 0; np < size.new_provinces; ++np) {
    unit(fmt::format("N{}", np), UnitLevel::kProvince, "Tỉnh", Name(rng), "VN", start, Date::Max());
  }
  int commune_seq = 0;
  int new_commune_seq = 0;
  std::map<int, std::vector<std::string>> old_provinces_of_new;
  for (int p = 0; p < size.provinces; ++p) {
    const std::string pcode = fmt::format("P{}", p);
    const int np = p * size.new_provinces / size.provinces;
    old_provinces_of_new[np].push_back(pcode);
    unit(pcode, UnitLevel::kProvince, "Tỉnh", Name(rng), "VN", Date::Min(), end);
    std::vector<std::string> pending;  // old communes of this province waiting for a new unit
    size_t group_size = 3;
    auto flush = [&](bool split) {
      if (pending.empty()) return;
      if (split && pending.size() == 1) {
        // One old commune divided between two new ones, 40/60.
        const std::string a = fmt::format("X{}", new_commune_seq++);
        const std::string b = fmt::format("X{}", new_commune_seq++);
        unit(a, UnitLevel::kCommune, "Xã", Name(rng), fmt::format("N{}", np), start, Date::Max());
        unit(b, UnitLevel::kCommune, "Phường", Name(rng), fmt::format("N{}", np), start,
             Date::Max());
        d.lineage.push_back(
            {"bench", start, LineageKind::kSplit, pending, {{a, 0.4}, {b, 0.6}}, ""});
      } else {
        const std::string code = fmt::format("X{}", new_commune_seq++);
        unit(code, UnitLevel::kCommune, "Xã", Name(rng), fmt::format("N{}", np), start,
             Date::Max());
        d.lineage.push_back({"bench", start, LineageKind::kMerge, pending, {{code, 1.0}}, ""});
      }
      pending.clear();
    };
    for (int k = 0; k < size.districts_per_province; ++k) {
      const std::string dcode = fmt::format("D{}_{}", p, k);
      unit(dcode, UnitLevel::kDistrict, "Huyện", Name(rng), pcode, Date::Min(), end);
      const int communes = 15 + (k % 2);
      for (int c = 0; c < communes; ++c) {
        const std::string ccode = fmt::format("C{}", commune_seq++);
        unit(ccode, UnitLevel::kCommune, c % 7 == 0 ? "Phường" : "Xã", Name(rng), dcode,
             Date::Min(), end);
        for (int r = 0; r < size.residential_per_commune; ++r) {
          unit(fmt::format("{}_{}", ccode, r), UnitLevel::kResidential, "Thôn", Name(rng), ccode,
               Date::Min(), end);
        }
        pending.push_back(ccode);
        if (pending.size() == 1 && rng() % 40 == 0) {
          flush(true);
        } else if (pending.size() >= group_size) {
          flush(false);
          group_size = 3 + rng() % 2;
        }
      }
    }
    flush(false);
  }
  // Residential areas move to the new commune their commune went to (most of it, for splits).
  std::map<std::string, std::string> new_parent;
  for (const LineageDeclaration& l : d.lineage) {
    for (const std::string& from : l.from_codes) new_parent[from] = l.to.back().code;
  }
  const size_t old_units = d.units.size();
  for (size_t i = 0; i < old_units; ++i) {
    const UnitDeclaration u = d.units[i];  // a copy: push_back below reallocates
    if (u.level != UnitLevel::kResidential) continue;
    const std::string commune = u.parent_code;
    d.units.push_back({"bench", u.code, UnitLevel::kResidential, u.type, u.name,
                       new_parent.at(commune), start, Date::Max()});
    d.lineage.push_back({"bench", start, LineageKind::kMove, {u.code}, {{u.code, 1.0}}, ""});
  }
  for (const auto& [np, olds] : old_provinces_of_new) {
    d.lineage.push_back(
        {"bench", start, LineageKind::kMerge, olds, {{fmt::format("N{}", np), 1.0}}, ""});
  }
  communes_before = static_cast<size_t>(commune_seq);
  communes_after = static_cast<size_t>(new_commune_seq);
  return d;
}

int Main(int argc, char** argv) {
  const std::string size_name = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/units.json";
  const Sizes size = size_name == "small" ? Sizes{10, 11, 8, 6} : Sizes{63, 11, 8, 34};
  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-units-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  const std::string db_path = (dir / "units.db").string();

  size_t communes_before = 0;
  size_t communes_after = 0;
  const UnitDeclarations nation = MakeNation(size, communes_before, communes_after);
  std::cout << fmt::format(
      "units bench ({}): {} provinces, {} districts, {} communes with {} residential areas each; "
      "2025: {} provinces, {} communes; {} unit versions, {} lineage events\n",
      size_name, size.provinces, size.provinces * size.districts_per_province, communes_before,
      size.residential_per_commune, size.new_provinces, communes_after, nation.units.size(),
      nation.lineage.size());

  // Validate and store, as `antq units import` does.
  UnitRegistry registry;
  Result<UnitChanges> changes = Fail(ErrorCode::kInternal, "not run");
  const double apply_s = SecondsOf([&] { changes = registry.Apply(nation); });
  if (!changes) {
    std::cerr << changes.error().ToString() << "\n";
    return 1;
  }
  auto store = sqlite::SqliteStore::Open(db_path, OpenMode::kCreateIfMissing);
  const double save_s = SecondsOf([&] {
    auto tx = (*store)->Begin();
    (void)(*store)->Migrate();
    (void)(*store)->SaveUnitChanges(*changes);
    (void)(*tx)->Commit();
  });
  registry = UnitRegistry();

  // Start-up: load the registry from the store, as every antq command does.
  const long rss_before = ResidentBytes();
  Result<Workspace> ws = Fail(ErrorCode::kInternal, "not run");
  const double load_s =
      SecondsOf([&] { ws = Workspace::Open("sqlite:" + db_path, OpenMode::kMustExist); });
  if (!ws) {
    std::cerr << ws.error().ToString() << "\n";
    return 1;
  }
  const long rss_after = ResidentBytes();

  const Date before = *Date::Parse("2022-12-31");
  const Date after = *Date::Parse("2025-07-01");
  size_t rows_before = 0;
  size_t rows_after = 0;
  size_t hits = 0;
  const double list_before_s = MedianSeconds(21, [&] {
    rows_before = ListUnits(*ws, Admin(), {"P7", before, {}})->size();
  });
  const double list_after_s = MedianSeconds(21, [&] {
    rows_after = ListUnits(*ws, Admin(), {"N3", after, {}})->size();
  });
  const double search_s =
      MedianSeconds(21, [&] { hits = SearchUnits(*ws, Admin(), "dak ha", {})->size(); });

  // The peer: the same questions to SQLite, with indexes, a recursive query and a folded-name
  // column filled with the same SearchKey.
  sqlite::Database& db = (*store)->database();
  (void)db.Exec("ALTER TABLE unit_versions ADD COLUMN search_key TEXT");
  {
    auto tx = (*store)->Begin();
    auto update = db.Prepare("UPDATE unit_versions SET search_key = ? WHERE id = ?");
    for (const UnitVersion& v : ws->units().versions()) {
      (void)update->Bind(1, SearchKey(v.FullName())).Bind(2, v.id).Run();
    }
    (void)(*tx)->Commit();
  }
  auto list_sql = [&](const char* code, Date at) {
    auto st = db.Prepare(
        "WITH RECURSIVE tree(unit_id) AS ("
        " SELECT unit_id FROM unit_versions WHERE code = ?1"
        "  AND coalesce(valid_from, '0000') <= ?2 AND coalesce(valid_to, '9999') >= ?2"
        " UNION ALL"
        " SELECT v.unit_id FROM unit_versions v JOIN tree t ON v.parent_unit_id = t.unit_id"
        "  WHERE coalesce(v.valid_from, '0000') <= ?2 AND coalesce(v.valid_to, '9999') >= ?2)"
        " SELECT v.code, v.name FROM unit_versions v JOIN tree t ON v.unit_id = t.unit_id"
        " WHERE coalesce(v.valid_from, '0000') <= ?2 AND coalesce(v.valid_to, '9999') >= ?2"
        "  AND v.code <> ?1 ORDER BY v.name COLLATE vi");
    st->Bind(1, std::string_view(code)).Bind(2, at.ToString());
    size_t n = 0;
    while (*st->Step()) ++n;
    return n;
  };
  size_t sql_before = 0;
  size_t sql_after = 0;
  size_t sql_hits = 0;
  const double sql_list_before_s = MedianSeconds(5, [&] { sql_before = list_sql("P7", before); });
  const double sql_list_after_s = MedianSeconds(5, [&] { sql_after = list_sql("N3", after); });
  const double sql_search_s = MedianSeconds(5, [&] {
    auto st =
        db.Prepare("SELECT code FROM unit_versions WHERE ' ' || search_key LIKE '% ' || ?1 || '%'");
    st->Bind(1, SearchKey("dak ha"));
    sql_hits = 0;
    while (*st->Step()) ++sql_hits;
  });
  const bool agree = sql_before == rows_before && sql_after == rows_after && sql_hits == hits;

  std::cout << fmt::format("{:<44} {:>12} {:>12} {:>9}\n", "", "antq", "sqlite", "sqlite/antq");
  auto row = [](const std::string& what, double a, double s) {
    std::cout << fmt::format("{:<44} {:>10.3f}ms {:>10.3f}ms {:>8.1f}x\n", what, a * 1e3, s * 1e3,
                             s / a);
  };
  row(fmt::format("list --under P7 --at 2022-12-31 ({} rows)", rows_before), list_before_s,
      sql_list_before_s);
  row(fmt::format("list --under N3 --at 2025-07-01 ({} rows)", rows_after), list_after_s,
      sql_list_after_s);
  row(fmt::format("search \"dak ha\" ({} hits)", hits), search_s, sql_search_s);
  std::cout << fmt::format(
      "validate + apply {:.2f}s; save to SQLite {:.2f}s; load at start-up {:.2f}s; "
      "resident memory of the registry {:.1f} MB ({:.0f} bytes per version); answers agree: {}\n",
      apply_s, save_s, load_s, (rss_after - rss_before) / 1e6,
      double(rss_after - rss_before) / double(ws->units().versions().size()), agree ? "yes" : "NO");

  WriteReport(out_json, size_name,
              {{"antq",
                {{"list_before", list_before_s},
                 {"list_after", list_after_s},
                 {"search", search_s},
                 {"load", load_s},
                 {"apply", apply_s},
                 {"memory_bytes", rss_after - rss_before}}},
               {"sqlite",
                {{"list_before", sql_list_before_s},
                 {"list_after", sql_list_after_s},
                 {"search", sql_search_s},
                 {"save", save_s}}}},
              fmt::format("{} unit versions, {} lineage events; answers agree: {}",
                          nation.units.size(), nation.lineage.size(), agree));
  fs::remove_all(dir);
  return agree ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
