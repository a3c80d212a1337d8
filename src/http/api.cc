#include "http/api.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <thread>

#include "app/account_use_cases.h"
#include "app/json_mapping.h"
#include "app/units_use_cases.h"
#include "http/api_support.h"
#include "http/server.h"

namespace antq::http {
namespace {

std::string SessionCookie(const std::string& token, const std::string& max_age, bool secure) {
  return fmt::format("{}={}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{}", kSessionCookie,
                     token, max_age, secure ? "; Secure" : "");
}

json SessionJson(const Actor& actor, const std::string& csrf, const std::string& expires_at) {
  auto scope = [](const UnitScope& s) {
    return s.everything() ? json() : json{{"code", s.code}, {"as_of", s.as_of.ToString()}};
  };
  return {{"username", actor.user},
          {"role", RoleName(actor.role)},
          {"scope", scope(actor.entry)},
          {"view_scope", scope(actor.view)},
          {"inspection", actor.inspection ? json(actor.inspection) : json()},
          {"csrf_token", csrf.empty() ? json() : json(csrf)},
          {"expires_at", expires_at.empty() ? json() : json(expires_at)}};
}

}  // namespace

void AddSessionRoutes(Router& router, Service& service) {
  router.Add(
      {"POST", "/api/v1/session", Access::kPublic, 4096,
       [&service](const Request& req, const PathParams&, const Caller*) {
         auto body = BodyObject(req, {"username", "password"});
         if (!body) return ErrorResponseOf(body.error());
         auto name = StringField(*body, "username", true);
         if (!name) return ErrorResponseOf(name.error());
         auto password = StringField(*body, "password", true);
         if (!password) return ErrorResponseOf(password.error());
         auto signed_in = service.Write([&](Workspace& ws) {
           return service.sessions().SignIn(ws, *name, *password, req.client);
         });
         if (!signed_in) {
           // A short pause on every failure slows guessing down further.
           std::this_thread::sleep_for(std::chrono::milliseconds(400));
           return ErrorResponseOf(signed_in.error());
         }
         Response r = JsonResponse(
             SessionJson(signed_in->actor, signed_in->csrf_token, signed_in->expires_at), 201);
         r.headers.emplace_back("Set-Cookie", SessionCookie(signed_in->token, "28800", req.secure));
         return r;
       }});
  router.Add({"GET", "/api/v1/session", Access::kSignedIn, 0,
              [](const Request&, const PathParams&, const Caller* c) {
                return JsonResponse(SessionJson(ActorOf(c), c->auth.csrf_token, ""));
              }});
  router.Add({"DELETE", "/api/v1/session", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto done = service.Write([&](Workspace& ws) {
                  return service.sessions().SignOut(ws, c->token, ActorOf(c));
                });
                if (!done) return ErrorResponseOf(done.error());
                Response r = JsonResponse({{"signed_out", true}});
                r.headers.emplace_back("Set-Cookie", SessionCookie("", "0", req.secure));
                return r;
              }});
  router.Add({"DELETE", "/api/v1/sessions", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto done = service.Write([&](Workspace& ws) {
                  return service.sessions().SignOutEverywhere(ws, ActorOf(c));
                });
                if (!done) return ErrorResponseOf(done.error());
                Response r = JsonResponse({{"signed_out", true}, {"everywhere", true}});
                r.headers.emplace_back("Set-Cookie", SessionCookie("", "0", req.secure));
                return r;
              }});
  router.Add({"PUT", "/api/v1/session/password", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto body = BodyObject(req, {"current_password", "new_password"});
                if (!body) return ErrorResponseOf(body.error());
                auto current = StringField(*body, "current_password", true);
                if (!current) return ErrorResponseOf(current.error());
                auto next = StringField(*body, "new_password", true);
                if (!next) return ErrorResponseOf(next.error());
                auto done = service.Write([&](Workspace& ws) {
                  return ChangeOwnPassword(ws, ActorOf(c), *current, *next);
                });
                service.sessions().ForgetAll();
                return Answer(done, {{"changed", true}});
              }});
  router.Add({"POST", "/api/v1/tokens", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto body = BodyObject(req, {"label", "days", "username"});
                if (!body) return ErrorResponseOf(body.error());
                auto label = StringField(*body, "label");
                if (!label) return ErrorResponseOf(label.error());
                auto days = IntField(*body, "days", 0);
                if (!days) return ErrorResponseOf(days.error());
                auto user = StringField(*body, "username");
                if (!user) return ErrorResponseOf(user.error());
                const std::string name = user->empty() ? ActorOf(c).user : *user;
                auto token = service.Write([&](Workspace& ws) {
                  return service.sessions().IssueToken(ws, ActorOf(c), name, *label,
                                                       static_cast<int>(*days));
                });
                return Answer(
                    token,
                    [&](const std::string& t) {
                      return json{{"token", t}, {"username", name}};
                    },
                    201);
              }});

  // Users: administrators.
  router.Add({"GET", "/api/v1/users", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto users = service.Read([&](Workspace& ws) { return ListUsers(ws, ActorOf(c)); });
                if (!users) return ErrorResponseOf(users.error());
                return Paged(req, views::UserList(*users));
              }});
  router.Add({"POST", "/api/v1/users", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto body = BodyObject(req, {"username", "role", "scope", "view_scope", "scope_at",
                                             "inspection", "password"});
                if (!body) return ErrorResponseOf(body.error());
                NewUser in;
                for (auto [key, out] : {std::pair{"username", &in.name},
                                        {"role", &in.role},
                                        {"scope", &in.scope},
                                        {"view_scope", &in.view_scope},
                                        {"scope_at", &in.scope_at},
                                        {"password", &in.password}}) {
                  auto v = StringField(*body, key);
                  if (!v) return ErrorResponseOf(v.error());
                  *out = *v;
                }
                auto inspection = IntField(*body, "inspection");
                if (!inspection) return ErrorResponseOf(inspection.error());
                in.inspection = *inspection;
                auto user =
                    service.Write([&](Workspace& ws) { return AddUser(ws, ActorOf(c), in); });
                return Answer(user, views::UserJson, 201);
              }});
  router.Add({"PATCH", "/api/v1/users/{username}", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto body = BodyObject(req, {"disabled"});
                if (!body) return ErrorResponseOf(body.error());
                auto disabled = BoolField(*body, "disabled");
                if (!disabled) return ErrorResponseOf(disabled.error());
                auto done = service.Write([&](Workspace& ws) {
                  return SetUserDisabled(ws, ActorOf(c), p.at("username"), *disabled);
                });
                service.sessions().ForgetAll();
                return Answer(done, {{"username", p.at("username")}, {"disabled", *disabled}});
              }});
  router.Add({"PUT", "/api/v1/users/{username}/password", Access::kSignedIn, 4096,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto body = BodyObject(req, {"password"});
                if (!body) return ErrorResponseOf(body.error());
                auto password = StringField(*body, "password", true);
                if (!password) return ErrorResponseOf(password.error());
                auto done = service.Write([&](Workspace& ws) {
                  return ResetPassword(ws, ActorOf(c), p.at("username"), *password);
                });
                service.sessions().ForgetAll();
                return Answer(done, {{"username", p.at("username")}, {"reset", true}});
              }});
}

void AddUnitRoutes(Router& router, Service& service) {
  router.Add({"GET", "/api/v1/units", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams&, const Caller* c) {
                auto at = DateParam(req, "at");
                if (!at) return ErrorResponseOf(at.error());
                const std::string search = req.Query("search");
                Result<std::vector<const UnitVersion*>> units = service.Read([&](Workspace& ws) {
                  if (!search.empty()) {
                    return SearchUnits(
                        ws, ActorOf(c), search,
                        req.Query("at").empty() ? std::nullopt : std::optional<Date>(*at));
                  }
                  std::optional<UnitLevel> level;
                  if (!req.Query("level").empty()) {
                    auto l = ParseUnitLevel(req.Query("level"));
                    if (!l)
                      return Result<std::vector<const UnitVersion*>>(Fail(l.error().At("level")));
                    level = *l;
                  }
                  return ListUnits(ws, ActorOf(c), {req.Query("under"), *at, level});
                });
                if (!units) return ErrorResponseOf(units.error());
                return Paged(req, views::UnitList(*units));
              }});
  router.Add({"GET", "/api/v1/units/{code}", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto at = DateParam(req, "at");
                if (!at) return ErrorResponseOf(at.error());
                return Answer(service.Read([&](Workspace& ws) {
                  return ShowUnit(ws, ActorOf(c), p.at("code"), *at);
                }),
                              views::UnitDetailsJson);
              }});
  router.Add({"GET", "/api/v1/units/{code}/lineage", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto at = DateParam(req, "at");
                if (!at) return ErrorResponseOf(at.error());
                return Answer(service.Read([&](Workspace& ws) {
                  return UnitLineage(ws, ActorOf(c), p.at("code"), *at);
                }),
                              views::Lineage);
              }});
  router.Add({"GET", "/api/v1/catalog", Access::kSignedIn, 0,
              [&service](const Request&, const PathParams&, const Caller* c) {
                return service.Read([&](Workspace& ws) -> Response {
                  if (auto s = RequireRole(ActorOf(c), Action::kRead); !s) {
                    return ErrorResponseOf(s.error());
                  }
                  json out = views::CatalogJson(ws.catalog());
                  out["version"] = ws.catalog_version();
                  out["sample"] = ws.has_sample();
                  return JsonResponse(out);
                });
              }});
  router.Add({"GET", "/api/v1/periods/{period}", Access::kSignedIn, 0,
              [](const Request& req, const PathParams& p, const Caller*) {
                const std::string calendar =
                    req.Query("calendar").empty() ? "gregorian" : req.Query("calendar");
                return Answer(ShowPeriod(p.at("period"), calendar), views::PeriodWindowJson);
              }});
}

void AddApiRoutes(Router& router, Service& service, const Metrics& metrics,
                  const std::string& openapi_path, const std::string& data_dir) {
  AddMonitoringRoutes(router, service, metrics);
  router.Add({"GET", "/api/v1/openapi.json", Access::kPublic, 0,
              [openapi_path](const Request&, const PathParams&, const Caller*) {
                std::ifstream in(openapi_path, std::ios::binary);
                if (!in)
                  return ErrorResponse(404, "not_found", "the API description is not installed");
                std::ostringstream text;
                text << in.rdbuf();
                Response r;
                r.content_type = "application/json; charset=utf-8";
                r.body = text.str();
                r.headers.emplace_back("Cache-Control", "no-cache");
                return r;
              }});
  AddSessionRoutes(router, service);
  AddUnitRoutes(router, service);
  AddReportRoutes(router, service);
  AddEventRoutes(router, service);
  AddAnalysisRoutes(router, service, data_dir);
  AddInspectionRoutes(router, service);
  AddDataValueRoutes(router, service);
}

}  // namespace antq::http
