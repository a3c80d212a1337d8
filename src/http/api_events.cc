// Registers and their events: list, add, edit, delete and restore, summarise, import a CSV.
#include <fmt/format.h>

#include "app/events_use_cases.h"
#include "app/json_mapping.h"
#include "http/api_support.h"

namespace antq::http {
namespace {

// An event's fields as JSON: each value as text, items as {"sung": 2} under "items" or as
// "items.sung", units as a list of codes, lists as arrays of objects.
Result<RawFields> FieldsOf(const json& body) {
  RawFields raw;
  auto it = body.find("fields");
  if (it == body.end() || it->is_null()) return raw;
  if (!it->is_object()) {
    return Fail(ErrorCode::kInvalidArgument, "must be an object of field values", "fields");
  }
  for (const auto& [key, value] : it->items()) {
    const std::string where = "fields." + (key.size() > 64 ? key.substr(0, 64) : key);
    if (value.is_object()) {
      for (const auto& [option, quantity] : value.items()) {
        auto text = ValueText(quantity, where + "." + option);
        if (!text) return Fail(text.error());
        raw[key + "." + option] = *text;
      }
    } else if (value.is_array()) {
      bool all_strings = true;
      for (const json& v : value) all_strings = all_strings && v.is_string();
      if (all_strings && !value.empty()) {
        std::string codes;
        for (const json& v : value) {
          if (!codes.empty()) codes.push_back(' ');
          codes += v.get<std::string>();
        }
        raw[key] = codes;  // a units field
      } else {
        raw[key] = value.dump();  // a list field
      }
    } else if (!value.is_null()) {
      auto text = ValueText(value, where);
      if (!text) return Fail(text.error());
      raw[key] = *text;
    }
  }
  return raw;
}

Result<EventsQuery> QueryOf(const Request& req, const std::string& register_code) {
  EventsQuery q;
  q.register_code = register_code;
  q.under = req.Query("under");
  for (auto [name, out] : {std::pair{"from", &q.from}, {"to", &q.to}}) {
    if (req.Query(name).empty()) continue;
    auto d = DateParam(req, name);
    if (!d) return Fail(d.error());
    *out = *d;
  }
  if (!req.Query("active_on").empty()) {
    auto d = DateParam(req, "active_on");
    if (!d) return Fail(d.error());
    q.active_on = *d;
  }
  return q;
}

}  // namespace

void AddEventRoutes(Router& router, Service& service) {
  router.Add({"GET", "/api/v1/registers/{register}/events", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto q = QueryOf(req, p.at("register"));
                if (!q) return ErrorResponseOf(q.error());
                return service.Read([&](Workspace& ws) {
                  auto rows = ListEvents(ws, ActorOf(c), *q);
                  if (!rows) return ErrorResponseOf(rows.error());
                  return Paged(req, views::EventRows(ws, *rows));
                });
              }});
  router.Add({"GET", "/api/v1/registers/{register}/summary", Access::kSignedIn, 0,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto q = QueryOf(req, p.at("register"));
                if (!q) return ErrorResponseOf(q.error());
                return Answer(service.Read([&](Workspace& ws) {
                  return SummariseEvents(ws, ActorOf(c), *q);
                }),
                              views::EventSummaryJson);
              }});
  router.Add({"POST", "/api/v1/registers/{register}/events", Access::kSignedIn, kLargeForm,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto body = BodyObject(req, {"unit", "date", "fields"});
                if (!body) return ErrorResponseOf(body.error());
                EventInput in;
                in.register_code = p.at("register");
                auto unit = StringField(*body, "unit", true);
                if (!unit) return ErrorResponseOf(unit.error());
                in.unit = *unit;
                auto date = StringField(*body, "date", true);
                if (!date) return ErrorResponseOf(date.error());
                in.date = *date;
                auto fields = FieldsOf(*body);
                if (!fields) return ErrorResponseOf(fields.error());
                in.fields = std::move(*fields);
                auto added = service.Write(
                    [&](Workspace& ws) { return AddEvent(ws, ActorOf(c), in, Date::Today()); });
                return Answer(
                    added,
                    [](const AddedEvent& a) {
                      return json{{"id", a.id}, {"unchanged", a.unchanged}};
                    },
                    added && added->unchanged ? 200 : 201);
              }});
  router.Add({"PATCH", "/api/v1/events/{id}", Access::kSignedIn, kLargeForm,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                auto id = IdParam(p, "id");
                if (!id) return ErrorResponseOf(id.error());
                auto body = BodyObject(req, {"unit", "date", "fields"});
                if (!body) return ErrorResponseOf(body.error());
                auto fields = FieldsOf(*body);
                if (!fields) return ErrorResponseOf(fields.error());
                for (const char* key : {"unit", "date"}) {
                  auto v = StringField(*body, key);
                  if (!v) return ErrorResponseOf(v.error());
                  if (!v->empty()) (*fields)[key] = *v;
                }
                auto changed = service.Write([&](Workspace& ws) {
                  return EditEvent(ws, ActorOf(c), *id, *fields, Date::Today());
                });
                return Answer(changed, [&](bool ch) { return json{{"id", *id}, {"changed", ch}}; });
              }});
  for (bool deleted : {true, false}) {
    router.Add({deleted ? "DELETE" : "POST",
                deleted ? "/api/v1/events/{id}" : "/api/v1/events/{id}/restore", Access::kSignedIn,
                0, [&service, deleted](const Request&, const PathParams& p, const Caller* c) {
                  auto id = IdParam(p, "id");
                  if (!id) return ErrorResponseOf(id.error());
                  auto done = service.Write(
                      [&](Workspace& ws) { return SetEventDeleted(ws, ActorOf(c), *id, deleted); });
                  return Answer(done, {{"id", *id}, {"deleted", deleted}});
                }});
  }
  router.Add({"POST", "/api/v1/registers/{register}/import", Access::kSignedIn, kImportBody,
              [&service](const Request& req, const PathParams& p, const Caller* c) {
                CsvImportOptions options;
                options.dry_run = req.Query("dry_run") == "true";
                options.skip_invalid = req.Query("skip_invalid") == "true";
                const std::string name = req.Query("file_name").empty() ? std::string("upload.csv")
                                                                        : req.Query("file_name");
                auto report = service.Write([&](Workspace& ws) {
                  return ImportEventsCsv(ws, ActorOf(c), req.body, name, p.at("register"), options,
                                         Date::Today());
                });
                if (report && !report->problems.empty() && !report->written && !options.dry_run) {
                  // Refused as a whole: nothing was stored; the rows say why.
                  return JsonResponse(views::CsvImportJson(*report), 422);
                }
                return Answer(report, views::CsvImportJson);
              }});
}

}  // namespace antq::http
