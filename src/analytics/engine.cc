#include "analytics/engine.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "common/text.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::analytics {

uint32_t Engine::PeriodIndex(const std::string& code) {
  auto it = period_index_.find(code);
  if (it != period_index_.end()) return it->second;
  periods_.push_back(*Period::Parse(code));
  const auto index = static_cast<uint32_t>(periods_.size() - 1);
  period_index_.emplace(code, index);
  return index;
}

void Engine::PutValue(const DataValue& v) {
  if (!v.value.number) return;  // text values are not aggregated
  if (!Period::Parse(v.period)) return;
  const uint32_t p = PeriodIndex(v.period);
  series_data_set_[v.element] = v.data_set;
  std::vector<Entry>& entries = series_[{v.element, v.option}][v.unit_id];
  auto it = std::lower_bound(entries.begin(), entries.end(), p,
                             [](const Entry& e, uint32_t period) { return e.period < period; });
  if (it != entries.end() && it->period == p) {
    it->value = *v.value.number;
  } else {
    entries.insert(it, {p, *v.value.number});
    ++value_count_;
  }
}

void Engine::EraseValue(UnitId unit, const std::string& element, const std::string& option,
                        const std::string& period) {
  auto s = series_.find({element, option});
  auto pi = period_index_.find(period);
  if (s == series_.end() || pi == period_index_.end()) return;
  auto u = s->second.find(unit);
  if (u == s->second.end()) return;
  auto& entries = u->second;
  auto it = std::lower_bound(entries.begin(), entries.end(), pi->second,
                             [](const Entry& e, uint32_t p) { return e.period < p; });
  if (it != entries.end() && it->period == pi->second) {
    entries.erase(it);
    --value_count_;
  }
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
    if (f.type == FieldType::kInteger || f.type == FieldType::kNumber) {
      r.numbers.emplace_back(f.code, it->get<double>());
    } else if (f.type == FieldType::kItems && it->is_object()) {
      const Category* category = catalog_.FindCategory(f.category);
      double counted = 0;
      for (const auto& [option, q] : it->items()) {
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

}  // namespace

// Runs one query: resolves the area, maps every figure to its group (unit × period), adds up
// the base measures and then computes the requested ones.
class QueryRunner {
 public:
  QueryRunner(const Engine& engine, const Query& q) : e_(engine), q_(q) {}

  Result<QueryResult> Run() {
    if (auto s = Prepare(); !s) return Fail(s.error());
    for (const Base& b : bases_) {
      if (auto s = Accumulate(b); !s) return Fail(s.error());
    }
    return Collect();
  }

 private:
  // A measure the engine adds up directly: an element, or one option of it.
  struct Base {
    std::string element;
    std::string option;
    const DataElement* def;
  };
  struct Measure {
    int base = -1;                           // a plain measure
    std::unique_ptr<expr::Node> expression;  // or an indicator
    std::map<std::string, int> refs;         // reference key -> base index
  };
  struct Cell {
    double sum = 0;
    double count = 0;
    std::optional<double> min;
    std::optional<double> max;
    bool any = false;
  };
  using GroupKey = std::pair<UnitId, std::string>;  // unit (0: the area), period code ("": range)

  Status Prepare() {
    if (q_.measures.empty())
      return Fail(ErrorCode::kUsage, "name at least one measure", "--measure");
    if (q_.from.type() != q_.to.type()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("the range {}..{} mixes {} and {} periods", q_.from.Code(), q_.to.Code(),
                      PeriodTypeName(q_.from.type()), PeriodTypeName(q_.to.type())),
          "--period");
    }
    if (q_.to < q_.from) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("the range {}..{} ends before it starts", q_.from.Code(), q_.to.Code()),
          "--period");
    }
    auto cal = Calendar::Find(q_.calendar);
    if (!cal) return Fail(cal.error().At("--calendar"));
    calendar_ = *cal;
    auto first = calendar_->Window(q_.from);
    auto last = calendar_->Window(q_.to);
    if (!first) return Fail(first.error().At("--period"));
    if (!last) return Fail(last.error().At("--period"));
    range_ = {first->start, last->end};
    if (q_.by_period && MonthBased(q_.from.type()) && MonthBased(*q_.by_period) &&
        Months(*q_.by_period) > Months(q_.from.type())) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("cannot group a range of {} periods by {} periods",
                              PeriodTypeName(q_.from.type()), PeriodTypeName(*q_.by_period)),
                  "--by");
    }
    if (auto s = ResolveArea(); !s) return s;
    for (const std::string& m : q_.measures) {
      if (auto s = AddMeasure(m); !s) return s;
    }
    return Ok();
  }

  Status ResolveArea() {
    const UnitRegistry& units = e_.units_;
    if (q_.as_of) {
      auto root = units.Resolve(q_.under, *q_.as_of);
      if (!root) {
        return Fail(
            ErrorCode::kNotFound,
            fmt::format("{} (the as-of date {})", root.error().message(), q_.as_of->ToString()),
            "--under");
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
      if (versions.empty()) return Fail(units.Resolve(q_.under, range_.end).error().At("--under"));
      root = versions.front();
      for (const UnitVersion* v : versions) {
        if (v->valid.start <= range_.end) root = v;
      }
    }
    root_ = root->unit_id;
    if (q_.by_level && LevelRank(*q_.by_level) < LevelRank(root->level))
      return LevelAboveArea(*root);
    for (const auto& [unit, when] : units.SubtreeEver(root_)) {
      if (!area_.contains(unit)) area_units_.push_back(unit);
      area_.emplace(unit, when);
    }
    return Ok();
  }

  Status LevelAboveArea(const UnitVersion& root) const {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("the area {} {} is a {}; group it by a level below it, not by {}", root.code,
                    root.FullName(), UnitLevelName(root.level), UnitLevelName(*q_.by_level)),
        "--by");
  }

  int AddBase(const std::string& element, const std::string& option) {
    for (size_t i = 0; i < bases_.size(); ++i) {
      if (bases_[i].element == element && bases_[i].option == option) return static_cast<int>(i);
    }
    bases_.push_back({element, option, e_.catalog_.FindElement(element)});
    return static_cast<int>(bases_.size() - 1);
  }

  // "element" or "element.option" as a base, or -1.
  int BaseOf(const std::string& text) {
    if (e_.catalog_.FindElement(text)) return AddBase(text, "");
    const size_t dot = text.rfind('.');
    if (dot == std::string::npos) return -1;
    const DataElement* el = e_.catalog_.FindElement(text.substr(0, dot));
    if (!el || el->category.empty()) return -1;
    const Category* c = e_.catalog_.FindCategory(el->category);
    if (!c || !c->Find(text.substr(dot + 1))) return -1;
    return AddBase(el->code, text.substr(dot + 1));
  }

  Status AddMeasure(const std::string& text) {
    Measure m;
    m.base = BaseOf(text);
    if (m.base < 0) {
      if (text.find_first_of("#{}()+-*/") == std::string::npos) {
        return Fail(ErrorCode::kNotFound, fmt::format("unknown measure '{}'", text), "--measure");
      }
      auto tree = expr::Parse(text);
      if (!tree) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("'{}': {}", text, tree.error().message()), "--measure");
      }
      for (const expr::Reference& r : expr::References(**tree)) {
        if (r.kind != expr::RefKind::kElement) {
          return Fail(
              ErrorCode::kInvalidArgument,
              fmt::format("'{}': column {}: only #{{element}} references can be queried yet", text,
                          r.position),
              "--measure");
        }
        const std::string key = r.option.empty() ? r.code : r.code + "." + r.option;
        const int base = BaseOf(key);
        if (base < 0) {
          return Fail(ErrorCode::kNotFound,
                      fmt::format("'{}': column {}: unknown element '{}'", text, r.position, key),
                      "--measure");
        }
        m.refs[key] = base;
      }
      m.expression = std::move(*tree);
    }
    measures_.push_back(std::move(m));
    return Ok();
  }

  // The unit of `level` containing `unit` on `day` (the unit itself at its own level); 0 when
  // there is none. Without a level: the area (0).
  UnitId GroupUnit(UnitId unit, Date day) const {
    if (!q_.by_level) return 0;
    const UnitVersion* v = e_.units_.VersionOf(unit, day);
    while (v) {
      if (v->level == *q_.by_level) return v->unit_id;
      if (v->parent_id == 0) break;
      v = e_.units_.VersionOf(v->parent_id, day);
    }
    return 0;
  }

  bool UnderRootOn(UnitId unit, Date day) const {
    const UnitVersion* v = e_.units_.VersionOf(unit, day);
    while (v) {
      if (v->unit_id == root_) return true;
      if (v->parent_id == 0) return false;
      v = e_.units_.VersionOf(v->parent_id, day);
    }
    return false;
  }

  bool InArea(UnitId unit, Date day) const {
    auto [begin, end] = area_.equal_range(unit);
    for (auto it = begin; it != end; ++it) {
      if (it->second.Contains(day)) return true;
    }
    return false;
  }

  // Where a figure of `unit` on `day` ends up on the as-of date: the units that succeeded it,
  // with the share each received.
  std::vector<std::pair<UnitId, double>> Remap(UnitId unit, Date day) const {
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

  // Calls add(group unit, share) for each group a figure of `unit` on `day` belongs to.
  template <typename F>
  void Place(UnitId unit, Date day, F add) const {
    if (!q_.as_of) {
      if (InArea(unit, day)) add(GroupUnit(unit, day), 1.0);
      return;
    }
    for (const auto& [successor, share] : Remap(unit, day)) {
      if (!UnderRootOn(successor, *q_.as_of)) continue;
      if (!q_.by_level) {
        add(0, share);
        continue;
      }
      const UnitVersion* v = e_.units_.VersionOf(successor, *q_.as_of);
      while (v && v->level != *q_.by_level && v->parent_id != 0) {
        v = e_.units_.VersionOf(v->parent_id, *q_.as_of);
      }
      add(v && v->level == *q_.by_level ? v->unit_id : 0, share);
    }
  }

  std::string GroupPeriod(const Period& p) const {
    if (!q_.by_period) return "";
    auto c = Coarsen(p, *q_.by_period, *calendar_);
    return c ? c->Code() : "";
  }

  // What each stored period means for this query under one calendar (inside the range or not,
  // its window, the group period it adds to), and where each unit's figure of a period goes,
  // worked out once per (unit, period) for all measures and kept in a table indexed by unit id
  // and period, so the scan over values does no hashing. Groups are numbered (slots) so that
  // cells can be dense arrays.
  struct PeriodInfo {
    bool in_range = false;
    bool finer = false;  // cannot be split into the --by periods
    DateRange window;
    int group = 0;  // index into group_codes
  };
  struct Placed {
    int slot;
    double share;
  };
  struct Scan {
    std::vector<PeriodInfo> info;
    std::vector<std::string> group_codes = {""};
    std::vector<UnitId> slot_units;
    std::unordered_map<UnitId, int> slot_of;
    std::vector<std::vector<std::optional<std::vector<Placed>>>> table;  // [unit][period]

    const std::vector<Placed>& Placement(const QueryRunner& runner, UnitId unit, uint32_t period) {
      if (table.size() <= static_cast<size_t>(unit)) table.resize(static_cast<size_t>(unit) + 1);
      auto& row = table[static_cast<size_t>(unit)];
      if (row.empty()) row.resize(info.size());
      auto& cached = row[period];
      if (!cached) {
        cached.emplace();
        const DateRange& w = info[period].window;
        const Date day = runner.e_.units_.VersionOf(unit, w.end) ? w.end : w.start;
        runner.Place(unit, day, [&](UnitId group, double share) {
          auto [it, inserted] = slot_of.try_emplace(group, static_cast<int>(slot_units.size()));
          if (inserted) slot_units.push_back(group);
          cached->push_back({it->second, share});
        });
      }
      return *cached;
    }
  };

  Scan& ScanFor(const Calendar* cal) {
    auto [it, inserted] = scans_.try_emplace(cal);
    Scan& scan = it->second;
    if (!inserted) return scan;
    std::unordered_map<std::string, int> group_ids = {{"", 0}};
    scan.info.resize(e_.periods_.size());
    for (size_t i = 0; i < e_.periods_.size(); ++i) {
      const Period& p = e_.periods_[i];
      PeriodInfo& pi = scan.info[i];
      if (q_.by_period && !Coarsen(p, *q_.by_period, *cal)) {
        pi.finer = true;
        continue;
      }
      auto in_range = Coarsen(p, q_.from.type(), *cal);
      auto window = cal->Window(p);
      if (!in_range || *in_range < q_.from || q_.to < *in_range || !window) continue;
      pi.in_range = true;
      pi.window = *window;
      const std::string code = GroupPeriod(p);
      auto [g, added] = group_ids.try_emplace(code, static_cast<int>(scan.group_codes.size()));
      if (added) scan.group_codes.push_back(code);
      pi.group = g->second;
    }
    return scan;
  }

  Status Accumulate(const Base& b) {
    const int index = static_cast<int>(&b - bases_.data());
    auto& cells = cells_[static_cast<size_t>(index)];
    const DataElement& el = *b.def;
    if (el.source) return AccumulateEvents(b, cells);
    // Reported values.
    auto ds_it = e_.series_data_set_.find(el.code);
    const DataSet* ds =
        ds_it == e_.series_data_set_.end() ? nullptr : e_.catalog_.FindDataSet(ds_it->second);
    const Calendar* cal = ds ? *Calendar::Find(ds->calendar) : calendar_;
    std::optional<Period> finer_than_reported;
    // For "last" (stocks such as teams or cameras), fast_last keeps per group the latest period
    // anyone reported and the sum of what was reported for it, so units that stopped reporting
    // earlier (a commune merged away) do not add their older stock to their successors'.
    Scan& scan = ScanFor(cal);
    auto& info = scan.info;
    auto& group_codes = scan.group_codes;
    auto& slot_units = scan.slot_units;
    auto placement = [&](UnitId unit, uint32_t period) -> const std::vector<Placed>& {
      return scan.Placement(*this, unit, period);
    };
    // Cells per slot, one per group period; "last" keeps (period, total) per cell.
    std::vector<std::vector<Cell>> fast;
    std::vector<std::vector<std::pair<int64_t, double>>> fast_last;  // period index (-1: none)
    const size_t n_groups = group_codes.size();
    auto add_entries = [&](UnitId unit, const std::vector<Engine::Entry>& entries) {
      for (const Engine::Entry& entry : entries) {
        const PeriodInfo& pi = info[entry.period];
        if (pi.finer) {
          finer_than_reported = e_.periods_[entry.period];
          return;
        }
        if (!pi.in_range) continue;
        for (const Placed& pl : placement(unit, entry.period)) {
          const auto slot = static_cast<size_t>(pl.slot);
          const double v = entry.value * pl.share;
          if (el.aggregation == Aggregation::kLast) {
            if (fast_last.size() <= slot) fast_last.resize(slot + 1);
            if (fast_last[slot].empty()) fast_last[slot].assign(n_groups, {-1, 0.0});
            auto& [seen, total] = fast_last[slot][static_cast<size_t>(pi.group)];
            if (seen < 0 || e_.periods_[static_cast<size_t>(seen)] < e_.periods_[entry.period]) {
              seen = entry.period;
              total = v;
            } else if (e_.periods_[static_cast<size_t>(seen)] == e_.periods_[entry.period]) {
              total += v;
            }
            continue;
          }
          if (fast.size() <= slot) fast.resize(slot + 1);
          if (fast[slot].empty()) fast[slot].resize(n_groups);
          Cell& c = fast[slot][static_cast<size_t>(pi.group)];
          c.any = true;
          c.sum += v;
          c.count += pl.share;
          c.min = c.min ? std::min(*c.min, entry.value) : entry.value;
          c.max = c.max ? std::max(*c.max, entry.value) : entry.value;
        }
      }
    };
    auto add_series = [&](const std::string& option) {
      auto s = e_.series_.find({el.code, option});
      if (s == e_.series_.end()) return;
      // A small area (one commune, one district) is read unit by unit; a large one by scanning.
      if (!q_.as_of && area_units_.size() < s->second.size()) {
        for (UnitId unit : area_units_) {
          auto it = s->second.find(unit);
          if (it != s->second.end()) add_entries(unit, it->second);
        }
        return;
      }
      for (const auto& [unit, entries] : s->second) add_entries(unit, entries);
    };
    if (b.option.empty() && !el.category.empty()) {
      if (const Category* c = e_.catalog_.FindCategory(el.category)) {
        for (const CategoryOption& o : c->options) add_series(o.code);
      }
    } else {
      add_series(b.option);
    }
    if (finer_than_reported) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("{} is reported {} ({}); its figures cannot be split into {} periods",
                              el.code, PeriodTypeName(finer_than_reported->type()),
                              finer_than_reported->Code(), PeriodTypeName(*q_.by_period)),
                  "--by");
    }
    for (size_t slot = 0; slot < fast.size(); ++slot) {
      for (size_t g = 0; g < fast[slot].size(); ++g) {
        if (fast[slot][g].any) cells[{slot_units[slot], group_codes[g]}] = fast[slot][g];
      }
    }
    for (size_t slot = 0; slot < fast_last.size(); ++slot) {
      for (size_t g = 0; g < fast_last[slot].size(); ++g) {
        if (fast_last[slot][g].first < 0) continue;
        Cell& c = cells[{slot_units[slot], group_codes[g]}];
        c.any = true;
        c.sum += fast_last[slot][g].second;
        c.count += 1;
      }
    }
    return Ok();
  }

  Status AccumulateEvents(const Base& b, std::map<GroupKey, Cell>& cells) {
    const ElementSource& src = *b.def->source;
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
      std::vector<std::pair<std::string, Date>> days;
      if (q_.by_period) {
        auto p = calendar_->PeriodOf(range_.start, *q_.by_period);
        auto end = calendar_->PeriodOf(range_.end, *q_.by_period);
        for (; p && end && !(*end < *p); p = p->Next()) {
          auto w = calendar_->Window(*p);
          if (w) days.emplace_back(p->Code(), w->end);
        }
      } else {
        days.emplace_back("", range_.end);
      }
      for (const auto& [period, day] : days) {
        for (const Engine::EventRecord& r : list->second) {
          if (!r.active_from || *r.active_from > day || (r.active_to && *r.active_to < day))
            continue;
          Place(r.unit, std::min(day, r.active_to.value_or(day)), [&](UnitId group, double share) {
            Cell& c = cells[{group, period}];
            c.any = true;
            c.sum += share;
          });
        }
      }
      return Ok();
    }
    for (const Engine::EventRecord& r : list->second) {
      if (!range_.Contains(r.date)) continue;
      std::string period;
      if (q_.by_period) {
        auto p = calendar_->PeriodOf(r.date, *q_.by_period);
        if (!p) return Fail(p.error().At("--by"));
        period = p->Code();
      }
      const double v = src.function == SourceFunction::kCount ? 1.0 : number_of(r);
      Place(r.unit, r.date, [&](UnitId group, double share) {
        Cell& c = cells[{group, period}];
        c.any = true;
        c.sum += v * share;
        c.count += share;
      });
    }
    return Ok();
  }

  std::optional<double> CellValue(const Base& b, const std::map<GroupKey, Cell>& cells,
                                  const GroupKey& key) const {
    auto it = cells.find(key);
    if (it == cells.end() || !it->second.any) return std::nullopt;
    const Cell& c = it->second;
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

  Result<QueryResult> Collect() {
    std::set<GroupKey> keys;
    for (const auto& cells : cells_) {
      for (const auto& [key, cell] : cells.second) keys.insert(key);
    }
    std::vector<GroupKey> ordered(keys.begin(), keys.end());
    const Date day = q_.as_of ? *q_.as_of : range_.end;
    auto version = [&](UnitId u) -> const UnitVersion* {
      if (u == 0) return nullptr;
      if (const UnitVersion* v = e_.units_.VersionOf(u, day)) return v;
      const auto all = e_.units_.VersionsOfUnit(u);
      return all.empty() ? nullptr : all.back();
    };
    std::stable_sort(ordered.begin(), ordered.end(), [&](const GroupKey& a, const GroupKey& b) {
      if (a.first != b.first) {
        const UnitVersion* va = version(a.first);
        const UnitVersion* vb = version(b.first);
        const int c = CompareVietnamese(va ? va->name : "", vb ? vb->name : "");
        if (c != 0) return c < 0;
        return a.first < b.first;
      }
      // Periods in time order (2023W9 before 2023W13), not as text.
      auto pa = Period::Parse(a.second);
      auto pb = Period::Parse(b.second);
      if (pa && pb) return *pa < *pb;
      return a.second < b.second;
    });
    QueryResult result;
    result.measures = q_.measures;
    const UnitVersion* root = version(root_);
    for (const GroupKey& key : ordered) {
      Row row;
      const UnitVersion* v = key.first ? version(key.first) : (q_.by_level ? nullptr : root);
      row.unit_code = v ? v->code : "";
      row.unit_name = v ? v->FullName() : "(không thuộc / none)";
      row.period = !key.second.empty() ? key.second
                   : q_.from == q_.to  ? q_.from.Code()
                                       : fmt::format("{}..{}", q_.from.Code(), q_.to.Code());
      for (const Measure& m : measures_) {
        if (m.base >= 0) {
          row.values.push_back(CellValue(bases_[static_cast<size_t>(m.base)],
                                         cells_[static_cast<size_t>(m.base)], key));
          continue;
        }
        const expr::Value v = expr::Evaluate(*m.expression, [&](const expr::Reference& r) {
          const std::string k = r.option.empty() ? r.code : r.code + "." + r.option;
          const int base = m.refs.at(k);
          return CellValue(bases_[static_cast<size_t>(base)], cells_[static_cast<size_t>(base)],
                           key);
        });
        row.values.push_back(expr::AsNumber(v));
      }
      result.rows.push_back(std::move(row));
    }
    return result;
  }

  const Engine& e_;
  const Query& q_;
  const Calendar* calendar_ = nullptr;
  DateRange range_;
  UnitId root_ = 0;
  std::multimap<UnitId, DateRange> area_;
  std::vector<UnitId> area_units_;  // each unit of area_ once
  std::map<const Calendar*, Scan> scans_;
  std::vector<Base> bases_;
  std::vector<Measure> measures_;
  std::map<size_t, std::map<GroupKey, Cell>> cells_;
};

Result<QueryResult> Engine::Run(const Query& query) const {
  return QueryRunner(*this, query).Run();
}

}  // namespace antq::analytics
