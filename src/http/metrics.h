#pragma once

#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>
#include <vector>

namespace antq::http {

// A figure read at scrape time from outside the server (the engine, the database connections),
// rendered after the server's own metrics in the order given.
struct Sample {
  std::string name;  // "antq_engine_values"
  std::string help;  // one line
  std::string type;  // "gauge" or "counter"
  double value = 0;
};

// The server's metrics in the Prometheus text exposition format 0.0.4, for GET /metrics.
//
// Requests are counted by method, route and status, and timed by route. The route is the
// router's pattern ("/api/v1/units/{code}"), "(static)" for the web app's files or "(none)" for
// a request no route took (400, 404, 405), and methods other than the standard ones count as
// "OTHER", so the number of series stays bounded whatever clients send. Durations are seconds.
//
// Thread-safe: the server's threads record while a scrape renders.
class Metrics {
 public:
  // Upper bounds of the request-duration buckets, in seconds (+Inf is implied).
  // Above 10 s: large imports and report documents.
  static constexpr std::array<double, 13> kDurationBuckets = {
      0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60};
  static constexpr std::string_view kContentType = "text/plain; version=0.0.4; charset=utf-8";
  static constexpr std::string_view kStaticRoute = "(static)";
  static constexpr std::string_view kNoRoute = "(none)";

  // `version` goes to antq_build_info; `start_time` (Unix seconds) to process_start_time_seconds.
  Metrics(std::string version, double start_time);

  void ObserveRequest(std::string_view method, std::string_view route, int status, double seconds);

  // Every metric: the requests, their durations, then process_start_time_seconds,
  // antq_build_info, then `samples`. Families and series are in a fixed (sorted) order.
  std::string Render(const std::vector<Sample>& samples) const;

 private:
  struct Durations {
    std::array<uint64_t, kDurationBuckets.size() + 1>
        buckets{};  // the last is +Inf; not cumulative
    double sum = 0;
    uint64_t count = 0;
  };

  const std::string version_;
  const double start_time_;
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, uint64_t> requests_;  // method, route, status
  std::map<std::string, Durations, std::less<>> durations_;                 // by route
};

// A label value with \, " and newline escaped as the exposition format wants.
std::string EscapeLabelValue(std::string_view value);

}  // namespace antq::http
