// Inspections: open one, freeze its evaluation results, record findings and recommendations,
// and follow the recommendations up.
#include "app/inspection_use_cases.h"
#include "app/json_mapping.h"
#include "http/api_support.h"

namespace antq::http {

void AddInspectionRoutes(Router& router, Service& service) {
  router.Add({"GET", "/api/v1/inspections", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto list =
                    service.Read([&](Workspace& ws) { return ListInspections(ws, ActorOf(c)); });
                if (!list) return ErrorResponseOf(list.error());
                json items = json::array();
                for (const Inspection& i : *list) items.push_back(views::InspectionJson(i));
                return Paged(req, std::move(items));
              }});
  router.Add({"POST", "/api/v1/inspections", Access::kSignedIn, 64 * 1024,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto body = BodyObject(req, {"decision_number", "decision_date", "issuing_body",
                                             "subject", "scope", "scope_at", "period", "team"});
                if (!body) return ErrorResponseOf(body.error());
                NewInspection in;
                for (auto [key, out] : {std::pair{"decision_number", &in.decision_number},
                                        {"decision_date", &in.decision_date},
                                        {"issuing_body", &in.issuing_body},
                                        {"subject", &in.subject},
                                        {"scope", &in.scope},
                                        {"scope_at", &in.scope_at},
                                        {"period", &in.period}}) {
                  auto v = StringField(*body, key);
                  if (!v) return ErrorResponseOf(v.error());
                  *out = *v;
                }
                if (body->contains("team")) {
                  const json& team = body->at("team");
                  if (!team.is_array() || team.size() > 50) {
                    return ErrorResponse(400, "invalid_argument",
                                         "must be a list of {title, body, user}", "team");
                  }
                  for (const json& m : team) {
                    if (!m.is_object()) {
                      return ErrorResponse(400, "invalid_argument", "must be an object", "team");
                    }
                    TeamMember member;
                    for (auto [key, out] : {std::pair{"title", &member.title},
                                            {"body", &member.body},
                                            {"user", &member.user}}) {
                      auto v = StringField(m, key);
                      if (!v) return ErrorResponseOf(v.error().At(std::string("team.") + key));
                      *out = *v;
                    }
                    if (m.contains("head")) {
                      if (!m.at("head").is_boolean()) {
                        return ErrorResponse(400, "invalid_argument", "must be true or false",
                                             "team.head");
                      }
                      member.head = m.at("head").get<bool>();
                    }
                    in.team.push_back(std::move(member));
                  }
                }
                return Answer(service.Write([&](Workspace& ws) {
                  return OpenInspection(ws, ActorOf(c), in);
                }),
                              views::InspectionJson, 201);
              }});
  router.Add({"GET", "/api/v1/inspections/{id}", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams& p, const Caller* c) {
                auto id = IdParam(p, "id");
                if (!id) return ErrorResponseOf(id.error());
                return service.Read([&](Workspace& ws) {
                  auto details = GetInspection(ws, ActorOf(c), *id);
                  if (!details) return ErrorResponseOf(details.error());
                  return JsonResponse(views::InspectionDetailsJson(ws, *details, Date::Today()));
                });
              }});
  router.Add({"POST", "/api/v1/inspections/{id}/snapshot", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams& p, const Caller* c) {
                auto id = IdParam(p, "id");
                if (!id) return ErrorResponseOf(id.error());
                return Answer(
                    service.Write([&](Workspace& ws) { return TakeSnapshot(ws, ActorOf(c), *id); }),
                    views::InspectionJson);
              }});
  router.Add({"POST", "/api/v1/inspections/{id}/findings", Access::kSignedIn, kLargeForm,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto id = IdParam(p, "id");
                if (!id) return ErrorResponseOf(id.error());
                auto body = BodyObject(req, {"text", "unit"});
                if (!body) return ErrorResponseOf(body.error());
                auto text = StringField(*body, "text", true);
                if (!text) return ErrorResponseOf(text.error());
                auto unit = StringField(*body, "unit");
                if (!unit) return ErrorResponseOf(unit.error());
                auto finding = service.Write(
                    [&](Workspace& ws) { return AddFinding(ws, ActorOf(c), *id, *text, *unit); });
                return Answer(
                    finding,
                    [](const Finding& f) {
                      return json{{"id", f.id}, {"inspection", f.inspection_id}, {"text", f.text}};
                    },
                    201);
              }});
  router.Add({"POST", "/api/v1/inspections/{id}/recommendations", Access::kSignedIn, 64 * 1024,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto id = IdParam(p, "id");
                if (!id) return ErrorResponseOf(id.error());
                auto body = BodyObject(req, {"text", "responsible_unit", "deadline"});
                if (!body) return ErrorResponseOf(body.error());
                NewRecommendation in;
                for (auto [key, out] : {std::pair{"text", &in.text},
                                        {"responsible_unit", &in.responsible_unit},
                                        {"deadline", &in.deadline}}) {
                  auto v = StringField(*body, key, true);
                  if (!v) return ErrorResponseOf(v.error());
                  *out = *v;
                }
                return service.Write([&](Workspace& ws) {
                  auto r = AddRecommendation(ws, ActorOf(c), *id, in);
                  if (!r) return ErrorResponseOf(r.error());
                  const auto versions = ws.units().VersionsOfUnit(r->responsible_unit);
                  return JsonResponse(
                      views::RecommendationRowJson({*r, r->StatusOn(Date::Today()),
                                                    versions.empty() ? nullptr : versions.back()}),
                      201);
                });
              }});
  router.Add({"GET", "/api/v1/recommendations", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto inspection = IntParam(req, "inspection", 0, 0, INT64_MAX);
                if (!inspection) return ErrorResponseOf(inspection.error());
                auto rows = service.Read([&](Workspace& ws) {
                  return FollowUp(ws, ActorOf(c), *inspection, req.Query("status"), Date::Today());
                });
                if (!rows) return ErrorResponseOf(rows.error());
                return Paged(req, views::FollowUpJson(*rows));
              }});
  router.Add(
      {"PATCH", "/api/v1/recommendations/{id}", Access::kSignedIn, 64 * 1024,
       [&service](const Request& req, const PathParams& p, const Caller* c) {
         auto id = IdParam(p, "id");
         if (!id) return ErrorResponseOf(id.error());
         auto body = BodyObject(req, {"status", "evidence"});
         if (!body) return ErrorResponseOf(body.error());
         RecommendationUpdate update;
         if (body->contains("status")) {
           auto status = StringField(*body, "status", true);
           if (!status) return ErrorResponseOf(status.error());
           update.status = *status;
         }
         auto evidence = StringField(*body, "evidence");
         if (!evidence) return ErrorResponseOf(evidence.error());
         update.evidence = *evidence;
         return service.Write([&](Workspace& ws) {
           auto r = UpdateRecommendation(ws, ActorOf(c), *id, update, Date::Today());
           if (!r) return ErrorResponseOf(r.error());
           const auto versions = ws.units().VersionsOfUnit(r->responsible_unit);
           return JsonResponse(views::RecommendationRowJson(
               {*r, r->StatusOn(Date::Today()), versions.empty() ? nullptr : versions.back()}));
         });
       }});
}

}  // namespace antq::http
