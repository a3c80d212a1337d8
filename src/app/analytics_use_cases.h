#pragma once

#include <optional>
#include <string>
#include <vector>

#include "analytics/query.h"
#include "app/access.h"
#include "app/workspace.h"
#include "common/result.h"

namespace antq {

// Loads the analytics engine if it is not loaded yet (LoadEngine, engine_loader.h: from its
// snapshot when that is current, else every value and every live event from the store). Returns
// it; it stays current through the write use cases.
Result<analytics::Engine*> EnsureAnalytics(Workspace& ws);

// A query as typed: measures, the area, "district"/"commune"/…, "group" and "year"/"month"/…
// dimensions, a period or a range "2019..2022", the events' calendar, an optional as-of date,
// and an optional unit group that figures must come from ("border").
struct QueryRequest {
  std::vector<std::string> measures;
  std::string under;
  std::vector<std::string> by;
  std::string period;
  std::string calendar = "gregorian";
  std::string as_of;
  std::string group;
};

// `antq query`: checks the request (errors name the option) and runs it.
Result<analytics::QueryResult> RunQuery(Workspace& ws, const Actor& actor,
                                        const QueryRequest& request);

// Feed a committed write to the engine, if it is loaded.
void NotifyValue(Workspace& ws, const DataValue& value);
void NotifyValueCleared(Workspace& ws, const DataValue& value);
void NotifyEvent(Workspace& ws, const Event& event);

}  // namespace antq
