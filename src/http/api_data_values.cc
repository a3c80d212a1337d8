// DHIS2's dataValueSets endpoint (/api/dataValueSets, also under /api/v1/): import JSON or CSV
// with DHIS2's import summary, and export an area's figures in either format.
#include <fmt/format.h>

#include <sstream>

#include "app/data_value_use_cases.h"
#include "app/json_mapping.h"
#include "http/api_support.h"

namespace antq::http {
namespace {

// The format a Content-Type or Accept header names: CSV (DHIS2 takes application/csv), ADX
// (application/adx+xml), else JSON.
std::string FormatOf(const std::string& media_type) {
  if (media_type.find("csv") != std::string::npos) return "dvs-csv";
  if (media_type.find("adx") != std::string::npos) return "adx";
  return "dvs-json";
}

Response Import(Service& service, const Request& req, const Caller* c) {
  ImportOptions options;
  const std::string dry_run = req.Query("dryRun");
  if (!dry_run.empty() && dry_run != "true" && dry_run != "false") {
    return ErrorResponse(400, "invalid_argument", "give true or false", "dryRun");
  }
  options.dry_run = dry_run == "true";
  const std::string atomic = req.Query("atomicMode");
  if (!atomic.empty() && atomic != "ALL" && atomic != "NONE") {
    return ErrorResponse(400, "invalid_argument", "give ALL or NONE", "atomicMode");
  }
  options.skip_invalid = atomic == "NONE";
  if (!req.Query("importStrategy").empty()) {
    auto strategy = ParseImportStrategy(req.Query("importStrategy"));
    if (!strategy) return ErrorResponseOf(strategy.error().At("importStrategy"));
    options.strategy = *strategy;
  }
  options.format = FormatOf(req.Header("content-type"));
  const std::string name = req.Query("fileName").empty() ? "body" : req.Query("fileName");
  auto summary = service.Write([&](Workspace& ws) {
    return ImportDataValueFile(ws, ActorOf(c), req.body, name, options, Date::Today());
  });
  if (!summary) return ErrorResponseOf(summary.error());
  // DHIS2 answers a refused import with 409 and the same summary.
  return JsonResponse(views::ImportSummaryJson(*summary), summary->status == "ERROR" ? 409 : 200);
}

Response Export(Service& service, const Request& req, const Caller* c) {
  const std::string format = req.Query("format");
  if (!format.empty() && format != "json" && format != "csv" && format != "adx") {
    return ErrorResponse(400, "invalid_argument", "give json, csv or adx", "format");
  }
  const std::string chosen = format == "csv"    ? "dvs-csv"
                             : format == "adx"  ? "adx"
                             : format == "json" ? "dvs-json"
                                                : FormatOf(req.Header("accept"));
  ExportRequest request{req.Query("orgUnit"), req.Query("period"), req.Query("dataSet")};
  auto values =
      service.Read([&](Workspace& ws) { return ExportDataValues(ws, ActorOf(c), request); });
  if (!values) {
    // The use case names its own fields; the endpoint's parameters have DHIS2's names.
    const Error& e = values.error();
    const std::string field = e.where() == "under"      ? "orgUnit"
                              : e.where() == "data_set" ? "dataSet"
                                                        : e.where();
    return ErrorResponseOf(e.At(field));
  }
  std::ostringstream out;
  if (auto s = WriteDataValueSet(*values, chosen, out); !s) return ErrorResponseOf(s.error());
  Response r;
  r.content_type = chosen == "dvs-csv" ? "application/csv; charset=utf-8"
                   : chosen == "adx"   ? "application/adx+xml; charset=utf-8"
                                       : "application/json";
  r.body = out.str();
  return r;
}

}  // namespace

void AddDataValueRoutes(Router& router, Service& service) {
  for (const char* base : {"/api/dataValueSets", "/api/v1/dataValueSets"}) {
    router.Add({"POST", base, Access::kSignedIn, kImportBody,
                [&service](const Request& req, const PathParams&, const Caller* c) {
                  return Import(service, req, c);
                }});
    router.Add({"GET", base, Access::kSignedIn, 0,
                [&service](const Request& req, const PathParams&, const Caller* c) {
                  return Export(service, req, c);
                }});
  }
}

}  // namespace antq::http
