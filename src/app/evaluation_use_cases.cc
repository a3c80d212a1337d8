#include "app/evaluation_use_cases.h"

#include <fmt/format.h>

#include "app/analytics_use_cases.h"

namespace antq {

Result<rules::Evaluation> EvaluateCriteriaSet(Workspace& ws, const EvaluateRequest& r) {
  const CriteriaSet* set = ws.catalog().FindCriteriaSet(r.criteria);
  if (!set) {
    std::string known;
    for (const auto& [code, s] : ws.catalog().criteria_sets()) {
      known += known.empty() ? code : ", " + code;
    }
    return Fail(ErrorCode::kNotFound,
                fmt::format("no criteria set '{}'; the catalogue has: {}", r.criteria,
                            known.empty() ? "none" : known),
                "--criteria");
  }
  if (r.under.empty()) return Fail(ErrorCode::kUsage, "name the area with --under CODE", "--under");
  auto period = Period::Parse(r.period);
  if (!period) return Fail(period.error().At("--period"));
  if (period->type() != PeriodType::kYearly) {
    return Fail(ErrorCode::kInvalidArgument,
                fmt::format("criteria are assessed per year: give a year such as 2022, not {}",
                            period->Code()),
                "--period");
  }
  auto engine = EnsureAnalytics(ws);
  if (!engine) return Fail(engine.error());
  return rules::EvaluateCriteria(**engine, ws.units(), ws.catalog(), *set, r.under, period->year());
}

}  // namespace antq
