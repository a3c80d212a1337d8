// libFuzzer target for the CSV event reader: any bytes, read against a register with a field of
// every kind, must either be refused with a located error or give rows; every row that
// BuildEventFields accepts must pass the stored-data check (what ANTQ writes, antq check finds
// sound).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "domain/catalog.h"
#include "domain/event.h"
#include "interop/event_csv.h"

namespace {

void Check(bool ok) {
  if (!ok) __builtin_trap();
}

antq::RegisterField Field(std::string code, antq::FieldType type, bool required = false) {
  antq::RegisterField f;
  f.code = std::move(code);
  f.name_vi = f.code;
  f.name_en = f.code;
  f.type = type;
  f.required = required;
  return f;
}

struct Fixture {
  antq::Catalog catalog;
  const antq::Register* reg = nullptr;

  Fixture() {
    antq::Category items{"item_type", "Loại", "Type", {}};
    items.options.push_back({"sung", "Súng", "Guns", "khẩu", "pieces", true});
    items.options.push_back({"phao_kg", "Pháo", "Firecrackers", "kg", "kg", false});
    (void)catalog.AddCategory(items, "fuzz");
    antq::Register r;
    r.code = "fuzz";
    r.name_vi = r.name_en = "fuzz";
    r.fields.push_back(Field("participants", antq::FieldType::kIntegerZeroOrPositive, true));
    r.fields.push_back(Field("score", antq::FieldType::kNumber));
    r.fields.push_back(Field("share", antq::FieldType::kPercentage));
    auto place = Field("place", antq::FieldType::kText);
    place.max_length = 20;
    r.fields.push_back(place);
    r.fields.push_back(Field("notes", antq::FieldType::kLongText));
    r.fields.push_back(Field("started", antq::FieldType::kDate));
    r.fields.push_back(Field("online", antq::FieldType::kBoolean));
    auto form = Field("form", antq::FieldType::kEnum);
    form.options = {{"meeting", "Họp dân", "Meeting"}, {"online", "Trực tuyến", "Online"}};
    r.fields.push_back(form);
    auto handed = Field("items", antq::FieldType::kItems);
    handed.category = "item_type";
    r.fields.push_back(handed);
    r.fields.push_back(Field("covered", antq::FieldType::kUnits));
    auto list = Field("recommendations", antq::FieldType::kList);
    list.item_fields = {Field("text", antq::FieldType::kText, true),
                        Field("due", antq::FieldType::kDate)};
    r.fields.push_back(list);
    (void)catalog.AddRegister(r, "fuzz");
    reg = catalog.FindRegister("fuzz");
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const Fixture fixture;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto csv = antq::ReadEventCsv(text, "f.csv", *fixture.reg, fixture.catalog);
  if (!csv) {
    Check(csv.error().where().rfind("f.csv", 0) == 0);
    return 0;
  }
  const antq::UnitResolver resolve = [](const std::string& code,
                                        antq::Date) -> antq::Result<antq::UnitId> {
    if (code == "23317") return antq::UnitId{7};
    return antq::Fail(antq::ErrorCode::kNotFound, "no unit " + code);
  };
  for (const antq::EventCsvRow& row : csv->rows) {
    Check(row.line >= 2);
    if (!row.shape_problem.empty()) continue;
    auto fields = antq::BuildEventFields(*fixture.reg, fixture.catalog, row.fields,
                                         antq::Date::FromDays(19000), resolve);
    if (!fields) {
      Check(!fields.error().where().empty());
      Check(csv->Where(row, fields.error().where()).rfind("f.csv:", 0) == 0);
      continue;
    }
    const auto problems = antq::CheckEventFields(*fixture.reg, fixture.catalog, *fields,
                                                 [](antq::UnitId id) { return id == 7; });
    Check(problems.empty());
  }
  return 0;
}
