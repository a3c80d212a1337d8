#include "http/metrics.h"

#include <fmt/format.h>

#include <cmath>
#include <iterator>
#include <utility>

namespace antq::http {
namespace {

// Values as the exposition format writes them: shortest round-trip decimals, +Inf, NaN.
std::string Number(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "+Inf" : "-Inf";
  return fmt::format("{}", v);
}

std::string_view MethodLabel(std::string_view method) {
  for (std::string_view known : {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}) {
    if (method == known) return known;
  }
  return "OTHER";
}

void Family(std::string& out, std::string_view name, std::string_view help, std::string_view type) {
  fmt::format_to(std::back_inserter(out), "# HELP {} {}\n# TYPE {} {}\n", name, help, name, type);
}

}  // namespace

std::string EscapeLabelValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  for (char c : value) {
    if (c == '\\') {
      out += "\\\\";
    } else if (c == '"') {
      out += "\\\"";
    } else if (c == '\n') {
      out += "\\n";
    } else {
      out += c;
    }
  }
  return out;
}

Metrics::Metrics(std::string version, double start_time)
    : version_(std::move(version)), start_time_(start_time) {}

void Metrics::ObserveRequest(std::string_view method, std::string_view route, int status,
                             double seconds) {
  size_t bucket = 0;
  while (bucket < kDurationBuckets.size() && seconds > kDurationBuckets[bucket]) ++bucket;
  std::lock_guard lock(mu_);
  ++requests_[{std::string(MethodLabel(method)), std::string(route), status}];
  auto it = durations_.find(route);
  if (it == durations_.end()) it = durations_.emplace(std::string(route), Durations{}).first;
  ++it->second.buckets[bucket];
  it->second.sum += seconds;
  ++it->second.count;
}

std::string Metrics::Render(const std::vector<Sample>& samples) const {
  std::string out;
  auto back = std::back_inserter(out);
  {
    std::lock_guard lock(mu_);
    Family(out, "antq_http_requests_total", "HTTP requests answered, by method, route and status.",
           "counter");
    for (const auto& [key, n] : requests_) {
      const auto& [method, route, status] = key;
      fmt::format_to(back,
                     "antq_http_requests_total{{method=\"{}\",route=\"{}\",status=\"{}\"}} {}\n",
                     method, EscapeLabelValue(route), status, n);
    }
    Family(out, "antq_http_request_duration_seconds",
           "Time from a request's headers to the end of its answer, by route.", "histogram");
    for (const auto& [route, d] : durations_) {
      const std::string label = EscapeLabelValue(route);
      uint64_t cumulative = 0;
      for (size_t i = 0; i < d.buckets.size(); ++i) {
        cumulative += d.buckets[i];
        const std::string le = i < kDurationBuckets.size() ? Number(kDurationBuckets[i]) : "+Inf";
        fmt::format_to(back,
                       "antq_http_request_duration_seconds_bucket{{route=\"{}\",le=\"{}\"}} {}\n",
                       label, le, cumulative);
      }
      fmt::format_to(back, "antq_http_request_duration_seconds_sum{{route=\"{}\"}} {}\n", label,
                     Number(d.sum));
      fmt::format_to(back, "antq_http_request_duration_seconds_count{{route=\"{}\"}} {}\n", label,
                     d.count);
    }
  }
  Family(out, "process_start_time_seconds", "Start time of the process since the Unix epoch.",
         "gauge");
  fmt::format_to(back, "process_start_time_seconds {}\n", Number(start_time_));
  Family(out, "antq_build_info", "The running antq's version; the value is always 1.", "gauge");
  fmt::format_to(back, "antq_build_info{{version=\"{}\"}} 1\n", EscapeLabelValue(version_));
  for (const Sample& s : samples) {
    Family(out, s.name, s.help, s.type);
    fmt::format_to(back, "{} {}\n", s.name, Number(s.value));
  }
  return out;
}

}  // namespace antq::http
