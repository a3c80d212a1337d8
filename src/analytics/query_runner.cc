#include "analytics/query_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <thread>
#include <unordered_set>

#include "analytics/period_ordinal.h"
#include "common/text.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::analytics {
namespace {

bool MonthBased(PeriodType t) {
  return t == PeriodType::kMonthly || t == PeriodType::kQuarterly || t == PeriodType::kSixMonthly ||
         t == PeriodType::kYearly;
}

int Months(PeriodType t) {
  switch (t) {
    case PeriodType::kMonthly:
      return 1;
    case PeriodType::kQuarterly:
      return 3;
    case PeriodType::kSixMonthly:
      return 6;
    default:
      return 12;
  }
}

// The period of type `t` that contains `p`. Month-based periods nest by their numbers
// (202303 is in 2023Q1 in every calendar); days and weeks go by their dates.
std::optional<Period> Coarsen(const Period& p, PeriodType t, const Calendar& calendar) {
  if (p.type() == t) return p;
  // A month, quarter, half or year cannot be split into weeks or days.
  if (MonthBased(p.type()) && !MonthBased(t)) return std::nullopt;
  if (MonthBased(p.type()) && MonthBased(t)) {
    if (Months(t) < Months(p.type())) return std::nullopt;
    const int last_month = p.index() * Months(p.type());
    auto c = Period::Make(t, p.year(), (last_month - 1) / Months(t) + 1);
    if (!c) return std::nullopt;
    return *c;
  }
  auto window = Calendar::Gregorian().Window(p);
  if (!window) return std::nullopt;
  auto c = calendar.PeriodOf(window->end, t);
  if (!c) return std::nullopt;
  return *c;
}

// Above this many unit columns to read, value measures are added up on two cores.
constexpr size_t kParallelColumns = 20000;

}  // namespace

Result<QueryResult> QueryRunner::Run() {
  if (auto s = Prepare(); !s) return Fail(s.error());
  NumberSlots();
  cells_.resize(bases_.size());
  base_series_.resize(bases_.size());
  std::vector<size_t> value_bases;
  for (size_t b = 0; b < bases_.size(); ++b) {
    if (!bases_[b].is_value()) continue;
    base_series_[b] = SeriesOf(bases_[b]);
    value_bases.push_back(b);
  }
  // Split the value bases over two cores when the work is large, heaviest first.
  size_t work = 0;
  std::vector<std::pair<size_t, size_t>> weighted;
  for (size_t b : value_bases) {
    weighted.emplace_back(EstimatedColumns(bases_[b]), b);
    work += weighted.back().first;
  }
  if (work >= kParallelColumns && value_bases.size() >= 2) {
    std::sort(weighted.rbegin(), weighted.rend());
    std::vector<size_t> mine, theirs;
    size_t my_work = 0, their_work = 0;
    for (const auto& [w, b] : weighted) {
      if (my_work <= their_work) {
        mine.push_back(b);
        my_work += w;
      } else {
        theirs.push_back(b);
        their_work += w;
      }
    }
    std::thread helper([&] {
      PlaceCache cache;
      for (size_t b : theirs) AccumulateValues(b, cache);
    });
    PlaceCache cache;
    for (size_t b : mine) AccumulateValues(b, cache);
    helper.join();
  } else {
    PlaceCache cache;
    for (size_t b : value_bases) AccumulateValues(b, cache);
  }
  for (size_t b = 0; b < bases_.size(); ++b) {
    if (bases_[b].is_event()) {
      if (auto s = AccumulateEvents(b); !s) return Fail(s.error());
      continue;
    }
    if (!bases_[b].def) {
      if (auto s = AccumulateVerdicts(b); !s) return Fail(s.error());
      continue;
    }
    if (const auto& finer = cells_[b].finer_than_reported) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is reported {} ({}); its figures cannot be split into {} periods",
                              bases_[b].element, PeriodTypeName(finer->type()), finer->Code(),
                              PeriodTypeName(*q_.by_period)),
                  "by");
    }
  }
  return Collect();
}

Status QueryRunner::Prepare() {
  if (q_.measures.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: at least one measure", "measure");
  if (q_.from.type() != q_.to.type()) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("the range {}..{} mixes {} and {} periods", q_.from.Code(), q_.to.Code(),
                    PeriodTypeName(q_.from.type()), PeriodTypeName(q_.to.type())),
        "period");
  }
  if (q_.to < q_.from) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("the range {}..{} ends before it starts", q_.from.Code(), q_.to.Code()),
                "period");
  }
  auto cal = Calendar::Find(q_.calendar);
  if (!cal) return Fail(cal.error().At("calendar"));
  calendar_ = *cal;
  auto first = calendar_->Window(q_.from);
  auto last = calendar_->Window(q_.to);
  if (!first) return Fail(first.error().At("period"));
  if (!last) return Fail(last.error().At("period"));
  range_ = {first->start, last->end};
  if (q_.by_period && MonthBased(q_.from.type()) && MonthBased(*q_.by_period) &&
      Months(*q_.by_period) > Months(q_.from.type())) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("cannot group a range of {} periods by {} periods",
                            PeriodTypeName(q_.from.type()), PeriodTypeName(*q_.by_period)),
                "by");
  }
  if (auto s = ResolveArea(); !s) return s;
  for (const std::string& m : q_.measures) {
    if (auto s = AddMeasure(m); !s) return s;
  }
  return Ok();
}

Status QueryRunner::ResolveArea() {
  const UnitRegistry& units = e_.units_;
  if (q_.as_of) {
    auto root = units.Resolve(q_.under, *q_.as_of);
    if (!root) {
      return Fail(
          ErrorCode::kNotFound,
          fmt::format("{} (the as-of date {})", root.error().message(), q_.as_of->ToString()),
          "under");
    }
    root_ = (*root)->unit_id;
    if (q_.by_level && LevelRank(*q_.by_level) < LevelRank((*root)->level)) {
      return LevelAboveArea(**root);
    }
    return Ok();
  }
  const UnitVersion* root = units.Find(q_.under, range_.end);
  if (!root) {
    const auto versions = units.VersionsOfCode(q_.under);
    if (versions.empty()) return Fail(units.Resolve(q_.under, range_.end).error().At("under"));
    root = versions.front();
    for (const UnitVersion* v : versions) {
      if (v->valid.start <= range_.end) root = v;
    }
  }
  root_ = root->unit_id;
  if (q_.by_level && LevelRank(*q_.by_level) < LevelRank(root->level)) return LevelAboveArea(*root);
  std::unordered_set<UnitId> seen;
  for (const auto& [unit, when] : units.SubtreeEver(root_)) {
    if (seen.insert(unit).second) area_units_.push_back(unit);
  }
  return Ok();
}

Status QueryRunner::LevelAboveArea(const UnitVersion& root) const {
  return Fail(
      ErrorCode::kInvalidArgument,
      fmt::format("the area {} {} is a {}; group it by a level below it, not by {}", root.code,
                  root.FullName(), UnitLevelName(root.level), UnitLevelName(*q_.by_level)),
      "by");
}

int QueryRunner::AddBase(const std::string& element, const std::string& option) {
  for (size_t i = 0; i < bases_.size(); ++i) {
    if (bases_[i].element == element && bases_[i].option == option) return static_cast<int>(i);
  }
  bases_.push_back({element, option, e_.catalog_.FindElement(element)});
  return static_cast<int>(bases_.size() - 1);
}

int QueryRunner::AddVerdictBase(const std::string& set, bool met) {
  for (size_t i = 0; i < bases_.size(); ++i) {
    if (!bases_[i].def && bases_[i].verdict_set == set && bases_[i].verdict_met == met) {
      return static_cast<int>(i);
    }
  }
  bases_.push_back({"", "", nullptr, set, met});
  return static_cast<int>(bases_.size() - 1);
}

int QueryRunner::BaseOf(const std::string& text) {
  auto measure = e_.catalog_.FindMeasure(text);
  return measure ? AddBase(measure->first->code, measure->second) : -1;
}

Status QueryRunner::AddMeasure(const std::string& text) {
  Measure m;
  m.base = BaseOf(text);
  if (m.base < 0) {
    if (text.find_first_of("#{}()+-*/") == std::string::npos) {
      return Fail(ErrorCode::kNotFound, fmt::format("unknown measure '{}'", text), "measure");
    }
    auto tree = expr::Parse(text);
    if (!tree) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("'{}': {}", text, tree.error().message()), "measure");
    }
    for (const expr::Reference& r : expr::References(**tree)) {
      if (r.kind == expr::RefKind::kEvaluation) {
        if (q_.as_of) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("'{}': column {}: results of criteria stay on the units of their "
                                  "assessment year and are never carried into later units; drop "
                                  "as_of",
                                  text, r.position),
                      "measure");
        }
        m.refs[ReferenceKey(r)] = AddVerdictBase(r.code, r.option == "MET");
        continue;
      }
      if (r.kind != expr::RefKind::kElement) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("'{}': column {}: only #{{element}} and E{{criteria.METRIC}} "
                                "references can be queried yet",
                                text, r.position),
                    "measure");
      }
      const std::string key = ReferenceKey(r);
      const int base = BaseOf(key);
      if (base < 0) {
        return Fail(ErrorCode::kNotFound,
                    fmt::format("'{}': column {}: unknown element '{}'", text, r.position, key),
                    "measure");
      }
      m.refs[key] = base;
    }
    m.expression = std::move(*tree);
  }
  measures_.push_back(std::move(m));
  return Ok();
}

void QueryRunner::NumberSlots() {
  UnitId max_id = 0;
  for (const UnitVersion& v : e_.units_.versions()) max_id = std::max(max_id, v.unit_id);
  slot_of_unit_.assign(static_cast<size_t>(max_id) + 1, -1);
  slot_of_unit_[0] = 0;
  slot_units_ = {0};
  if (!q_.by_level) return;
  for (const UnitVersion& v : e_.units_.versions()) {
    auto& slot = slot_of_unit_[static_cast<size_t>(v.unit_id)];
    if (v.level != *q_.by_level || slot >= 0) continue;
    slot = static_cast<int>(slot_units_.size());
    slot_units_.push_back(v.unit_id);
  }
}

int QueryRunner::SlotOf(const UnitTimelines::Stretch& s) const {
  const UnitId group = q_.by_level ? s.At(*q_.by_level) : 0;
  return std::max(0, slot_of_unit_[static_cast<size_t>(group)]);
}

std::vector<std::pair<UnitId, double>> QueryRunner::Remap(UnitId unit, Date day) const {
  if (e_.units_.VersionOf(unit, *q_.as_of)) return {{unit, 1.0}};
  std::vector<std::pair<UnitId, double>> out;
  // The first change after `day` that took this unit's place.
  const LineageEvent* next = nullptr;
  for (const LineageEvent* ev : e_.units_.EventsFrom(unit)) {
    if (ev->date > day && ev->date <= *q_.as_of && (!next || ev->date < next->date)) next = ev;
  }
  if (!next) return out;
  for (const LineageLink& l : next->links) {
    if (l.from != unit) continue;
    for (const auto& [successor, share] : Remap(l.to, next->date)) {
      out.emplace_back(successor, share * l.weight);
    }
  }
  return out;
}

template <typename F>
void QueryRunner::Place(UnitId unit, Date day, F add) const {
  if (!q_.as_of) {
    const UnitTimelines::Stretch* s = e_.timelines_.At(unit, day);
    if (s && s->Under(root_)) add(SlotOf(*s), 1.0);
    return;
  }
  for (const auto& [successor, share] : Remap(unit, day)) {
    const UnitTimelines::Stretch* s = e_.timelines_.At(successor, *q_.as_of);
    if (s && s->Under(root_)) add(SlotOf(*s), share);
  }
}

DateRange QueryRunner::LineageStretchOf(UnitId unit, Date day) const {
  DateRange stretch{Date::Min(), Date::Max()};
  // A change "on d" means Place may answer differently from d on: the unit appears or ends, or
  // a lineage event from it is no longer ahead of the figure.
  auto consider = [&](Date d) {
    if (d <= day) {
      stretch.start = std::max(stretch.start, d);
    } else {
      stretch.end = std::min(stretch.end, d);
    }
  };
  for (const UnitVersion* v : e_.units_.VersionsOfUnit(unit)) {
    consider(v->valid.start);
    consider(v->valid.end.AddDays(1));
  }
  for (const LineageEvent* ev : e_.units_.EventsFrom(unit)) consider(ev->date);
  return stretch;
}

const QueryRunner::UnitPlace& QueryRunner::PlaceOf(PlaceCache& cache, UnitId unit, Date day) const {
  const auto u = static_cast<size_t>(unit);
  if (cache.size() <= u) cache.resize(u + 1);
  UnitPlace& p = cache[u];
  if (p.lo <= day && day < p.hi) return p;
  if (!q_.as_of) {
    // At the time: the unit's stretch of unchanged hierarchy that holds `day` says it all.
    p.lo = Date::Min();
    p.hi = Date::Max();
    p.exists = false;
    p.to.clear();
    for (const UnitTimelines::Stretch& s : e_.timelines_.Of(unit)) {
      if (s.end < day) {
        p.lo = s.end.AddDays(1);
        continue;
      }
      if (day < s.start) {
        p.hi = s.start;
        break;
      }
      p.lo = s.start;
      p.hi = s.end.AddDays(1);
      p.exists = true;
      if (s.Under(root_)) p.to.push_back({SlotOf(s), 1.0});
      break;
    }
    return p;
  }
  const DateRange stretch = LineageStretchOf(unit, day);
  p.lo = stretch.start;
  p.hi = stretch.end;
  p.exists = e_.units_.VersionOf(unit, day) != nullptr;
  p.to.clear();
  Place(unit, day, [&](int slot, double share) { p.to.push_back({slot, share}); });
  return p;
}

int QueryRunner::GroupId(const std::string& code) {
  auto [it, added] = group_ids_.try_emplace(code, static_cast<int>(group_codes_.size()));
  if (added) group_codes_.push_back(code);
  return it->second;
}

const QueryRunner::PeriodTable& QueryRunner::TableFor(const Series& s) {
  auto ds = e_.catalog_.FindDataSet(s.data_set());
  const Calendar* cal = calendar_;
  if (ds) {
    if (auto c = Calendar::Find(ds->calendar)) cal = *c;
  }
  auto [it, inserted] = tables_.try_emplace({cal, s.type(), s.min_period(), s.max_period()});
  PeriodTable& t = it->second;
  if (!inserted || s.min_period() > s.max_period()) return t;
  t.first = s.min_period();
  t.slots.resize(static_cast<size_t>(s.max_period() - s.min_period()) + 1);
  for (size_t i = 0; i < t.slots.size(); ++i) {
    const auto ordinal = static_cast<uint16_t>(t.first + i);
    const Period p = PeriodFromOrdinal(s.type(), ordinal);
    PeriodSlot& slot = t.slots[i];
    auto in_range = Coarsen(p, q_.from.type(), *cal);
    auto window = cal->Window(p);
    if (!in_range || *in_range < q_.from || q_.to < *in_range || !window) continue;
    slot.start = window->start.days();
    slot.end = window->end.days();
    if (t.lo > t.hi) t.lo = ordinal;
    t.hi = ordinal;
    if (!q_.by_period) {
      slot.group = 0;
      continue;
    }
    auto group = Coarsen(p, *q_.by_period, *cal);
    slot.group = group ? GroupId(group->Code()) : kFiner;
  }
  return t;
}

std::vector<std::pair<const Series*, const QueryRunner::PeriodTable*>> QueryRunner::SeriesOf(
    const Base& b) {
  std::vector<std::pair<const Series*, const PeriodTable*>> out;
  auto list = e_.by_element_.find(b.element);
  if (list == e_.by_element_.end()) return out;
  // The element itself adds up all its options; "element.option" just that one.
  for (const auto& [option, series] : list->second) {
    if (!b.option.empty() && option != b.option) continue;
    out.emplace_back(series, &TableFor(*series));
  }
  return out;
}

size_t QueryRunner::EstimatedColumns(const Base& b) const {
  size_t n = 0;
  for (const auto& [series, table] : base_series_[static_cast<size_t>(&b - bases_.data())]) {
    n += std::min(series->column_count(), q_.as_of ? series->column_count() : area_units_.size());
  }
  return n;
}

void QueryRunner::AccumulateValues(size_t base, PlaceCache& cache) {
  const DataElement& el = *bases_[base].def;
  BaseCells& out = cells_[base];
  const size_t n_groups = group_codes_.size();
  const bool last = el.aggregation == Aggregation::kLast;
  auto cells_of = [&](int slot) -> std::vector<Cell>& {
    auto& row = out.cells[static_cast<size_t>(slot)];
    if (row.empty()) row.resize(n_groups);
    return row;
  };
  out.cells.resize(slot_units_.size());
  if (last) out.last.resize(slot_units_.size());
  for (const auto& entry : base_series_[base]) {
    // Plain names, not a structured binding: the lambdas below capture them.
    const auto& series = entry.first;
    const PeriodTable& t = *entry.second;
    if (t.lo > t.hi) continue;
    // Stocks ("last") compare periods across series by (type, ordinal).
    const int64_t type_rank = static_cast<int64_t>(series->type()) << 16;
    // One value the general way: any number of places (a split), a unit that ended inside the
    // period, stocks.
    auto add_one = [&](UnitId unit, const ColumnView& col, size_t i, const PeriodSlot& ps) {
      const double value = series->ValueAt(unit, col, i);
      // A figure belongs to the unit's place at the end of its period, or at its start when the
      // unit ended inside the period.
      const UnitPlace& place = PlaceOf(cache, unit, Date::FromDays(ps.end));
      PlaceList at_start;
      const PlaceList* to = &place.to;
      if (!place.exists) {
        Place(unit, Date::FromDays(ps.start), [&](int slot, double share) {
          at_start.push_back({slot, share});
        });
        to = &at_start;
      }
      for (size_t k = 0; k < to->size(); ++k) {
        const Placed& pl = (*to)[k];
        const double v = value * pl.share;
        if (last) {
          auto& row = out.last[static_cast<size_t>(pl.slot)];
          if (row.empty()) row.assign(n_groups, {-1, 0.0});
          auto& [seen, total] = row[static_cast<size_t>(ps.group)];
          const int64_t rank = type_rank | col.periods[i];
          if (seen < rank) {
            seen = rank;
            total = v;
          } else if (seen == rank) {
            total += v;
          }
          continue;
        }
        Add(cells_of(pl.slot)[static_cast<size_t>(ps.group)], value, pl.share);
      }
    };
    // The series' periods all in range (a whole-history query): no search needed.
    const bool all_in_range = t.lo <= series->min_period() && series->max_period() <= t.hi;
    auto add_column = [&](UnitId unit, const ColumnView& col) {
      const uint16_t* periods = col.periods;
      size_t i = 0;
      size_t n = col.size;
      if (!all_in_range) {
        i = static_cast<size_t>(std::lower_bound(periods, periods + n, t.lo) - periods);
        n = static_cast<size_t>(std::upper_bound(periods + i, periods + n, t.hi) - periods);
      }
      while (i < n) {
        const PeriodSlot& ps = t.slots[static_cast<size_t>(periods[i] - t.first)];
        if (ps.group < 0) {
          if (ps.group == kFiner)
            out.finer_than_reported = PeriodFromOrdinal(series->type(), periods[i]);
          ++i;
          continue;
        }
        const UnitPlace& place = PlaceOf(cache, unit, Date::FromDays(ps.end));
        if (last || !place.exists || place.to.size() != 1) {
          add_one(unit, col, i, ps);
          ++i;
          continue;
        }
        // The common case: the unit's figures all go to one place for a stretch of time, so
        // the values of that stretch are added without looking the place up again.
        Cell* row = cells_of(place.to[0].slot).data();
        const double share = place.to[0].share;
        const int64_t stretch_end = place.hi.days();
        for (; i < n; ++i) {
          const PeriodSlot& s = t.slots[static_cast<size_t>(periods[i] - t.first)];
          if (s.group < 0) {
            if (s.group == kFiner)
              out.finer_than_reported = PeriodFromOrdinal(series->type(), periods[i]);
            continue;
          }
          if (s.end >= stretch_end) break;
          Add(row[s.group], series->ValueAt(unit, col, i), share);
        }
      }
    };
    // A small area (one commune, one district) is read unit by unit; a large one by scanning.
    if (!q_.as_of && area_units_.size() < series->column_count()) {
      for (UnitId unit : area_units_) add_column(unit, series->ColumnOf(unit));
      continue;
    }
    for (size_t i = 0; i < series->column_count(); ++i) {
      add_column(series->column_unit(i), series->column(i));
    }
  }
}

Status QueryRunner::AccumulateEvents(size_t base) {
  const Base& b = bases_[base];
  const ElementSource& src = *b.def->source;
  BaseCells& out = cells_[base];
  auto list = e_.events_.find(src.register_code);
  if (list == e_.events_.end()) return Ok();
  std::string field = src.field;
  if (!b.option.empty()) field += "." + b.option;
  auto number_of = [&](const Engine::EventRecord& r) {
    for (const auto& [key, v] : r.numbers) {
      if (key == field) return v;
    }
    return 0.0;
  };
  // Events may add group periods, so cells are sized as they come.
  out.cells.resize(slot_units_.size());
  auto add = [&](int slot, int group, double value, double share) {
    AddToCell(out, slot, group, value, share);
  };
  if (src.function == SourceFunction::kActive) {
    // Records active on the last day of each period of the grouping (or of the range).
    std::vector<std::pair<int, Date>> days;
    if (q_.by_period) {
      auto p = calendar_->PeriodOf(range_.start, *q_.by_period);
      auto end = calendar_->PeriodOf(range_.end, *q_.by_period);
      for (; p && end && !(*end < *p); p = p->Next()) {
        auto w = calendar_->Window(*p);
        if (w) days.emplace_back(GroupId(p->Code()), w->end);
      }
    } else {
      days.emplace_back(0, range_.end);
    }
    for (const auto& group_day : days) {
      const auto group = group_day.first;  // captured below, so not a structured binding
      const Date day = group_day.second;
      for (const Engine::EventRecord& r : list->second) {
        if (!r.active_from || *r.active_from > day || (r.active_to && *r.active_to < day)) continue;
        Place(r.unit, std::min(day, r.active_to.value_or(day)),
              [&](int slot, double share) { add(slot, group, 1.0, share); });
      }
    }
    return Ok();
  }
  for (const Engine::EventRecord& r : list->second) {
    if (!range_.Contains(r.date)) continue;
    int group = 0;
    if (q_.by_period) {
      auto p = calendar_->PeriodOf(r.date, *q_.by_period);
      if (!p) return Fail(p.error().At("by"));
      group = GroupId(p->Code());
    }
    const double v = src.function == SourceFunction::kCount ? 1.0 : number_of(r);
    Place(r.unit, r.date, [&](int slot, double share) { add(slot, group, v, share); });
  }
  return Ok();
}

void QueryRunner::AddToCell(BaseCells& out, int slot, int group, double value, double share) {
  auto& row = out.cells[static_cast<size_t>(slot)];
  if (row.size() <= static_cast<size_t>(group)) row.resize(static_cast<size_t>(group) + 1);
  Add(row[static_cast<size_t>(group)], value, share);
}

// Verdicts go to the unit as it stood on the assessment day (queries with them are never as
// of a later date): a district of 2022 counts its 2022 communes.
Status QueryRunner::AccumulateVerdicts(size_t base) {
  const Base& b = bases_[base];
  BaseCells& out = cells_[base];
  out.cells.resize(slot_units_.size());
  auto list = q_.verdicts.find(b.verdict_set);
  if (list == q_.verdicts.end()) return Ok();
  for (const Verdict& v : list->second) {
    if (!range_.Contains(v.day)) continue;
    int group = 0;
    if (q_.by_period) {
      auto p = calendar_->PeriodOf(v.day, *q_.by_period);
      if (!p) return Fail(p.error().At("by"));
      group = GroupId(p->Code());
    }
    const double value = !b.verdict_met || v.met ? 1.0 : 0.0;
    Place(v.unit, v.day,
          [&](int slot, double share) { AddToCell(out, slot, group, value, share); });
  }
  return Ok();
}

std::optional<double> QueryRunner::CellValue(size_t base, int slot, int group) const {
  const Base& b = bases_[base];
  const BaseCells& bc = cells_[base];
  const auto s = static_cast<size_t>(slot);
  const auto g = static_cast<size_t>(group);
  if (b.is_value() && b.def->aggregation == Aggregation::kLast) {
    if (s >= bc.last.size() || g >= bc.last[s].size() || bc.last[s][g].first < 0)
      return std::nullopt;
    return bc.last[s][g].second;
  }
  if (s >= bc.cells.size() || g >= bc.cells[s].size() || !bc.cells[s][g].any) return std::nullopt;
  const Cell& c = bc.cells[s][g];
  if (!b.def) return c.sum;  // verdicts: how many (met)
  switch (b.def->aggregation) {
    case Aggregation::kAverage:
      return c.count > 0 ? std::optional<double>(c.sum / c.count) : std::nullopt;
    case Aggregation::kMin:
      return c.min;
    case Aggregation::kMax:
      return c.max;
    case Aggregation::kCount:
      return b.def->source ? c.sum : c.count;
    default:
      return c.sum;
  }
}

Result<QueryResult> QueryRunner::Collect() {
  // The (slot, group) pairs that hold anything, in any base.
  std::vector<std::vector<bool>> used(slot_units_.size());
  for (size_t b = 0; b < bases_.size(); ++b) {
    const BaseCells& bc = cells_[b];
    for (size_t s = 0; s < bc.cells.size(); ++s) {
      for (size_t g = 0; g < bc.cells[s].size(); ++g) {
        if (!bc.cells[s][g].any) continue;
        if (used[s].size() <= g) used[s].resize(group_codes_.size());
        used[s][g] = true;
      }
    }
    for (size_t s = 0; s < bc.last.size(); ++s) {
      for (size_t g = 0; g < bc.last[s].size(); ++g) {
        if (bc.last[s][g].first < 0) continue;
        if (used[s].size() <= g) used[s].resize(group_codes_.size());
        used[s][g] = true;
      }
    }
  }
  const Date day = q_.as_of ? *q_.as_of : range_.end;
  auto version = [&](UnitId u) -> const UnitVersion* {
    if (u == 0) return nullptr;
    if (const UnitVersion* v = e_.units_.VersionOf(u, day)) return v;
    const auto all = e_.units_.VersionsOfUnit(u);
    return all.empty() ? nullptr : all.back();
  };
  // Rows go by unit name (Vietnamese order), then period in time order (2023W9 before 2023W13).
  // Names the engine ranked at start-up sort by rank; a version it does not know (the registry
  // changed under it) makes the query collate the names itself.
  std::vector<size_t> slot_order;
  std::vector<const UnitVersion*> slot_versions(slot_units_.size());
  const UnitVersion* root = version(root_);
  const auto& all_versions = e_.units_.versions();
  auto rank_index = [&](const UnitVersion* v) -> size_t {
    if (all_versions.empty() || v < all_versions.data()) return SIZE_MAX;
    const auto i = static_cast<size_t>(v - all_versions.data());
    return i < e_.name_rank_.size() ? i : SIZE_MAX;
  };
  bool all_ranked = true;
  for (size_t s = 0; s < used.size(); ++s) {
    if (used[s].empty()) continue;
    slot_order.push_back(s);
    const UnitId unit = slot_units_[s];
    slot_versions[s] = unit ? version(unit) : (q_.by_level ? nullptr : root);
    if (unit && slot_versions[s] && rank_index(slot_versions[s]) == SIZE_MAX) all_ranked = false;
  }
  std::vector<std::string> slot_keys(all_ranked ? 0 : slot_units_.size());
  std::vector<uint32_t> slot_ranks(slot_units_.size(), 0);
  for (size_t s : slot_order) {
    const UnitVersion* v = slot_units_[s] ? slot_versions[s] : nullptr;
    if (all_ranked) {
      // Unit 0 (the area, or "none") sorts first, as an empty name would.
      slot_ranks[s] = v ? e_.name_rank_[rank_index(v)] + 1 : 0;
    } else {
      slot_keys[s] = VietnameseSortKey(v ? v->name : "");
    }
  }
  std::stable_sort(slot_order.begin(), slot_order.end(), [&](size_t a, size_t b) {
    if (all_ranked) {
      if (slot_ranks[a] != slot_ranks[b]) return slot_ranks[a] < slot_ranks[b];
    } else if (slot_keys[a] != slot_keys[b]) {
      return slot_keys[a] < slot_keys[b];
    }
    return slot_units_[a] < slot_units_[b];
  });
  std::vector<size_t> group_order(group_codes_.size());
  std::vector<std::optional<Period>> group_periods(group_codes_.size());
  for (size_t g = 0; g < group_codes_.size(); ++g) {
    group_order[g] = g;
    if (auto p = Period::Parse(group_codes_[g])) group_periods[g] = *p;
  }
  std::stable_sort(group_order.begin(), group_order.end(), [&](size_t a, size_t b) {
    if (group_periods[a] && group_periods[b]) return *group_periods[a] < *group_periods[b];
    return group_codes_[a] < group_codes_[b];
  });
  const std::string range_label =
      q_.from == q_.to ? q_.from.Code() : fmt::format("{}..{}", q_.from.Code(), q_.to.Code());
  QueryResult result;
  result.measures = q_.measures;
  size_t row_count = 0;
  for (const auto& groups : used)
    row_count += static_cast<size_t>(std::count(groups.begin(), groups.end(), true));
  result.rows.reserve(row_count);
  std::vector<std::optional<double>> base_values(bases_.size());
  for (size_t s : slot_order) {
    const UnitVersion* v = slot_versions[s];
    const std::string code = v ? v->code : "";
    const std::string name = v ? v->FullName() : "(không thuộc / none)";
    for (size_t g : group_order) {
      if (g >= used[s].size() || !used[s][g]) continue;
      Row row;
      row.unit_code = code;
      row.unit_name = name;
      row.period = group_codes_[g].empty() ? range_label : group_codes_[g];
      for (size_t b = 0; b < bases_.size(); ++b) {
        base_values[b] = CellValue(b, static_cast<int>(s), static_cast<int>(g));
      }
      row.values.reserve(measures_.size());
      for (const Measure& m : measures_) {
        if (m.base >= 0) {
          row.values.push_back(base_values[static_cast<size_t>(m.base)]);
          continue;
        }
        const expr::Value value = expr::Evaluate(*m.expression, [&](const expr::Reference& r) {
          return base_values[static_cast<size_t>(m.refs.at(ReferenceKey(r)))];
        });
        row.values.push_back(expr::AsNumber(value));
      }
      result.rows.push_back(std::move(row));
    }
  }
  return result;
}

}  // namespace antq::analytics
