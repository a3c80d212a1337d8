#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/criteria.h"

namespace antq {

// What a violated rule does to its report. Errors block submission (a draft can still be
// saved, so an officer never loses what was typed); warnings are shown and nothing more.
enum class Importance { kError, kWarning };

Result<Importance> ParseImportance(std::string_view text);  // "error", "warning"
std::string_view ImportanceName(Importance importance);

// When a rule is checked although some of its values were not reported, as in DHIS2. Values
// that are checked while missing count as 0.
enum class MissingStrategy {
  kSkipIfAnyMissing,  // check only reports that have every value
  kSkipIfAllMissing,  // the default: check unless none of its values was reported
  kNeverSkip,         // always check
};

// "skip_if_any_missing", "skip_if_all_missing", "never_skip"
Result<MissingStrategy> ParseMissingStrategy(std::string_view text);
std::string_view MissingStrategyName(MissingStrategy strategy);

// A consistency check on one report of a data set (a unit, a period), in DHIS2's shape: left
// expression, comparison, right expression over the data set's own elements. "Tips of value are
// at most the tips received". Declared in the catalogue, run on every save and on demand.
struct ValidationRule {
  std::string code;
  std::string name_vi;  // the sentence a violation shows: "Số tin có giá trị không vượt quá …"
  std::string name_en;
  std::string data_set;
  std::string left;
  CompareOp op = CompareOp::kLessOrEqual;
  std::string right;
  Importance importance = Importance::kError;
  MissingStrategy missing = MissingStrategy::kSkipIfAllMissing;
  std::string where;  // file:line, for messages
};

}  // namespace antq
