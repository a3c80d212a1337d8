#include "app/check_use_cases.h"

#include <fmt/format.h>

#include <algorithm>

#include "common/text.h"
#include "domain/event.h"

namespace antq {
namespace {

std::string UnitCode(const Workspace& ws, UnitId unit) {
  const auto versions = ws.units().VersionsOfUnit(unit);
  return versions.empty() ? fmt::format("#{}", unit) : versions.back()->code;
}

// Why a stored value does not fit the catalogue, or "" when it does.
std::string ValueProblem(const Workspace& ws, const DataValue& v) {
  if (ws.units().VersionsOfUnit(v.unit_id).empty()) return "no unit has this id";
  const DataElement* element = ws.catalog().FindElement(v.element);
  if (!element) return "the catalogue has no such element";
  if (element->category.empty() && !v.option.empty()) {
    return fmt::format("element {} has no breakdown, but option '{}' is stored", v.element,
                       v.option);
  }
  if (!element->category.empty()) {
    const Category* category = ws.catalog().FindCategory(element->category);
    if (!category || !category->Find(v.option)) {
      return fmt::format("'{}' is not an option of category {}", v.option, element->category);
    }
  }
  const DataSet* data_set = ws.catalog().FindDataSet(v.data_set);
  if (!data_set) return fmt::format("the catalogue has no data set '{}'", v.data_set);
  if (std::find(data_set->elements.begin(), data_set->elements.end(), v.element) ==
      data_set->elements.end()) {
    return fmt::format("data set {} does not report element {}", v.data_set, v.element);
  }
  auto period = Period::Parse(v.period);
  if (!period) return fmt::format("the period is not a period code: {}", period.error().message());
  if (period->type() != data_set->period_type) {
    return fmt::format("a {} period in data set {}, which is reported {}",
                       PeriodTypeName(period->type()), v.data_set,
                       PeriodTypeName(data_set->period_type));
  }
  if (auto s = CheckValue(element->Spec(), v.value); !s) return s.error().message();
  return {};
}

void CheckValues(const Workspace& ws, StoreCheck& out, Status& status) {
  status = ws.store().ScanValues({}, [&](const DataValue& v) {
    ++out.values_checked;
    std::string why = ValueProblem(ws, v);
    if (why.empty()) return;
    out.problems.push_back({StoredProblem::Kind::kValue, UnitCode(ws, v.unit_id),
                            v.option.empty() ? v.element : v.element + "." + v.option, v.period,
                            QuoteForMessage(v.value.ToString()), std::move(why)});
  });
}

void CheckEvents(const Workspace& ws, StoreCheck& out, Status& status) {
  const auto unit_exists = [&](UnitId id) { return !ws.units().VersionsOfUnit(id).empty(); };
  status = ws.store().ScanStoredEvents([&](const Store::StoredEventRow& row) {
    ++out.events_checked;
    const std::string unit = UnitCode(ws, row.unit);
    const std::string date(row.date);
    auto problem = [&](std::string subject, std::string stored, std::string why) {
      out.problems.push_back({StoredProblem::Kind::kEvent, unit, std::move(subject), date,
                              std::move(stored), std::move(why)});
    };
    const std::string name = fmt::format("{} #{}", row.register_code, row.id);
    if (!unit_exists(row.unit)) problem(name, "", "no unit has this id");
    if (auto d = ParseValue(ValueSpec{ValueType::kDate}, row.date); !d || d->text != date) {
      problem(name + ": date", QuoteForMessage(date),
              d ? "a date is stored as YYYY-MM-DD" : d.error().message());
    }
    const Register* reg = ws.catalog().FindRegister(row.register_code);
    if (!reg) {
      problem(name, "", "the catalogue has no such register");
      return;
    }
    const nlohmann::json fields = nlohmann::json::parse(row.fields, nullptr, false);
    if (fields.is_discarded()) {
      problem(name, QuoteForMessage(row.fields), "the fields are not valid JSON");
      return;
    }
    for (FieldProblem& p : CheckEventFields(*reg, ws.catalog(), fields, unit_exists)) {
      problem(fmt::format("{}: {}", name, p.field), std::move(p.stored), std::move(p.reason));
    }
  });
}

}  // namespace

Result<StoreCheck> CheckStore(const Workspace& ws, const Actor& actor,
                              const CheckProgress& progress) {
  if (auto s = RequireRole(actor, Action::kAdminister); !s) return Fail(s.error());
  StoreCheck out;
  Status status;
  progress(1, 3, "values / số liệu");
  CheckValues(ws, out, status);
  if (!status) return Fail(status.error());
  progress(2, 3, "events / sự kiện");
  CheckEvents(ws, out, status);
  if (!status) return Fail(status.error());
  progress(3, 3, "database integrity / tính toàn vẹn");
  auto integrity = ws.store().CheckIntegrity();
  if (!integrity) return Fail(integrity.error());
  for (std::string& line : *integrity) {
    out.problems.push_back(
        {StoredProblem::Kind::kDatabase, "", "database", "", "", std::move(line)});
  }
  return out;
}

}  // namespace antq
