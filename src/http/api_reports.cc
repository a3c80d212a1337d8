// Data entry and the reporting workflow: one report's form, its figures, its transitions and
// history; the state of every report of an area; stored figures under an area.
#include <fmt/format.h>

#include "app/json_mapping.h"
#include "app/values_use_cases.h"
#include "app/workflow_use_cases.h"
#include "http/api_support.h"

namespace antq::http {
namespace {

constexpr const char* kReport = "/api/v1/data-sets/{data_set}/reports/{unit}/{period}";

ReportKey KeyOf(const PathParams& p) { return {p.at("unit"), p.at("data_set"), p.at("period")}; }

Result<std::vector<ValueInput>> ValuesOf(const json& body) {
  auto it = body.find("values");
  if (it == body.end() || !it->is_array()) {
    return Fail(ErrorCode::kInvalidArgument,
                "is required: a list of {element, option, value, comment}", "values");
  }
  if (it->size() > 1000) {
    return Fail(ErrorCode::kInvalidArgument, "at most 1000 values in one save", "values");
  }
  std::vector<ValueInput> out;
  for (size_t i = 0; i < it->size(); ++i) {
    const json& item = (*it)[i];
    const std::string where = fmt::format("values[{}]", i);
    if (!item.is_object()) {
      return Fail(ErrorCode::kInvalidArgument, "must be an object", where);
    }
    for (const auto& [key, v] : item.items()) {
      if (key != "element" && key != "option" && key != "value" && key != "comment") {
        return Fail(ErrorCode::kInvalidArgument,
                    "unknown field; a value takes element, option, value, comment",
                    where + "." + (key.size() > 64 ? key.substr(0, 64) : key));
      }
    }
    ValueInput in;
    auto element = StringField(item, "element", true);
    if (!element) return Fail(element.error().At(where + ".element"));
    in.element = *element;
    auto option = StringField(item, "option");
    if (!option) return Fail(option.error().At(where + ".option"));
    in.option = *option;
    if (!item.contains("value")) {
      return Fail(ErrorCode::kInvalidArgument, "is required", where + ".value");
    }
    auto value = ValueText(item.at("value"), where + ".value");
    if (!value) return Fail(value.error());
    in.value = *value;
    auto comment = StringField(item, "comment");
    if (!comment) return Fail(comment.error().At(where + ".comment"));
    in.comment = *comment;
    out.push_back(std::move(in));
  }
  return out;
}

}  // namespace

void AddReportRoutes(Router& router, Service& service) {
  router.Add({"GET", kReport, Access::kSignedIn, 0,
              [&service](const Request&, const PathParams& p, const Caller* c) {
                return Answer(service.Read([&](Workspace& ws) {
                  return GetReportForm(ws, ActorOf(c), KeyOf(p), Date::Today());
                }),
                              views::ReportFormJson);
              }});
  router.Add({"PUT", kReport, Access::kSignedIn, kLargeForm,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto body = BodyObject(req, {"values"});
                if (!body) return ErrorResponseOf(body.error());
                auto values = ValuesOf(*body);
                if (!values) return ErrorResponseOf(values.error());
                return Answer(service.Write([&](Workspace& ws) {
                  return SetValues(ws, ActorOf(c), KeyOf(p), *values, Date::Today());
                }),
                              views::WriteSummaryJson);
              }});
  router.Add({"DELETE", kReport, Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                return Answer(service.Write([&](Workspace& ws) {
                  return ClearValues(ws, ActorOf(c), KeyOf(p), req.QueryAll("element"));
                }),
                              views::WriteSummaryJson);
              }});
  router.Add({"POST", std::string(kReport) + "/submit", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams& p, const Caller* c) {
                auto result = service.Write(
                    [&](Workspace& ws) { return SubmitReport(ws, ActorOf(c), KeyOf(p)); });
                if (result && !result->submitted && !result->already) {
                  // Refused by the validation rules: the report stays a draft.
                  return JsonResponse(views::SubmitResultJson(*result), 409);
                }
                return Answer(result, views::SubmitResultJson);
              }});
  struct Transition {
    const char* path;
    bool comment;
    Result<ReportStatus> (*run)(Workspace&, const Actor&, const ReportKey&, const std::string&);
  };
  const Transition transitions[] = {
      {"/approve", false,
       [](Workspace& ws, const Actor& a, const ReportKey& k, const std::string&) {
         return ApproveReport(ws, a, k);
       }},
      {"/return", true,
       [](Workspace& ws, const Actor& a, const ReportKey& k, const std::string& why) {
         return ReturnReport(ws, a, k, why);
       }},
      {"/lock", false,
       [](Workspace& ws, const Actor& a, const ReportKey& k, const std::string&) {
         return LockReport(ws, a, k);
       }},
      {"/unlock", true,
       [](Workspace& ws, const Actor& a, const ReportKey& k, const std::string& why) {
         return UnlockReport(ws, a, k, why);
       }},
  };
  for (const Transition& t : transitions) {
    router.Add({"POST", std::string(kReport) + t.path, Access::kSignedIn,
                t.comment ? size_t{8192} : size_t{0},
                [&service, t](const Request& req, const PathParams& p, const Caller* c) {
                  std::string comment;
                  if (t.comment) {
                    auto body = BodyObject(req, {"comment"});
                    if (!body) return ErrorResponseOf(body.error());
                    auto text = StringField(*body, "comment", true);
                    if (!text) return ErrorResponseOf(text.error());
                    comment = *text;
                  }
                  return Answer(service.Write([&](Workspace& ws) {
                    return t.run(ws, ActorOf(c), KeyOf(p), comment);
                  }),
                                views::ReportStatusJson);
                }});
  }
  router.Add({"GET", std::string(kReport) + "/history", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto rows = service.Read(
                    [&](Workspace& ws) { return ReportHistory(ws, ActorOf(c), KeyOf(p), 10000); });
                if (!rows) return ErrorResponseOf(rows.error());
                json items = json::array();
                for (const AuditEntry& e : *rows) items.push_back(views::AuditEntryJson(e));
                return Paged(req, std::move(items));
              }});
  router.Add({"GET", "/api/v1/data-sets/{data_set}/status", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto overview = service.Read([&](Workspace& ws) {
                  return ReportStatusOverview(ws, ActorOf(c),
                                              {p.at("data_set"), req.Query("under"),
                                               req.Query("period"), req.QueryAll("state")},
                                              Date::Today());
                });
                if (!overview) return ErrorResponseOf(overview.error());
                json out = views::StatusOverviewJson(*overview);
                // The rows are paged like every list; the counts and rates cover them all.
                Response page = Paged(req, std::move(out["rows"]));
                if (page.status != 200) return page;
                out["rows"] = json::parse(page.body);
                return JsonResponse(out);
              }});
  router.Add({"GET", "/api/v1/values", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                ValuesQuery q;
                q.under = req.Query("under");
                q.elements = req.QueryAll("element");
                q.data_set = req.Query("data_set");
                q.period = req.Query("period");
                if (q.elements.empty() && q.data_set.empty()) {
                  return ErrorResponse(400, "invalid_argument",
                                       "name the figures: data_set or element", "data_set");
                }
                if (!req.Query("level").empty()) {
                  auto level = ParseUnitLevel(req.Query("level"));
                  if (!level) return ErrorResponseOf(level.error().At("level"));
                  q.level = *level;
                }
                auto rows =
                    service.Read([&](Workspace& ws) { return GetValues(ws, ActorOf(c), q); });
                if (!rows) return ErrorResponseOf(rows.error());
                return Paged(req, views::ValueRows(*rows));
              }});
}

}  // namespace antq::http
