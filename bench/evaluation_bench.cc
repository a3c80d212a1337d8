// Evaluation benchmark (issue 5): the commune criteria of Thông tư 124 Art. 5 (atantt-commune,
// from the shipped catalogue) for a synthetic country of about 10,600 communes and one
// assessment year. ANTQ evaluates through the use case the CLI and server call (verdicts with
// reasons and evidence, from its analytics engine); the peer is one SQL query on plain SQLite
// computing the same verdicts. The numbers of communes that meet the standard are
// cross-checked. Prints a table and writes build/bench/evaluation.json.
// Usage: antq_evaluation_bench [small|full] [OUT.json]
#include <fmt/format.h>

#include <filesystem>
#include <functional>
#include <iostream>
#include <optional>

#include "app/analytics_use_cases.h"
#include "app/catalog_use_cases.h"
#include "app/evaluation_use_cases.h"
#include "app/workspace.h"
#include "bench/bench_util.h"
#include "bench/synthetic_nation.h"
#include "storage/sqlite/sqlite_db.h"
#include "storage/sqlite/sqlite_store.h"

namespace antq::bench {
namespace {

namespace fs = std::filesystem;

constexpr int kYear = 2022;
const char* const kEntityTypes[] = {"khu_dan_cu", "co_quan", "doanh_nghiep", "co_so_giao_duc"};

// One commune's report for the year, as numbers (and its resolution's reference).
struct CommuneReport {
  std::optional<int> resolution, plan, models, art4, disciplined;
  int total[4] = {}, registered[4] = {}, recognised[4] = {};
};

// Deterministic figures: most communes meet the standard, each clause fails for some, and a
// few never reported their working models (a missing value fails the clause).
CommuneReport ReportOf(int commune) {
  auto h = [&](int salt) { return MixBits((static_cast<uint64_t>(commune) << 8) + salt); };
  CommuneReport r;
  r.resolution = h(1) % 20 == 0 ? 0 : 1;
  r.plan = h(2) % 25 == 0 ? 0 : 1;
  if (h(3) % 50 != 0) r.models = static_cast<int>(h(4) % 12);
  r.art4 = h(5) % 16 == 0 ? 0 : 1;
  r.disciplined = h(6) % 30 == 0 ? 1 : 0;
  const int spans[4] = {20, 4, 10, 4};
  const int floors[4] = {5, 1, 0, 1};
  for (int t = 0; t < 4; ++t) {
    r.total[t] = floors[t] + static_cast<int>(h(10 + t) % spans[t]);
    r.registered[t] = r.total[t] - (t == 0 && h(20) % 12 == 0 ? 1 : 0);
    const int share = 66 + static_cast<int>(h(30 + t) % 35);  // 66..100 % recognised
    r.recognised[t] = r.registered[t] * share / 100;
  }
  return r;
}

// Calls `put(element, option, value)` for each figure of a report (a missing one too).
void ForEachFigure(const CommuneReport& r,
                   const std::function<void(const char*, const char*, std::optional<int>)>& put) {
  put("atantt.q1_resolution", "", r.resolution);
  put("atantt.q1_plan", "", r.plan);
  put("atantt.models_working", "", r.models);
  put("atantt.art4_clauses_met", "", r.art4);
  put("atantt.disciplined_officers", "", r.disciplined);
  for (int t = 0; t < 4; ++t) {
    put("atantt.total", kEntityTypes[t], r.total[t]);
    put("atantt.registered", kEntityTypes[t], r.registered[t]);
    put("atantt.recognised", kEntityTypes[t], r.recognised[t]);
  }
}

// Stops the benchmark on the first failure (a Status or a Result), printing the error.
template <typename R>
void Check(const R& result) {
  if (!result) {
    std::cerr << result.error().ToString() << "\n";
    std::exit(1);
  }
}

// The ANTQ store: the synthetic units, the shipped catalogue and each commune's report.
void BuildAntqStore(const SyntheticNation& n, const Catalog& catalog, const fs::path& path) {
  auto store = sqlite::SqliteStore::Open(path.string(), OpenMode::kCreateIfMissing);
  Check(store);
  auto tx = (*store)->Begin();
  Check((*store)->Migrate());
  Check((*store)->SaveUnitChanges(n.changes));
  Check((*store)->SaveCatalog(1, catalog));
  DataValue v;
  v.data_set = "atantt-commune";
  v.period = std::to_string(kYear);
  v.stored_by = "bench";
  v.updated_at = "2026-01-01T00:00:00Z";
  auto put = [&](const char* element, const char* option, std::optional<int> x) {
    if (!x) return;
    v.element = element;
    v.option = option;
    v.value = TypedValue();
    v.value.number = *x;
    Check((*store)->PutValue(v));
  };
  const Date day = *Date::FromYmd(kYear, 6, 30);
  for (int c = 0; c < n.communes; ++c) {
    v.unit_id = n.units.Find(fmt::format("C{}", c), day)->unit_id;
    ForEachFigure(ReportOf(c), put);
    v.element = "atantt.resolution_ref";
    v.option = "";
    v.value = TypedValue();
    v.value.text = fmt::format("{}/NQ-ĐU", c);
    Check((*store)->PutValue(v));
  }
  Check((*tx)->Commit());
}

// The peer: the same figures in one plain table, and one query that computes every commune's
// verdict (the seven clauses of atantt-commune, a missing figure failing its clause).
size_t PeerMetCount(const SyntheticNation& n, sqlite::Database& db, double& seconds) {
  (void)db.Exec(
      "CREATE TABLE v(commune INTEGER, element TEXT, option TEXT, period TEXT, value REAL);"
      "CREATE TABLE c(commune INTEGER PRIMARY KEY);"
      "BEGIN");
  auto cs = db.Prepare("INSERT INTO c VALUES (?)");
  auto vs = db.Prepare("INSERT INTO v VALUES (?,?,?,?,?)");
  const std::string period = std::to_string(kYear);
  for (int c = 0; c < n.communes; ++c) {
    (void)cs->Bind(1, int64_t{c}).Run();
    auto put = [&](const char* element, const char* option, std::optional<int> x) {
      if (!x) return;
      (void)vs->Bind(1, int64_t{c})
          .Bind(2, std::string(element))
          .Bind(3, std::string(option))
          .Bind(4, period)
          .Bind(5, double(*x))
          .Run();
    };
    ForEachFigure(ReportOf(c), put);
  }
  (void)db.Exec("COMMIT; CREATE INDEX v_period ON v(period, commune)");
  const std::string sql = fmt::format(
      "WITH f AS (SELECT commune,"
      " max(CASE WHEN element = 'atantt.q1_resolution' THEN value END) AS res,"
      " max(CASE WHEN element = 'atantt.q1_plan' THEN value END) AS plan,"
      " max(CASE WHEN element = 'atantt.models_working' THEN value END) AS models,"
      " max(CASE WHEN element = 'atantt.art4_clauses_met' THEN value END) AS art4,"
      " max(CASE WHEN element = 'atantt.disciplined_officers' THEN value END) AS disc,"
      " sum(CASE WHEN element = 'atantt.registered' THEN value END) AS reg,"
      " sum(CASE WHEN element = 'atantt.recognised' THEN value END) AS rec,"
      " sum(CASE WHEN element = 'atantt.total' THEN value END) AS tot"
      " FROM v WHERE period = '{}' GROUP BY commune)"
      " SELECT c.commune, coalesce(res = 1 AND plan = 1 AND models >= 1 AND art4 = 1 AND"
      " disc = 0 AND reg / tot * 100 >= 100 AND rec / tot * 100 >= 70, 0)"
      " FROM c LEFT JOIN f USING (commune)",
      period);
  size_t met = 0;
  seconds = MedianSeconds(3, [&] {
    met = 0;
    auto st = db.Prepare(sql);
    while (true) {
      auto row = st->Step();
      if (!row || !*row) break;
      met += st->Int(1) != 0 ? 1 : 0;
    }
  });
  return met;
}

int Main(int argc, char** argv) {
  const std::string size = argc > 1 ? argv[1] : "full";
  const fs::path out_json = argc > 2 ? argv[2] : "build/bench/evaluation.json";
  const SyntheticNation n = MakeSyntheticNation(size == "small" ? 4 : 63);
  auto data_dir = FindDataDir("");
  Check(data_dir);
  auto catalog = ReadCatalogFolder(*data_dir / "catalog");
  Check(catalog);

  const fs::path dir = fs::temp_directory_path() / fmt::format("antq-eval-bench-{}", ::getpid());
  fs::remove_all(dir);
  fs::create_directories(dir);
  BuildAntqStore(n, *catalog, dir / "antq.db");
  auto ws = Workspace::Open("sqlite:" + (dir / "antq.db").string(), OpenMode::kMustExist);
  Check(ws);
  const double load_s = SecondsOf([&] {
    auto engine = EnsureAnalytics(*ws);
    Check(engine);
  });

  size_t antq_met = 0;
  size_t antq_total = 0;
  size_t reasons = 0;
  const EvaluateRequest request{"atantt-commune", "VN", std::to_string(kYear)};
  const double antq_s = MedianSeconds(3, [&] {
    auto ev = EvaluateCriteriaSet(*ws, Admin(), request);
    Check(ev);
    antq_met = ev->met_count();
    antq_total = ev->units.size();
    reasons = 0;
    for (const rules::UnitVerdict& u : ev->units) {
      for (const rules::CriterionOutcome& o : u.outcomes) reasons += o.reason_vi.empty() ? 0 : 1;
    }
  });

  auto db = sqlite::Database::Open((dir / "peer.db").string(), true);
  double peer_s = 0;
  const size_t peer_met = PeerMetCount(n, *db, peer_s);

  const bool agree = antq_met == peer_met && antq_total == static_cast<size_t>(n.communes);
  std::cout << fmt::format("evaluation bench ({})\n", size);
  std::cout << fmt::format(
      "  atantt-commune {}: {}/{} communes meet the standard ({} failure reasons)\n", kYear,
      antq_met, antq_total, reasons);
  std::cout << fmt::format("  ANTQ engine load from its store: {:.2f} s (once, at start-up)\n",
                           load_s);
  std::cout << fmt::format(
      "  ANTQ evaluation with reasons: {:.3f} s, {:.1f} µs per commune\n"
      "  SQLite query (verdicts only): {:.3f} s, {:.1f} µs per commune\n"
      "  ANTQ / SQLite = {:.2f}x; answers {}\n",
      antq_s, antq_s * 1e6 / n.communes, peer_s, peer_s * 1e6 / n.communes, antq_s / peer_s,
      agree ? "agree" : fmt::format("DIFFER (SQLite: {} met)", peer_met));
  WriteReport(out_json, size,
              {{"antq", {{"evaluate", antq_s}, {"engine_load", load_s}, {"met", antq_met}}},
               {"sqlite", {{"evaluate", peer_s}, {"met", peer_met}}}},
              fmt::format("{} communes, one assessment year; ratio antq/sqlite {:.2f}", n.communes,
                          antq_s / peer_s));
  fs::remove_all(dir);
  return agree ? 0 : 1;
}

}  // namespace
}  // namespace antq::bench

int main(int argc, char** argv) { return antq::bench::Main(argc, argv); }
