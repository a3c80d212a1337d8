#pragma once

// Helpers shared by the API's route files: body and parameter parsing, paging, answering with a
// use case's result. No business rule lives here: those are in the use cases.
#include <chrono>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "app/service.h"
#include "common/result.h"
#include "http/json_response.h"
#include "http/router.h"

namespace antq::http {

using nlohmann::json;

// Body limits: most bodies are small forms; imports are files.
inline constexpr size_t kFormBody = 64 * 1024;
inline constexpr size_t kLargeForm = 1024 * 1024;
inline constexpr size_t kImportBody = 64 * 1024 * 1024;

// The JSON object of a request body. Refused (400, naming the field): a body that is not JSON or
// not an object, text that is not UTF-8 (the JSON parser refuses it), a key not in `allowed`.
Result<json> BodyObject(const Request& request, std::initializer_list<const char*> allowed);

// A member of a body object: absent → `fallback`; present and of the wrong JSON type → 400
// naming the key.
Result<std::string> StringField(const json& body, const char* key, bool required = false);
Result<int64_t> IntField(const json& body, const char* key, int64_t fallback = 0);
Result<bool> BoolField(const json& body, const char* key, bool fallback = false);
// A value typed as text or as a JSON number (figures arrive either way): its text.
Result<std::string> ValueText(const json& value, const std::string& field);

// A query parameter parsed as a whole number within [min, max] (absent: `fallback`).
Result<int64_t> IntParam(const Request& request, const char* name, int64_t fallback, int64_t min,
                         int64_t max);
// A date parameter (absent: today).
Result<Date> DateParam(const Request& request, const char* name);
// A positive id in the path.
Result<int64_t> IdParam(const PathParams& params, const char* name);

// A JSON array cut to one page: {"items", "page", "page_size", "total"}; page (from 1) and
// page_size (1..1000, default 100) come from the query.
Response Paged(const Request& request, json items);

// Answers with `to_json(result)` or the error.
template <typename T, typename F>
Response Answer(const Result<T>& result, F&& to_json, int status = 200) {
  if (!result) return ErrorResponseOf(result.error());
  return JsonResponse(to_json(*result), status);
}

inline Response Answer(const Status& status, const json& body) {
  if (!status) return ErrorResponseOf(status.error());
  return JsonResponse(body);
}

// The actor of a signed-in route's caller.
inline const Actor& ActorOf(const Caller* caller) { return caller->auth.actor; }

}  // namespace antq::http

namespace antq::http {

// The route groups, one file each (api_*.cc).
void AddSessionRoutes(Router& router, Service& service);
void AddUnitRoutes(Router& router, Service& service);
void AddReportRoutes(Router& router, Service& service);
void AddEventRoutes(Router& router, Service& service);
void AddAnalysisRoutes(Router& router, Service& service, const std::string& data_dir);
void AddInspectionRoutes(Router& router, Service& service);
void AddDataValueRoutes(Router& router, Service& service);
class Metrics;
// /healthz and /metrics: public, for monitoring on the same machine.
void AddMonitoringRoutes(Router& router, Service& service, const Metrics& metrics);

}  // namespace antq::http
