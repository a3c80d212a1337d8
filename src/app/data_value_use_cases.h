#pragma once

#include <functional>
#include <istream>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "app/access.h"
#include "app/workspace.h"
#include "common/date.h"
#include "common/result.h"
#include "domain/data_import.h"
#include "interop/data_value_set.h"

namespace antq {

// A dataValueSet file's bytes read in `format` ("dvs-json", "dvs-csv" or "adx"), and values written
// in it: the formats live in interop, the faces (CLI, HTTP) ask here.
Result<DataValueSet> ReadDataValueSet(std::string_view bytes, std::string_view format,
                                      const std::string& file);
Status WriteDataValueSet(const std::vector<DataValueEntry>& values, std::string_view format,
                         std::ostream& out);

// How an import treats values that are already stored (DHIS2's importStrategy).
enum class ImportStrategy { kCreate, kUpdate, kCreateAndUpdate, kDelete };
Result<ImportStrategy> ParseImportStrategy(std::string_view name);  // CREATE, UPDATE, …

struct ImportOptions {
  ImportStrategy strategy = ImportStrategy::kCreateAndUpdate;
  bool dry_run = false;
  // Store the valid values when some are refused (DHIS2's non-atomic mode). Without it one
  // refused value stores nothing.
  bool skip_invalid = false;
  // What the import is recorded under (antq import list): the file's name, its format and the
  // SHA-256 of its bytes.
  std::string file_name;
  std::string format;
  std::string sha256;
  // About how many values the file holds (its lines, say), when known: sizes the import's
  // memory once.
  size_t expected_values = 0;
  // Told now and then how many values were checked, of how many (for a terminal's progress).
  // (`all` is 0 while a streamed file's size in values is not known.)
  std::function<void(size_t done, size_t all)> progress;
};

// DHIS2's codes for an org unit it does not know and a value that is not valid, which readers
// of other files (sheets) use for what they could not read.
inline constexpr const char* kConflictUnknownUnit = "E8103";
inline constexpr const char* kConflictInvalidValue = "E8122";

// One refused value, as DHIS2 reports it: the object (the code that failed), a message, an error
// code of DHIS2's E8xxx family and the indexes of the values it concerns.
struct ImportConflict {
  std::string object;
  std::string property;  // dataElement, orgUnit, period, value, categoryOptionCombo
  std::string message;
  std::string error_code;
  std::vector<size_t> indexes;
};

// DHIS2's import summary: SUCCESS, WARNING (some values refused but the rest stored) or ERROR
// (nothing stored), the counts and the conflicts.
struct ImportSummary {
  std::string status = "SUCCESS";
  size_t imported = 0;
  size_t updated = 0;
  size_t ignored = 0;
  size_t deleted = 0;
  bool dry_run = false;
  std::vector<ImportConflict> conflicts;
  int64_t import_id = 0;  // the record of a stored import (0: nothing stored)
  size_t values = 0;      // how many the file held
  // What reading the file changed on the way: a sheet's old TCVN3/VNI text made Unicode, by cell.
  std::vector<std::string> notes;
};

// What a reader found before the values were checked: values it could not read for sure (a
// sheet's unit name that matches no unit, "1.5" in a count column), refused with the import's
// own conflicts, and notes on what it converted.
struct ReadFindings {
  std::vector<ImportConflict> conflicts;
  std::vector<std::string> notes;
};

// Imports a dataValueSet: each value's codes are resolved (orgUnit as a unit code, dataElement
// as an element code, categoryOptionCombo as the element's option or "default", period as an ISO
// code) to the report of the data set that holds the element for the unit's level and the
// period's type; then every value is checked as data entry checks it (the type and range, the
// actor's entry scope, the report's state: a submitted, approved or locked report refuses, with
// a conflict). Without conflicts, or with `skip_invalid`, the values are stored through the same
// use case as data entry (audited, checked against the rules), all in one transaction. Values
// marked deleted, and every value of a DELETE import, are removed when stored (their value may
// be empty) and counted as deleted; undo puts them back.
Result<ImportSummary> ImportDataValues(Workspace& ws, const Actor& actor, const DataValueSet& set,
                                       const ImportOptions& options, Date today,
                                       ReadFindings findings = {});

// A file's bytes imported: read in `options.format`, recorded under `file_name` with the bytes'
// SHA-256 (the CLI and the HTTP endpoint both come through here).
Result<ImportSummary> ImportDataValueFile(Workspace& ws, const Actor& actor, std::string_view bytes,
                                          const std::string& file_name, ImportOptions options,
                                          Date today);

// A dataValueSets file in `options.format` (dvs-csv or dvs-json) read from `in` as it is
// imported: the file is never held whole, and the import's memory stays bounded (its values are
// checked, then written a chunk at a time inside the one transaction, which commits only at the
// end). `options.sha256` is the caller's (it has the file). Otherwise as ImportDataValues.
Result<ImportSummary> ImportDataValueStream(Workspace& ws, const Actor& actor, std::istream& in,
                                            const std::string& file_name, ImportOptions options,
                                            Date today);

// A file on disk in `options.format`: JSON and CSV are streamed (read once for their SHA-256 and
// an estimate of their values, then imported as they are read again), ADX is read whole. The
// import is recorded under the file's path.
Result<ImportSummary> ImportDataValuePath(Workspace& ws, const Actor& actor,
                                          const std::string& path, ImportOptions options,
                                          Date today);

// The recorded imports, oldest first: every stored import, with its file's name and SHA-256.
// Administrators see all; other users their own.
Result<std::vector<DataImport>> ListDataImports(const Workspace& ws, const Actor& actor);

struct UndoSummary {
  int64_t import_id = 0;
  size_t restored = 0;  // values put back as they were before
  size_t removed = 0;   // values the import had added
};

// Puts back exactly what import `id` changed, in one transaction, through data entry's use
// cases (audited, the engine told). Refuses, saying which value and why, when a value was
// changed again after the import, when its report is no longer open, or when the import was
// undone already; only an administrator or the user who imported may undo.
Result<UndoSummary> UndoDataImport(Workspace& ws, const Actor& actor, int64_t id, Date today);

// The values an export covers: an area (a unit code; its area across time), whole years, and
// optionally one data set.
struct ExportRequest {
  std::string under;
  std::string years;  // "2022" or "2019..2022"
  std::string data_set;
};

// The stored values of the area the actor may read, in DHIS2's form (codes as identifiers, the
// option as categoryOptionCombo), ordered by data set, period, unit and element.
Result<std::vector<DataValueEntry>> ExportDataValues(const Workspace& ws, const Actor& actor,
                                                     const ExportRequest& request);

}  // namespace antq
