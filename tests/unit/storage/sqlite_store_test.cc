#include "storage/sqlite/sqlite_store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <filesystem>

#include "storage/sql/migrations.h"
#include "unit/temp_dir.h"

namespace antq::sqlite {
namespace {

namespace fs = std::filesystem;
using sql::Migration;
using sql::Migrations;

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

// The tables a whole-database copy moves are the schema's tables, column for column: a migration
// that adds a table or a column must add it to storage/copied_tables.cc too.
TEST_F(SqliteStoreTest, CopiedTablesAreTheSchemasTables) {
  auto store = OpenMigrated();
  Database& db = store->database();
  auto tables = db.Prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN "
      "('schema_migrations', 'audit_head', 'antq_commits') ORDER BY rowid");
  ASSERT_TRUE(tables);
  std::vector<std::string> schema;
  while (*tables->Step()) schema.push_back(tables->Text(0));
  std::vector<std::string> copied;
  for (const CopiedTable& t : CopiedTables()) copied.emplace_back(t.name);
  ASSERT_EQ(copied, schema);
  for (const CopiedTable& t : CopiedTables()) {
    auto columns =
        db.Prepare(fmt::format("SELECT name, type FROM pragma_table_info('{}')", t.name));
    ASSERT_TRUE(columns);
    size_t i = 0;
    while (*columns->Step()) {
      ASSERT_LT(i, t.columns.size()) << t.name << ": column " << columns->Text(0) << " not copied";
      EXPECT_EQ(columns->Text(0), t.columns[i].name) << t.name;
      const std::string type = columns->Text(1);
      const ColumnKind kind = type == "INTEGER" ? ColumnKind::kInteger
                              : type == "REAL"  ? ColumnKind::kReal
                                                : ColumnKind::kText;
      EXPECT_EQ(kind, t.columns[i].kind) << t.name << "." << t.columns[i].name;
      ++i;
    }
    EXPECT_EQ(i, t.columns.size()) << t.name;
  }
}

}  // namespace
}  // namespace antq::sqlite
