#include "rules/criteria_evaluator.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "common/text.h"
#include "rules/assessment.h"
#include "rules/comparison.h"

namespace antq::rules {

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

Status CheckCriteria(const Catalog& catalog) {
  for (const auto& [code, set] : catalog.criteria_sets()) {
    for (const CriteriaVersion& v : set.versions) {
      for (const Criterion& c : v.criteria) {
        const std::string what =
            fmt::format("criteria set {}, criterion {} ({})", code, c.code, c.where);
        if (auto s = CheckSides(catalog, c.left, c.right, what); !s) return s;
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

std::vector<GroupCount> CountByLevel(const Evaluation& evaluation, const UnitRegistry& units,
                                     UnitLevel level) {
  std::map<UnitId, GroupCount> groups;
  for (const UnitVerdict& v : evaluation.units) {
    const UnitVersion* group = nullptr;
    for (const UnitVersion* a : units.Ancestors(v.unit->unit_id, evaluation.day)) {
      if (a->level == level) group = a;
    }
    if (!group) continue;
    GroupCount& g = groups[group->unit_id];
    g.group = group;
    ++g.total;
    if (v.met) ++g.met;
  }
  std::vector<GroupCount> out;
  out.reserve(groups.size());
  for (auto& [id, g] : groups) out.push_back(g);
  std::sort(out.begin(), out.end(), [](const GroupCount& a, const GroupCount& b) {
    return CompareVietnamese(a.group->name, b.group->name) < 0;
  });
  return out;
}

Result<Evaluation> EvaluateCriteria(const analytics::Engine& engine, const UnitRegistry& units,
                                    const Catalog& catalog, const CriteriaSet& set,
                                    const std::string& area, int year, const EvidenceOf& evidence) {
  Evaluation ev;
  ev.set = &set;
  ev.year = year;
  std::tie(ev.criteria_from, ev.version) = CriteriaFor(catalog, set, year);
  if (const CriteriaVersion* own = set.VersionFor(year)) ev.basis = own->basis;
  if (!ev.version) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("criteria set {} has no criteria for {}", set.code, year), "period");
  }

  // Parse every criterion once and read what they all need in one query.
  std::vector<std::pair<const Criterion*, Comparison>> parsed;
  std::vector<std::string> measures;
  for (const Criterion& c : ev.version->criteria) {
    auto comparison = Comparison::Parse(c.left, c.op, c.right);
    if (!comparison) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("criterion {} does not parse; run the catalogue check", c.code),
                  c.where);
    }
    for (const std::string& key : comparison->keys()) {
      if (std::find(measures.begin(), measures.end(), key) == measures.end()) {
        measures.push_back(key);
      }
    }
    parsed.emplace_back(&c, std::move(*comparison));
  }
  auto data = ReadAssessment(engine, units, catalog, set.data_set, set.level, area, year, measures);
  if (!data) return Fail(data.error());
  ev.day = data->day;
  ev.recogniser = set.RecogniserOn(ev.day);

  for (const UnitVersion* unit : data->units) {
    if (!set.Concerns(*unit)) continue;
    UnitVerdict verdict;
    verdict.unit = unit;
    verdict.met = true;
    auto value_of = [&](const std::string& key) { return data->Value(*unit, key); };
    for (const auto& [criterion, comparison] : parsed) {
      CriterionOutcome o;
      o.criterion = criterion;
      const Comparison::Outcome result = comparison.Evaluate(value_of, false);
      o.left = result.left;
      o.right = result.right;
      o.values = result.values;
      if (evidence && !criterion->evidence.empty())
        o.evidence = evidence(*unit, criterion->evidence);
      if (result.missing > 0 || !result.left || !result.right) {
        if (criterion->missing == MissingValues::kSkip) {
          o.state = CriterionOutcome::State::kSkipped;
        } else {
          o.state = CriterionOutcome::State::kMissing;
          verdict.met = false;
          std::string what;
          for (const auto& [key, value] : result.values) {
            if (!value) AppendListItem(what, key, ", ");
          }
          if (what.empty()) what = "không tính được / cannot be computed";
          o.reason_vi = fmt::format("{}: chưa có số liệu ({})", criterion->name_vi, what);
          o.reason_en = fmt::format("{}: no data ({})", criterion->name_en, what);
        }
      } else if (result.holds) {
        o.state = CriterionOutcome::State::kMet;
      } else {
        o.state = CriterionOutcome::State::kFailed;
        verdict.met = false;
        const std::string vi = comparison.ShowFailure(result, criterion->unit, true);
        const std::string en = comparison.ShowFailure(result, criterion->unit, false);
        o.reason_vi = criterion->fail_vi.empty()
                          ? fmt::format("{}: {}", criterion->name_vi, vi)
                          : fmt::format("{}: {} ({})", criterion->name_vi, criterion->fail_vi, vi);
        o.reason_en = criterion->fail_en.empty()
                          ? fmt::format("{}: {}", criterion->name_en, en)
                          : fmt::format("{}: {} ({})", criterion->name_en, criterion->fail_en, en);
      }
      verdict.outcomes.push_back(std::move(o));
    }
    ev.units.push_back(std::move(verdict));
  }
  return ev;
}

}  // namespace antq::rules
