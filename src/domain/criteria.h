#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/date.h"
#include "common/result.h"
#include "domain/unit.h"

namespace antq {

// How a criterion compares its two sides.
enum class CompareOp { kEqual, kNotEqual, kLess, kLessOrEqual, kGreater, kGreaterOrEqual };

Result<CompareOp> ParseCompareOp(std::string_view text);  // "==", "!=", "<", "<=", ">", ">="
std::string_view CompareOpText(CompareOp op);             // "=", "≠", "<", "≤", ">", "≥"
std::string_view CompareOpCode(CompareOp op);             // as ParseCompareOp reads it
bool Compare(double left, CompareOp op, double right);
// The operator that holds when `op` does not: what a failure reason shows ("64 % < 70 %").
CompareOp Negated(CompareOp op);

// What a criterion does when a value it needs was never reported.
enum class MissingValues {
  kFail,  // the criterion is not met, for want of data (the default: no data, no recognition)
  kSkip,  // the criterion is left out of the verdict
};

// One condition of a criteria set, in DHIS2's validation-rule shape: a left expression, a
// comparison and a right expression over data elements (expressions.md), evaluated for one unit
// and one assessment period. Its name says which clause of which text it is.
struct Criterion {
  std::string code;
  std::string name_vi;
  std::string name_en;
  std::string left;
  CompareOp op = CompareOp::kGreaterOrEqual;
  std::string right;
  std::string unit;  // shown after each side's value: "%", "mô hình"; may be empty
  // Optional words for a failure, shown before the values ("có cán bộ bị kỷ luật").
  std::string fail_vi;
  std::string fail_en;
  MissingValues missing = MissingValues::kFail;
  // A text element of the set's data set holding what backs the officer's confirmation (the
  // minutes, the decision number), shown with the outcome; may be empty.
  std::string evidence;
  std::string where;  // file:line, for messages
};

// The criteria of a set as they apply to assessment years [from_year, to_year] (to_year 0: still
// in force), with the text they come from. A version may instead reuse another set's criteria
// for those years (`same_as`), as NTM 19.2 reuses Thông tư 124 Art. 5 from 2022.
struct CriteriaVersion {
  int from_year = 0;
  int to_year = 0;
  std::string basis;
  std::string same_as;
  std::vector<Criterion> criteria;
};

// Who recognises the units that meet a set, over a span of days. TT 124 Art. 10 gave communes to
// the district people's committee; from 2025-07-01 there are no districts and the amending text
// (TT 48/2025) was not read, so the holder is configuration, not code.
struct Recogniser {
  Date from = Date::Min();
  Date to = Date::Max();
  std::string by_vi;
  std::string by_en;
};

// A set of criteria a unit meets or not in an assessment year: TT 124 Art. 5 for communes, New
// Rural indicator 19.2, or a province's own. Data, not code: declared in the catalogue's TOML.
struct CriteriaSet {
  std::string code;
  std::string name_vi;
  std::string name_en;
  UnitLevel level = UnitLevel::kCommune;
  // Unit types it concerns ("Xã" for New Rural criteria); empty: every unit of the level.
  std::vector<std::string> unit_types;
  // The data set whose calendar places the assessment year (its window's last day is the day
  // the set's units are taken on).
  std::string data_set;
  std::vector<CriteriaVersion> versions;
  std::vector<Recogniser> recognisers;

  // The version for `year`, or nullptr when none applies.
  const CriteriaVersion* VersionFor(int year) const;
  // Who recognises on `day`, or nullptr when the catalogue does not say.
  const Recogniser* RecogniserOn(Date day) const;
  bool Concerns(const UnitVersion& unit) const;
};

}  // namespace antq
