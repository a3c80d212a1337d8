#include "app/analytics_use_cases.h"

#include <fmt/format.h>

#include "app/engine_loader.h"
#include "app/evaluation_use_cases.h"
#include "app/workflow_use_cases.h"

namespace antq {

Result<analytics::Engine*> EnsureAnalytics(Workspace& ws) {
  if (ws.analytics()) return ws.analytics();
  auto loaded = LoadEngine(ws);
  if (!loaded) return Fail(loaded.error());
  ws.set_analytics(std::move(loaded->engine));
  return ws.analytics();
}

namespace {

Result<analytics::Query> ParseRequest(const QueryRequest& r) {
  analytics::Query q;
  q.measures = r.measures;
  if (r.under.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  q.under = r.under;
  q.calendar = r.calendar;
  if (!r.as_of.empty()) {
    auto d = Date::Parse(r.as_of);
    if (!d) return Fail(d.error().At("as_of"));
    q.as_of = *d;
  }
  q.group = r.group;
  for (const std::string& by : r.by) {
    if (by == "group") {
      q.by_group = true;
      continue;
    }
    if (auto level = ParseUnitLevel(by)) {
      if (q.by_level) return Fail(ErrorCode::kInvalidArgument, "give at most one unit level", "by");
      q.by_level = *level;
      continue;
    }
    const std::string type = by == "year"      ? "yearly"
                             : by == "month"   ? "monthly"
                             : by == "quarter" ? "quarterly"
                             : by == "half"    ? "sixmonthly"
                             : by == "week"    ? "weekly"
                             : by == "day"     ? "daily"
                                               : by;
    auto period_type = ParsePeriodType(type);
    if (!period_type) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}' is neither a unit level (province, district, commune, "
                              "residential), nor group, nor a period (year, half, quarter, month, "
                              "week, day)",
                              by),
                  "by");
    }
    if (q.by_period) return Fail(ErrorCode::kInvalidArgument, "give at most one period type", "by");
    q.by_period = *period_type;
  }
  if (r.period.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: a period P or a range P1..P2", "period");
  const size_t dots = r.period.find("..");
  const std::string first = dots == std::string::npos ? r.period : r.period.substr(0, dots);
  const std::string last = dots == std::string::npos ? r.period : r.period.substr(dots + 2);
  auto from = Period::Parse(first);
  if (!from) return Fail(from.error().At("period"));
  auto to = Period::Parse(last);
  if (!to) return Fail(to.error().At("period"));
  q.from = *from;
  q.to = *to;
  return q;
}

// The query's range as typed: "2022" or "2019..2022".
std::string RangeText(const analytics::Query& query) {
  return query.from == query.to ? query.from.Code()
                                : fmt::format("{}..{}", query.from.Code(), query.to.Code());
}

// R{set.…} measures: every report the area's units owed for the data set's periods in the
// query's range, as the reporting workflow sees them today.
Status AddExpectedReports(Workspace& ws, const Actor& actor, analytics::Query& query, Date today) {
  for (const std::string& code : analytics::ReportingSetsRead(query)) {
    const DataSet* ds = ws.catalog().FindDataSet(code);
    if (!ds) continue;  // the query names the unknown set
    auto calendar = Calendar::Find(ds->calendar);
    if (!calendar) return Fail(calendar.error());
    StatusRequest request;
    request.data_set = code;
    request.under = query.under;
    request.period = RangeText(query);
    auto overview = ReportStatusOverview(ws, actor, request, today);
    if (!overview) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("R{{{}.…}}: {}", code, overview.error().message()), "measure");
    }
    auto& reports = query.reports[code];
    for (const ReportStatusRow& row : overview->rows) {
      auto period = Period::Parse(row.period);
      if (!period) continue;
      auto window = (*calendar)->Window(*period);
      if (!window) continue;
      reports.push_back({row.unit->unit_id, window->end, row.handed_in, row.on_time});
    }
  }
  return Ok();
}

// A query of an empty group answers, with zero for what it counts and a note saying why.
void NoteAnEmptyGroup(const Workspace& ws, const analytics::Query& query,
                      analytics::QueryResult& result) {
  if (query.group.empty() || !result.rows.empty()) return;
  const UnitGroup* group = ws.units().FindGroup(query.group);
  if (!group) return;
  const bool no_members = group->members.empty();
  result.notes.push_back(
      no_members ? fmt::format("Nhóm {0} chưa có đơn vị thành viên nào: số liệu là 0 / the group "
                               "{0} has no members yet, so its figures are 0 (antq units groups)",
                               query.group)
                 : fmt::format("Không có số liệu của đơn vị thuộc nhóm {0} trong kỳ / nothing was "
                               "recorded by units of the group {0} in these periods, so its "
                               "figures are 0",
                               query.group));
  if (query.by_level || query.by_period || query.by_group) return;  // no single row to show
  analytics::Row row;
  const UnitVersion* area = ws.units().Find(query.under, query.as_of.value_or(Date::Today()));
  if (!area) {
    const auto versions = ws.units().VersionsOfCode(query.under);
    if (!versions.empty()) area = versions.back();
  }
  row.unit_code = query.under;
  row.unit_name = area ? area->FullName() : "";
  row.period = RangeText(query);
  // A plain figure of nothing is 0; an indicator of nothing has no value.
  for (const std::string& m : query.measures) {
    const bool plain = ws.catalog().FindMeasure(m).has_value() ||
                       (m.rfind("OUG{", 0) == 0 && m.find('}') == m.size() - 1);
    row.values.push_back(plain ? std::optional<double>(0) : std::nullopt);
  }
  result.rows.push_back(std::move(row));
}

}  // namespace

Result<analytics::QueryResult> RunQuery(Workspace& ws, const Actor& actor,
                                        const QueryRequest& request) {
  auto query = ParseRequest(request);
  if (!query) return Fail(query.error());
  // The area is named on the last day of the query's periods (or its as-of date).
  const Date at = query->as_of ? *query->as_of
                               : Date::FromYmd(query->to.year(), 12, 31).value_or(Date::Today());
  if (auto s = RequireArea(ws.units(), actor, request.under, at); !s) return Fail(s.error());
  // The answer does not depend on who asks once the area is allowed, so it is shared.
  std::string key;
  if (QueryCache* cache = ws.query_cache()) {
    for (const std::string* part :
         {&request.under, &request.period, &request.calendar, &request.as_of, &request.group}) {
      key += *part + '\x1f';
    }
    for (const auto* list : {&request.measures, &request.by}) {
      for (const std::string& item : *list) key += item + '\x1e';
      key += '\x1f';
    }
    if (auto hit = cache->Find(key)) return std::move(*hit);
  }
  auto engine = EnsureAnalytics(ws);
  if (!engine) return Fail(engine.error());
  if (auto s = AddVerdicts(ws, **engine, *query); !s) return Fail(s.error());
  if (auto s = AddExpectedReports(ws, actor, *query, Date::Today()); !s) return Fail(s.error());
  auto result = (*engine)->Run(*query);
  if (result) NoteAnEmptyGroup(ws, *query, *result);
  if (result && ws.query_cache()) ws.query_cache()->Put(key, *result);
  return result;
}

void NotifyValue(Workspace& ws, const DataValue& value) {
  if (ws.analytics()) ws.analytics()->PutValue(value);
}

void NotifyValueCleared(Workspace& ws, const DataValue& value) {
  if (ws.analytics())
    ws.analytics()->EraseValue(value.unit_id, value.element, value.option, value.period);
}

void NotifyEvent(Workspace& ws, const Event& event) {
  if (ws.analytics()) ws.analytics()->PutEvent(event);
}

}  // namespace antq
