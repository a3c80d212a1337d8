#pragma once

#include <cstddef>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "analytics/query.h"

namespace antq {

// Answers of analytics queries kept between writes, for the server: many leaders open the same
// dashboard, and on the national dataset one such query costs milliseconds of engine time. Only
// the server's Service clears and fills it, so correctness rests on one rule: the cache is
// emptied by every write and every reload, under the exclusive lock, before any reader can see
// the new data. Readers use it under the shared lock, so its own mutex only orders readers.
class QueryCache {
 public:
  // At most this many answers are kept; past it the cache starts over (dashboards repeat a few
  // queries, so a simple bound is enough).
  static constexpr size_t kMostEntries = 256;

  std::optional<analytics::QueryResult> Find(const std::string& key) const;
  void Put(const std::string& key, const analytics::QueryResult& result);
  void Clear();

  size_t hits() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, analytics::QueryResult> answers_;
  mutable size_t hits_ = 0;
};

}  // namespace antq
