#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace antq {

// One value of a DHIS2 dataValueSet, as the file says it: codes and text, nothing resolved yet
// (the import use case maps the codes to units, elements and options). Values are strings in
// DHIS2's formats; a JSON number is kept as its written digits.
struct DataValueEntry {
  std::string data_element;
  std::string period;
  std::string org_unit;
  std::string category_option_combo;   // "" or "default": the element's total
  std::string attribute_option_combo;  // read and written back; ANTQ has no attributes
  std::string value;
  std::string stored_by;
  std::string last_updated;
  std::string comment;
  bool follow_up = false;
  bool deleted = false;
  // ADX names these: the data set of the value's group, and the category whose option
  // category_option_combo is (the attribute that carries it). Exports fill them; the JSON and
  // CSV formats have no place for them.
  std::string data_set;
  std::string category;
  // Where it was read: the 0-based index among the file's values (DHIS2's conflict "indexes")
  // and, for CSV, the line.
  size_t index = 0;
  int line = 0;
  std::string cell;  // XLSX: the cell the value came from ("Tổng hợp!C5")
};

// The values of a file, and the group-level fields values inherit (JSON's top-level dataSet,
// period, orgUnit, attributeOptionCombo).
struct DataValueSet {
  std::string data_set;
  std::string complete_date;
  std::vector<DataValueEntry> values;
};

// dataValueSets JSON (DHIS2 §4.1), read with simdjson On-Demand: the top-level fields and the
// dataValues array; unknown keys are skipped, values may be strings or numbers, comment may be
// null. Errors name the file and what is wrong ("dataValues[3].period: expected a string").
Result<DataValueSet> ReadDataValueSetJson(std::string_view text, const std::string& file);
// The same read from a stream, each value handed to `visit` as it is read: the dataValues array
// is parsed a batch of objects at a time, so a file of any size needs a few megabytes. Group
// fields (period, orgUnit) apply when they come before dataValues; given after it, for values
// that lack them, they are an error (those values were handed over already).
Status ReadDataValueSetJson(std::istream& in, const std::string& file,
                            const std::function<Status(DataValueEntry&)>& visit);

// dataValueSets CSV (DHIS2 §4.2): a header row naming the columns case-insensitively, in any
// order, with DHIS2's older spellings (catoptcombo, attroptcombo, strby, lstupd, cmt,
// timestamp); dataelement, period, orgunit and value are required. Errors name file:line.
Result<DataValueSet> ReadDataValueSetCsv(std::string_view text, const std::string& file);
// The same read from a stream, each value handed to `visit` as it is read, so a file of tens of
// millions of values is never held whole. An error from `visit` stops the reading.
Status ReadDataValueSetCsv(std::istream& in, const std::string& file,
                           const std::function<Status(DataValueEntry&)>& visit);

// ADX (IHE QRPH, DHIS2 §4.3): <adx><group orgUnit period="2022-09-01/P1M" dataSet>
// <dataValue dataElement value CATEGORY="OPTION"/>, a text value possibly in <annotation>.
// Periods are Gregorian start dates with a duration (P1D, P7D, P1M, P3M, P6M, P1Y) and become
// ISO codes; a start that does not begin such a period is an error naming the group.
Result<DataValueSet> ReadDataValueSetAdx(std::string_view text, const std::string& file);

// Writes values as DHIS2 exports them: JSON {"dataValues":[…]} with the fields in DHIS2's
// order, or CSV with DHIS2's export header. Written value by value, so an export of millions of
// values needs no document in memory.
void WriteDataValueSetJson(const std::vector<DataValueEntry>& values, std::ostream& out);
void WriteDataValueSetCsv(const std::vector<DataValueEntry>& values, std::ostream& out);
// ADX: a group per run of values with the same unit, period and data set; the option as the
// attribute named by the value's category. Fails on a period that ADX cannot say.
Status WriteDataValueSetAdx(const std::vector<DataValueEntry>& values, std::ostream& out);

}  // namespace antq
