#include "interop/catalog_toml.h"

#include <fmt/format.h>
#include <toml++/toml.h>

#include <cmath>

#include "common/text.h"
#include "interop/toml_table_reader.h"
#include "interop/toml_text.h"

namespace antq {
namespace {

Category ReadCategory(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "option"});
  Category c;
  c.code = t.Code("code");
  c.name_vi = t.String("name_vi");
  c.name_en = t.String("name_en");
  for (const TableReader& o : t.Tables("option")) {
    o.OnlyKeys({"code", "name_vi", "name_en", "unit_vi", "unit_en", "counted"});
    CategoryOption opt;
    opt.code = o.Code("code");
    opt.name_vi = o.String("name_vi");
    opt.name_en = o.String("name_en");
    opt.unit_vi = o.String("unit_vi", false);
    opt.unit_en = o.String("unit_en", false);
    opt.counted = o.Bool("counted", true);
    if (o.ok() && c.Find(opt.code)) {
      o.Problem(fmt::format("option '{}' is listed twice", opt.code), o.Where("code"));
    }
    c.options.push_back(std::move(opt));
  }
  if (t.ok() && c.options.empty()) {
    t.Problem("a category needs at least one [[category.option]]", t.Where());
  }
  return c;
}

DataElement ReadElement(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "description_vi", "value_type", "min", "max", "unit_vi",
              "unit_en", "aggregation", "category", "valid_from", "source"});
  DataElement e;
  e.code = t.Code("code", true);
  e.name_vi = t.String("name_vi");
  e.name_en = t.String("name_en");
  e.description_vi = t.String("description_vi", false);
  e.value_type = t.Enum("value_type", ParseValueType, ValueType::kIntegerZeroOrPositive);
  e.min = t.Number("min");
  e.max = t.Number("max");
  e.unit_vi = t.String("unit_vi", false);
  e.unit_en = t.String("unit_en", false);
  e.aggregation = t.Enum("aggregation", ParseAggregation, Aggregation::kSum);
  e.category = t.String("category", false);
  e.valid_from = t.DateValue("valid_from");
  if (auto source = t.Table("source")) {
    source->OnlyKeys({"register", "function", "field"});
    ElementSource s;
    s.register_code = source->Code("register");
    const std::string function = source->String("function");
    if (function == "count") {
      s.function = SourceFunction::kCount;
    } else if (function == "sum") {
      s.function = SourceFunction::kSum;
    } else if (function == "active") {
      s.function = SourceFunction::kActive;
    } else if (source->ok()) {
      source->Problem(fmt::format("unknown function '{}'; use count, sum or active", function),
                      source->Where("function"));
    }
    s.field = source->String("field", s.function == SourceFunction::kSum);
    e.source = std::move(s);
  }
  return e;
}

RegisterField ReadField(const TableReader& t, bool nested) {
  t.OnlyKeys({"code", "name_vi", "name_en", "type", "required", "min", "max", "max_length",
              "category", "option", "item", "aliases"});
  RegisterField f;
  f.code = t.Code("code");
  f.name_vi = t.String("name_vi");
  f.name_en = t.String("name_en");
  f.type = t.Enum("type", ParseFieldType, FieldType::kText);
  f.required = t.Bool("required", false);
  f.min = t.Number("min");
  f.max = t.Number("max");
  if (auto length = t.Number("max_length")) {
    if (*length < 1 || *length != static_cast<double>(static_cast<size_t>(*length))) {
      t.Problem("must be a whole number of characters, at least 1", t.Where("max_length"));
    } else {
      f.max_length = static_cast<size_t>(*length);
    }
  }
  f.category = t.String("category", false);
  f.aliases = t.Strings("aliases");
  for (const TableReader& o : t.Tables("option")) {
    o.OnlyKeys({"code", "name_vi", "name_en"});
    f.options.push_back({o.Code("code"), o.String("name_vi"), o.String("name_en")});
  }
  if (!nested) {
    for (const TableReader& item : t.Tables("item")) f.item_fields.push_back(ReadField(item, true));
  }
  return f;
}

Register ReadRegister(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "level", "active_from", "active_to", "field"});
  Register r;
  r.code = t.Code("code");
  r.name_vi = t.String("name_vi");
  r.name_en = t.String("name_en");
  r.level = t.Enum("level", ParseUnitLevel, UnitLevel::kCommune);
  r.active_from = t.String("active_from", false);
  r.active_to = t.String("active_to", false);
  for (const TableReader& f : t.Tables("field")) {
    RegisterField field = ReadField(f, false);
    if (t.ok() && r.Field(field.code)) {
      f.Problem(fmt::format("field '{}' is declared twice", field.code), f.Where("code"));
    }
    r.fields.push_back(std::move(field));
  }
  return r;
}

DataSet ReadDataSet(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "period_type", "calendar", "level", "elements",
              "submit_within_days"});
  DataSet d;
  d.code = t.Code("code", true);
  d.name_vi = t.String("name_vi");
  d.name_en = t.String("name_en");
  d.period_type = t.Enum("period_type", ParsePeriodType, PeriodType::kMonthly);
  d.calendar = t.String("calendar");
  d.level = t.Enum("level", ParseUnitLevel, UnitLevel::kCommune);
  d.elements = t.Strings("elements");
  if (auto days = t.Number("submit_within_days")) {
    if (*days < 0 || *days > 366 || *days != static_cast<int>(*days)) {
      t.Problem("must be a whole number of days from 0 to 366", t.Where("submit_within_days"));
    } else {
      d.submit_within_days = static_cast<int>(*days);
    }
  }
  return d;
}

Constant ReadConstant(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "description_vi", "value"});
  Constant c;
  c.code = t.Code("code", true);
  c.name_vi = t.String("name_vi");
  c.name_en = t.String("name_en");
  c.description_vi = t.String("description_vi");
  if (auto value = t.Number("value"); value && std::isfinite(*value)) {
    c.value = *value;
  } else if (value) {
    t.Problem("must be a finite number", t.Where("value"));
  } else {
    t.Problem("is required: the constant's number", t.Where("value"));
  }
  return c;
}

Criterion ReadCriterion(const TableReader& t) {
  t.OnlyKeys({"code", "name_vi", "name_en", "left", "op", "right", "unit", "fail_vi", "fail_en",
              "missing", "evidence"});
  Criterion c;
  c.code = t.Code("code", true);
  c.name_vi = t.String("name_vi");
  c.name_en = t.String("name_en");
  c.left = t.String("left");
  c.op = t.Enum("op", ParseCompareOp, CompareOp::kGreaterOrEqual);
  c.right = t.String("right");
  c.unit = t.String("unit", false);
  c.fail_vi = t.String("fail_vi", false);
  c.fail_en = t.String("fail_en", false);
  c.missing = t.Enum(
      "missing",
      [](std::string_view m) -> Result<MissingValues> {
        if (m == "fail") return MissingValues::kFail;
        if (m == "skip") return MissingValues::kSkip;
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("unknown missing-value strategy '{}'; use fail or skip", m));
      },
      MissingValues::kFail, false);
  c.evidence = t.String("evidence", false);
  c.where = t.Where();
  return c;
}

CriteriaSet ReadCriteriaSet(const TableReader& t) {
  t.OnlyKeys(
      {"code", "name_vi", "name_en", "level", "unit_types", "data_set", "version", "recogniser"});
  CriteriaSet set;
  set.code = t.Code("code", true);
  set.name_vi = t.String("name_vi");
  set.name_en = t.String("name_en");
  set.level = t.Enum("level", ParseUnitLevel, UnitLevel::kCommune);
  set.unit_types = t.Strings("unit_types");
  set.data_set = t.String("data_set");
  for (const TableReader& v : t.Tables("version")) {
    v.OnlyKeys({"from_year", "to_year", "basis", "same_as", "criterion"});
    CriteriaVersion version;
    version.from_year = static_cast<int>(v.Number("from_year").value_or(0));
    version.to_year = static_cast<int>(v.Number("to_year").value_or(0));
    version.basis = v.String("basis");
    version.same_as = v.String("same_as", false);
    for (const TableReader& c : v.Tables("criterion")) {
      version.criteria.push_back(ReadCriterion(c));
    }
    set.versions.push_back(std::move(version));
  }
  for (const TableReader& r : t.Tables("recogniser")) {
    r.OnlyKeys({"from", "to", "by_vi", "by_en"});
    Recogniser who;
    who.from = r.DateValue("from").value_or(Date::Min());
    who.to = r.DateValue("to").value_or(Date::Max());
    who.by_vi = r.String("by_vi");
    who.by_en = r.String("by_en");
    set.recognisers.push_back(std::move(who));
  }
  return set;
}

ValidationRule ReadValidationRule(const TableReader& t) {
  t.OnlyKeys(
      {"code", "name_vi", "name_en", "data_set", "left", "op", "right", "importance", "missing"});
  ValidationRule r;
  r.code = t.Code("code", true);
  r.name_vi = t.String("name_vi");
  r.name_en = t.String("name_en");
  r.data_set = t.String("data_set");
  r.left = t.String("left");
  r.op = t.Enum("op", ParseCompareOp, CompareOp::kLessOrEqual);
  r.right = t.String("right");
  r.importance = t.Enum("importance", ParseImportance, Importance::kError, false);
  r.missing = t.Enum("missing", ParseMissingStrategy, MissingStrategy::kSkipIfAllMissing, false);
  r.where = t.Where();
  return r;
}

ScoringSheet ReadScoringSheet(const TableReader& t) {
  t.OnlyKeys(
      {"code", "name_vi", "name_en", "basis", "level", "unit_types", "data_set", "item", "class"});
  ScoringSheet sheet;
  sheet.code = t.Code("code", true);
  sheet.name_vi = t.String("name_vi");
  sheet.name_en = t.String("name_en");
  sheet.basis = t.String("basis");
  sheet.level = t.Enum("level", ParseUnitLevel, UnitLevel::kCommune);
  sheet.unit_types = t.Strings("unit_types");
  sheet.data_set = t.String("data_set");
  for (const TableReader& i : t.Tables("item")) {
    i.OnlyKeys({"code", "name_vi", "name_en", "max_points", "element"});
    ScoringItem item;
    item.code = i.Code("code", true);
    item.name_vi = i.String("name_vi");
    item.name_en = i.String("name_en");
    item.max_points = i.Number("max_points").value_or(0);
    item.element = i.String("element");
    sheet.items.push_back(std::move(item));
  }
  for (const TableReader& c : t.Tables("class")) {
    c.OnlyKeys({"code", "name_vi", "name_en", "min_points"});
    RatingClass band;
    band.code = c.Code("code");
    band.name_vi = c.String("name_vi");
    band.name_en = c.String("name_en");
    band.min_points = c.Number("min_points").value_or(0);
    sheet.classes.push_back(std::move(band));
  }
  sheet.where = t.Where();
  return sheet;
}

}  // namespace

Status ReadCatalogToml(std::string_view text, std::string_view file_name, Catalog& catalog) {
  const std::string file(file_name);
  auto parsed = ParseTomlText(text, file);
  if (!parsed) return Fail(parsed.error());
  toml::table& root = *parsed;
  std::optional<Error> error;
  TableReader top(root, file, error);
  top.OnlyKeys({"category", "element", "register", "data_set", "criteria_set", "validation_rule",
                "scoring_sheet", "constant"});
  for (const TableReader& t : top.Tables("category")) {
    Category c = ReadCategory(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddCategory(std::move(c), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("element")) {
    DataElement e = ReadElement(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddElement(std::move(e), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("register")) {
    Register r = ReadRegister(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddRegister(std::move(r), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("data_set")) {
    DataSet d = ReadDataSet(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddDataSet(std::move(d), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("constant")) {
    Constant c = ReadConstant(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddConstant(std::move(c), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("criteria_set")) {
    CriteriaSet c = ReadCriteriaSet(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddCriteriaSet(std::move(c), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("validation_rule")) {
    ValidationRule r = ReadValidationRule(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddValidationRule(std::move(r), t.Where()); !s) return s;
  }
  for (const TableReader& t : top.Tables("scoring_sheet")) {
    ScoringSheet sheet = ReadScoringSheet(t);
    if (error) return Fail(*error);
    if (auto s = catalog.AddScoringSheet(std::move(sheet), t.Where()); !s) return s;
  }
  if (error) return Fail(*error);
  return Ok();
}

}  // namespace antq
