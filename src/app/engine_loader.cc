#include "app/engine_loader.h"

#include <array>
#include <condition_variable>
#include <deque>
#include <functional>
#include <map>
#include <mutex>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "common/text.h"

namespace antq {
namespace {

// A slice of rows on its way from the reader to the engine. Keys (element, option, data set)
// and period codes are numbered by the reader; a batch brings the ones first seen in it.
struct Batch {
  std::vector<std::array<std::string, 3>> new_keys;
  std::vector<std::string> new_periods;
  struct Row {
    UnitId unit;
    uint32_t key;
    uint32_t period;
    double number;
  };
  std::vector<Row> rows;
  bool last = false;
};

// A bounded hand-over between the two threads: the reader waits when the engine falls behind.
class BatchQueue {
 public:
  void Push(Batch batch) {
    std::unique_lock lock(mutex_);
    has_room_.wait(lock, [&] { return batches_.size() < kCapacity; });
    batches_.push_back(std::move(batch));
    has_batch_.notify_one();
  }
  Batch Pop() {
    std::unique_lock lock(mutex_);
    has_batch_.wait(lock, [&] { return !batches_.empty(); });
    Batch b = std::move(batches_.front());
    batches_.pop_front();
    has_room_.notify_one();
    return b;
  }

 private:
  static constexpr size_t kCapacity = 4;
  std::mutex mutex_;
  std::condition_variable has_batch_, has_room_;
  std::deque<Batch> batches_;
};

constexpr size_t kBatchRows = 1 << 14;

}  // namespace

Status LoadValues(Store& store, analytics::Engine& engine) {
  BatchQueue queue;
  std::thread filler([&] {
    analytics::Engine::BulkLoader loader(engine);
    std::vector<std::array<std::string, 3>> keys;
    std::vector<std::string> periods;
    while (true) {
      Batch b = queue.Pop();
      for (auto& k : b.new_keys) keys.push_back(std::move(k));
      for (auto& p : b.new_periods) periods.push_back(std::move(p));
      for (const Batch::Row& r : b.rows) {
        const auto& k = keys[r.key];
        loader.Add(r.unit, k[0], k[1], k[2], periods[r.period], r.number);
      }
      if (b.last) return;
    }
  });

  std::map<std::array<std::string, 3>, uint32_t, std::less<>> key_ids;
  std::unordered_map<std::string, uint32_t, TextHash, std::equal_to<>> period_ids;
  std::array<std::string, 3> last_key;
  uint32_t last_key_id = UINT32_MAX;
  Batch batch;
  auto status = store.ScanNumbers([&](const Store::NumberRow& r) {
    // Rows come grouped by unit, element and option: the key rarely changes.
    if (last_key_id == UINT32_MAX || r.element != last_key[0] || r.option != last_key[1] ||
        r.data_set != last_key[2]) {
      last_key = {std::string(r.element), std::string(r.option), std::string(r.data_set)};
      auto [it, added] = key_ids.try_emplace(last_key, static_cast<uint32_t>(key_ids.size()));
      if (added) batch.new_keys.push_back(last_key);
      last_key_id = it->second;
    }
    auto p = period_ids.find(r.period);
    if (p == period_ids.end()) {
      p = period_ids.emplace(std::string(r.period), static_cast<uint32_t>(period_ids.size())).first;
      batch.new_periods.emplace_back(r.period);
    }
    batch.rows.push_back({r.unit, last_key_id, p->second, r.number});
    if (batch.rows.size() == kBatchRows) {
      queue.Push(std::move(batch));
      batch = Batch();
      batch.rows.reserve(kBatchRows);
    }
  });
  batch.last = true;
  queue.Push(std::move(batch));
  filler.join();
  return status;
}

}  // namespace antq
