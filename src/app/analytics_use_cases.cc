#include "app/analytics_use_cases.h"

#include <fmt/format.h>

#include "app/engine_loader.h"
#include "app/evaluation_use_cases.h"

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
  for (const std::string& by : r.by) {
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
                              "residential) nor a period (year, half, quarter, month, week, day)",
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
         {&request.under, &request.period, &request.calendar, &request.as_of}) {
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
  auto result = (*engine)->Run(*query);
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
