#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/catalog.h"
#include "domain/unit.h"

namespace antq {

// One record of a register: a propaganda session, a hand-in, a model, a festival, an inspection.
// `fields` is a JSON object of the register's typed fields (numbers as numbers, dates as
// "YYYY-MM-DD", items as {option: quantity}, units as [unit ids], lists as arrays of objects).
struct Event {
  int64_t id = 0;
  std::string register_code;
  UnitId unit_id = 0;
  Date date;
  nlohmann::json fields = nlohmann::json::object();
  bool deleted = false;
  std::string created_by;
  std::string created_at;
  std::string updated_by;
  std::string updated_at;
};

// Fields as typed by a person: field code -> text. An items field is given per option as
// "items.sung"; a units field as unit codes separated by spaces; a list field as a JSON array.
using RawFields = std::map<std::string, std::string>;

// Resolves a unit code on a date, for units fields.
using UnitResolver = std::function<Result<UnitId>(const std::string& code, Date date)>;

// Checks raw fields against `reg` and returns the typed JSON object. Scalar fields are parsed by
// ParseValue with the field's ValueSpec, item quantities with QuantitySpec. The error's `where`
// is the field code; unknown fields, missing required fields, values outside their type,
// unknown options and units that did not exist on `date` are refused.
Result<nlohmann::json> BuildEventFields(const Register& reg, const Catalog& catalog,
                                        const RawFields& raw, Date date,
                                        const UnitResolver& resolve_unit);

// A stored scalar JSON value as a person would type it, so that it parses back to itself: text
// as it is, numbers in plain decimal notation (never an exponent), true/false.
std::string RawText(const nlohmann::json& value);

// The type of a quantity in an items field: counted options are whole pieces (zero or more),
// the others (kg) non-negative numbers.
ValueSpec QuantitySpec(const CategoryOption& option);

// A stored event field that does not fit its register: the field key ("participants",
// "items.sung", "recommendations[0].text"), the stored JSON and why.
struct FieldProblem {
  std::string field;
  std::string stored;
  std::string reason;
};

// Checks stored event fields (as read back, any JSON) against `reg` as BuildEventFields would
// have produced them: an object of known fields, each of its type and bounds (integers as JSON
// integers, text in NFC without control characters, real dates, known enum and item options,
// units that exist), required fields present. For `antq check`; returns every problem found.
std::vector<FieldProblem> CheckEventFields(const Register& reg, const Catalog& catalog,
                                           const nlohmann::json& fields,
                                           const std::function<bool(UnitId)>& unit_exists);

// Whether a record of `reg` is active on `day` (see Register::active_from).
bool IsActiveOn(const Register& reg, const Event& event, Date day);

// The numeric total of `field` in `event` (items: the sum of counted options).
double NumericField(const Event& event, const RegisterField& field, const Category* category);

}  // namespace antq
