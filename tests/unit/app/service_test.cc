// The server's concurrency model (app/service.h) under load: writer threads saving figures while
// reader threads read forms and query totals. Every acknowledged write must be visible to the
// next read of any thread, and the totals must never go backwards or past what was written.
// Run under ThreadSanitizer by `make test-tsan`.
#include "app/service.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "app/account_use_cases.h"
#include "app/units_use_cases.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "unit/app/actors.h"
#include "unit/temp_dir.h"
#include "unit/test_database.h"

namespace antq {
namespace {

const Date kToday = *Date::Parse("2026-11-27");

// The communes of Thành phố Kon Tum (608) the writers save into, one per writer.
const std::vector<std::string> kCommunes = {"23317", "23332", "23281", "23284"};
constexpr int kWritesPerWriter = 40;

std::optional<double> Total(Workspace& ws) {
  QueryRequest q;
  q.measures = {"tips.received"};
  q.under = "608";
  q.period = "2023";
  auto result = RunQuery(ws, Admin(), q);
  EXPECT_TRUE(result) << result.error().ToString();
  if (!result || result->rows.empty()) return std::nullopt;
  return result->rows[0].values[0];
}

TEST(ServiceTest, AcknowledgedWritesAreSeenByEveryReader) {
  antq::testing::TempDir temp("antq-service");
  const std::string db = antq::testing::TestDatabaseUrl(temp.path(), "antq");
  ASSERT_TRUE(InitDatabase(db, ANTQ_SOURCE_DATA_DIR));
  auto service = Service::Open(db);
  ASSERT_TRUE(service) << service.error().ToString();

  // Writer w saves 1, 2, …, kWritesPerWriter into its commune's March report; after each
  // acknowledged save it publishes the value, and readers check they never see less.
  std::vector<std::atomic<int>> acknowledged(kCommunes.size());
  std::atomic<bool> done{false};
  std::atomic<int> failures{0};

  std::vector<std::thread> threads;
  for (size_t w = 0; w < kCommunes.size(); ++w) {
    threads.emplace_back([&, w] {
      for (int i = 1; i <= kWritesPerWriter; ++i) {
        auto saved = (*service)->Write([&](Workspace& ws) {
          return SetValues(ws, Admin(), {kCommunes[w], "commune-monthly", "202303"},
                           {{"tips.received", "", std::to_string(i), ""}}, kToday);
        });
        if (!saved) {
          ADD_FAILURE() << saved.error().ToString();
          ++failures;
          return;
        }
        acknowledged[w].store(i);
        // The writer's own next read sees it.
        auto form = (*service)->Read([&](Workspace& ws) {
          return GetReportForm(ws, Admin(), {kCommunes[w], "commune-monthly", "202303"}, kToday);
        });
        if (!form || form->values.empty() ||
            form->values[0].value.ToString() != std::to_string(i)) {
          ADD_FAILURE() << "writer " << w << " does not read back " << i;
          ++failures;
        }
      }
    });
  }
  for (int r = 0; r < 3; ++r) {
    threads.emplace_back([&] {
      while (!done.load()) {
        // What was acknowledged before the read started is the least the read may see.
        int floor = 0;
        for (auto& a : acknowledged) floor += a.load();
        auto total = (*service)->Read([&](Workspace& ws) { return Total(ws); });
        const double seen = total.value_or(0);
        if (seen < floor || seen > static_cast<double>(kCommunes.size()) * kWritesPerWriter) {
          ADD_FAILURE() << "a reader saw " << seen << " after " << floor << " was acknowledged";
          ++failures;
          return;
        }
      }
    });
  }
  for (size_t w = 0; w < kCommunes.size(); ++w) threads[w].join();
  done = true;
  for (size_t t = kCommunes.size(); t < threads.size(); ++t) threads[t].join();
  EXPECT_EQ(failures.load(), 0);
  auto final_total = (*service)->Read([&](Workspace& ws) { return Total(ws); });
  EXPECT_EQ(final_total, static_cast<double>(kCommunes.size()) * kWritesPerWriter);
}

// The server keeps query answers between writes; a write empties them, so the next read sees it.
TEST(ServiceTest, QueryAnswersAreKeptUntilTheNextWrite) {
  antq::testing::TempDir temp("antq-service-cache");
  const std::string db = antq::testing::TestDatabaseUrl(temp.path(), "antq");
  ASSERT_TRUE(InitDatabase(db, ANTQ_SOURCE_DATA_DIR));
  auto service = Service::Open(db);
  ASSERT_TRUE(service) << service.error().ToString();
  auto save = [&](const std::string& value) {
    auto saved = (*service)->Write([&](Workspace& ws) {
      return SetValues(ws, Admin(), {"23317", "commune-monthly", "202303"},
                       {{"tips.received", "", value, ""}}, kToday);
    });
    ASSERT_TRUE(saved) << saved.error().ToString();
  };
  save("5");
  auto total = [&] { return (*service)->Read([&](Workspace& ws) { return Total(ws); }); };
  EXPECT_EQ(total(), 5.0);
  const size_t hits = (*service)->query_cache().hits();
  EXPECT_EQ(total(), 5.0);
  EXPECT_EQ((*service)->query_cache().hits(), hits + 1)
      << "the second read is answered from the cache";
  save("7");
  EXPECT_EQ(total(), 7.0) << "a write empties the cache";
  // A viewer of another district is still refused: the cache sits behind the access check.
  auto user = (*service)->Write([&](Workspace& ws) {
    return AddUser(ws, Admin(),
                   {"lanh-dao-dak-glei", "viewer", "610", "", "2023-01-01", 0, "mat-khau-2026"});
  });
  ASSERT_TRUE(user) << user.error().ToString();
  EXPECT_EQ(total(), 7.0);
  auto outsider = (*service)->Read([&](Workspace& ws) {
    QueryRequest q;
    q.measures = {"tips.received"};
    q.under = "608";
    q.period = "2023";
    return RunQuery(ws, ActorOf(ws.units(), *user, "test"), q);
  });
  ASSERT_FALSE(outsider);
  EXPECT_EQ(outsider.error().code(), ErrorCode::kPermissionDenied);
}

}  // namespace
}  // namespace antq
