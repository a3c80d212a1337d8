// The Store's operations, the same on both backends: on SQLite by default, on PostgreSQL when the
// tests run under scripts/with_postgres.sh (test_database.h).
#include "storage/store.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "interop/catalog_toml.h"
#include "storage/postgres/pg_connection.h"
#include "storage/postgres/pg_schema.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

constexpr std::string_view kCatalog = R"toml(
[[element]]
code = "tips.received"
name_vi = "Tin báo"
name_en = "Tips"
value_type = "integer"
aggregation = "sum"
)toml";

class StoreTest : public ::testing::Test {
 protected:
  // Two connections to one new, migrated database, as two server nodes (or a node and the CLI)
  // would have.
  std::pair<std::unique_ptr<Store>, std::unique_ptr<Store>> TwoConnections() {
    const std::string url = antq::testing::TestDatabaseUrl(temp_.path(), "shared");
    auto first = OpenStore(url, OpenMode::kCreateIfMissing);
    EXPECT_TRUE(first) << first.error().ToString();
    if (!first) return {};
    {
      auto tx = (*first)->Begin();
      EXPECT_TRUE((*first)->Migrate());
      EXPECT_TRUE((*tx)->Commit());
    }
    auto second = OpenStore(url, OpenMode::kMustExist);
    EXPECT_TRUE(second) << second.error().ToString();
    if (!second) return {};
    return {std::move(*first), std::move(*second)};
  }

  std::unique_ptr<Store> OpenMigrated() {
    auto store =
        OpenStore(antq::testing::TestDatabaseUrl(temp_.path()), OpenMode::kCreateIfMissing);
    EXPECT_TRUE(store) << store.error().ToString();
    auto tx = (*store)->Begin();
    auto migrated = (*store)->Migrate();
    EXPECT_TRUE(migrated) << migrated.error().ToString();
    EXPECT_TRUE((*tx)->Commit());
    return std::move(*store);
  }

  // A migrated store holding the units of Sample().
  std::unique_ptr<Store> OpenWithSampleUnits() {
    auto store = OpenMigrated();
    UnitRegistry registry;
    auto changes = registry.Apply(Sample());
    EXPECT_TRUE(changes);
    if (!changes) return store;
    auto tx = store->Begin();
    EXPECT_TRUE(store->SaveUnitChanges(*changes));
    EXPECT_TRUE((*tx)->Commit());
    return store;
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

  antq::testing::TempDir temp_{"antq-any-store"};
};

TEST_F(StoreTest, SavesAndLoadsUnitsLineageAndGroups) {
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

TEST_F(StoreTest, ATransactionNotCommittedLeavesNothing) {
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

// Short filters are bound into a cached statement, long ones written into the SQL, and a scan
// started inside another scan's visitor gets its own statement: all three read the same rows.
TEST_F(StoreTest, ScansByShortAndLongListsAndFromInsideAScan) {
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
    Catalog catalog;
    ASSERT_TRUE(ReadCatalogToml(kCatalog, "test.toml", catalog));
    ASSERT_TRUE(store->SaveCatalog(1, catalog));
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

// The audit chain on either backend: each row links to the one before, a savepoint rolled back
// takes its rows with it and the next row links to what remains, and the head follows the
// chain's end once the transaction commits.
TEST_F(StoreTest, TheAuditChainLinksRowsAcrossSavepointsAndCommits) {
  auto store = OpenMigrated();
  auto append = [&](const std::string& subject) {
    AuditEntry e;
    e.user = "test";
    e.action = "test.write";
    e.subject = subject;
    auto s = store->AppendAudit(e);
    EXPECT_TRUE(s) << s.error().ToString();
  };
  {
    auto tx = store->Begin();
    ASSERT_TRUE(tx);
    append("a");
    {
      auto inner = store->Begin();
      ASSERT_TRUE(inner);
      append("dropped");
      // Not committed: the savepoint is rolled back with its row.
    }
    append("b");
    ASSERT_TRUE((*tx)->Commit());
  }
  std::vector<AuditEntry> rows;
  ASSERT_TRUE(store->ScanAudit([&](const AuditEntry& e) { rows.push_back(e); }));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].subject, "a");
  EXPECT_EQ(rows[1].subject, "b");
  EXPECT_EQ(rows[1].id, rows[0].id + 1);
  EXPECT_EQ(rows[1].prev_hash, rows[0].hash);
  EXPECT_EQ(rows[1].hash, AuditChainHash(rows[1]));
  auto head = store->AuditHead();
  ASSERT_TRUE(head);
  EXPECT_EQ(head->first, rows[1].id);
  EXPECT_EQ(head->second, rows[1].hash);
  auto problems = store->CheckIntegrity();
  ASSERT_TRUE(problems);
  EXPECT_TRUE(problems->empty());
}

// A server node learns from DataVersion that another connection committed; its own commits do
// not change it (they are already in its memory).
TEST_F(StoreTest, DataVersionChangesWithOtherConnectionsCommitsOnly) {
  auto [first, second] = TwoConnections();
  ASSERT_TRUE(first && second);
  auto write = [](Store& store, const std::string& value) {
    auto tx = store.Begin();
    ASSERT_TRUE(tx);
    ASSERT_TRUE(store.SetMeta("k", value));
    ASSERT_TRUE((*tx)->Commit());
  };
  const int64_t before = *first->DataVersion();
  write(*first, "own");
  EXPECT_EQ(*first->DataVersion(), before) << "its own commit";
  write(*second, "other");
  EXPECT_NE(*first->DataVersion(), before) << "another connection's commit";
  EXPECT_EQ(*first->GetMeta("k"), "other");
}

// SQLite gives an event's id from the connection's last insert rather than RETURNING: an audit
// row (whose insert runs a trigger) written between two events must not be taken for one.
TEST_F(StoreTest, EachInsertedEventGetsItsOwnIdWhateverIsWrittenBetween) {
  auto store = OpenWithSampleUnits();
  const UnitId kt = store->LoadUnits()->Find("62", *Date::Parse("2020-01-01"))->unit_id;
  std::vector<int64_t> ids;
  {
    auto tx = store->Begin();
    ASSERT_TRUE(tx);
    for (int i = 0; i < 3; ++i) {
      Event e;
      e.register_code = "propaganda";
      e.unit_id = kt;
      e.date = *Date::FromYmd(2020, 1, 10 + i);
      e.fields = {{"participants", 10 + i}};
      e.created_by = e.updated_by = "test";
      e.created_at = e.updated_at = "2020-01-20T00:00:00Z";
      auto id = store->InsertEvent(e, 100 + i, e.fields.dump());
      ASSERT_TRUE(id) << id.error().ToString();
      ids.push_back(*id);
      AuditEntry audit;
      audit.user = "test";
      audit.action = "event.add";
      audit.subject = fmt::format("event {}", *id);
      ASSERT_TRUE(store->AppendAudit(audit));
    }
    ASSERT_TRUE((*tx)->Commit());
  }
  ASSERT_EQ(ids.size(), 3u);
  EXPECT_LT(ids[0], ids[1]);
  EXPECT_LT(ids[1], ids[2]);
  for (int i = 0; i < 3; ++i) {
    auto e = store->GetEvent(ids[static_cast<size_t>(i)]);
    ASSERT_TRUE(e);
    ASSERT_TRUE(*e) << "no event " << ids[static_cast<size_t>(i)];
    EXPECT_EQ((*e)->date, *Date::FromYmd(2020, 1, 10 + i));
    EXPECT_EQ((*e)->fields["participants"], 10 + i);
  }
  auto found = store->FindEventsByHash("propaganda", *Date::FromYmd(2020, 1, 11), 101);
  ASSERT_TRUE(found);
  ASSERT_EQ(found->size(), 1u);
  EXPECT_EQ(found->front().id, ids[1]);
}

// A save reads the verdicts of a unit and its ancestors in one set and year through a statement
// kept prepared (a few units bound); an area's many units, or any set or year, take the general
// query. All give exactly the rows asked for.
TEST_F(StoreTest, EvaluationRecordsAreFoundByExactOrAnySetYearAndUnits) {
  auto store = OpenWithSampleUnits();
  const UnitRegistry units = *store->LoadUnits();
  const UnitId vn = units.Find("VN", *Date::Parse("2020-01-01"))->unit_id;
  const UnitId kt = units.Find("62", *Date::Parse("2020-01-01"))->unit_id;
  const UnitId qn = units.Find("51", *Date::Parse("2026-01-01"))->unit_id;
  {
    auto tx = store->Begin();
    for (const char* set : {"tt124", "ntm"}) {
      for (const char* period : {"2023", "2024"}) {
        for (UnitId unit : {vn, kt, qn}) {
          EvaluationRecord r;
          r.criteria_set = set;
          r.period = period;
          r.unit_id = unit;
          r.met = unit == kt;
          r.detail = "{}";
          r.evaluated_by = "test";
          r.evaluated_at = "2024-12-31T00:00:00Z";
          ASSERT_TRUE(store->PutEvaluationRecord(r));
        }
      }
    }
    ASSERT_TRUE((*tx)->Commit());
  }
  auto count = [&](const std::string& set, const std::string& period,
                   const std::vector<UnitId>& ids) {
    auto rows = store->EvaluationRecords(set, period, ids);
    EXPECT_TRUE(rows) << rows.error().ToString();
    return rows ? rows->size() : size_t{999};
  };
  // A few units, exact set and year: twice, so the second use reuses the kept statement.
  for (int twice = 0; twice < 2; ++twice) {
    auto rows = store->EvaluationRecords("tt124", "2024", {kt, vn});
    ASSERT_TRUE(rows);
    ASSERT_EQ(rows->size(), 2u);
    for (const EvaluationRecord& r : *rows) {
      EXPECT_EQ(r.criteria_set, "tt124");
      EXPECT_EQ(r.period, "2024");
      EXPECT_EQ(r.met, r.unit_id == kt);
    }
  }
  EXPECT_EQ(count("tt124", "2024", {qn}), 1u);
  EXPECT_EQ(count("tt124", "2022", {kt}), 0u);
  // Many units: the list is written into the SQL.
  std::vector<UnitId> many = {kt};
  for (UnitId id = 1000; id < 1030; ++id) many.push_back(id);
  EXPECT_EQ(count("ntm", "2023", many), 1u);
  // Any set, any year, all units.
  EXPECT_EQ(count("", "2023", {kt}), 2u);
  EXPECT_EQ(count("ntm", "", {}), 6u);
  EXPECT_EQ(count("", "", {}), 12u);
}

// Transaction statements are kept prepared on SQLite: begun, committed and rolled back again and
// again, every commit is seen by another connection and no rolled-back write is.
TEST_F(StoreTest, RepeatedCommitsAreSeenByAnotherConnectionAndRollbacksAreNot) {
  auto [first, second] = TwoConnections();
  ASSERT_TRUE(first && second);
  for (int i = 0; i < 5; ++i) {
    {
      auto tx = first->Begin();
      ASSERT_TRUE(tx) << tx.error().ToString();
      ASSERT_TRUE(first->SetMeta("k", fmt::format("kept {}", i)));
      {
        auto inner = first->Begin();
        ASSERT_TRUE(inner);
        ASSERT_TRUE(first->SetMeta("inner", "dropped"));
      }
      ASSERT_TRUE((*tx)->Commit());
    }
    {
      auto tx = first->Begin();
      ASSERT_TRUE(tx);
      ASSERT_TRUE(first->SetMeta("k", "rolled back"));
    }
    EXPECT_EQ(*second->GetMeta("k"), fmt::format("kept {}", i));
    EXPECT_FALSE(*second->GetMeta("inner"));
  }
}

// The commit stamp (what the engine snapshot is checked against) moves with every committed
// write transaction of any connection, not with one rolled back, and names its database.
TEST_F(StoreTest, TheCommitStampCountsEveryCommitOfEveryConnection) {
  auto [first, second] = TwoConnections();
  ASSERT_TRUE(first && second);
  auto stamp = [](Store& store) {
    auto s = store.ReadCommitStamp();
    EXPECT_TRUE(s && *s) << (s ? "none" : s.error().ToString());
    return s && *s ? **s : Store::CommitStamp();
  };
  const Store::CommitStamp start = stamp(*first);
  EXPECT_GE(start.database_id.size(), 16u);
  EXPECT_EQ(stamp(*second), start);
  {
    auto tx = first->Begin();
    ASSERT_TRUE(first->SetMeta("k", "own"));
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(stamp(*second).commits, start.commits + 1);
  {
    auto tx = second->Begin();
    ASSERT_TRUE(second->SetMeta("k", "other"));
    {
      auto inner = second->Begin();  // a savepoint is not a commit of its own
      ASSERT_TRUE(second->SetMeta("k", "inner"));
      ASSERT_TRUE((*inner)->Commit());
    }
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_EQ(stamp(*first).commits, start.commits + 2);
  {
    auto tx = first->Begin();
    ASSERT_TRUE(first->SetMeta("k", "rolled back"));
  }
  EXPECT_EQ(stamp(*first).commits, start.commits + 2);
  EXPECT_EQ(stamp(*first).database_id, start.database_id);

  // Another database has another id.
  auto other =
      OpenStore(antq::testing::TestDatabaseUrl(temp_.path(), "other"), OpenMode::kCreateIfMissing);
  ASSERT_TRUE(other);
  {
    auto tx = (*other)->Begin();
    ASSERT_TRUE((*other)->Migrate());
    ASSERT_TRUE((*tx)->Commit());
  }
  EXPECT_NE(stamp(**other).database_id, start.database_id);
}

TEST_F(StoreTest, ADatabaseWithoutTheSchemaIsAnErrorUnlessCreating) {
  const std::string url = antq::testing::TestDatabaseUrl(temp_.path(), "missing");
  auto store = OpenStore(url, OpenMode::kMustExist);
  ASSERT_FALSE(store);
  EXPECT_NE(store.error().message().find("antq init"), std::string::npos)
      << store.error().message();
}

}  // namespace
}  // namespace antq
