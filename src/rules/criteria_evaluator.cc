#include "rules/criteria_evaluator.h"

#include <fmt/format.h>

#include <cmath>
#include <map>
#include <memory>
#include <set>

#include "domain/calendar.h"
#include "domain/values.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace antq::rules {
namespace {

std::string KeyOf(const expr::Reference& r) {
  return r.option.empty() ? r.code : r.code + "." + r.option;
}

// The criteria that apply to `set` in `year`, following one same_as.
std::pair<const CriteriaSet*, const CriteriaVersion*> CriteriaFor(const Catalog& catalog,
                                                                  const CriteriaSet& set,
                                                                  int year) {
  const CriteriaVersion* v = set.VersionFor(year);
  if (!v) return {nullptr, nullptr};
  if (v->same_as.empty()) return {&set, v};
  const CriteriaSet* other = catalog.FindCriteriaSet(v->same_as);
  if (!other) return {nullptr, nullptr};
  return {other, other->VersionFor(year)};
}

// Values as a reason shows them: "64", "60,6" (vi) or "60.6" (en).
std::string Shown(double v, bool vi) {
  const double rounded = std::round(v * 10) / 10;
  const bool whole = rounded == std::floor(rounded);
  if (vi) return FormatNumberVi(rounded, whole ? 0 : 1);
  return whole ? fmt::format("{:.0f}", rounded) : fmt::format("{:.1f}", rounded);
}

std::string WithUnit(const std::string& number, const std::string& unit) {
  return unit.empty() ? number : number + " " + unit;
}

}  // namespace

Status CheckCriteria(const Catalog& catalog) {
  for (const auto& [code, set] : catalog.criteria_sets()) {
    for (const CriteriaVersion& v : set.versions) {
      for (const Criterion& c : v.criteria) {
        for (const auto& [side, text] :
             {std::pair{"left", &c.left}, std::pair{"right", &c.right}}) {
          const std::string where =
              fmt::format("criteria set {}, criterion {} ({}): {}", code, c.code, c.where, side);
          auto tree = expr::Parse(*text);
          if (!tree) return Fail(ErrorCode::kInvalidArgument, tree.error().message(), where);
          for (const expr::Reference& r : expr::References(**tree)) {
            if (r.kind != expr::RefKind::kElement) {
              return Fail(
                  ErrorCode::kInvalidArgument,
                  fmt::format("column {}: only #{{element}} references are allowed", r.position),
                  where);
            }
            if (!catalog.FindMeasure(KeyOf(r))) {
              return Fail(ErrorCode::kInvalidArgument,
                          fmt::format("column {}: unknown element '{}'", r.position, KeyOf(r)),
                          where);
            }
          }
        }
      }
    }
  }
  return Ok();
}

size_t Evaluation::met_count() const {
  size_t n = 0;
  for (const UnitVerdict& u : units) n += u.met ? 1 : 0;
  return n;
}

Result<Evaluation> EvaluateCriteria(const analytics::Engine& engine, const UnitRegistry& units,
                                    const Catalog& catalog, const CriteriaSet& set,
                                    const std::string& area, int year) {
  Evaluation ev;
  ev.set = &set;
  ev.year = year;
  std::tie(ev.criteria_from, ev.version) = CriteriaFor(catalog, set, year);
  if (const CriteriaVersion* own = set.VersionFor(year)) ev.basis = own->basis;
  if (!ev.version) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("criteria set {} has no criteria for {}", set.code, year), "--period");
  }
  const DataSet* ds = catalog.FindDataSet(set.data_set);
  auto cal = Calendar::Find(ds ? ds->calendar : "gregorian");
  if (!cal) return Fail(cal.error());
  auto window = (*cal)->Window(*Period::Make(PeriodType::kYearly, year, 1));
  if (!window) return Fail(window.error().At("--period"));
  ev.day = window->end;
  auto root = units.Resolve(area, ev.day);
  if (!root) return Fail(root.error().At("--under"));

  // Parse both sides of every criterion and gather what they read.
  struct Parsed {
    const Criterion* c;
    std::unique_ptr<expr::Node> left;
    std::unique_ptr<expr::Node> right;
    std::vector<std::string> keys;
  };
  std::vector<Parsed> parsed;
  std::vector<std::string> measures;
  std::set<std::string> seen;
  for (const Criterion& c : ev.version->criteria) {
    Parsed p{&c, nullptr, nullptr, {}};
    auto left = expr::Parse(c.left);
    auto right = expr::Parse(c.right);
    if (!left || !right) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("criterion {} does not parse; run the catalogue check", c.code),
                  c.where);
    }
    p.left = std::move(*left);
    p.right = std::move(*right);
    for (const auto* tree : {p.left.get(), p.right.get()}) {
      for (const expr::Reference& r : expr::References(*tree)) {
        const std::string key = KeyOf(r);
        if (std::find(p.keys.begin(), p.keys.end(), key) == p.keys.end()) p.keys.push_back(key);
        if (seen.insert(key).second) measures.push_back(key);
      }
    }
    parsed.push_back(std::move(p));
  }

  // One query for all of them: the set's level, the assessment year, units at the time.
  std::map<std::string, std::vector<std::optional<double>>> by_unit;
  if (!measures.empty()) {
    analytics::Query q;
    q.measures = measures;
    q.under = (*root)->code;
    q.by_level = set.level;
    q.from = q.to = *Period::Make(PeriodType::kYearly, year, 1);
    q.calendar = ds ? ds->calendar : "gregorian";
    auto result = engine.Run(q);
    if (!result) return Fail(result.error());
    for (analytics::Row& row : result->rows) by_unit[row.unit_code] = std::move(row.values);
  }

  const auto concerned = units.Descendants((*root)->unit_id, ev.day, set.level);
  for (const UnitVersion* unit : concerned) {
    if (!set.Concerns(*unit)) continue;
    UnitVerdict verdict;
    verdict.unit = unit;
    verdict.met = true;
    auto row = by_unit.find(unit->code);
    auto value_of = [&](const std::string& key) -> std::optional<double> {
      if (row == by_unit.end()) return std::nullopt;
      const size_t i =
          static_cast<size_t>(std::find(measures.begin(), measures.end(), key) - measures.begin());
      return row->second[i];
    };
    for (const Parsed& p : parsed) {
      CriterionOutcome o;
      o.criterion = p.c;
      std::vector<std::string> missing;
      for (const std::string& key : p.keys) {
        o.values.emplace_back(key, value_of(key));
        if (!o.values.back().second) missing.push_back(key);
      }
      auto resolve = [&](const expr::Reference& r) { return value_of(KeyOf(r)); };
      o.left = expr::AsNumber(expr::Evaluate(*p.left, resolve));
      o.right = expr::AsNumber(expr::Evaluate(*p.right, resolve));
      const std::string name_vi = p.c->name_vi;
      const std::string name_en = p.c->name_en;
      if (!missing.empty() || !o.left || !o.right) {
        if (p.c->missing == MissingValues::kSkip) {
          o.state = CriterionOutcome::State::kSkipped;
        } else {
          o.state = CriterionOutcome::State::kMissing;
          const std::string what = missing.empty()
                                       ? std::string("không tính được / cannot be computed")
                                       : fmt::format("{}", fmt::join(missing, ", "));
          o.reason_vi = fmt::format("{}: chưa có số liệu ({})", name_vi, what);
          o.reason_en = fmt::format("{}: no data ({})", name_en, what);
          verdict.met = false;
        }
        verdict.outcomes.push_back(std::move(o));
        continue;
      }
      if (Compare(*o.left, p.c->op, *o.right)) {
        o.state = CriterionOutcome::State::kMet;
      } else {
        o.state = CriterionOutcome::State::kFailed;
        verdict.met = false;
        const std::string_view neg = CompareOpText(Negated(p.c->op));
        const std::string values_vi =
            fmt::format("{} {} {}", WithUnit(Shown(*o.left, true), p.c->unit), neg,
                        WithUnit(Shown(*o.right, true), p.c->unit));
        const std::string values_en =
            fmt::format("{} {} {}", WithUnit(Shown(*o.left, false), p.c->unit), neg,
                        WithUnit(Shown(*o.right, false), p.c->unit));
        o.reason_vi = p.c->fail_vi.empty()
                          ? fmt::format("{}: {}", name_vi, values_vi)
                          : fmt::format("{}: {} ({})", name_vi, p.c->fail_vi, values_vi);
        o.reason_en = p.c->fail_en.empty()
                          ? fmt::format("{}: {}", name_en, values_en)
                          : fmt::format("{}: {} ({})", name_en, p.c->fail_en, values_en);
      }
      verdict.outcomes.push_back(std::move(o));
    }
    ev.units.push_back(std::move(verdict));
  }
  return ev;
}

}  // namespace antq::rules
