#pragma once

// The pieces of the dataValueSets JSON reader that the whole-text and the streaming readers
// share (interop only: simdjson stays inside this layer).
#include <simdjson.h>

#include <string>
#include <string_view>

#include "common/result.h"
#include "interop/data_value_set.h"

namespace antq {

// An error about the JSON file `file`, at `where` ("dataValues[3].period") when given.
Error JsonError(const std::string& file, const std::string& where, const std::string& what);

// Reads one dataValues object's known fields into `entry` (unknown keys are skipped).
Status ReadDataValueJson(simdjson::ondemand::object object, DataValueEntry& entry,
                         const std::string& file, const std::string& where);

// Reads the top-level fields of a dataValueSet object: the group fields every value inherits
// (period, orgUnit, attributeOptionCombo) into `group`, dataSet and completeDate into `set`.
// The dataValues array, and any other array or object, is skipped.
Status ReadDataValueSetTop(std::string_view text, const std::string& file, DataValueEntry& group,
                           DataValueSet& set);

}  // namespace antq
