// The engine snapshot (app/engine_loader.h, analytics/engine_snapshot.h): a start-up from it
// answers exactly as one from the database, and a snapshot that is stale, of another database,
// truncated or corrupt is never used. On SQLite, or on PostgreSQL with ANTQ_TEST_POSTGRES.
#include "analytics/engine_snapshot.h"

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

#include "app/analytics_use_cases.h"
#include "app/engine_loader.h"
#include "app/events_use_cases.h"
#include "app/service.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

namespace fs = std::filesystem;

const Date kToday = *Date::Parse("2026-11-27");

// The questions both engines are asked: values by commune and month, the same by district over
// the year, an event measure, and a value a float cannot hold exactly.
const std::vector<QueryRequest> kQueries = {
    {{"tips.received", "security.cases_received"},
     "62",
     {"commune", "month"},
     "202201..202212",
     "gregorian",
     ""},
    {{"tips.received", "security.cases_received"}, "62", {"district"}, "2022", "gregorian", ""},
    {{"propaganda.participants"}, "62", {"commune", "quarter"}, "2022", "gregorian", ""},
};

class EngineSnapshotTest : public ::testing::Test {
 protected:
  std::string NewDatabase(const std::string& name) {
    const std::string db = antq::testing::TestDatabaseUrl(temp_.path(), name);
    auto init = InitDatabase(db, ANTQ_SOURCE_DATA_DIR);
    EXPECT_TRUE(init) << init.error().ToString();
    return db;
  }
  // A workspace of `db` whose snapshot is `snapshot` (on PostgreSQL there is none by default).
  Workspace Open(const std::string& db, const fs::path& snapshot) {
    auto ws = Workspace::Open(db, OpenMode::kMustExist);
    EXPECT_TRUE(ws) << ws.error().ToString();
    ws->set_engine_snapshot_path(snapshot);
    return std::move(*ws);
  }
  static void Set(Workspace& ws, const std::string& unit, const std::string& period,
                  const std::string& element, const std::string& value) {
    auto r = SetValues(ws, Admin(), {unit, "commune-monthly", period}, {{element, "", value, ""}},
                       kToday);
    ASSERT_TRUE(r) << r.error().ToString();
  }
  // Figures in several communes and months, a value a float cannot hold, and events.
  static void Fill(Workspace& ws, int seed) {
    const std::vector<std::string> communes = {"23317", "23332", "23281", "23284"};
    for (size_t c = 0; c < communes.size(); ++c) {
      for (int m = 1; m <= 12; m += 1 + static_cast<int>(c)) {
        const std::string period = fmt::format("2022{:02d}", m);
        Set(ws, communes[c], period, "tips.received", std::to_string(seed + m * 3 + int(c)));
        if (m % 2 == 0)
          Set(ws, communes[c], period, "security.cases_received", std::to_string(m + seed));
      }
    }
    Set(ws, "23317", "202207", "tips.received", "16777217");  // 2^24 + 1: not a float
    for (int i = 0; i < 3; ++i) {
      auto e = AddEvent(ws, Admin(),
                        {"propaganda",
                         communes[static_cast<size_t>(i)],
                         fmt::format("2022-0{}-05", i + 2),
                         {{"participants", std::to_string(40 + i + seed)}}},
                        kToday);
      ASSERT_TRUE(e) << e.error().ToString();
    }
  }
  static std::vector<analytics::QueryResult> Answers(Workspace& ws) {
    std::vector<analytics::QueryResult> out;
    for (const QueryRequest& q : kQueries) {
      auto r = RunQuery(ws, Admin(), q);
      EXPECT_TRUE(r) << r.error().ToString();
      out.push_back(r ? std::move(*r) : analytics::QueryResult());
    }
    return out;
  }
  static void ExpectSameAnswers(const std::vector<analytics::QueryResult>& a,
                                const std::vector<analytics::QueryResult>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (size_t i = 0; i < a.size(); ++i) {
      ASSERT_EQ(a[i].rows.size(), b[i].rows.size()) << "query " << i;
      EXPECT_FALSE(a[i].rows.empty()) << "query " << i;
      for (size_t r = 0; r < a[i].rows.size(); ++r) {
        EXPECT_EQ(a[i].rows[r].unit_code, b[i].rows[r].unit_code);
        EXPECT_EQ(a[i].rows[r].period, b[i].rows[r].period);
        EXPECT_EQ(a[i].rows[r].values, b[i].rows[r].values) << "query " << i << " row " << r;
      }
    }
  }
  // Loads the engine as EnsureAnalytics does; whether it came from the snapshot.
  static bool LoadsFromSnapshot(Workspace& ws) {
    auto loaded = LoadEngine(ws);
    EXPECT_TRUE(loaded) << loaded.error().ToString();
    if (!loaded) return false;
    const bool from = loaded->from_snapshot;
    ws.set_analytics(std::move(loaded->engine));
    return from;
  }

  antq::testing::TempDir temp_{"antq-snapshot"};
  const fs::path snapshot_ = temp_ / "engine.snapshot";
};

TEST_F(EngineSnapshotTest, StartingFromTheSnapshotAnswersExactlyAsFromTheDatabase) {
  const std::string db = NewDatabase("a");
  Workspace writer = Open(db, snapshot_);
  Fill(writer, 0);

  Workspace first = Open(db, snapshot_);
  EXPECT_FALSE(LoadsFromSnapshot(first));  // nothing to start from: the database, then a file
  ASSERT_TRUE(fs::exists(snapshot_));
  const auto from_database = Answers(first);

  Workspace second = Open(db, snapshot_);
  EXPECT_TRUE(LoadsFromSnapshot(second));
  EXPECT_EQ(second.analytics()->value_count(), first.analytics()->value_count());
  EXPECT_EQ(second.analytics()->event_count(), first.analytics()->event_count());
  EXPECT_EQ(second.analytics()->event_count(), 3u);
  const auto from_snapshot = Answers(second);
  ExpectSameAnswers(from_database, from_snapshot);

  // The engine read from the file takes writes like any other: it answers as one loaded from the
  // database after them.
  Set(second, "23317", "202207", "tips.received", "5");
  Set(second, "23332", "202211", "tips.received", "9");
  Workspace reloaded = Open(db, {});
  ASSERT_TRUE(EnsureAnalytics(reloaded));
  const auto after_writes = Answers(reloaded);
  ExpectSameAnswers(after_writes, Answers(second));
  EXPECT_NE(after_writes[1].rows[0].values, from_database[1].rows[0].values);
}

TEST_F(EngineSnapshotTest, ASnapshotTakenBeforeALaterCommitIsStale) {
  const std::string db = NewDatabase("a");
  Workspace writer = Open(db, snapshot_);
  Fill(writer, 0);
  {
    Workspace ws = Open(db, snapshot_);
    EXPECT_FALSE(LoadsFromSnapshot(ws));
  }
  auto old_stamp = ReadEngineStamp(writer);
  ASSERT_TRUE(old_stamp && *old_stamp);
  Set(writer, "23281", "202205", "tips.received", "1000");

  Workspace after = Open(db, snapshot_);
  auto stamp = ReadEngineStamp(after);
  ASSERT_TRUE(stamp && *stamp);
  EXPECT_NE(**stamp, **old_stamp);
  auto stale = analytics::LoadEngineSnapshot(snapshot_, **stamp, after.units(), after.catalog());
  ASSERT_FALSE(stale);
  EXPECT_EQ(stale.error().code(), ErrorCode::kConflict);
  EXPECT_FALSE(LoadsFromSnapshot(after));  // reads the database, and rewrites the snapshot
  Workspace fresh = Open(db, {});
  ASSERT_TRUE(EnsureAnalytics(fresh));
  ExpectSameAnswers(Answers(fresh), Answers(after));

  Workspace again = Open(db, snapshot_);
  EXPECT_TRUE(LoadsFromSnapshot(again));
  ExpectSameAnswers(Answers(fresh), Answers(again));

  // A commit that writes a value past the use cases (no audit entry) makes it stale too: the
  // commit counter moves with every write transaction.
  {
    auto tx = writer.store().Begin();
    ASSERT_TRUE(tx);
    DataValue v;
    v.unit_id = writer.units().Find("23281", *Date::Parse("2022-05-31"))->unit_id;
    v.element = "tips.received";
    v.data_set = "commune-monthly";
    v.period = "202206";
    v.value.number = 77;
    v.stored_by = "test";
    v.updated_at = "2026-11-27T00:00:00Z";
    ASSERT_TRUE(writer.store().PutValue(v));
    ASSERT_TRUE((*tx)->Commit());
  }
  Workspace unaudited = Open(db, snapshot_);
  EXPECT_FALSE(LoadsFromSnapshot(unaudited));
  Workspace check = Open(db, {});
  ASSERT_TRUE(EnsureAnalytics(check));
  ExpectSameAnswers(Answers(check), Answers(unaudited));
}

TEST_F(EngineSnapshotTest, ATruncatedOrCorruptSnapshotIsNeverUsed) {
  const std::string db = NewDatabase("a");
  Workspace writer = Open(db, snapshot_);
  Fill(writer, 0);
  {
    Workspace ws = Open(db, snapshot_);
    EXPECT_FALSE(LoadsFromSnapshot(ws));
  }
  Workspace reference = Open(db, {});
  ASSERT_TRUE(EnsureAnalytics(reference));
  const auto expected = Answers(reference);
  auto stamp = ReadEngineStamp(reference);
  ASSERT_TRUE(stamp && *stamp);
  const fs::path good = temp_ / "good.snapshot";
  fs::copy_file(snapshot_, good);
  const auto size = fs::file_size(good);
  ASSERT_GT(size, 200u);

  auto damaged = [&](const std::function<void(fs::path)>& damage) {
    fs::copy_file(good, snapshot_, fs::copy_options::overwrite_existing);
    damage(snapshot_);
    auto direct =
        analytics::LoadEngineSnapshot(snapshot_, **stamp, reference.units(), reference.catalog());
    EXPECT_FALSE(direct);
    if (!direct) {
      EXPECT_EQ(direct.error().code(), ErrorCode::kIo) << direct.error().ToString();
    }
    Workspace ws = Open(db, snapshot_);
    EXPECT_FALSE(LoadsFromSnapshot(ws));
    ExpectSameAnswers(expected, Answers(ws));
  };
  // Cut short, at the end and inside the header.
  damaged([&](const fs::path& p) { fs::resize_file(p, size - 7); });
  damaged([&](const fs::path& p) { fs::resize_file(p, 20); });
  damaged([&](const fs::path& p) { fs::resize_file(p, 0); });
  // One byte changed in the middle of the columns, and in the last byte.
  for (const uintmax_t at : {size / 2, size - 1}) {
    damaged([&](const fs::path& p) {
      std::fstream f(p, std::ios::in | std::ios::out | std::ios::binary);
      f.seekg(static_cast<std::streamoff>(at));
      const char c = static_cast<char>(f.get());
      f.seekp(static_cast<std::streamoff>(at));
      f.put(static_cast<char>(c ^ 0x10));
    });
  }
  // Bytes added at the end.
  damaged([&](const fs::path& p) { std::ofstream(p, std::ios::app | std::ios::binary) << "xx"; });

  // The good file itself is fine (the damage above was what was refused).
  fs::copy_file(good, snapshot_, fs::copy_options::overwrite_existing);
  Workspace ws = Open(db, snapshot_);
  EXPECT_TRUE(LoadsFromSnapshot(ws));
}

TEST_F(EngineSnapshotTest, ASnapshotOfAnotherDatabaseIsNeverUsed) {
  // Two databases that went through the same steps: the same number of commits, but other
  // figures and their own ids.
  const std::string db_a = NewDatabase("a");
  const std::string db_b = NewDatabase("b");
  const fs::path snapshot_b = temp_ / "b.snapshot";
  Workspace a = Open(db_a, snapshot_);
  Workspace b = Open(db_b, snapshot_b);
  Fill(a, 0);
  Fill(b, 100);
  {
    Workspace ws = Open(db_a, snapshot_);
    EXPECT_FALSE(LoadsFromSnapshot(ws));
  }
  auto stamp_a = a.store().ReadCommitStamp();
  auto stamp_b = b.store().ReadCommitStamp();
  ASSERT_TRUE(stamp_a && *stamp_a && stamp_b && *stamp_b);
  EXPECT_EQ((*stamp_a)->commits, (*stamp_b)->commits);
  EXPECT_NE((*stamp_a)->database_id, (*stamp_b)->database_id);

  fs::copy_file(snapshot_, snapshot_b);  // a's snapshot where b's belongs
  Workspace reference = Open(db_b, {});
  ASSERT_TRUE(EnsureAnalytics(reference));
  Workspace ws = Open(db_b, snapshot_b);
  EXPECT_FALSE(LoadsFromSnapshot(ws));
  ExpectSameAnswers(Answers(reference), Answers(ws));
}

// The server writes the snapshot once writes stop for a while, and at shutdown; the next start
// loads from it and sees every acknowledged write.
TEST_F(EngineSnapshotTest, TheServerKeepsTheSnapshotCurrent) {
  const std::string db = NewDatabase("a");
  {
    Workspace writer = Open(db, {});
    Fill(writer, 0);
  }
  // The server finds its snapshot by the database's URL, as `antq serve` does.
  ASSERT_EQ(::setenv("ANTQ_CACHE_DIR", temp_.path().c_str(), 1), 0);
  struct Unset {
    ~Unset() { ::unsetenv("ANTQ_CACHE_DIR"); }
  } unset;
  fs::path path;
  {
    Workspace ws = Open(db, {});
    path = EngineSnapshotPath(db, ws.store().Describe(), temp_.path().c_str());
  }
  auto current = [&] {
    Workspace ws = Open(db, {});
    auto stamp = ReadEngineStamp(ws);
    EXPECT_TRUE(stamp && *stamp);
    if (!stamp || !*stamp) return false;
    return analytics::LoadEngineSnapshot(path, **stamp, ws.units(), ws.catalog()).has_value();
  };
  auto save = [](Service& s, const std::string& value) {
    auto saved = s.Write([&](Workspace& ws) {
      return SetValues(ws, Admin(), {"23317", "commune-monthly", "202203"},
                       {{"tips.received", "", value, ""}}, kToday);
    });
    ASSERT_TRUE(saved) << saved.error().ToString();
  };
  {
    auto service = Service::Open(db, std::chrono::milliseconds(1000), std::chrono::hours(1));
    ASSERT_TRUE(service) << service.error().ToString();
    EXPECT_TRUE(current());  // written after the start-up read the database
    save(**service, "11");
    EXPECT_FALSE(current());
    EXPECT_TRUE((*service)->SaveSnapshotIfStale());
    EXPECT_TRUE(current());
    save(**service, "12");
  }  // shutdown writes it
  EXPECT_TRUE(current());
  {
    // After a quiet period the background thread writes it.
    auto service =
        Service::Open(db, std::chrono::milliseconds(1000), std::chrono::milliseconds(100));
    ASSERT_TRUE(service) << service.error().ToString();
    save(**service, "13");
    EXPECT_FALSE(current());
    bool written = false;
    for (int i = 0; i < 100 && !written; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      written = current();
    }
    EXPECT_TRUE(written);
  }
  Workspace ws = Open(db, path);
  EXPECT_TRUE(LoadsFromSnapshot(ws));
  auto r = RunQuery(ws, Admin(), {{"tips.received"}, "23317", {}, "202203", "gregorian", ""});
  ASSERT_TRUE(r) << r.error().ToString();
  ASSERT_EQ(r->rows.size(), 1u);
  EXPECT_EQ(r->rows[0].values[0], 13);
}

}  // namespace
}  // namespace antq
