#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/criteria.h"
#include "domain/period.h"
#include "domain/scoring_sheet.h"
#include "domain/unit.h"
#include "domain/validation_rule.h"
#include "domain/value_type.h"

namespace antq {

// The movement's metadata: what is measured (data elements and their disaggregations), what is
// reported together on which calendar (data sets), and which individual events are recorded
// (registers). Loaded from data/catalog/*.toml; a province can extend it without a build.

enum class Aggregation { kSum, kAverage, kLast, kMin, kMax, kCount, kNone };

std::string_view AggregationName(Aggregation a);
Result<Aggregation> ParseAggregation(std::string_view name);

struct CategoryOption {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string unit_vi;
  std::string unit_en;
  bool counted = true;  // counted in item totals (false for measures in kg)
};

// A disaggregation, such as the type of item recovered.
struct Category {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::vector<CategoryOption> options;

  const CategoryOption* Find(std::string_view option) const;
};

// How a register aggregate is computed from events in a period: their number, the sum of a
// numeric (or items) field, or the number of records active on the last day of the period.
enum class SourceFunction { kCount, kSum, kActive };
std::string_view SourceFunctionName(SourceFunction f);

struct ElementSource {
  std::string register_code;
  SourceFunction function = SourceFunction::kCount;
  std::string field;
};

struct DataElement {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string description_vi;
  ValueType value_type = ValueType::kIntegerZeroOrPositive;
  std::optional<double> min;  // narrower bounds than the type's, such as a score's points
  std::optional<double> max;
  std::string unit_vi;
  std::string unit_en;
  Aggregation aggregation = Aggregation::kSum;
  std::string category;            // empty: no disaggregation
  std::optional<Date> valid_from;  // first day the element is reported
  std::optional<ElementSource> source;

  // The type and bounds every value of the element is parsed and checked with.
  ValueSpec Spec() const { return {value_type, min, max, std::nullopt}; }
};

// The scalar types of fields are the value types, under the same names; enum, items, units and
// list fields are structured.
enum class FieldType {
  kInteger,
  kIntegerPositive,
  kIntegerZeroOrPositive,
  kNumber,
  kPercentage,
  kText,
  kLongText,
  kDate,
  kBoolean,
  kEnum,
  kItems,
  kUnits,
  kList
};
std::string_view FieldTypeName(FieldType t);
Result<FieldType> ParseFieldType(std::string_view name);
// The value type of a scalar field type; nullopt for enum, items, units and list.
std::optional<ValueType> ScalarTypeOf(FieldType t);
// Whether a field's values are numbers that can be summed (integers, numbers, percentages).
bool IsNumericField(FieldType t);

struct FieldOption {
  std::string code;
  std::string name_vi;
  std::string name_en;
};

// One typed field of a register. Enum fields list their options; items fields hold quantities
// keyed by the options of `category`; list fields hold records of `item_fields`.
struct RegisterField {
  std::string code;
  std::string name_vi;
  std::string name_en;
  FieldType type = FieldType::kText;
  bool required = false;
  std::optional<double> min;         // numeric fields
  std::optional<double> max;         // numeric fields
  std::optional<size_t> max_length;  // text fields: characters
  std::string category;
  std::vector<FieldOption> options;
  std::vector<RegisterField> item_fields;
  // Other column titles that mean this field in imported spreadsheets ("số người tham gia").
  std::vector<std::string> aliases;

  const FieldOption* FindOption(std::string_view code) const;
  // The type and bounds of a scalar field's values; nullopt for structured fields.
  std::optional<ValueSpec> Spec() const;
};

// A typed list of events with a date and a unit (propaganda sessions, hand-ins, models, …).
struct Register {
  std::string code;
  std::string name_vi;
  std::string name_en;
  UnitLevel level = UnitLevel::kCommune;
  std::vector<RegisterField> fields;
  // For records that last (models): the date fields that start and end them. A record is active
  // on day D when active_from <= D and active_to is empty or >= D.
  std::string active_from;
  std::string active_to;

  const RegisterField* Field(std::string_view code) const;
};

// Elements reported together by units of one level, for periods of one type on one calendar.
struct DataSet {
  std::string code;
  std::string name_vi;
  std::string name_en;
  PeriodType period_type = PeriodType::kMonthly;
  std::string calendar;
  UnitLevel level = UnitLevel::kCommune;
  std::vector<std::string> elements;
  // The days after the end of a period's window (its cut-off) by which the report is due; 0:
  // no deadline. Each reporting regime sets its own (Nghị định 09/2019 requires one).
  int submit_within_days = 0;
};

// A named number that indicators use through C{code} (DHIS2's constants): a population base for
// rates, a target percentage. Changing it changes every indicator that reads it, in one place.
struct Constant {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string description_vi;
  double value = 0;
};

class Catalog {
 public:
  // Adds definitions; `where` names the file for errors. Duplicate codes are errors.
  Status AddCategory(Category c, const std::string& where);
  Status AddElement(DataElement e, const std::string& where);
  Status AddRegister(Register r, const std::string& where);
  Status AddDataSet(DataSet d, const std::string& where);
  Status AddCriteriaSet(CriteriaSet c, const std::string& where);
  Status AddValidationRule(ValidationRule r, const std::string& where);
  Status AddScoringSheet(ScoringSheet s, const std::string& where);
  Status AddConstant(Constant c, const std::string& where);
  // Checks every cross reference (categories, registers, fields, calendars, data-set members).
  Status Validate() const;

  const Category* FindCategory(std::string_view code) const;
  // The option codes the elements may be stored with: "" (no disaggregation) and every option of
  // their categories, sorted.
  std::vector<std::string> OptionsOf(const std::vector<std::string>& elements) const;
  const DataElement* FindElement(std::string_view code) const;
  const Register* FindRegister(std::string_view code) const;
  const DataSet* FindDataSet(std::string_view code) const;
  const CriteriaSet* FindCriteriaSet(std::string_view code) const;
  const ScoringSheet* FindScoringSheet(std::string_view code) const;
  const Constant* FindConstant(std::string_view code) const;
  // The validation rules that check reports of `data_set`, in code order.
  std::vector<const ValidationRule*> RulesOf(std::string_view data_set) const;
  // A measure by its code: an element ("atantt.recognised") or one option of an element with a
  // category ("atantt.recognised.khu_dan_cu"); the element and the option ("" for the element
  // itself), or nullopt.
  std::optional<std::pair<const DataElement*, std::string>> FindMeasure(std::string_view key) const;
  // The data set an element is reported in, or nullptr (register aggregates).
  const DataSet* DataSetOf(std::string_view element) const;

  const std::map<std::string, Category>& categories() const { return categories_; }
  const std::map<std::string, DataElement>& elements() const { return elements_; }
  const std::map<std::string, Register>& registers() const { return registers_; }
  const std::map<std::string, DataSet>& data_sets() const { return data_sets_; }
  const std::map<std::string, CriteriaSet>& criteria_sets() const { return criteria_sets_; }
  const std::map<std::string, ValidationRule>& validation_rules() const {
    return validation_rules_;
  }
  const std::map<std::string, ScoringSheet>& scoring_sheets() const { return scoring_sheets_; }
  const std::map<std::string, Constant>& constants() const { return constants_; }
  bool empty() const { return elements_.empty() && registers_.empty(); }

 private:
  std::map<std::string, Category> categories_;
  std::map<std::string, DataElement> elements_;
  std::map<std::string, Register> registers_;
  std::map<std::string, DataSet> data_sets_;
  std::map<std::string, CriteriaSet> criteria_sets_;
  std::map<std::string, ValidationRule> validation_rules_;
  std::map<std::string, ScoringSheet> scoring_sheets_;
  std::map<std::string, Constant> constants_;
  std::map<std::string, std::string> where_;  // "element:code" -> file, for messages
};

}  // namespace antq
