#include "storage/catalog_codec.h"

#include <nlohmann/json.hpp>

namespace antq {
namespace {

using nlohmann::json;

json FieldToJson(const RegisterField& f) {
  json j = {{"code", f.code},           {"name_vi", f.name_vi},
            {"name_en", f.name_en},     {"type", FieldTypeName(f.type)},
            {"required", f.required},   {"category", f.category},
            {"options", json::array()}, {"items", json::array()},
            {"aliases", f.aliases}};
  if (f.min) j["min"] = *f.min;
  if (f.max) j["max"] = *f.max;
  if (f.max_length) j["max_length"] = *f.max_length;
  for (const FieldOption& o : f.options) {
    j["options"].push_back({{"code", o.code}, {"name_vi", o.name_vi}, {"name_en", o.name_en}});
  }
  for (const RegisterField& s : f.item_fields) j["items"].push_back(FieldToJson(s));
  return j;
}

Result<RegisterField> FieldFromJson(const json& j) {
  RegisterField f;
  f.code = j.at("code");
  f.name_vi = j.at("name_vi");
  f.name_en = j.at("name_en");
  auto type = ParseFieldType(j.at("type").get<std::string>());
  if (!type) return Fail(type.error());
  f.type = *type;
  f.required = j.at("required");
  f.category = j.at("category");
  if (j.contains("min")) f.min = j.at("min").get<double>();
  if (j.contains("max")) f.max = j.at("max").get<double>();
  if (j.contains("max_length")) f.max_length = j.at("max_length").get<size_t>();
  if (j.contains("aliases")) f.aliases = j.at("aliases").get<std::vector<std::string>>();
  for (const json& o : j.at("options"))
    f.options.push_back({o.at("code"), o.at("name_vi"), o.at("name_en")});
  for (const json& s : j.at("items")) {
    auto sub = FieldFromJson(s);
    if (!sub) return Fail(sub.error());
    f.item_fields.push_back(std::move(*sub));
  }
  return f;
}

}  // namespace

std::string EncodeCatalog(const Catalog& catalog) {
  json doc = {{"categories", json::array()},    {"elements", json::array()},
              {"registers", json::array()},     {"data_sets", json::array()},
              {"criteria_sets", json::array()}, {"constants", json::array()}};
  for (const auto& [code, c] : catalog.constants()) {
    doc["constants"].push_back({{"code", c.code},
                                {"name_vi", c.name_vi},
                                {"name_en", c.name_en},
                                {"description_vi", c.description_vi},
                                {"value", c.value}});
  }
  for (const auto& [code, c] : catalog.categories()) {
    json options = json::array();
    for (const CategoryOption& o : c.options) {
      options.push_back({{"code", o.code},
                         {"name_vi", o.name_vi},
                         {"name_en", o.name_en},
                         {"unit_vi", o.unit_vi},
                         {"unit_en", o.unit_en},
                         {"counted", o.counted}});
    }
    doc["categories"].push_back(
        {{"code", c.code}, {"name_vi", c.name_vi}, {"name_en", c.name_en}, {"options", options}});
  }
  for (const auto& [code, e] : catalog.elements()) {
    json j = {{"code", e.code},
              {"name_vi", e.name_vi},
              {"name_en", e.name_en},
              {"description_vi", e.description_vi},
              {"value_type", ValueTypeName(e.value_type)},
              {"unit_vi", e.unit_vi},
              {"unit_en", e.unit_en},
              {"aggregation", AggregationName(e.aggregation)},
              {"category", e.category}};
    if (e.valid_from) j["valid_from"] = e.valid_from->ToString();
    if (e.min) j["min"] = *e.min;
    if (e.max) j["max"] = *e.max;
    if (e.source) {
      j["source"] = {{"register", e.source->register_code},
                     {"function", SourceFunctionName(e.source->function)},
                     {"field", e.source->field}};
    }
    doc["elements"].push_back(std::move(j));
  }
  for (const auto& [code, r] : catalog.registers()) {
    json fields = json::array();
    for (const RegisterField& f : r.fields) fields.push_back(FieldToJson(f));
    doc["registers"].push_back({{"code", r.code},
                                {"name_vi", r.name_vi},
                                {"name_en", r.name_en},
                                {"level", UnitLevelName(r.level)},
                                {"active_from", r.active_from},
                                {"active_to", r.active_to},
                                {"fields", fields}});
  }
  for (const auto& [code, d] : catalog.data_sets()) {
    doc["data_sets"].push_back({{"code", d.code},
                                {"name_vi", d.name_vi},
                                {"name_en", d.name_en},
                                {"period_type", PeriodTypeName(d.period_type)},
                                {"calendar", d.calendar},
                                {"level", UnitLevelName(d.level)},
                                {"elements", d.elements},
                                {"submit_within_days", d.submit_within_days}});
  }
  for (const auto& [code, set] : catalog.criteria_sets()) {
    json versions = json::array();
    for (const CriteriaVersion& v : set.versions) {
      json criteria = json::array();
      for (const Criterion& c : v.criteria) {
        criteria.push_back({{"code", c.code},
                            {"name_vi", c.name_vi},
                            {"name_en", c.name_en},
                            {"left", c.left},
                            {"op", CompareOpCode(c.op)},
                            {"right", c.right},
                            {"unit", c.unit},
                            {"fail_vi", c.fail_vi},
                            {"fail_en", c.fail_en},
                            {"missing", c.missing == MissingValues::kSkip ? "skip" : "fail"},
                            {"evidence", c.evidence},
                            {"where", c.where}});
      }
      versions.push_back({{"from_year", v.from_year},
                          {"to_year", v.to_year},
                          {"basis", v.basis},
                          {"same_as", v.same_as},
                          {"criteria", criteria}});
    }
    json recognisers = json::array();
    for (const Recogniser& r : set.recognisers) {
      recognisers.push_back({{"from", r.from == Date::Min() ? "" : r.from.ToString()},
                             {"to", r.to == Date::Max() ? "" : r.to.ToString()},
                             {"by_vi", r.by_vi},
                             {"by_en", r.by_en}});
    }
    doc["criteria_sets"].push_back({{"code", set.code},
                                    {"name_vi", set.name_vi},
                                    {"name_en", set.name_en},
                                    {"level", UnitLevelName(set.level)},
                                    {"unit_types", set.unit_types},
                                    {"data_set", set.data_set},
                                    {"versions", versions},
                                    {"recognisers", recognisers}});
  }
  doc["validation_rules"] = json::array();
  for (const auto& [code, r] : catalog.validation_rules()) {
    doc["validation_rules"].push_back({{"code", r.code},
                                       {"name_vi", r.name_vi},
                                       {"name_en", r.name_en},
                                       {"data_set", r.data_set},
                                       {"left", r.left},
                                       {"op", CompareOpCode(r.op)},
                                       {"right", r.right},
                                       {"importance", ImportanceName(r.importance)},
                                       {"missing", MissingStrategyName(r.missing)},
                                       {"where", r.where}});
  }
  doc["scoring_sheets"] = json::array();
  for (const auto& [code, sheet] : catalog.scoring_sheets()) {
    json items = json::array();
    for (const ScoringItem& i : sheet.items) {
      items.push_back({{"code", i.code},
                       {"name_vi", i.name_vi},
                       {"name_en", i.name_en},
                       {"max_points", i.max_points},
                       {"element", i.element}});
    }
    json classes = json::array();
    for (const RatingClass& c : sheet.classes) {
      classes.push_back({{"code", c.code},
                         {"name_vi", c.name_vi},
                         {"name_en", c.name_en},
                         {"min_points", c.min_points}});
    }
    doc["scoring_sheets"].push_back({{"code", sheet.code},
                                     {"name_vi", sheet.name_vi},
                                     {"name_en", sheet.name_en},
                                     {"basis", sheet.basis},
                                     {"level", UnitLevelName(sheet.level)},
                                     {"unit_types", sheet.unit_types},
                                     {"data_set", sheet.data_set},
                                     {"items", items},
                                     {"classes", classes},
                                     {"where", sheet.where}});
  }
  return doc.dump();
}

// The stored document was written by EncodeCatalog, but the file may have been edited or
// damaged since: every parse is checked (`.value()` throws on a refused value, and the throw
// becomes the error below) rather than dereferenced.
Result<Catalog> DecodeCatalog(const std::string& text) {
  try {
    const json doc = json::parse(text);
    Catalog catalog;
    const std::string where = "stored catalogue";
    for (const json& j : doc.at("categories")) {
      Category c{j.at("code"), j.at("name_vi"), j.at("name_en"), {}};
      for (const json& o : j.at("options")) {
        c.options.push_back({o.at("code"), o.at("name_vi"), o.at("name_en"), o.at("unit_vi"),
                             o.at("unit_en"), o.at("counted")});
      }
      if (auto s = catalog.AddCategory(std::move(c), where); !s) return Fail(s.error());
    }
    for (const json& j : doc.at("elements")) {
      DataElement e;
      e.code = j.at("code");
      e.name_vi = j.at("name_vi");
      e.name_en = j.at("name_en");
      e.description_vi = j.at("description_vi");
      auto type = ParseValueType(j.at("value_type").get<std::string>());
      if (!type) return Fail(type.error().Within(where));
      e.value_type = *type;
      if (j.contains("min")) e.min = j.at("min").get<double>();
      if (j.contains("max")) e.max = j.at("max").get<double>();
      e.unit_vi = j.at("unit_vi");
      e.unit_en = j.at("unit_en");
      e.aggregation = ParseAggregation(j.at("aggregation").get<std::string>()).value();
      e.category = j.at("category");
      if (j.contains("valid_from"))
        e.valid_from = Date::Parse(j.at("valid_from").get<std::string>()).value();
      if (j.contains("source")) {
        const json& s = j.at("source");
        const std::string f = s.at("function");
        e.source = ElementSource{s.at("register"),
                                 f == "sum"      ? SourceFunction::kSum
                                 : f == "active" ? SourceFunction::kActive
                                                 : SourceFunction::kCount,
                                 s.at("field")};
      }
      if (auto s = catalog.AddElement(std::move(e), where); !s) return Fail(s.error());
    }
    for (const json& j : doc.at("registers")) {
      Register r;
      r.code = j.at("code");
      r.name_vi = j.at("name_vi");
      r.name_en = j.at("name_en");
      r.level = ParseUnitLevel(j.at("level").get<std::string>()).value();
      r.active_from = j.at("active_from");
      r.active_to = j.at("active_to");
      for (const json& f : j.at("fields")) {
        auto field = FieldFromJson(f);
        if (!field) return Fail(field.error());
        r.fields.push_back(std::move(*field));
      }
      if (auto s = catalog.AddRegister(std::move(r), where); !s) return Fail(s.error());
    }
    for (const json& j : doc.at("data_sets")) {
      DataSet d;
      d.code = j.at("code");
      d.name_vi = j.at("name_vi");
      d.name_en = j.at("name_en");
      d.period_type = ParsePeriodType(j.at("period_type").get<std::string>()).value();
      d.calendar = j.at("calendar");
      d.level = ParseUnitLevel(j.at("level").get<std::string>()).value();
      d.elements = j.at("elements").get<std::vector<std::string>>();
      // Catalogues stored before deadlines existed have none.
      d.submit_within_days = j.value("submit_within_days", 0);
      if (auto s = catalog.AddDataSet(std::move(d), where); !s) return Fail(s.error());
    }
    // Catalogues stored before constants existed have none.
    for (const json& j : doc.value("constants", json::array())) {
      Constant c;
      c.code = j.at("code");
      c.name_vi = j.at("name_vi");
      c.name_en = j.at("name_en");
      c.description_vi = j.value("description_vi", "");
      c.value = j.at("value");
      if (auto s = catalog.AddConstant(std::move(c), where); !s) return Fail(s.error());
    }
    // Catalogues stored before criteria sets existed have none.
    for (const json& j : doc.value("criteria_sets", json::array())) {
      CriteriaSet set;
      set.code = j.at("code");
      set.name_vi = j.at("name_vi");
      set.name_en = j.at("name_en");
      set.level = ParseUnitLevel(j.at("level").get<std::string>()).value();
      set.unit_types = j.at("unit_types").get<std::vector<std::string>>();
      set.data_set = j.at("data_set");
      for (const json& jv : j.at("versions")) {
        CriteriaVersion v;
        v.from_year = jv.at("from_year");
        v.to_year = jv.at("to_year");
        v.basis = jv.at("basis");
        v.same_as = jv.at("same_as");
        for (const json& jc : jv.at("criteria")) {
          Criterion c;
          c.code = jc.at("code");
          c.name_vi = jc.at("name_vi");
          c.name_en = jc.at("name_en");
          c.left = jc.at("left");
          c.op = ParseCompareOp(jc.at("op").get<std::string>()).value();
          c.right = jc.at("right");
          c.unit = jc.at("unit");
          c.fail_vi = jc.at("fail_vi");
          c.fail_en = jc.at("fail_en");
          c.missing = jc.at("missing") == "skip" ? MissingValues::kSkip : MissingValues::kFail;
          c.evidence = jc.value("evidence", "");
          c.where = jc.at("where");
          v.criteria.push_back(std::move(c));
        }
        set.versions.push_back(std::move(v));
      }
      for (const json& jr : j.value("recognisers", json::array())) {
        Recogniser r;
        const std::string from = jr.at("from");
        const std::string to = jr.at("to");
        if (!from.empty()) r.from = Date::Parse(from).value();
        if (!to.empty()) r.to = Date::Parse(to).value();
        r.by_vi = jr.at("by_vi");
        r.by_en = jr.at("by_en");
        set.recognisers.push_back(std::move(r));
      }
      if (auto s = catalog.AddCriteriaSet(std::move(set), where); !s) return Fail(s.error());
    }
    for (const json& j : doc.value("validation_rules", json::array())) {
      ValidationRule r;
      r.code = j.at("code");
      r.name_vi = j.at("name_vi");
      r.name_en = j.at("name_en");
      r.data_set = j.at("data_set");
      r.left = j.at("left");
      r.op = ParseCompareOp(j.at("op").get<std::string>()).value();
      r.right = j.at("right");
      r.importance = ParseImportance(j.at("importance").get<std::string>()).value();
      r.missing = ParseMissingStrategy(j.at("missing").get<std::string>()).value();
      r.where = j.at("where");
      if (auto s = catalog.AddValidationRule(std::move(r), where); !s) return Fail(s.error());
    }
    for (const json& j : doc.value("scoring_sheets", json::array())) {
      ScoringSheet sheet;
      sheet.code = j.at("code");
      sheet.name_vi = j.at("name_vi");
      sheet.name_en = j.at("name_en");
      sheet.basis = j.at("basis");
      sheet.level = ParseUnitLevel(j.at("level").get<std::string>()).value();
      sheet.unit_types = j.at("unit_types").get<std::vector<std::string>>();
      sheet.data_set = j.at("data_set");
      for (const json& ji : j.at("items")) {
        sheet.items.push_back({ji.at("code"), ji.at("name_vi"), ji.at("name_en"),
                               ji.at("max_points"), ji.at("element")});
      }
      for (const json& jc : j.at("classes")) {
        sheet.classes.push_back(
            {jc.at("code"), jc.at("name_vi"), jc.at("name_en"), jc.at("min_points")});
      }
      sheet.where = j.at("where");
      if (auto s = catalog.AddScoringSheet(std::move(sheet), where); !s) return Fail(s.error());
    }
    return catalog;
  } catch (const std::exception& e) {
    return Fail(ErrorCode::kInternal,
                std::string("the stored catalogue is unreadable: ") + e.what());
  }
}

}  // namespace antq
