#include "domain/catalog.h"

#include <fmt/format.h>

#include <set>

#include "common/text.h"
#include "domain/calendar.h"

namespace antq {
namespace {

template <typename E, size_t N>
Result<E> ParseName(std::string_view name, const std::pair<E, std::string_view> (&table)[N],
                    std::string_view what) {
  std::string known;
  for (const auto& [value, text] : table) {
    if (text == name) return value;
    AppendListItem(known, std::string(text), ", ");
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown {} '{}'; use {}", what, name, known));
}

template <typename E, size_t N>
std::string_view NameOf(E value, const std::pair<E, std::string_view> (&table)[N]) {
  for (const auto& [v, text] : table) {
    if (v == value) return text;
  }
  return "?";
}

constexpr std::pair<Aggregation, std::string_view> kAggregations[] = {
    {Aggregation::kSum, "sum"},  {Aggregation::kAverage, "average"}, {Aggregation::kLast, "last"},
    {Aggregation::kMin, "min"},  {Aggregation::kMax, "max"},         {Aggregation::kCount, "count"},
    {Aggregation::kNone, "none"}};
// Scalar field types: the value type of the same name.
constexpr std::pair<FieldType, ValueType> kScalarFieldTypes[] = {
    {FieldType::kInteger, ValueType::kInteger},
    {FieldType::kIntegerPositive, ValueType::kIntegerPositive},
    {FieldType::kIntegerZeroOrPositive, ValueType::kIntegerZeroOrPositive},
    {FieldType::kNumber, ValueType::kNumber},
    {FieldType::kPercentage, ValueType::kPercentage},
    {FieldType::kText, ValueType::kText},
    {FieldType::kLongText, ValueType::kLongText},
    {FieldType::kDate, ValueType::kDate},
    {FieldType::kBoolean, ValueType::kBoolean}};
constexpr std::pair<FieldType, std::string_view> kStructuredFieldTypes[] = {
    {FieldType::kEnum, "enum"},
    {FieldType::kItems, "items"},
    {FieldType::kUnits, "units"},
    {FieldType::kList, "list"}};
constexpr std::pair<SourceFunction, std::string_view> kSourceFunctions[] = {
    {SourceFunction::kCount, "count"},
    {SourceFunction::kSum, "sum"},
    {SourceFunction::kActive, "active"}};

}  // namespace

std::string_view AggregationName(Aggregation a) { return NameOf(a, kAggregations); }
Result<Aggregation> ParseAggregation(std::string_view name) {
  return ParseName(name, kAggregations, "aggregation");
}
std::string_view FieldTypeName(FieldType t) {
  if (auto scalar = ScalarTypeOf(t)) return ValueTypeName(*scalar);
  return NameOf(t, kStructuredFieldTypes);
}

Result<FieldType> ParseFieldType(std::string_view name) {
  std::string known;
  for (const auto& [field, value] : kScalarFieldTypes) {
    if (ValueTypeName(value) == name) return field;
    AppendListItem(known, ValueTypeName(value), ", ");
  }
  for (const auto& [field, text] : kStructuredFieldTypes) {
    if (text == name) return field;
    AppendListItem(known, text, ", ");
  }
  return Fail(ErrorCode::kInvalidArgument,
              fmt::format("unknown field type '{}'; use {}", name, known));
}

std::optional<ValueType> ScalarTypeOf(FieldType t) {
  for (const auto& [field, value] : kScalarFieldTypes) {
    if (field == t) return value;
  }
  return std::nullopt;
}

bool IsNumericField(FieldType t) {
  auto scalar = ScalarTypeOf(t);
  return scalar && IsNumericType(*scalar);
}

std::optional<ValueSpec> RegisterField::Spec() const {
  auto scalar = ScalarTypeOf(type);
  if (!scalar) return std::nullopt;
  return ValueSpec{*scalar, min, max, max_length};
}
std::string_view SourceFunctionName(SourceFunction f) { return NameOf(f, kSourceFunctions); }

const CategoryOption* Category::Find(std::string_view option) const {
  for (const CategoryOption& o : options) {
    if (o.code == option) return &o;
  }
  return nullptr;
}

const FieldOption* RegisterField::FindOption(std::string_view option) const {
  for (const FieldOption& o : options) {
    if (o.code == option) return &o;
  }
  return nullptr;
}

const RegisterField* Register::Field(std::string_view field) const {
  for (const RegisterField& f : fields) {
    if (f.code == field) return &f;
  }
  return nullptr;
}

namespace {

template <typename T>
Status AddUnique(std::map<std::string, T>& into, std::map<std::string, std::string>& where_map,
                 std::string_view kind, T value, const std::string& where) {
  const std::string key = fmt::format("{}:{}", kind, value.code);
  if (into.contains(value.code)) {
    return Fail(
        ErrorCode::kInvalidArgument,
        fmt::format("{} '{}' is defined twice (first in {})", kind, value.code, where_map[key]),
        where);
  }
  where_map[key] = where;
  std::string code = value.code;
  into.emplace(std::move(code), std::move(value));
  return Ok();
}

}  // namespace

Status Catalog::AddCategory(Category c, const std::string& where) {
  return AddUnique(categories_, where_, "category", std::move(c), where);
}
Status Catalog::AddElement(DataElement e, const std::string& where) {
  return AddUnique(elements_, where_, "element", std::move(e), where);
}
Status Catalog::AddRegister(Register r, const std::string& where) {
  return AddUnique(registers_, where_, "register", std::move(r), where);
}
Status Catalog::AddDataSet(DataSet d, const std::string& where) {
  return AddUnique(data_sets_, where_, "data set", std::move(d), where);
}

Status Catalog::AddConstant(Constant c, const std::string& where) {
  return AddUnique(constants_, where_, "constant", std::move(c), where);
}

std::optional<std::pair<const DataElement*, std::string>> Catalog::FindMeasure(
    std::string_view key) const {
  if (const DataElement* e = FindElement(key)) return std::pair{e, std::string()};
  const size_t dot = key.rfind('.');
  if (dot == std::string_view::npos) return std::nullopt;
  const DataElement* e = FindElement(key.substr(0, dot));
  if (!e || e->category.empty()) return std::nullopt;
  const Category* c = FindCategory(e->category);
  const std::string option(key.substr(dot + 1));
  if (!c || !c->Find(option)) return std::nullopt;
  return std::pair{e, option};
}

Status Catalog::AddCriteriaSet(CriteriaSet c, const std::string& where) {
  return AddUnique(criteria_sets_, where_, "criteria set", std::move(c), where);
}

Status Catalog::AddValidationRule(ValidationRule r, const std::string& where) {
  return AddUnique(validation_rules_, where_, "validation rule", std::move(r), where);
}

Status Catalog::AddScoringSheet(ScoringSheet s, const std::string& where) {
  if (criteria_sets_.contains(s.code)) {
    return Fail(ErrorCode::kConflict,
                fmt::format("scoring sheet {}: a criteria set has that code", s.code), where);
  }
  return AddUnique(scoring_sheets_, where_, "scoring sheet", std::move(s), where);
}

const ScoringSheet* Catalog::FindScoringSheet(std::string_view code) const {
  auto it = scoring_sheets_.find(std::string(code));
  return it == scoring_sheets_.end() ? nullptr : &it->second;
}

const Constant* Catalog::FindConstant(std::string_view code) const {
  auto it = constants_.find(std::string(code));
  return it == constants_.end() ? nullptr : &it->second;
}

std::vector<const ValidationRule*> Catalog::RulesOf(std::string_view data_set) const {
  std::vector<const ValidationRule*> rules;
  for (const auto& [code, rule] : validation_rules_) {
    if (rule.data_set == data_set) rules.push_back(&rule);
  }
  return rules;
}

const CriteriaSet* Catalog::FindCriteriaSet(std::string_view code) const {
  auto it = criteria_sets_.find(std::string(code));
  return it == criteria_sets_.end() ? nullptr : &it->second;
}

const Category* Catalog::FindCategory(std::string_view code) const {
  auto it = categories_.find(std::string(code));
  return it == categories_.end() ? nullptr : &it->second;
}
std::vector<std::string> Catalog::OptionsOf(const std::vector<std::string>& elements) const {
  std::set<std::string> options = {""};
  for (const std::string& code : elements) {
    const DataElement* element = FindElement(code);
    const Category* category = element ? FindCategory(element->category) : nullptr;
    if (category == nullptr) continue;
    for (const CategoryOption& option : category->options) options.insert(option.code);
  }
  return {options.begin(), options.end()};
}
const DataElement* Catalog::FindElement(std::string_view code) const {
  auto it = elements_.find(std::string(code));
  return it == elements_.end() ? nullptr : &it->second;
}
const Register* Catalog::FindRegister(std::string_view code) const {
  auto it = registers_.find(std::string(code));
  return it == registers_.end() ? nullptr : &it->second;
}
const DataSet* Catalog::FindDataSet(std::string_view code) const {
  auto it = data_sets_.find(std::string(code));
  return it == data_sets_.end() ? nullptr : &it->second;
}
const DataSet* Catalog::DataSetOf(std::string_view element) const {
  for (const auto& [code, ds] : data_sets_) {
    for (const std::string& e : ds.elements) {
      if (e == element) return &ds;
    }
  }
  return nullptr;
}

Status Catalog::Validate() const {
  auto at = [&](std::string_view kind, const std::string& code) {
    auto it = where_.find(fmt::format("{}:{}", kind, code));
    return it == where_.end() ? std::string("catalog") : it->second;
  };
  auto check_fields = [&](const Register& r, const std::vector<RegisterField>& fields,
                          bool nested) -> Status {
    for (const RegisterField& f : fields) {
      const std::string where =
          fmt::format("{}: register {}: field {}", at("register", r.code), r.code, f.code);
      if (f.code == "date" || f.code == "unit") {
        return Fail(ErrorCode::kInvalidArgument,
                    "'date' and 'unit' are implicit in every register; do not declare them", where);
      }
      if (auto spec = f.Spec()) {
        if (auto s = spec->Validate(); !s) return Fail(s.error().At(where));
      } else if (f.min || f.max || f.max_length) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("min, max and max_length apply to scalar fields, not {}",
                                FieldTypeName(f.type)),
                    where);
      }
      if (f.type == FieldType::kEnum && f.options.empty()) {
        return Fail(ErrorCode::kInvalidArgument, "an enum field needs options", where);
      }
      if (f.type == FieldType::kItems && !FindCategory(f.category)) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("unknown category '{}' for an items field", f.category), where);
      }
      if (nested && (f.type == FieldType::kItems || f.type == FieldType::kUnits)) {
        return Fail(ErrorCode::kInvalidArgument,
                    "a list item field must be of a scalar type or enum", where);
      }
      if (f.type == FieldType::kList && (nested || f.item_fields.empty())) {
        return Fail(ErrorCode::kInvalidArgument,
                    nested ? "a list cannot contain a list" : "a list field needs item fields",
                    where);
      }
    }
    return Ok();
  };
  for (const auto& [code, r] : registers_) {
    if (auto s = check_fields(r, r.fields, false); !s) return s;
    for (const std::string& f : {r.active_from, r.active_to}) {
      if (f.empty()) continue;
      const RegisterField* field = r.Field(f);
      if (!field || field->type != FieldType::kDate) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("register {}: active_from/active_to must name a date field, not "
                                "'{}'",
                                code, f),
                    at("register", code));
      }
    }
    for (const RegisterField& f : r.fields) {
      if (f.type == FieldType::kList) {
        if (auto s = check_fields(r, f.item_fields, true); !s) return s;
      }
    }
  }
  for (const auto& [code, e] : elements_) {
    const std::string where = fmt::format("{}: element {}", at("element", code), code);
    if (auto s = e.Spec().Validate(); !s) return Fail(s.error().At(where));
    if (!e.category.empty() && !FindCategory(e.category)) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown category '{}'", e.category),
                  where);
    }
    if (!e.source) continue;
    const Register* r = FindRegister(e.source->register_code);
    if (!r) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("unknown register '{}'", e.source->register_code), where);
    }
    if (e.source->function == SourceFunction::kActive && r->active_from.empty()) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("register {} has no active_from field, so nothing in it is active", r->code),
          where);
    }
    if (e.source->function == SourceFunction::kSum) {
      const RegisterField* f = r->Field(e.source->field);
      if (!f) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("register {} has no field '{}'", r->code, e.source->field), where);
      }
      if (!IsNumericField(f->type) && f->type != FieldType::kItems) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("cannot sum field {}.{} of type {}", r->code, f->code,
                                FieldTypeName(f->type)),
                    where);
      }
      if (f->type == FieldType::kItems && e.category != f->category) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("the sum of items field {}.{} needs category '{}'", r->code,
                                f->code, f->category),
                    where);
      }
    }
  }
  std::map<std::string, std::string> member_of;
  for (const auto& [code, ds] : data_sets_) {
    const std::string where = fmt::format("{}: data set {}", at("data set", code), code);
    auto cal = Calendar::Find(ds.calendar);
    if (!cal) return Fail(cal.error().At(where + ": calendar"));
    if (!(*cal)->Supports(ds.period_type)) {
      return Fail(
          ErrorCode::kInvalidArgument,
          fmt::format("calendar {} has no {} periods", ds.calendar, PeriodTypeName(ds.period_type)),
          where);
    }
    for (const std::string& e : ds.elements) {
      const DataElement* element = FindElement(e);
      if (!element) {
        return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown element '{}'", e), where);
      }
      if (element->source) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("element {} is computed from register {}; it cannot be reported", e,
                                element->source->register_code),
                    where);
      }
      if (auto [it, inserted] = member_of.emplace(e, code); !inserted) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("element {} is already in data set {}", e, it->second), where);
      }
    }
  }
  for (const auto& [code, set] : criteria_sets_) {
    const std::string where = fmt::format("{}: criteria set {}", at("criteria set", code), code);
    if (!FindDataSet(set.data_set)) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown data set '{}'", set.data_set),
                  where);
    }
    for (size_t i = 0; i < set.versions.size(); ++i) {
      const CriteriaVersion& v = set.versions[i];
      if (v.to_year != 0 && v.to_year < v.from_year) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("version {}..{} ends before it starts", v.from_year, v.to_year),
                    where);
      }
      for (size_t j = 0; j < i; ++j) {
        const CriteriaVersion& w = set.versions[j];
        const bool apart = (v.to_year != 0 && v.to_year < w.from_year) ||
                           (w.to_year != 0 && w.to_year < v.from_year);
        if (!apart) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("versions from {} and from {} overlap", w.from_year, v.from_year),
                      where);
        }
      }
      if (!v.same_as.empty()) {
        const CriteriaSet* other = FindCriteriaSet(v.same_as);
        if (!other || other == &set) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("same_as: no other criteria set '{}'", v.same_as), where);
        }
        if (!v.criteria.empty()) {
          return Fail(ErrorCode::kInvalidArgument,
                      "a version is either same_as another set or lists its own criteria", where);
        }
      }
      for (const Criterion& c : v.criteria) {
        if (c.evidence.empty()) continue;
        const DataElement* e = FindElement(c.evidence);
        if (!e || e->value_type != ValueType::kText ||
            DataSetOf(c.evidence) != FindDataSet(set.data_set)) {
          return Fail(
              ErrorCode::kInvalidArgument,
              fmt::format("criterion {}: evidence '{}' must be a text element of data set {}",
                          c.code, c.evidence, set.data_set),
              c.where);
        }
      }
    }
    for (size_t i = 0; i < set.recognisers.size(); ++i) {
      const Recogniser& r = set.recognisers[i];
      if (r.to < r.from) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("recogniser from {} ends before it starts", r.from.ToString()),
                    where);
      }
      for (size_t j = 0; j < i; ++j) {
        const Recogniser& o = set.recognisers[j];
        if (!(r.to < o.from || o.to < r.from)) {
          return Fail(ErrorCode::kInvalidArgument,
                      fmt::format("recognisers from {} and from {} overlap", o.from.ToString(),
                                  r.from.ToString()),
                      where);
        }
      }
    }
  }
  for (const auto& [code, rule] : validation_rules_) {
    if (!FindDataSet(rule.data_set)) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("validation rule {}: unknown data set '{}'", code, rule.data_set),
                  rule.where);
    }
  }
  for (const auto& [code, sheet] : scoring_sheets_) {
    const std::string where = fmt::format("{}: scoring sheet {}", sheet.where, code);
    const DataSet* ds = FindDataSet(sheet.data_set);
    if (!ds) {
      return Fail(ErrorCode::kInvalidArgument, fmt::format("unknown data set '{}'", sheet.data_set),
                  where);
    }
    if (ds->level != sheet.level) {
      return Fail(ErrorCode::kInvalidArgument,
                  fmt::format("data set {} is reported by each {}, the sheet scores each {}",
                              ds->code, UnitLevelName(ds->level), UnitLevelName(sheet.level)),
                  where);
    }
    if (sheet.items.empty() || sheet.classes.empty()) {
      return Fail(ErrorCode::kInvalidArgument, "a scoring sheet needs items and classes", where);
    }
    for (const ScoringItem& item : sheet.items) {
      const std::string at_item = fmt::format("{}, item {}", where, item.code);
      if (item.max_points <= 0) {
        return Fail(ErrorCode::kInvalidArgument, "max_points must be above 0", at_item);
      }
      const DataElement* e = FindElement(item.element);
      const Category* c = e ? FindCategory(e->category) : nullptr;
      if (!e || DataSetOf(item.element) != ds || !c || !c->Find(std::string(kSelfScore)) ||
          !c->Find(std::string(kReviewScore))) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("element '{}' must be an element of data set {} broken down into "
                                "the options {} and {}",
                                item.element, ds->code, kSelfScore, kReviewScore),
                    at_item);
      }
    }
    for (size_t i = 1; i < sheet.classes.size(); ++i) {
      if (sheet.classes[i].min_points >= sheet.classes[i - 1].min_points) {
        return Fail(ErrorCode::kInvalidArgument,
                    fmt::format("class {} must need fewer points than class {} above it",
                                sheet.classes[i].code, sheet.classes[i - 1].code),
                    where);
      }
    }
  }
  return Ok();
}

}  // namespace antq
