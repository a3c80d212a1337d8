// libFuzzer target for the expression language: any bytes must either parse or fail with a
// positioned error, any parsed tree must evaluate without crashing, and the same text run as a
// query measure (elements, C{}, OUG{}, R{}, E{} against a small world with a unit group, a
// constant, reports and verdicts) must answer or fail with an error on the measure.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "analytics/engine.h"
#include "expr/evaluator.h"
#include "expr/parser.h"

namespace {

using namespace antq;

Date Day(const char* text) { return *Date::Parse(text); }

// A province with two communes, the first in the group "border" until 2025-06-30; a register
// with a count, a data set, a constant, a few events, reports and verdicts.
struct World {
  UnitRegistry units;
  Catalog catalog;
  std::unique_ptr<analytics::Engine> engine;
  analytics::Query query;

  World() {
    UnitDeclarations d;
    const DateRange always{Date::Min(), Date::Max()};
    d.units = {{"f", "VN", UnitLevel::kCountry, "", "Nước", "", always},
               {"f", "T", UnitLevel::kProvince, "Tỉnh", "T", "VN", always},
               {"f", "A", UnitLevel::kCommune, "Xã", "A", "T", always},
               {"f", "B", UnitLevel::kCommune, "Xã", "B", "T", always}};
    d.groups = {{"f", "border", "Biên giới", "Border"}};
    d.memberships = {{"f", "border", "A", {Date::Min(), Day("2025-06-30")}}};
    if (!units.Apply(d)) __builtin_trap();
    Register reg;
    reg.code = "r";
    (void)catalog.AddRegister(reg, "f");
    DataElement e;
    e.code = "e";
    e.source = ElementSource{"r", SourceFunction::kCount, ""};
    (void)catalog.AddElement(e, "f");
    DataSet ds;
    ds.code = "ds";
    ds.calendar = "gregorian";
    (void)catalog.AddDataSet(ds, "f");
    (void)catalog.AddConstant({"k", "k", "k", "", 7}, "f");
    engine = std::make_unique<analytics::Engine>(units, catalog);
    const UnitId a = units.Find("A", Day("2024-01-01"))->unit_id;
    const UnitId b = units.Find("B", Day("2024-01-01"))->unit_id;
    int64_t id = 0;
    for (const char* day : {"2024-02-01", "2024-08-01", "2025-09-01"}) {
      for (UnitId u : {a, b}) {
        Event ev;
        ev.id = ++id;
        ev.register_code = "r";
        ev.unit_id = u;
        ev.date = Day(day);
        engine->PutEvent(ev);
      }
    }
    query.under = "T";
    query.from = *Period::Parse("2024");
    query.to = *Period::Parse("2025");
    query.by_period = PeriodType::kYearly;
    query.reports["ds"] = {{a, Day("2024-01-31"), true, true},
                           {b, Day("2024-01-31"), false, false}};
    query.verdicts["set"] = {{a, Day("2024-11-15"), true}, {b, Day("2024-11-15"), false}};
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto tree = antq::expr::Parse(text);
  if (!tree) {
    if (tree.error().message().rfind("column ", 0) != 0) __builtin_trap();
    return 0;
  }
  (void)antq::expr::Evaluate(**tree, [](const antq::expr::Reference& r) -> std::optional<double> {
    if (r.code.size() % 3 == 0) return std::nullopt;
    return static_cast<double>(r.code.size());
  });
  // The same text as a query measure: plain, filtered by the group, and by group.
  static World world;
  for (int shape = 0; shape < 3; ++shape) {
    analytics::Query q = world.query;
    q.measures = {std::string(text)};
    if (shape == 1) q.group = "border";
    if (shape == 2) q.by_group = true;
    auto result = world.engine->Run(q);
    if (!result) {
      if (result.error().where() != "measure") __builtin_trap();
      continue;
    }
    for (const analytics::Row& row : result->rows) {
      if (row.values.size() != 1) __builtin_trap();
      if (row.values[0] && std::isnan(*row.values[0])) __builtin_trap();
    }
  }
  return 0;
}
