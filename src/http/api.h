#pragma once

#include <string>

#include "app/service.h"
#include "http/metrics.h"
#include "http/router.h"

namespace antq::http {

// Adds every route of the ANTQ API (/api/v1/…, /healthz, /metrics) to `router`. Each handler reads
// its parameters and body, runs one use case through `service` (reads under its shared lock, writes
// under its exclusive one) for the caller's Actor, and answers with the use case's JSON mapping
// (app/json_mapping.h) or its error. docs/openapi.json describes every route; the server serves
// that file at /api/v1/openapi.json from `openapi_path`. /metrics renders `metrics`, which must
// outlive the router.
void AddApiRoutes(Router& router, Service& service, const Metrics& metrics,
                  const std::string& openapi_path, const std::string& data_dir);

}  // namespace antq::http
