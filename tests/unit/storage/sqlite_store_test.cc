#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/sqlite/migrations.h"
#include "unit/temp_dir.h"

namespace antq::sqlite {
namespace {

namespace fs = std::filesystem;

class SqliteStoreTest : public ::testing::Test {
 protected:
  void SetUp() override { path_ = (dir_ / "t.db").string(); }

  std::unique_ptr<SqliteStore> OpenMigrated() {
    auto store = SqliteStore::Open(path_, OpenMode::kCreateIfMissing);
    EXPECT_TRUE(store);
    auto tx = (*store)->Begin();
    EXPECT_TRUE((*store)->Migrate());
    EXPECT_TRUE((*tx)->Commit());
    return std::move(*store);
  }

  static UnitDeclarations Sample() {
    UnitDeclarations d;
    UnitDeclaration vn;
    vn.where = "t:1";
    vn.code = "VN";
    vn.level = UnitLevel::kCountry;
    vn.name = "Việt Nam";
    UnitDeclaration p;
    p.where = "t:2";
    p.code = "62";
    p.level = UnitLevel::kProvince;
    p.type = "Tỉnh";
    p.name = "Kon Tum";
    p.parent_code = "VN";
    p.valid.end = *Date::Parse("2025-06-30");
    UnitDeclaration q = p;
    q.where = "t:3";
    q.code = "51";
    q.name = "Quảng Ngãi";
    q.valid = {*Date::Parse("2025-07-01"), Date::Max()};
    d.units = {vn, p, q};
    LineageDeclaration l;
    l.where = "t:4";
    l.date = *Date::Parse("2025-07-01");
    l.kind = LineageKind::kMerge;
    l.from_codes = {"62"};
    l.to = {{"51", 1}};
    l.source = "NQ 202/2025/QH15";
    d.lineage = {l};
    d.groups = {{"t:5", "g1", "Nhóm", "Group"}};
    d.memberships = {{"t:6", "g1", "62", {Date::Min(), Date::Max()}}};
    return d;
  }

  antq::testing::TempDir temp_{"antq-store"};
  const fs::path& dir_ = temp_.path();
  std::string path_;
};

TEST_F(SqliteStoreTest, MissingDatabaseIsAnErrorUnlessCreating) {
  auto store = SqliteStore::Open(path_, OpenMode::kMustExist);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("antq init"), std::string::npos);
  EXPECT_FALSE(fs::exists(path_));
}

TEST_F(SqliteStoreTest, MigrationsApplyOnceAndInOrder) {
  auto store = OpenMigrated();
  EXPECT_EQ(*store->SchemaVersion(), Migrations().back().version);
  auto tx = store->Begin();
  auto again = store->Migrate();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  ASSERT_TRUE((*tx)->Commit());
  int previous = 0;
  for (const Migration& m : Migrations()) {
    EXPECT_EQ(m.version, previous + 1) << "migrations are numbered 1, 2, 3, …";
    previous = m.version;
  }
}

TEST_F(SqliteStoreTest, SavesAndLoadsUnitsLineageAndGroups) {
  auto store = OpenMigrated();
  UnitRegistry registry;
  auto changes = registry.Apply(Sample());
  ASSERT_TRUE(changes) << changes.error().ToString();
  {
    auto tx = store->Begin();
    ASSERT_TRUE(store->SaveUnitChanges(*changes));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto loaded = store->LoadUnits();
  ASSERT_TRUE(loaded);
  ASSERT_EQ(loaded->versions().size(), 3u);
  const UnitVersion* kt = loaded->Find("62", *Date::Parse("2020-01-01"));
  ASSERT_NE(kt, nullptr);
  EXPECT_EQ(kt->name, "Kon Tum");
  EXPECT_EQ(kt->valid.start, Date::Min());
  EXPECT_EQ(kt->valid.end.ToString(), "2025-06-30");
  ASSERT_EQ(loaded->events().size(), 1u);
  EXPECT_EQ(loaded->events()[0].source, "NQ 202/2025/QH15");
  ASSERT_EQ(loaded->groups().size(), 1u);
  EXPECT_EQ(loaded->groups()[0].members.size(), 1u);
  auto err = loaded->Resolve("62", *Date::Parse("2025-07-01"));
  ASSERT_FALSE(err);
  EXPECT_NE(err.error().message().find("successor is 51"), std::string::npos);
  auto summary = store->Summary();
  ASSERT_TRUE(summary);
  EXPECT_EQ(summary->unit_versions, 3);
  EXPECT_EQ(summary->units, 3);
}

TEST_F(SqliteStoreTest, ATransactionNotCommittedLeavesNothing) {
  auto store = OpenMigrated();
  UnitRegistry registry;
  auto changes = registry.Apply(Sample());
  ASSERT_TRUE(changes);
  {
    auto tx = store->Begin();
    ASSERT_TRUE(store->SaveUnitChanges(*changes));
    // No Commit: the destructor rolls back.
  }
  EXPECT_EQ(store->Summary()->unit_versions, 0);
}

TEST_F(SqliteStoreTest, TablesAreStrictAndForeignKeysAreOn) {
  auto store = OpenMigrated();
  Database& db = store->database();
  EXPECT_FALSE(db.Exec("INSERT INTO units(id) VALUES ('not a number')"));
  EXPECT_FALSE(
      db.Exec("INSERT INTO unit_versions(id, unit_id, code, level, type, name) "
              "VALUES (1, 999, 'X', 'commune', 'Xã', 'X')"));
  EXPECT_FALSE(
      db.Exec("INSERT INTO units(id) VALUES (1); INSERT INTO unit_versions(id, unit_id, "
              "code, level, type, name) VALUES (1, 1, 'X', 'hamlet', 'Xã', 'X')"));
}

TEST_F(SqliteStoreTest, ViCollationOrdersVietnameseNames) {
  auto store = OpenMigrated();
  Database& db = store->database();
  ASSERT_TRUE(
      db.Exec("CREATE TEMP TABLE names(n TEXT) STRICT; INSERT INTO names VALUES "
              "('Đắk Tô'), ('Ia Chim'), ('Dục Nông'), ('Ăn'), ('Bờ Y'), ('An')"));
  auto st = db.Prepare("SELECT n FROM names ORDER BY n COLLATE vi");
  ASSERT_TRUE(st);
  std::vector<std::string> order;
  while (*st->Step()) order.push_back(st->Text(0));
  EXPECT_EQ(order, (std::vector<std::string>{"An", "Ăn", "Bờ Y", "Dục Nông", "Đắk Tô", "Ia Chim"}));
}

TEST_F(SqliteStoreTest, UsesWriteAheadLoggingAndSyncsEveryCommit) {
  auto store = OpenMigrated();
  auto st = store->database().Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(st);
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "wal");
  // synchronous = FULL (2): an acknowledged commit is on disk, not only in the OS's cache.
  auto sync = store->database().Prepare("PRAGMA synchronous");
  ASSERT_TRUE(sync);
  ASSERT_TRUE(*sync->Step());
  EXPECT_EQ(sync->Int(0), 2);
}

// Issue 23: a read that found a row used to leave its statement open, pinning the connection to
// an old snapshot; once another process had committed, SQLite refused this connection's next
// write at once with "database is locked" instead of waiting.
TEST_F(SqliteStoreTest, AWriteAfterAReadWaitsForOtherWritersInsteadOfFailing) {
  auto first = OpenMigrated();
  {
    auto tx = first->Begin();
    ASSERT_TRUE(first->SetMeta("sample", "yes"));
    ASSERT_TRUE((*tx)->Commit());
  }
  auto second = SqliteStore::Open(path_, OpenMode::kMustExist);
  ASSERT_TRUE(second);
  // The first connection reads a row, as Workspace::Open does.
  ASSERT_EQ(*first->GetMeta("sample"), std::optional<std::string>("yes"));
  // Another connection commits meanwhile.
  {
    auto tx = (*second)->Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE((*second)->SetMeta("other", "1"));
    ASSERT_TRUE((*tx)->Commit());
  }
  // The first connection's write begins on the newest snapshot.
  auto tx = first->Begin();
  ASSERT_TRUE(tx) << tx.error().ToString();
  ASSERT_TRUE(first->SetMeta("third", "1"));
  ASSERT_TRUE((*tx)->Commit());
  EXPECT_EQ(*(*second)->GetMeta("third"), std::optional<std::string>("1"));
}

TEST_F(SqliteStoreTest, AWriterThatWaitsTooLongIsToldNothingWasWritten) {
  auto store = OpenMigrated();
  Database& db = store->database();
  ASSERT_TRUE(db.Exec("PRAGMA busy_timeout = 50"));
  auto other = Database::Open(path_, false);
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->Exec("BEGIN IMMEDIATE"));
  auto tx = store->Begin();
  ASSERT_FALSE(tx);
  EXPECT_EQ(tx.error().code(), ErrorCode::kUnavailable);
  EXPECT_NE(tx.error().message().find("another writer has held the database"), std::string::npos)
      << tx.error().message();
  EXPECT_NE(tx.error().message().find("nothing was written"), std::string::npos);
  ASSERT_TRUE(other->Exec("ROLLBACK"));
}

TEST_F(SqliteStoreTest, AWriteCannotBeginWhileAStatementIsHalfRead) {
  auto store = OpenMigrated();
  Database& db = store->database();
  auto st = db.Prepare("SELECT version FROM schema_migrations");
  ASSERT_TRUE(st);
  ASSERT_TRUE(*st->Step());
  auto tx = store->Begin();
  ASSERT_FALSE(tx);
  EXPECT_EQ(tx.error().code(), ErrorCode::kInternal);
  st->Reset();
  EXPECT_TRUE(store->Begin());
}

// Short filters are bound into a cached statement, long ones written into the SQL, and a scan
// started inside another scan's visitor gets its own statement: all three read the same rows.
TEST_F(SqliteStoreTest, ScansByShortAndLongListsAndFromInsideAScan) {
  auto store = OpenMigrated();
  UnitRegistry registry;
  auto changes = registry.Apply(Sample());
  ASSERT_TRUE(changes);
  std::vector<std::string> periods;
  {
    auto tx = store->Begin();
    ASSERT_TRUE(store->SaveUnitChanges(*changes));
    ASSERT_TRUE((*tx)->Commit());
  }
  const UnitId kt = store->LoadUnits()->Find("62", *Date::Parse("2020-01-01"))->unit_id;
  {
    auto tx = store->Begin();
    ASSERT_TRUE(store->database().Exec(
        "INSERT INTO data_elements(code, value_type) VALUES ('tips.received', 'integer')"));
    for (int year = 2015; year <= 2024; ++year) {
      for (int month = 1; month <= 12; ++month) {
        DataValue v;
        v.unit_id = kt;
        v.element = "tips.received";
        v.period = fmt::format("{}{:02d}", year, month);
        v.data_set = "commune-monthly";
        v.value.number = year * 100 + month;
        v.stored_by = "test";
        v.updated_at = "2026-12-06T00:00:00Z";
        auto put = store->PutValue(v);
        ASSERT_TRUE(put) << put.error().ToString();
        periods.push_back(v.period);
      }
    }
    ASSERT_TRUE((*tx)->Commit());
  }
  auto scan = [&](const std::vector<std::string>& wanted) {
    ValueFilter f;
    f.units = {kt};
    f.elements = {"tips.received"};
    f.options = {""};
    f.periods = wanted;
    double sum = 0;
    EXPECT_TRUE(store->ScanValues(f, [&](const DataValue& v) { sum += *v.value.number; }));
    return sum;
  };
  EXPECT_EQ(scan({"202303"}), 202303);
  EXPECT_EQ(scan({"202303"}), 202303) << "the cached statement, again";
  EXPECT_EQ(scan({"202304"}), 202304) << "the cached statement, new bindings";
  double all = 0;
  for (const std::string& p : periods) all += std::stod(p);
  EXPECT_EQ(scan(periods), all) << periods.size() << " periods, beyond the bound limit";
  // From inside a visitor, with a filter of the same shape (so the same SQL): the outer scan
  // keeps its place.
  ValueFilter outer;
  outer.units = {kt};
  outer.elements = {"tips.received"};
  outer.options = {""};
  outer.periods = {"202301", "202302"};
  std::vector<double> inner_sums;
  ASSERT_TRUE(store->ScanValues(outer, [&](const DataValue& v) {
    inner_sums.push_back(scan({v.period, "202312"}));
  }));
  EXPECT_EQ(inner_sums, (std::vector<double>{202301 + 202312, 202302 + 202312}));
}

}  // namespace
}  // namespace antq::sqlite
