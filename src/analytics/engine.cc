#include "analytics/engine.h"

#include <algorithm>

#include "analytics/period_ordinal.h"
#include "analytics/query_runner.h"
#include "common/text.h"

namespace antq::analytics {

Engine::Engine(const UnitRegistry& units, const Catalog& catalog)
    : units_(units), catalog_(catalog), timelines_(units) {
  // Sort keys once per distinct name, then rank the versions by them.
  std::unordered_map<std::string_view, std::string> keys;
  const auto& versions = units.versions();
  std::vector<size_t> order(versions.size());
  for (size_t i = 0; i < versions.size(); ++i) {
    order[i] = i;
    auto [it, added] = keys.try_emplace(versions[i].name);
    if (added) it->second = VietnameseSortKey(versions[i].name);
  }
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    return keys.at(versions[a].name) < keys.at(versions[b].name);
  });
  name_rank_.resize(versions.size());
  uint32_t rank = 0;
  for (size_t i = 0; i < order.size(); ++i) {
    if (i > 0 && versions[order[i]].name != versions[order[i - 1]].name) ++rank;
    name_rank_[order[i]] = rank;
  }
}

Series& Engine::SeriesFor(const std::string& element, const std::string& option,
                          const std::string& data_set, PeriodType type) {
  auto [it, inserted] = series_.try_emplace(SeriesKey{element, option, data_set, type});
  if (inserted) {
    it->second = std::make_unique<Series>(type, data_set);
    by_element_[element].emplace_back(option, it->second.get());
  }
  return *it->second;
}

void Engine::PutValue(const DataValue& v) {
  if (!v.value.number) return;  // text values are not aggregated
  auto period = Period::Parse(v.period);
  if (!period) return;
  auto ordinal = PeriodOrdinal(*period);
  if (!ordinal) return;
  Series& s = SeriesFor(v.element, v.option, v.data_set, period->type());
  if (s.Put(v.unit_id, *ordinal, *v.value.number)) ++value_count_;
}

void Engine::EraseValue(UnitId unit, const std::string& element, const std::string& option,
                        const std::string& period) {
  auto p = Period::Parse(period);
  if (!p) return;
  auto ordinal = PeriodOrdinal(*p);
  auto list = by_element_.find(element);
  if (!ordinal || list == by_element_.end()) return;
  for (const auto& [opt, series] : list->second) {
    if (opt != option || series->type() != p->type()) continue;
    if (series->Erase(unit, *ordinal)) --value_count_;
  }
}

void Engine::BulkLoader::Add(UnitId unit, std::string_view element, std::string_view option,
                             std::string_view data_set, std::string_view period, double value) {
  auto known = periods_.find(period);
  if (known == periods_.end()) {
    auto p = Period::Parse(period);
    auto ordinal = p ? PeriodOrdinal(*p) : std::nullopt;
    if (!ordinal) return;  // not a period the engine can place
    known = periods_.emplace(std::string(period), std::pair{p->type(), *ordinal}).first;
  }
  const auto [type, ordinal] = known->second;
  if (!series_ || unit != unit_ || element != element_ || option != option_ ||
      data_set != data_set_ || type != series_->type()) {
    Flush();
    unit_ = unit;
    element_ = element;
    option_ = option;
    data_set_ = data_set;
    series_ = &engine_.SeriesFor(element_, option_, data_set_, type);
    if (std::find(touched_.begin(), touched_.end(), series_) == touched_.end())
      touched_.push_back(series_);
  }
  pending_.emplace_back(ordinal, value);
}

Engine::BulkLoader::~BulkLoader() {
  Flush();
  for (Series* s : touched_) s->ShrinkToFit();
}

void Engine::BulkLoader::Flush() {
  if (!series_ || pending_.empty()) return;
  // Keys order periods as text, which is not time order for weeks (2023W10 < 2023W9).
  std::sort(pending_.begin(), pending_.end());
  // A repeated period keeps its last value.
  size_t n = 0;
  for (const auto& entry : pending_) {
    if (n > 0 && pending_[n - 1].first == entry.first) {
      pending_[n - 1] = entry;
    } else {
      pending_[n++] = entry;
    }
  }
  pending_.resize(n);
  engine_.value_count_ += series_->PutAll(unit_, pending_);
  pending_.clear();
}

void Engine::PutEvent(const Event& e) {
  // Drop the old record of this event, if any.
  if (auto slot = event_slot_.find(e.id); slot != event_slot_.end()) {
    auto& list = events_[slot->second.first];
    const size_t i = slot->second.second;
    if (i + 1 != list.size()) {
      list[i] = std::move(list.back());
      event_slot_[list[i].id] = {slot->second.first, i};
    }
    list.pop_back();
    event_slot_.erase(e.id);
  }
  if (e.deleted) return;
  const Register* reg = catalog_.FindRegister(e.register_code);
  if (!reg) return;
  EventRecord r;
  r.id = e.id;
  r.unit = e.unit_id;
  r.date = e.date;
  auto date_field = [&](const std::string& code) -> std::optional<Date> {
    if (code.empty()) return std::nullopt;
    auto it = e.fields.find(code);
    if (it == e.fields.end() || !it->is_string()) return std::nullopt;
    auto d = Date::Parse(it->get<std::string>());
    return d ? std::optional<Date>(*d) : std::nullopt;
  };
  r.active_from = date_field(reg->active_from);
  r.active_to = date_field(reg->active_to);
  for (const RegisterField& f : reg->fields) {
    auto it = e.fields.find(f.code);
    if (it == e.fields.end()) continue;
    // A stored field of the wrong JSON type (only a hand-edited database has one; antq check
    // finds it) counts as missing rather than stopping the load.
    if (IsNumericField(f.type) && it->is_number()) {
      r.numbers.emplace_back(f.code, it->get<double>());
    } else if (f.type == FieldType::kItems && it->is_object()) {
      const Category* category = catalog_.FindCategory(f.category);
      double counted = 0;
      for (const auto& [option, q] : it->items()) {
        if (!q.is_number()) continue;
        r.numbers.emplace_back(f.code + "." + option, q.get<double>());
        const CategoryOption* o = category ? category->Find(option) : nullptr;
        if (!o || o->counted) counted += q.get<double>();
      }
      r.numbers.emplace_back(f.code, counted);
    }
  }
  auto& list = events_[e.register_code];
  event_slot_[e.id] = {e.register_code, list.size()};
  list.push_back(std::move(r));
}

size_t Engine::event_count() const {
  size_t n = 0;
  for (const auto& [reg, list] : events_) n += list.size();
  return n;
}

Result<QueryResult> Engine::Run(const Query& query) const {
  return QueryRunner(*this, query).Run();
}

}  // namespace antq::analytics
