// Whole-database copies (backup, restore, migrate) on either backend: every row arrives, the
// chain verifies, and a copy never lands in a database that holds data.
#include <gtest/gtest.h>

#include "app/database_copy_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "storage/store.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");

class DatabaseCopyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    from_ = antq::testing::TestDatabaseUrl(temp_.path(), "from");
    ASSERT_TRUE(InitDatabase(from_, ANTQ_SOURCE_DATA_DIR));
    auto ws = Workspace::Open(from_, OpenMode::kMustExist);
    ASSERT_TRUE(ws);
    officer_ = AddOfficer(*ws, "can-bo-xa", "commune-officer", "23317");
    for (const char* period : {"202301", "202302", "202303"}) {
      auto saved = SetValues(*ws, officer_, {"23317", "commune-monthly", period},
                             {{"tips.received", "", "12", "ghi chú\tcó tab\nvà dòng mới"}}, kToday);
      ASSERT_TRUE(saved) << saved.error().ToString();
    }
  }

  antq::testing::TempDir temp_{"antq-copy"};
  std::string from_;
  Actor officer_;
};

TEST_F(DatabaseCopyTest, EveryRowArrivesAndTheChainVerifies) {
  const std::string to = antq::testing::TestDatabaseUrl(temp_.path(), "to");
  auto copy = CopyDatabase(from_, to, Admin());
  ASSERT_TRUE(copy) << copy.error().ToString();
  EXPECT_EQ(copy->tables.size(), CopiedTables().size());
  EXPECT_GT(copy->audit_rows, 3);
  auto source = OpenStore(from_, OpenMode::kMustExist);
  auto target = OpenStore(to, OpenMode::kMustExist);
  ASSERT_TRUE(source && target);
  EXPECT_EQ((*target)->AuditHead()->second, (*source)->AuditHead()->second);
  auto value = (*target)->GetValue(
      (*source)->LoadUnits()->Find("23317", *Date::Parse("2023-01-01"))->unit_id, "tips.received",
      "", "202302");
  ASSERT_TRUE(value && *value);
  EXPECT_EQ((*value)->value.number, 12);
  EXPECT_EQ((*value)->comment, "ghi chú\tcó tab\nvà dòng mới");
  // New rows on the target are numbered after the copied ones.
  auto ws = Workspace::Open(to, OpenMode::kMustExist);
  ASSERT_TRUE(ws);
  auto more = SetValues(*ws, Admin(), {"23317", "commune-monthly", "202304"},
                        {{"tips.received", "", "7", ""}}, kToday);
  ASSERT_TRUE(more) << more.error().ToString();
  auto user = AddUser(*ws, Admin(), {"moi", "viewer", "62", "", "2023-01-01", 0, kOfficerPassword});
  EXPECT_TRUE(user) << user.error().ToString();
}

TEST_F(DatabaseCopyTest, ACopyIntoADatabaseThatHoldsDataIsRefusedAndChangesNothing) {
  const std::string to = antq::testing::TestDatabaseUrl(temp_.path(), "to");
  ASSERT_TRUE(InitDatabase(to, ANTQ_SOURCE_DATA_DIR));
  auto before = OpenStore(to, OpenMode::kMustExist);
  ASSERT_TRUE(before);
  const int64_t audit_before = (*before)->Summary()->audit_entries;
  auto copy = CopyDatabase(from_, to, Admin());
  ASSERT_FALSE(copy);
  EXPECT_EQ(copy.error().code(), ErrorCode::kConflict);
  EXPECT_NE(copy.error().message().find("already holds data"), std::string::npos);
  EXPECT_EQ((*before)->Summary()->audit_entries, audit_before);
  EXPECT_EQ((*before)->Summary()->data_values, 0);
}

TEST_F(DatabaseCopyTest, OnlyAnAdministratorCopies) {
  auto copy = CopyDatabase(from_, antq::testing::TestDatabaseUrl(temp_.path(), "to"), officer_);
  ASSERT_FALSE(copy);
  EXPECT_EQ(copy.error().code(), ErrorCode::kPermissionDenied);
}

TEST_F(DatabaseCopyTest, ABackupFileIsWrittenOnceAndNeverOverwritten) {
  const std::string file = (temp_.path() / "backup.db").string();
  auto first = BackupDatabase(from_, file, Admin());
  ASSERT_TRUE(first) << first.error().ToString();
  EXPECT_TRUE(std::filesystem::exists(file));
  EXPECT_FALSE(std::filesystem::exists(file + ".partial"));
  auto second = BackupDatabase(from_, file, Admin());
  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().where(), "--out");
  // The backup restores into a new database with the same chain.
  const std::string restored = antq::testing::TestDatabaseUrl(temp_.path(), "restored");
  auto back = CopyDatabase("sqlite:" + file, restored, Admin());
  ASSERT_TRUE(back) << back.error().ToString();
  EXPECT_EQ(back->audit_head, first->audit_head);
  EXPECT_EQ(back->rows, first->rows);
}

}  // namespace
}  // namespace antq
