#pragma once

#include <string_view>

#include "common/result.h"
#include "domain/unit_registry.h"

namespace antq {

// The ANTQ units file: UTF-8 text, one record per line, fields separated by tabs; '#' starts a
// comment line. The first record is the header `antq-units <TAB> 1`. Records:
//
//   unit     code  level  type  name  parent_code  valid_from  valid_to
//   lineage  date  kind   from_codes  to_codes  source
//   group    code  name_vi  name_en
//   member   group_code  unit_code  valid_from  valid_to
//
// level is country|province|district|commune|residential; name excludes the type ("Đắk Hà" with
// type "Xã"); dates are YYYY-MM-DD and an empty valid_from/valid_to is open. A lineage record's
// date is the first day of the new state; from_codes are resolved the day before, to_codes on
// the date; codes are separated by spaces, and a split target carries its weight as
// "23293:0.4". kind is merge|split|rename|move. docs/units-file.md describes the format in full.
//
// Parses and validates the syntax of `text`, NFC-normalising every field. Errors name
// `file_name`, the line and the field. Whether units and parents exist is checked when the
// declarations are applied to a UnitRegistry.
Result<UnitDeclarations> ParseUnitsFile(std::string_view text, std::string_view file_name);

}  // namespace antq
