#include <iostream>

#include "http/api_support.h"
#include "http/metrics.h"

namespace antq::http {

void AddMonitoringRoutes(Router& router, Service& service, const Metrics& metrics) {
  router.Add({"GET", "/healthz", Access::kPublic, 0,
              [&service](const Request&, const PathParams&, const Caller*) {
                if (auto s = service.CheckDatabase(); !s) {
                  // The details (a path, a driver's message) go to the log, not to whoever
                  // can reach this public route.
                  std::cerr << "antq serve: health check: " << s.error().ToString() << "\n";
                  return ErrorResponse(503, "unavailable", "the database cannot be read", "db");
                }
                return JsonResponse({{"status", "ok"}});
              }});
  router.Add({"GET", "/metrics", Access::kPublic, 0,
              [&service, &metrics](const Request&, const PathParams&, const Caller*) {
                const Service::Stats s = service.stats();
                Response r;
                r.content_type = std::string(Metrics::kContentType);
                r.body = metrics.Render({
                    {"antq_engine_values", "Values held by the analytics engine.", "gauge",
                     static_cast<double>(s.engine_values)},
                    {"antq_engine_last_refresh_age_seconds",
                     "Seconds since the data in memory was last known to match the database.",
                     "gauge", s.seconds_since_sync},
                    {"antq_engine_reloads_total",
                     "Full reloads from the database after another process committed.", "counter",
                     static_cast<double>(s.reloads)},
                    {"antq_engine_refresh_failures_total",
                     "Failed checks or reloads from the database (each one is also logged).",
                     "counter", static_cast<double>(s.refresh_failures)},
                    {"antq_db_connections",
                     "Open database connections: the writer's and one per thread that has read.",
                     "gauge", static_cast<double>(s.db_connections)},
                    {"antq_db_connections_in_use",
                     "Database connections lent to a read or a write in progress.", "gauge",
                     static_cast<double>(s.db_connections_in_use)},
                });
                return r;
              }});
}

}  // namespace antq::http
