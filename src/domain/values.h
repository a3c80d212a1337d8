#pragma once

#include <string>

#include "domain/catalog.h"
#include "domain/unit.h"
#include "domain/value_type.h"

namespace antq {

// One stored figure: the value of an element (and disaggregation option) for a unit and period,
// with who set it and when.
struct DataValue {
  UnitId unit_id = 0;
  std::string element;
  std::string option;  // empty when the element has no disaggregation
  std::string period;  // ISO code
  std::string data_set;
  TypedValue value;
  std::string stored_by;
  std::string updated_at;  // UTC, ISO 8601
  std::string comment;
};

}  // namespace antq
