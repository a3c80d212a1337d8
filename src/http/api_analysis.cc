// Analysis and outputs: queries, evaluations with reasons, validation, report documents, the
// audit log and the stored-data check.
#include <fmt/format.h>

#include "app/analytics_use_cases.h"
#include "app/audit_use_cases.h"
#include "app/check_use_cases.h"
#include "app/evaluation_use_cases.h"
#include "app/events_use_cases.h"
#include "app/json_mapping.h"
#include "app/report_use_cases.h"
#include "app/validation_use_cases.h"
#include "http/api_support.h"

namespace antq::http {
namespace {

// "a,b" and repeated parameters alike: measure=a&measure=b or measure=a,b. Commas inside
// braces or parentheses belong to an expression.
std::vector<std::string> ListParam(const Request& req, const char* name) {
  std::vector<std::string> out;
  for (const std::string& item : req.QueryAll(name)) {
    std::string part;
    int depth = 0;
    for (char ch : item) {
      if (ch == '(' || ch == '{') ++depth;
      if ((ch == ')' || ch == '}') && depth > 0) --depth;
      if (ch == ',' && depth == 0) {
        if (!part.empty()) out.push_back(part);
        part.clear();
        continue;
      }
      part.push_back(ch);
    }
    if (!part.empty()) out.push_back(part);
  }
  return out;
}

// A rendered file as a download, or the error that stopped it.
Response FileAnswer(Result<RenderedReport> rendered) {
  if (!rendered) return ErrorResponseOf(rendered.error());
  Response out;
  out.content_type = rendered->media_type;
  out.body = std::move(rendered->bytes);
  out.attachment = rendered->file_name;
  return out;
}

EvaluateRequest EvaluationOf(const std::string& criteria, const std::string& under,
                             const std::string& period) {
  return {criteria, under, period};
}

}  // namespace

void AddAnalysisRoutes(Router& router, Service& service, const std::string& data_dir) {
  router.Add(
      {"GET", "/api/v1/analytics", Access::kSignedIn, 0,
       [&service](const Request& req, const PathParams&, const Caller* c) {
         QueryRequest q;
         q.measures = ListParam(req, "measure");
         q.under = req.Query("under");
         q.by = ListParam(req, "by");
         q.period = req.Query("period");
         if (!req.Query("calendar").empty()) q.calendar = req.Query("calendar");
         q.as_of = req.Query("as_of");
         q.group = req.Query("group");
         const std::string format = req.Query("format");
         const std::string language = req.Query("language").empty() ? "vi" : req.Query("language");
         // Checked even where it changes nothing (JSON), so a wrong value never passes.
         if (language != "vi" && language != "en") {
           return ErrorResponse(400, "invalid_argument", "give vi or en", "language");
         }
         if (format == "xlsx") {
           return FileAnswer(service.Read(
               [&](Workspace& ws) { return ExportQuery(ws, ActorOf(c), q, language); }));
         }
         if (!format.empty() && format != "json") {
           return ErrorResponse(400, "invalid_argument", "give json or xlsx", "format");
         }
         return Answer(service.Read([&](Workspace& ws) { return RunQuery(ws, ActorOf(c), q); }),
                       views::QueryResultJson);
       }});
  router.Add({"GET", "/api/v1/evaluations", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                const auto request =
                    EvaluationOf(req.Query("criteria"), req.Query("under"), req.Query("period"));
                return Answer(service.Read([&](Workspace& ws) {
                  return EvaluateCriteriaSet(ws, ActorOf(c), request);
                }),
                              views::EvaluationJson);
              }});
  router.Add({"POST", "/api/v1/evaluations", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto body = BodyObject(req, {"criteria", "under", "period"});
                if (!body) return ErrorResponseOf(body.error());
                std::string fields[3];
                const char* keys[3] = {"criteria", "under", "period"};
                for (int i = 0; i < 3; ++i) {
                  auto v = StringField(*body, keys[i], true);
                  if (!v) return ErrorResponseOf(v.error());
                  fields[i] = *v;
                }
                auto saved = service.Write([&](Workspace& ws) -> Result<SaveSummary> {
                  auto ev = EvaluateCriteriaSet(ws, ActorOf(c),
                                                EvaluationOf(fields[0], fields[1], fields[2]));
                  if (!ev) return Fail(ev.error());
                  return SaveEvaluation(ws, ActorOf(c), *ev);
                });
                return Answer(saved, views::SaveSummaryJson);
              }});
  router.Add(
      {"POST", "/api/v1/evaluations/confirm", Access::kSignedIn, 4096,
       [&service](const Request& req, const PathParams&, const Caller* c) {
         auto body = BodyObject(req, {"criteria", "unit", "period"});
         if (!body) return ErrorResponseOf(body.error());
         ConfirmRequest r;
         for (auto [key, out] :
              {std::pair{"criteria", &r.criteria}, {"unit", &r.unit}, {"period", &r.period}}) {
           auto v = StringField(*body, key, true);
           if (!v) return ErrorResponseOf(v.error());
           *out = *v;
         }
         return Answer(
             service.Write([&](Workspace& ws) { return ConfirmEvaluation(ws, ActorOf(c), r); }),
             views::EvaluationRecordJson);
       }});
  router.Add({"GET", "/api/v1/validation", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                return Answer(service.Read([&](Workspace& ws) {
                  return ValidateArea(
                      ws, ActorOf(c),
                      {req.Query("under"), req.Query("period"), req.Query("data_set")});
                }),
                              views::ValidationJson);
              }});
  router.Add({"GET", "/api/v1/documents/{kind}", Access::kSignedIn, 0,
              [&service, data_dir](const Request& req, const PathParams& p, const Caller* c) {
                const std::string format =
                    req.Query("format").empty() ? "pdf" : req.Query("format");
                if (format != "pdf" && format != "docx" && format != "xlsx") {
                  return ErrorResponse(400, "invalid_argument", "give pdf, docx or xlsx", "format");
                }
                ReportRequest r;
                r.kind = p.at("kind");
                r.under = req.Query("under");
                r.period = req.Query("period");
                r.layout = req.Query("layout").empty() ? "state" : req.Query("layout");
                r.language = req.Query("language").empty() ? "vi" : req.Query("language");
                r.out = "report." + format;
                r.data_dir = data_dir;
                return FileAnswer(
                    service.Read([&](Workspace& ws) { return RenderReport(ws, ActorOf(c), r); }));
              }});
  router.Add({"GET", "/api/v1/audit", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto at = DateParam(req, "at");
                if (!at) return ErrorResponseOf(at.error());
                auto limit = IntParam(req, "limit", 100, 1, 10000);
                if (!limit) return ErrorResponseOf(limit.error());
                auto rows = service.Read([&](Workspace& ws) {
                  return RecentChanges(ws, ActorOf(c), req.Query("under"),
                                       static_cast<size_t>(*limit), *at);
                });
                if (!rows) return ErrorResponseOf(rows.error());
                return Paged(req, views::AuditRows(*rows));
              }});
  router.Add({"GET", "/api/v1/audit/verify", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams&, const Caller* c) {
                return Answer(
                    service.Read([&](Workspace& ws) { return VerifyAudit(ws, ActorOf(c)); }),
                    views::AuditVerificationJson);
              }});
  router.Add({"GET", "/api/v1/check", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams&, const Caller* c) {
                return Answer(service.Read([&](Workspace& ws) {
                  return CheckStore(ws, ActorOf(c), [](int, int, const std::string&) {});
                }),
                              views::StoreCheckJson);
              }});
}

}  // namespace antq::http
