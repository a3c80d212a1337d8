#include "app/query_cache.h"

namespace antq {

std::optional<analytics::QueryResult> QueryCache::Find(const std::string& key) const {
  std::lock_guard lock(mu_);
  auto it = answers_.find(key);
  if (it == answers_.end()) return std::nullopt;
  ++hits_;
  return it->second;
}

void QueryCache::Put(const std::string& key, const analytics::QueryResult& result) {
  std::lock_guard lock(mu_);
  if (answers_.size() >= kMostEntries) answers_.clear();
  answers_.insert_or_assign(key, result);
}

void QueryCache::Clear() {
  std::lock_guard lock(mu_);
  answers_.clear();
}

size_t QueryCache::hits() const {
  std::lock_guard lock(mu_);
  return hits_;
}

}  // namespace antq
