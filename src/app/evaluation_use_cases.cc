#include "app/evaluation_use_cases.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "app/analytics_use_cases.h"
#include "common/text.h"

namespace antq {
namespace {

Result<int> AssessmentYear(const std::string& text) {
  auto period = Period::Parse(text);
  if (!period) return Fail(period.error().At("period"));
  if (period->type() != PeriodType::kYearly) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("units are assessed per year: give a year such as 2022, not {}",
                            period->Code()),
                "period");
  }
  return period->year();
}

std::string KnownCodes(const Catalog& catalog) {
  std::string known;
  for (const auto& [code, s] : catalog.criteria_sets()) AppendListItem(known, code, ", ");
  for (const auto& [code, s] : catalog.scoring_sheets()) AppendListItem(known, code, ", ");
  return known.empty() ? "none" : known;
}

// Reads the evidence texts a set's criteria name, for the units under an area, in one scan. A
// failed scan is an error, not a verdict shown without its evidence.
Result<rules::EvidenceOf> EvidenceReader(Workspace& ws, const CriteriaSet& set, int year) {
  std::vector<std::string> elements;
  const auto [from, version] = rules::CriteriaFor(ws.catalog(), set, year);
  if (!version) return rules::EvidenceOf{};
  for (const Criterion& c : version->criteria) {
    if (!c.evidence.empty()) elements.push_back(c.evidence);
  }
  if (elements.empty()) return rules::EvidenceOf{};
  auto texts = std::make_shared<std::map<std::pair<UnitId, std::string>, std::string>>();
  ValueFilter filter;
  filter.elements = elements;
  filter.periods = {std::to_string(year)};
  const Status scanned = ws.store().ScanValues(filter, [&](const DataValue& v) {
    (*texts)[{v.unit_id, v.element}] = v.value.ToString();
  });
  if (!scanned) return Fail(scanned.error());
  return rules::EvidenceOf([texts](const UnitVersion& unit, const std::string& element) {
    auto it = texts->find({unit.unit_id, element});
    return it == texts->end() ? std::string() : it->second;
  });
}

std::string_view StateName(rules::CriterionOutcome::State state) {
  switch (state) {
    case rules::CriterionOutcome::State::kMet:
      return "met";
    case rules::CriterionOutcome::State::kFailed:
      return "failed";
    case rules::CriterionOutcome::State::kMissing:
      return "missing";
    case rules::CriterionOutcome::State::kSkipped:
      return "skipped";
  }
  return "?";
}

// The outcomes behind a verdict, as kept on record.
std::string DetailOf(const rules::Evaluation& ev, const rules::UnitVerdict& verdict) {
  nlohmann::json outcomes = nlohmann::json::array();
  for (const rules::CriterionOutcome& o : verdict.outcomes) {
    nlohmann::json values = nlohmann::json::object();
    for (const auto& [key, value] : o.values) {
      values[key] = value ? nlohmann::json(*value) : nlohmann::json();
    }
    outcomes.push_back({{"code", o.criterion->code},
                        {"state", StateName(o.state)},
                        {"left", o.left ? nlohmann::json(*o.left) : nlohmann::json()},
                        {"right", o.right ? nlohmann::json(*o.right) : nlohmann::json()},
                        {"values", values},
                        {"evidence", o.evidence},
                        {"reason_vi", o.reason_vi},
                        {"reason_en", o.reason_en}});
  }
  return nlohmann::json{{"criteria_of", ev.criteria_from->code}, {"outcomes", outcomes}}.dump();
}

EvaluationRecord RecordOf(const rules::Evaluation& ev, const rules::UnitVerdict& verdict,
                          const Actor& actor, const std::string& now) {
  EvaluationRecord r;
  r.unit_id = verdict.unit->unit_id;
  r.criteria_set = ev.set->code;
  r.period = std::to_string(ev.year);
  r.met = verdict.met;
  r.detail = DetailOf(ev, verdict);
  r.basis = ev.basis;
  r.recogniser = ev.recogniser ? ev.recogniser->by_vi : "";
  r.evaluated_by = actor.user;
  r.evaluated_at = now;
  return r;
}

Status AuditVerdict(Workspace& ws, const char* action, const EvaluationRecord& r,
                    const Actor& actor, std::optional<std::string> old_value,
                    std::optional<std::string> new_value) {
  AuditEntry audit;
  audit.at = NowUtcIso();
  audit.user = actor.user;
  audit.client = actor.client;
  audit.action = action;
  audit.unit_id = r.unit_id;
  audit.subject = fmt::format("{}/{}", r.criteria_set, r.period);
  audit.old_value = std::move(old_value);
  audit.new_value = std::move(new_value);
  return ws.store().AppendAudit(audit);
}

// Stores `ev`'s verdicts against what is on record; `only_stored` updates existing records
// only (a re-evaluation does not create records nobody asked for).
Result<std::pair<SaveSummary, std::vector<VerdictChange>>> StoreVerdicts(
    Workspace& ws, const rules::Evaluation& ev, const Actor& actor, bool only_stored,
    const char* action) {
  std::vector<UnitId> ids;
  for (const rules::UnitVerdict& v : ev.units) ids.push_back(v.unit->unit_id);
  std::pair<SaveSummary, std::vector<VerdictChange>> out;
  if (ids.empty()) return out;
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().EvaluationRecords(ev.set->code, std::to_string(ev.year), ids);
  if (!stored) return Fail(stored.error());
  std::map<UnitId, const EvaluationRecord*> by_unit;
  for (const EvaluationRecord& r : *stored) by_unit[r.unit_id] = &r;
  const std::string now = NowUtcIso();
  for (const rules::UnitVerdict& verdict : ev.units) {
    EvaluationRecord fresh = RecordOf(ev, verdict, actor, now);
    auto it = by_unit.find(fresh.unit_id);
    if (it == by_unit.end()) {
      if (only_stored) continue;
      if (auto s = ws.store().PutEvaluationRecord(fresh); !s) return Fail(s.error());
      if (auto s = AuditVerdict(ws, action, fresh, actor, {}, VerdictText(fresh.met)); !s) {
        return Fail(s.error());
      }
      ++out.first.added;
      continue;
    }
    const EvaluationRecord& old = *it->second;
    if (old.met == fresh.met && old.detail == fresh.detail && old.basis == fresh.basis) {
      ++out.first.unchanged;
      continue;
    }
    if (old.met == fresh.met) {
      // Same verdict on different figures: the confirmation still stands.
      fresh.confirmed_by = old.confirmed_by;
      fresh.confirmed_at = old.confirmed_at;
    }
    if (auto s = ws.store().PutEvaluationRecord(fresh); !s) return Fail(s.error());
    if (old.met != fresh.met) {
      if (auto s =
              AuditVerdict(ws, action, fresh, actor, VerdictText(old.met), VerdictText(fresh.met));
          !s) {
        return Fail(s.error());
      }
      out.second.push_back({verdict.unit, fresh.criteria_set, fresh.period, old.met, fresh.met});
    }
    ++out.first.changed;
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return out;
}

}  // namespace

Status AddVerdicts(Workspace& ws, const analytics::Engine& engine, analytics::Query& query) {
  if (query.as_of) return Ok();  // the query refuses them, with the reason
  for (const std::string& code : analytics::EvaluationSetsRead(query)) {
    const CriteriaSet* set = ws.catalog().FindCriteriaSet(code);
    if (!set) {
      return Fail(ErrorCode::kNotFound,
                  fmt::format("E{{{}.…}}: no criteria set '{}'; the catalogue has: {}", code, code,
                              KnownCodes(ws.catalog())),
                  "measure");
    }
    std::vector<analytics::Verdict>& verdicts = query.verdicts[code];
    for (int year = query.from.year(); year <= query.to.year(); ++year) {
      auto ev = rules::EvaluateCriteria(engine, ws.units(), ws.catalog(), *set, query.under, year);
      if (!ev) {
        if (ev.error().code() == ErrorCode::kNotFound) continue;  // not assessed that year
        return Fail(ev.error());
      }
      for (const rules::UnitVerdict& v : ev->units) {
        verdicts.push_back({v.unit->unit_id, ev->day, v.met});
      }
    }
  }
  return Ok();
}

std::string VerdictText(bool met) { return met ? "đạt" : "chưa đạt"; }

Result<rules::Evaluation> EvaluateCriteriaSet(Workspace& ws, const Actor& actor,
                                              const EvaluateRequest& r) {
  const CriteriaSet* set = ws.catalog().FindCriteriaSet(r.criteria);
  if (!set) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no criteria set '{}'; the catalogue has: {}", r.criteria,
                            KnownCodes(ws.catalog())),
                "criteria");
  }
  if (r.under.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  auto year = AssessmentYear(r.period);
  if (!year) return Fail(year.error());
  if (auto s = RequireArea(ws.units(), actor, r.under, *Date::FromYmd(*year, 12, 31)); !s) {
    return Fail(s.error());
  }
  auto engine = EnsureAnalytics(ws);
  if (!engine) return Fail(engine.error());
  auto evidence = EvidenceReader(ws, *set, *year);
  if (!evidence) return Fail(evidence.error());
  return rules::EvaluateCriteria(**engine, ws.units(), ws.catalog(), *set, r.under, *year,
                                 *evidence);
}

Result<rules::Rating> RateArea(Workspace& ws, const Actor& actor, const EvaluateRequest& r) {
  const ScoringSheet* sheet = ws.catalog().FindScoringSheet(r.criteria);
  if (!sheet) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no scoring sheet '{}'; the catalogue has: {}", r.criteria,
                            KnownCodes(ws.catalog())),
                "criteria");
  }
  if (r.under.empty())
    return Fail(ErrorCode::kInvalidArgument, "is required: the area, as a unit code", "under");
  auto year = AssessmentYear(r.period);
  if (!year) return Fail(year.error());
  if (auto s = RequireArea(ws.units(), actor, r.under, *Date::FromYmd(*year, 12, 31)); !s) {
    return Fail(s.error());
  }
  auto engine = EnsureAnalytics(ws);
  if (!engine) return Fail(engine.error());
  return rules::RateUnits(**engine, ws.units(), ws.catalog(), *sheet, r.under, *year);
}

Result<SaveSummary> SaveEvaluation(Workspace& ws, const Actor& actor, const rules::Evaluation& ev) {
  for (const rules::UnitVerdict& v : ev.units) {
    if (auto s = RequireUnit(actor, Action::kEvaluate, v.unit->unit_id); !s) return Fail(s.error());
  }
  if (auto s = RequireRole(actor, Action::kEvaluate); !s) return Fail(s.error());
  auto stored = StoreVerdicts(ws, ev, actor, false, "evaluation.set");
  if (!stored) return Fail(stored.error());
  return stored->first;
}

Result<std::vector<EvaluationRecord>> StoredVerdicts(Workspace& ws, const rules::Evaluation& ev) {
  std::vector<UnitId> ids;
  for (const rules::UnitVerdict& v : ev.units) ids.push_back(v.unit->unit_id);
  if (ids.empty()) return std::vector<EvaluationRecord>{};
  return ws.store().EvaluationRecords(ev.set->code, std::to_string(ev.year), ids);
}

Result<EvaluationRecord> ConfirmEvaluation(Workspace& ws, const Actor& actor,
                                           const ConfirmRequest& r) {
  const CriteriaSet* set = ws.catalog().FindCriteriaSet(r.criteria);
  if (!set) {
    return Fail(ErrorCode::kNotFound, fmt::format("no criteria set '{}'", r.criteria), "criteria");
  }
  auto year = AssessmentYear(r.period);
  if (!year) return Fail(year.error());
  auto unit = ws.units().Resolve(r.unit, *Date::FromYmd(*year, 11, 15));
  if (!unit) return Fail(unit.error().At("confirm"));
  if (auto s = RequireUnit(actor, Action::kEvaluate, (*unit)->unit_id); !s) return Fail(s.error());
  auto tx = ws.store().Begin();
  if (!tx) return Fail(tx.error());
  auto stored = ws.store().EvaluationRecords(set->code, r.period, {(*unit)->unit_id});
  if (!stored) return Fail(stored.error());
  if (stored->empty()) {
    return Fail(ErrorCode::kNotFound,
                fmt::format("no stored verdict of {} for {} {} in {}; store the evaluation "
                            "first",
                            set->code, (*unit)->code, (*unit)->FullName(), r.period),
                "confirm");
  }
  EvaluationRecord record = stored->front();
  record.confirmed_by = actor.user;
  record.confirmed_at = NowUtcIso();
  if (auto s = ws.store().PutEvaluationRecord(record); !s) return Fail(s.error());
  if (auto s = AuditVerdict(ws, "evaluation.confirm", record, actor, {}, VerdictText(record.met));
      !s) {
    return Fail(s.error());
  }
  if (auto s = (*tx)->Commit(); !s) return Fail(s.error());
  return record;
}

Result<std::vector<VerdictChange>> ReevaluateAfterChange(Workspace& ws, UnitId unit,
                                                         const std::string& period,
                                                         const std::vector<std::string>& elements,
                                                         const Actor& actor) {
  std::vector<VerdictChange> changes;
  auto p = Period::Parse(period);
  if (!p || elements.empty()) return changes;
  std::vector<UnitId> id_list;  // the unit and the units above it, worked out when needed
  for (const auto& [code, set] : ws.catalog().criteria_sets()) {
    for (int year : {p->year(), p->year() + 1}) {
      if (!ws.rule_index().CriteriaRead(ws.catalog(), set, year, elements)) continue;
      if (id_list.empty()) {
        std::set<UnitId> ids = {unit};
        for (int y : {p->year(), p->year() + 1}) {
          for (const UnitVersion* a : ws.units().Ancestors(unit, *Date::FromYmd(y, 6, 30))) {
            ids.insert(a->unit_id);
          }
        }
        id_list.assign(ids.begin(), ids.end());
      }
      auto stored = ws.store().EvaluationRecords(code, std::to_string(year), id_list);
      if (!stored) return Fail(stored.error());
      for (const EvaluationRecord& record : *stored) {
        const auto versions = ws.units().VersionsOfUnit(record.unit_id);
        if (versions.empty()) continue;
        const UnitVersion* target = versions.back();
        for (const UnitVersion* v : versions) {
          if (v->valid.start <= *Date::FromYmd(year, 12, 31)) target = v;
        }
        auto engine = EnsureAnalytics(ws);
        if (!engine) return Fail(engine.error());
        auto evidence = EvidenceReader(ws, set, year);
        if (!evidence) return Fail(evidence.error());
        auto ev = rules::EvaluateCriteria(**engine, ws.units(), ws.catalog(), set, target->code,
                                          year, *evidence);
        if (!ev) continue;  // the unit is not assessed that year any more
        // Keep only the verdict on record (the area is the unit, and maybe its subtree).
        std::erase_if(ev->units, [&](const rules::UnitVerdict& v) {
          return v.unit->unit_id != record.unit_id;
        });
        auto stored_now = StoreVerdicts(ws, *ev, actor, true, "evaluation.update");
        if (!stored_now) return Fail(stored_now.error());
        for (VerdictChange& c : stored_now->second) changes.push_back(std::move(c));
      }
    }
  }
  return changes;
}

std::vector<rules::GroupCount> VerdictsByLevel(const Workspace& ws,
                                               const rules::Evaluation& evaluation,
                                               UnitLevel level) {
  return rules::CountByLevel(evaluation, ws.units(), level);
}

}  // namespace antq
