// The metrics registry's exact text (Prometheus exposition format 0.0.4), its bounded labels and
// its thread safety, and the /metrics and /healthz routes over a real Service.
#include "http/metrics.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <thread>
#include <vector>

#include "app/service.h"
#include "app/units_use_cases.h"
#include "http/api.h"
#include "unit/temp_dir.h"

namespace antq::http {
namespace {

TEST(MetricsTest, RendersTheExactExpositionText) {
  Metrics metrics("1.2.3", 1733475307.5);
  // Durations that binary floating point holds exactly, so that their sum prints exactly.
  metrics.ObserveRequest("GET", "/api/v1/units/{code}", 200, 0.00390625);
  metrics.ObserveRequest("GET", "/api/v1/units/{code}", 200, 0.125);
  metrics.ObserveRequest("GET", "/api/v1/units/{code}", 404, 0.0078125);
  metrics.ObserveRequest("POST", "/api/v1/session", 201, 75);
  const std::string expected =
      R"(# HELP antq_http_requests_total HTTP requests answered, by method, route and status.
# TYPE antq_http_requests_total counter
antq_http_requests_total{method="GET",route="/api/v1/units/{code}",status="200"} 2
antq_http_requests_total{method="GET",route="/api/v1/units/{code}",status="404"} 1
antq_http_requests_total{method="POST",route="/api/v1/session",status="201"} 1
# HELP antq_http_request_duration_seconds Time from a request's headers to the end of its answer, by route.
# TYPE antq_http_request_duration_seconds histogram
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.005"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.01"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.025"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.05"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.1"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.25"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="0.5"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="1"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="2.5"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="5"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="10"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="30"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="60"} 0
antq_http_request_duration_seconds_bucket{route="/api/v1/session",le="+Inf"} 1
antq_http_request_duration_seconds_sum{route="/api/v1/session"} 75
antq_http_request_duration_seconds_count{route="/api/v1/session"} 1
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.005"} 1
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.01"} 2
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.025"} 2
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.05"} 2
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.1"} 2
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.25"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="0.5"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="1"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="2.5"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="5"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="10"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="30"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="60"} 3
antq_http_request_duration_seconds_bucket{route="/api/v1/units/{code}",le="+Inf"} 3
antq_http_request_duration_seconds_sum{route="/api/v1/units/{code}"} 0.13671875
antq_http_request_duration_seconds_count{route="/api/v1/units/{code}"} 3
# HELP process_start_time_seconds Start time of the process since the Unix epoch.
# TYPE process_start_time_seconds gauge
process_start_time_seconds 1733475307.5
# HELP antq_build_info The running antq's version; the value is always 1.
# TYPE antq_build_info gauge
antq_build_info{version="1.2.3"} 1
# HELP antq_engine_values Values held by the analytics engine.
# TYPE antq_engine_values gauge
antq_engine_values 527800
)";
  EXPECT_EQ(metrics.Render(
                {{"antq_engine_values", "Values held by the analytics engine.", "gauge", 527800}}),
            expected);
}

TEST(MetricsTest, NothingObservedStillDescribesTheFamilies) {
  Metrics metrics("0.1.0", 0);
  EXPECT_EQ(metrics.Render({}),
            "# HELP antq_http_requests_total HTTP requests answered, by method, route and status.\n"
            "# TYPE antq_http_requests_total counter\n"
            "# HELP antq_http_request_duration_seconds Time from a request's headers to the end "
            "of its answer, by route.\n"
            "# TYPE antq_http_request_duration_seconds histogram\n"
            "# HELP process_start_time_seconds Start time of the process since the Unix epoch.\n"
            "# TYPE process_start_time_seconds gauge\n"
            "process_start_time_seconds 0\n"
            "# HELP antq_build_info The running antq's version; the value is always 1.\n"
            "# TYPE antq_build_info gauge\n"
            "antq_build_info{version=\"0.1.0\"} 1\n");
}

TEST(MetricsTest, UnknownMethodsShareOneLabelAndLabelValuesAreEscaped) {
  Metrics metrics("a\"b\\c\nd", 0);
  metrics.ObserveRequest("BREW", "(none)", 405, 0.001);
  metrics.ObserveRequest("PROPFIND", "(none)", 405, 0.001);
  const std::string text = metrics.Render({});
  EXPECT_NE(
      text.find("antq_http_requests_total{method=\"OTHER\",route=\"(none)\",status=\"405\"} 2\n"),
      std::string::npos)
      << text;
  EXPECT_EQ(text.find("BREW"), std::string::npos);
  EXPECT_NE(text.find("antq_build_info{version=\"a\\\"b\\\\c\\nd\"} 1\n"), std::string::npos)
      << text;
  EXPECT_EQ(EscapeLabelValue("/api/v1/units/{code}"), "/api/v1/units/{code}");
}

TEST(MetricsTest, BucketBoundsAreInclusiveAndSpecialValuesAreSpelledOut) {
  Metrics metrics("v", 0);
  metrics.ObserveRequest("GET", "/healthz", 200, 0.005);  // le="0.005" holds exactly 0.005
  const std::string text = metrics.Render({{"x_nan", "h", "gauge", std::nan("")}});
  EXPECT_NE(
      text.find("antq_http_request_duration_seconds_bucket{route=\"/healthz\",le=\"0.005\"} 1\n"),
      std::string::npos)
      << text;
  EXPECT_NE(text.find("x_nan NaN\n"), std::string::npos) << text;
}

TEST(MetricsTest, ConcurrentRecordingLosesNothing) {
  Metrics metrics("v", 0);
  constexpr int kThreads = 4;
  constexpr int kEach = 2000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < kEach; ++i) {
        metrics.ObserveRequest("GET", "/healthz", 200, 0.001);
        if (i % 100 == 0) (void)metrics.Render({});
      }
    });
  }
  for (std::thread& t : threads) t.join();
  const std::string text = metrics.Render({});
  EXPECT_NE(
      text.find("antq_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} " +
                std::to_string(kThreads * kEach) + "\n"),
      std::string::npos)
      << text;
}

// The two monitoring routes as the server calls them, over a real database.
class MetricsRoutesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = dir_ / "antq.db";
    ASSERT_TRUE(InitDatabase("sqlite:" + db_path_.string(), ANTQ_SOURCE_DATA_DIR));
    auto service = Service::Open("sqlite:" + db_path_.string());
    ASSERT_TRUE(service) << service.error().ToString();
    service_ = std::move(*service);
    AddApiRoutes(router_, *service_, metrics_, "", "");
  }
  // Runs GET `path` on the calling thread.
  Response Call(const std::string& path) {
    Request req;
    req.method = "GET";
    req.path = path;
    auto match = router_.Find("GET", path, nullptr);
    if (!match) return Response{404};
    return match->route->handler(req, match->params, nullptr);
  }
  // Runs GET `path` on a new thread, as a server worker would: a thread that reads opens a
  // database connection of its own. (Connections are kept by thread id, which the system may
  // reuse once a thread has ended; the tests read from the main thread, which stays alive.)
  Response OnNewThread(const std::string& path) {
    Response out;
    std::thread worker([&] { out = Call(path); });
    worker.join();
    return out;
  }

  antq::testing::TempDir dir_{"antq-metrics-routes"};
  std::filesystem::path db_path_;
  std::unique_ptr<Service> service_;
  Metrics metrics_{"0.1.0", 1700000000};
  Router router_;
};

TEST_F(MetricsRoutesTest, MetricsNameTheEngineAndTheConnections) {
  ASSERT_EQ(Call("/healthz").status, 200);  // the reading thread opens its connection
  metrics_.ObserveRequest("GET", "/healthz", 200, 0.002);
  const Response r = Call("/metrics");
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.content_type, "text/plain; version=0.0.4; charset=utf-8");
  for (const char* line :
       {"antq_http_requests_total{method=\"GET\",route=\"/healthz\",status=\"200\"} 1\n",
        "process_start_time_seconds 1700000000\n", "antq_build_info{version=\"0.1.0\"} 1\n",
        "# TYPE antq_engine_values gauge\nantq_engine_values 0\n",
        "# TYPE antq_engine_last_refresh_age_seconds gauge\n",
        "# TYPE antq_engine_reloads_total counter\nantq_engine_reloads_total 0\n",
        "# TYPE antq_engine_refresh_failures_total counter\n",
        "antq_db_connections 2\n",  // the writer's and the reading thread's
        "antq_db_connections_in_use 0\n"}) {
    EXPECT_NE(r.body.find(line), std::string::npos) << line << "\n" << r.body;
  }
}

TEST_F(MetricsRoutesTest, HealthIsOkWhenTheDatabaseReadsAnd503WhenItCannot) {
  const Response ok = Call("/healthz");
  EXPECT_EQ(ok.status, 200);
  EXPECT_EQ(ok.body, R"({"status":"ok"})");
  // A new reading thread must open the database again: with the file gone, it cannot.
  std::filesystem::remove(db_path_);
  std::filesystem::remove(db_path_.string() + "-wal");
  std::filesystem::remove(db_path_.string() + "-shm");
  const Response down = OnNewThread("/healthz");
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(
      down.body,
      R"({"error":{"code":"unavailable","field":"db","message":"the database cannot be read"}})");
}

}  // namespace
}  // namespace antq::http
