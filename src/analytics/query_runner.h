#pragma once

#include <algorithm>
#include <array>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "analytics/engine.h"
#include "expr/ast.h"

namespace antq::analytics {

// Runs one query against the engine: resolves the area, works out where each unit's figures
// go (its group unit, with a share when lineage splits it) and what each stored period means
// (in range or not, its group period), adds up the base measures into dense cells, then computes
// the requested measures row by row. Value measures of a large query are added up on two cores.
class QueryRunner {
 public:
  QueryRunner(const Engine& engine, const Query& query) : e_(engine), q_(query) {}
  Result<QueryResult> Run();

 private:
  // A measure the engine adds up directly: an element, or one option of it.
  struct Base {
    std::string element;
    std::string option;
    const DataElement* def;  // null for evaluation results
    // For E{set.MET} and E{set.ASSESSED}: the criteria set, and whether only verdicts met count.
    std::string verdict_set;
    bool verdict_met = false;

    bool is_value() const { return def && !def->source; }
    bool is_event() const { return def && def->source; }
  };
  // A requested measure: a base, or an indicator over bases.
  struct Measure {
    int base = -1;
    std::unique_ptr<expr::Node> expression;
    std::map<std::string, int> refs;  // reference key -> base index
  };
  struct Cell {
    double sum = 0;
    double count = 0;
    double min = 0;
    double max = 0;
    bool any = false;
  };
  static void Add(Cell& c, double value, double share) {
    if (!c.any) {
      c.any = true;
      c.min = c.max = value;
    }
    c.sum += value * share;
    c.count += share;
    c.min = std::min(c.min, value);
    c.max = std::max(c.max, value);
  }
  // A base's cells: [slot][group period]; an inner vector stays empty until its slot is used.
  // For "last" (stocks), `last` keeps per cell the latest period reported and its total.
  struct BaseCells {
    std::vector<std::vector<Cell>> cells;
    std::vector<std::vector<std::pair<int64_t, double>>> last;  // (period rank, total)
    std::optional<Period> finer_than_reported;
  };
  // What a stored period means for this query: its group period (index into group_codes_),
  // or kOutside / kFiner; and its window, as days.
  static constexpr int kOutside = -1;
  static constexpr int kFiner = -2;  // in range but cannot be split into the --by periods
  struct PeriodSlot {
    int group = kOutside;
    int64_t start = 0;
    int64_t end = 0;
  };
  // The meaning of every period a series holds, indexed by ordinal - first.
  struct PeriodTable {
    uint16_t first = 0;
    std::vector<PeriodSlot> slots;
    uint16_t lo = 1, hi = 0;  // the ordinals in range (lo > hi: none)
  };
  struct Placed {
    int slot;
    double share;
  };
  // The groups a figure goes to: nearly always one or two, kept inline (a national query looks
  // this up for ten thousand units, and one allocation each would cost more than the scan).
  class PlaceList {
   public:
    void clear() {
      size_ = 0;
      more_.clear();
    }
    void push_back(Placed p) {
      if (size_ < few_.size()) {
        few_[size_] = p;
      } else {
        more_.push_back(p);
      }
      ++size_;
    }
    size_t size() const { return size_; }
    const Placed& operator[](size_t i) const { return i < few_.size() ? few_[i] : more_[i - 2]; }

   private:
    std::array<Placed, 2> few_{};
    std::vector<Placed> more_;
    size_t size_ = 0;
  };
  // Where a unit's figures go for days in [lo, hi): worked out once per unit and stretch of
  // time in which neither the unit, its ancestors, the area nor its lineage changed.
  struct UnitPlace {
    Date lo = Date::Max();
    Date hi = Date::Min();
    bool exists = false;
    PlaceList to;
  };
  using PlaceCache = std::vector<UnitPlace>;  // indexed by unit id; one per thread

  Status Prepare();
  Status ResolveArea();
  Status LevelAboveArea(const UnitVersion& root) const;
  int AddBase(const std::string& element, const std::string& option);
  int BaseOf(const std::string& text);
  Status AddMeasure(const std::string& text);
  void NumberSlots();

  // The slot a figure goes to from a unit's stretch: its ancestor of the --by level, or the area.
  int SlotOf(const UnitTimelines::Stretch& s) const;
  std::vector<std::pair<UnitId, double>> Remap(UnitId unit, Date day) const;
  // Calls add(slot, share) for each group a figure of `unit` on `day` belongs to.
  template <typename F>
  void Place(UnitId unit, Date day, F add) const;
  // As of a date: the days around `day` on which Place(unit, ·) answers the same: [start, end),
  // end exclusive. (At the time, the unit's timeline stretch says it.)
  DateRange LineageStretchOf(UnitId unit, Date day) const;
  const UnitPlace& PlaceOf(PlaceCache& cache, UnitId unit, Date day) const;

  int GroupId(const std::string& code);
  const PeriodTable& TableFor(const Series& series);
  // The series a base adds up, with their period tables (built before any thread starts).
  std::vector<std::pair<const Series*, const PeriodTable*>> SeriesOf(const Base& b);

  size_t EstimatedColumns(const Base& b) const;
  void AccumulateValues(size_t base, PlaceCache& cache);
  Status AccumulateEvents(size_t base);
  Status AccumulateVerdicts(size_t base);
  int AddVerdictBase(const std::string& set, bool met);
  // Adds `value` × `share` to a base's cell, growing the cells as events and verdicts need.
  static void AddToCell(BaseCells& out, int slot, int group, double value, double share);
  std::optional<double> CellValue(size_t base, int slot, int group) const;
  Result<QueryResult> Collect();

  const Engine& e_;
  const Query& q_;
  const Calendar* calendar_ = nullptr;
  DateRange range_;
  UnitId root_ = 0;
  std::vector<UnitId> area_units_;  // every unit ever under the area, once (not as of a date)
  std::vector<Base> bases_;
  std::vector<Measure> measures_;
  // Group units are numbered (slots): slot 0 is the area itself (or "none of the groups").
  std::vector<int> slot_of_unit_;  // unit id -> slot (-1: not a group unit)
  std::vector<UnitId> slot_units_;
  std::vector<std::string> group_codes_ = {""};  // "" is the whole range
  std::unordered_map<std::string, int> group_ids_ = {{"", 0}};
  std::map<std::tuple<const Calendar*, PeriodType, uint16_t, uint16_t>, PeriodTable> tables_;
  std::vector<std::vector<std::pair<const Series*, const PeriodTable*>>> base_series_;
  std::vector<BaseCells> cells_;
};

}  // namespace antq::analytics
