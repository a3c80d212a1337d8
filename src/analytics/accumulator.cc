#include "analytics/accumulator.h"

#include <fmt/format.h>

#include <algorithm>
#include <thread>

#include "analytics/period_ordinal.h"

namespace antq::analytics {
namespace {

// Above this many unit columns to read, value measures are added up on two cores.
constexpr size_t kParallelColumns = 20000;

}  // namespace

Accumulator::Accumulator(const Engine& engine, const Query& query, const MeasurePlan& plan,
                         const UnitPlacement& placement, PeriodGrouping& periods)
    : e_(engine), q_(query), plan_(plan), placement_(placement), periods_(periods) {}

Status Accumulator::Run() {
  const auto& bases = plan_.bases();
  cells_.resize(bases.size());
  base_series_.resize(bases.size());
  std::vector<size_t> value_bases;
  for (size_t b = 0; b < bases.size(); ++b) {
    cells_[b].cells.resize(placement_.slot_count());
    if (bases[b].kind != BaseMeasure::Kind::kValue) continue;
    base_series_[b] = SeriesOf(bases[b]);
    value_bases.push_back(b);
  }
  // Split the value bases over two cores when the work is large, heaviest first.
  size_t work = 0;
  std::vector<std::pair<size_t, size_t>> weighted;
  for (size_t b : value_bases) {
    weighted.emplace_back(EstimatedColumns(b), b);
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
      UnitPlacement::PlaceCache cache;
      for (size_t b : theirs) AccumulateValues(b, cache);
    });
    UnitPlacement::PlaceCache cache;
    for (size_t b : mine) AccumulateValues(b, cache);
    helper.join();
  } else {
    UnitPlacement::PlaceCache cache;
    for (size_t b : value_bases) AccumulateValues(b, cache);
  }
  for (size_t b = 0; b < bases.size(); ++b) {
    switch (bases[b].kind) {
      case BaseMeasure::Kind::kEvent:
        if (auto s = AccumulateEvents(b); !s) return s;
        break;
      case BaseMeasure::Kind::kVerdict:
        if (auto s = AccumulateVerdicts(b); !s) return s;
        break;
      case BaseMeasure::Kind::kGroupCount:
        AccumulateGroupCount(b);
        break;
      case BaseMeasure::Kind::kReports:
        if (auto s = AccumulateReports(b); !s) return s;
        break;
      case BaseMeasure::Kind::kValue:
        if (const auto& finer = cells_[b].finer_than_reported) {
          return Fail(
              ErrorCode::kInvalidArgument,
              fmt::format("{} is reported {} ({}); its figures cannot be split into {} periods",
                          bases[b].element, PeriodTypeName(finer->type()), finer->Code(),
                          PeriodTypeName(*q_.by_period)),
              "by");
        }
        break;
    }
  }
  return Ok();
}

Accumulator::SeriesList Accumulator::SeriesOf(const BaseMeasure& b) {
  SeriesList out;
  auto list = e_.by_element_.find(b.element);
  if (list == e_.by_element_.end()) return out;
  // The element itself adds up all its options; "element.option" just that one.
  for (const auto& [option, series] : list->second) {
    if (!b.option.empty() && option != b.option) continue;
    out.emplace_back(series, &periods_.TableFor(*series, e_.catalog_));
  }
  return out;
}

size_t Accumulator::EstimatedColumns(size_t base) const {
  size_t n = 0;
  for (const auto& [series, table] : base_series_[base]) {
    n += std::min(series->column_count(),
                  q_.as_of ? series->column_count() : placement_.area_units().size());
  }
  return n;
}

void Accumulator::AccumulateValues(size_t base, UnitPlacement::PlaceCache& cache) {
  using Table = PeriodGrouping::Table;
  using Slot = PeriodGrouping::Slot;
  const DataElement& el = *plan_.bases()[base].def;
  BaseCells& out = cells_[base];
  const size_t n_groups = periods_.codes().size();
  const bool last = el.aggregation == Aggregation::kLast;
  auto cells_of = [&](int slot) -> std::vector<Cell>& {
    auto& row = out.cells[static_cast<size_t>(slot)];
    if (row.empty()) row.resize(n_groups);
    return row;
  };
  if (last) out.last.resize(placement_.slot_count());
  for (const auto& entry : base_series_[base]) {
    // Plain names, not a structured binding: the lambdas below capture them.
    const auto& series = entry.first;
    const Table& t = *entry.second;
    if (t.lo > t.hi) continue;
    // Stocks ("last") compare periods across series by (type, ordinal).
    const int64_t type_rank = static_cast<int64_t>(series->type()) << 16;
    // One value the general way: any number of places (a split), a unit that ended inside the
    // period, stocks.
    auto add_one = [&](UnitId unit, const ColumnView& col, size_t i, const Slot& ps) {
      const double value = series->ValueAt(unit, col, i);
      // A figure belongs to the unit's place at the end of its period, or at its start when the
      // unit ended inside the period.
      const UnitPlacement::UnitPlace& place =
          placement_.PlaceOf(cache, unit, Date::FromDays(ps.end));
      UnitPlacement::PlaceList at_start;
      const UnitPlacement::PlaceList* to = &place.to;
      if (!place.exists) {
        placement_.Place(unit, Date::FromDays(ps.start), [&](int slot, double share) {
          at_start.push_back({slot, share});
        });
        to = &at_start;
      }
      for (size_t k = 0; k < to->size(); ++k) {
        const UnitPlacement::Placed& pl = (*to)[k];
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
        cells_of(pl.slot)[static_cast<size_t>(ps.group)].Add(value, pl.share);
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
        const Slot& ps = t.slots[static_cast<size_t>(periods[i] - t.first)];
        if (ps.group < 0) {
          if (ps.group == PeriodGrouping::kFiner)
            out.finer_than_reported = PeriodFromOrdinal(series->type(), periods[i]);
          ++i;
          continue;
        }
        const UnitPlacement::UnitPlace& place =
            placement_.PlaceOf(cache, unit, Date::FromDays(ps.end));
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
          const Slot& s = t.slots[static_cast<size_t>(periods[i] - t.first)];
          if (s.group < 0) {
            if (s.group == PeriodGrouping::kFiner)
              out.finer_than_reported = PeriodFromOrdinal(series->type(), periods[i]);
            continue;
          }
          if (s.end >= stretch_end) break;
          row[s.group].Add(series->ValueAt(unit, col, i), share);
        }
      }
    };
    // A small area (one commune, one district) is read unit by unit; a large one by scanning.
    const auto& area_units = placement_.area_units();
    if (!q_.as_of && area_units.size() < series->column_count()) {
      for (UnitId unit : area_units) add_column(unit, series->ColumnOf(unit));
      continue;
    }
    for (size_t i = 0; i < series->column_count(); ++i) {
      add_column(series->column_unit(i), series->column(i));
    }
  }
}

Status Accumulator::AccumulateEvents(size_t base) {
  const BaseMeasure& b = plan_.bases()[base];
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
  if (src.function == SourceFunction::kActive) {
    // Records active on the last day of each period of the grouping (or of the range).
    for (const auto& group_day : periods_.ClosingDays()) {
      const auto group = group_day.first;  // captured below, so not a structured binding
      const Date day = group_day.second;
      for (const Engine::EventRecord& r : list->second) {
        if (!r.active_from || *r.active_from > day || (r.active_to && *r.active_to < day)) continue;
        placement_.Place(r.unit, std::min(day, r.active_to.value_or(day)),
                         [&](int slot, double share) { out.AddTo(slot, group, 1.0, share); });
      }
    }
    return Ok();
  }
  for (const Engine::EventRecord& r : list->second) {
    if (!periods_.range().Contains(r.date)) continue;
    auto group = periods_.GroupOfDay(r.date);
    if (!group) return Fail(group.error());
    const double v = src.function == SourceFunction::kCount ? 1.0 : number_of(r);
    placement_.Place(r.unit, r.date,
                     [&](int slot, double share) { out.AddTo(slot, *group, v, share); });
  }
  return Ok();
}

// Verdicts go to the unit as it stood on the assessment day (queries with them are never as
// of a later date): a district of 2022 counts its 2022 communes.
Status Accumulator::AccumulateVerdicts(size_t base) {
  const BaseMeasure& b = plan_.bases()[base];
  auto list = q_.verdicts.find(b.verdict_set);
  if (list == q_.verdicts.end()) return Ok();
  return AddDated(cells_[base], list->second, [&](const Verdict& v) {
    return std::pair{v.day, !b.verdict_met || v.met ? 1.0 : 0.0};
  });
}

// OUG{group}: the group's members on the last day of each period (or of the range; or on the
// as-of date), counted in the row they stand in that day, as DHIS2 counts an org unit group's
// members under the row's org unit.
void Accumulator::AccumulateGroupCount(size_t base) {
  const UnitGroup* group = e_.units_.FindGroup(plan_.bases()[base].code);
  if (!group) return;
  BaseCells& out = cells_[base];
  for (const auto& [period_group, closing_day] : periods_.ClosingDays()) {
    const int g = period_group;  // captured below, so not a structured binding
    const Date day = q_.as_of ? *q_.as_of : closing_day;
    for (const UnitGroupMember& m : group->members) {
      if (!m.valid.Contains(day)) continue;
      placement_.Place(m.unit_id, day,
                       [&](int slot, double share) { out.AddTo(slot, g, 1.0, share); });
    }
  }
}

// R{set.…}: each expected report counts on the unit that owed it, in the period it closes.
Status Accumulator::AccumulateReports(size_t base) {
  const BaseMeasure& b = plan_.bases()[base];
  auto list = q_.reports.find(b.code);
  if (list == q_.reports.end()) return Ok();
  return AddDated(cells_[base], list->second, [&](const ExpectedReport& r) {
    const bool counts = b.reports == BaseMeasure::Reports::kExpected ? true
                        : b.reports == BaseMeasure::Reports::kActual ? r.handed_in
                                                                     : r.on_time;
    return std::pair{r.day, counts ? 1.0 : 0.0};
  });
}

std::optional<double> Accumulator::CellValue(size_t base, size_t s, size_t g) const {
  const BaseMeasure& b = plan_.bases()[base];
  const BaseCells& bc = cells_[base];
  if (b.kind == BaseMeasure::Kind::kValue && b.def->aggregation == Aggregation::kLast) {
    if (s >= bc.last.size() || g >= bc.last[s].size() || bc.last[s][g].first < 0)
      return std::nullopt;
    return bc.last[s][g].second;
  }
  if (s >= bc.cells.size() || g >= bc.cells[s].size() || !bc.cells[s][g].any) return std::nullopt;
  const Cell& c = bc.cells[s][g];
  if (b.kind != BaseMeasure::Kind::kValue && b.kind != BaseMeasure::Kind::kEvent) {
    return c.sum;  // how many: verdicts (met), group members, reports
  }
  switch (b.def->aggregation) {
    case Aggregation::kAverage:
      return c.count > 0 ? std::optional<double>(c.sum / c.count) : std::nullopt;
    case Aggregation::kMin:
      return c.min;
    case Aggregation::kMax:
      return c.max;
    case Aggregation::kCount:
      return b.kind == BaseMeasure::Kind::kEvent ? c.sum : c.count;
    default:
      return c.sum;
  }
}

}  // namespace antq::analytics
